"""Secrets that must never reach the model or leave in an answer.

Each pattern names a type and, where only part of the match is secret (the
value after `password=`), the regex group to cover. Assignments need a value
that looks like a secret (a digit or symbol, or mixed case, six or more
characters) so "my password is expired" is not a secret.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SecretPattern:
    type: str
    regex: re.Pattern[str]
    group: int = 0


_V = r"[^\s\"',;]"  # one character of an assigned value
# A value with a digit, a symbol or mixed case, six characters or more.
_ASSIGNED_VALUE = rf"[\"']?((?={_V}*(?:\d|[^\w\s\"',;]|[a-z]{_V}*[A-Z]|[A-Z]{_V}*[a-z])){_V}{{6,}})"

SECRET_PATTERNS: tuple[SecretPattern, ...] = (
    SecretPattern(
        "private_key",
        re.compile(
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
            r"(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*)"
        ),
    ),
    SecretPattern("aws_access_key", re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA)[0-9A-Z]{16}\b")),
    SecretPattern(
        "github_token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_\w{22,})")
    ),
    SecretPattern("slack_token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    SecretPattern("openai_key", re.compile(r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}")),
    SecretPattern("stripe_key", re.compile(r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}")),
    SecretPattern("google_api_key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    SecretPattern("enclave_key", re.compile(r"\benc_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}\b")),
    SecretPattern(
        "jwt", re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")
    ),
    SecretPattern("bearer_token", re.compile(r"(?i)\bbearer\s+([A-Za-z0-9._~+/-]{20,}=*)"), 1),
    SecretPattern(
        "connection_string",
        re.compile(r"\b[a-z][a-z0-9+.-]{1,20}://[^\s:/@\"']+:([^\s@/\"']+)@[^\s\"']+", re.I),
        1,
    ),
    SecretPattern(
        "password",
        re.compile(
            r"(?i:\b(?:password|passwd|pwd|passphrase|pass ?code|secret|api[_ -]?key|"
            r"access[_ -]?token|auth[_ -]?token|client[_ -]?secret|private[_ -]?key)\b"
            r"\s*(?:is\s*|[:=]\s*|=>\s*))" + _ASSIGNED_VALUE
        ),
        1,
    ),
)
SECRET_TYPES = frozenset(p.type for p in SECRET_PATTERNS)


def find_secrets(text: str, types: frozenset[str] = SECRET_TYPES) -> list[tuple[str, int, int]]:
    """(type, start, end) of each secret found, in text order."""
    found = [
        (p.type, m.start(p.group), m.end(p.group))
        for p in SECRET_PATTERNS
        if p.type in types
        for m in p.regex.finditer(text)
        if m.end(p.group) > m.start(p.group)
    ]
    return sorted(found, key=lambda f: (f[1], -f[2]))
