"""Secrets are found by type, with only the secret part covered, and ordinary text passes."""

from __future__ import annotations

import pytest

from safety.secrets import find_secrets

CASES = [
    ("key AKIAIOSFODNN7EXAMPLE here", "aws_access_key", "AKIAIOSFODNN7EXAMPLE"),
    ("token ghp_" + "a1B2" * 9, "github_token", "ghp_" + "a1B2" * 9),
    ("use sk-proj-" + "Ab3" * 10, "openai_key", "sk-proj-" + "Ab3" * 10),
    ("slack xoxb-1234567890-abcdefghij", "slack_token", "xoxb-1234567890-abcdefghij"),
    ("stripe sk_live_" + "x9" * 12, "stripe_key", "sk_live_" + "x9" * 12),
    ("enc_ab12CD34_" + "Z" * 32 + " is my key", "enclave_key", "enc_ab12CD34_" + "Z" * 32),
    ("db postgres://app:S3cret!pw@db.internal:5432/prod", "connection_string", "S3cret!pw"),
    ("password: Summer2024!", "password", "Summer2024!"),
    ("the API key is Xy7pQ2rT9", "password", "Xy7pQ2rT9"),
    ("Authorization: Bearer abcdefghijklmnopqrstuvwx.yz", "bearer_token", None),
]


@pytest.mark.parametrize(("text", "kind", "secret"), CASES)
def test_find_secrets_covers_the_secret_part(text: str, kind: str, secret: str | None) -> None:
    found = find_secrets(text)
    assert kind in {k for k, _, _ in found}
    if secret is not None:
        start, end = next((s, e) for k, s, e in found if k == kind)
        assert text[start:end] == secret


def test_find_secrets_private_key_is_covered_even_before_its_end_arrives() -> None:
    text = "here:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA"
    (kind, start, end), *_ = find_secrets(text)
    assert kind == "private_key" and text[start:end].startswith("-----BEGIN") and end == len(text)


@pytest.mark.parametrize(
    "text",
    [
        "My password is expired, how do I reset it?",
        "What makes a strong password: length or symbols?",
        "Where do I find the API key settings page?",
        "The secret is to start early.",
        "Visit https://intranet.example.com/wiki/start for details.",
    ],
)
def test_find_secrets_ordinary_office_text_has_none(text: str) -> None:
    assert find_secrets(text) == []


def test_find_secrets_can_be_limited_to_some_types() -> None:
    text = "password: Summer2024! and AKIAIOSFODNN7EXAMPLE"
    assert {k for k, _, _ in find_secrets(text, frozenset({"password"}))} == {"password"}
