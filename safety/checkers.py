"""One checker per rule kind: text in, findings (spans and a short reason) out.

Checkers never keep or return the matched text, only offsets and a reason
such as a secret's type or a similarity score, so decisions can be logged and
audited without carrying what they found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from safety.injection import injection_hits
from safety.policy import (
    InjectionRule,
    LeakRule,
    PiiRule,
    PolicyError,
    RegexRule,
    RuleBase,
    SecretsRule,
    SizeRule,
    TopicRule,
)
from safety.secrets import SECRET_TYPES, find_secrets
from safety.similarity import Embed, PhraseMatcher
from safety.vault import PLACEHOLDER, Span

INJECTION_EXAMPLES = Path(__file__).with_name("injection_examples.txt")
_WORD = re.compile(r"\w+")


class Detector(Protocol):
    def detect(self, text: str) -> list[Span]: ...


@dataclass(frozen=True, slots=True)
class Finding:
    start: int
    end: int
    reason: str  # a type, signal or score; never the matched text


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What some checkers need beyond the text: the system prompt (leak) and the detector."""

    system_texts: Sequence[str] = ()
    detector: Detector | None = None


class Checker(Protocol):
    def find(self, text: str, ctx: CheckContext) -> list[Finding]: ...


class InjectionChecker:
    def __init__(self, matcher: PhraseMatcher | None, threshold: float | None) -> None:
        self._matcher = matcher
        self._threshold = threshold

    def find(self, text: str, ctx: CheckContext) -> list[Finding]:
        found = [Finding(h.start, h.end, h.signal) for h in injection_hits(text)]
        if self._matcher is not None and self._threshold is not None:
            found += [
                Finding(h.start, h.end, f"similar to a known attack ({h.score:.2f})")
                for h in self._matcher.hits(text, self._threshold)
            ]
        return found


class TopicChecker:
    def __init__(
        self, keywords: Sequence[str], matcher: PhraseMatcher | None, threshold: float
    ) -> None:
        words = sorted({k.strip() for k in keywords if k.strip()}, key=len, reverse=True)
        alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
        self._keywords = re.compile(rf"\b(?:{alternatives})\b", re.I) if words else None
        self._matcher = matcher
        self._threshold = threshold

    def find(self, text: str, ctx: CheckContext) -> list[Finding]:
        found = []
        if self._keywords is not None:
            found += [Finding(m.start(), m.end(), "keyword") for m in self._keywords.finditer(text)]
        if self._matcher is not None:
            found += [
                Finding(
                    h.start,
                    h.end,
                    f"similar to topic description {h.reference + 1} ({h.score:.2f})",
                )
                for h in self._matcher.hits(text, self._threshold)
            ]
        return found


class RegexChecker:
    def __init__(self, patterns: Sequence[str], ignore_case: bool) -> None:
        flags = re.I if ignore_case else 0
        self._patterns = [re.compile(p, flags) for p in patterns]

    def find(self, text: str, ctx: CheckContext) -> list[Finding]:
        return [
            Finding(m.start(), m.end(), f"pattern {i + 1}")
            for i, p in enumerate(self._patterns)
            for m in p.finditer(text)
            if m.end() > m.start()
        ]


class SecretsChecker:
    def __init__(self, types: Sequence[str]) -> None:
        unknown = set(types) - SECRET_TYPES
        if unknown:
            raise PolicyError(
                f"unknown secret types {sorted(unknown)}; known: {', '.join(sorted(SECRET_TYPES))}"
            )
        self._types = frozenset(types) or SECRET_TYPES

    def find(self, text: str, ctx: CheckContext) -> list[Finding]:
        return [Finding(s, e, kind) for kind, s, e in find_secrets(text, self._types)]


class SizeChecker:
    whole_prompt = True  # the limit is on the prompt, not on each message

    def __init__(self, max_chars: int) -> None:
        self._max = max_chars

    def find(self, text: str, ctx: CheckContext) -> list[Finding]:
        if len(text) <= self._max:
            return []
        return [Finding(0, len(text), f"{len(text)} characters, over {self._max}")]


@dataclass(slots=True)
class PiiChecker:
    """PII found in the text itself; placeholders (`<PERSON_1>`) are not PII."""

    entities: frozenset[str] = field(default_factory=frozenset)

    def find(self, text: str, ctx: CheckContext) -> list[Finding]:
        if ctx.detector is None:
            return []
        tags = [(m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]
        return [
            Finding(s.start, s.end, s.entity_type)
            for s in ctx.detector.detect(text)
            if (not self.entities or s.entity_type in self.entities)
            and not any(a <= s.start and s.end <= b for a, b in tags)
        ]


class LeakChecker:
    """A run of `min_words` consecutive words of a system message, repeated in the text."""

    def __init__(self, min_words: int) -> None:
        self._n = min_words

    def find(self, text: str, ctx: CheckContext) -> list[Finding]:
        grams: set[tuple[str, ...]] = set()
        for system in ctx.system_texts:
            words = [w.casefold() for w in _WORD.findall(system)]
            grams.update(tuple(words[i : i + self._n]) for i in range(len(words) - self._n + 1))
        if not grams:
            return []
        matches = list(_WORD.finditer(text))
        words = [m.group(0).casefold() for m in matches]
        found: list[Finding] = []
        for i in range(len(words) - self._n + 1):
            if tuple(words[i : i + self._n]) in grams:
                start, end = matches[i].start(), matches[i + self._n - 1].end()
                if found and start <= found[-1].end:  # one finding per repeated run
                    found[-1] = Finding(found[-1].start, end, found[-1].reason)
                else:
                    found.append(Finding(start, end, "repeats the system prompt"))
        return found


def build_checker(rule: RuleBase, embed: Embed | None, pii_entities: Sequence[str]) -> Checker:
    """The checker for one validated rule; similarity references are embedded here, once."""
    if isinstance(rule, InjectionRule):
        matcher = None
        if rule.similarity is not None:
            examples = INJECTION_EXAMPLES.read_text(encoding="utf-8").splitlines()
            refs = [e for e in examples if e.strip() and not e.startswith("#")] + rule.examples
            matcher = PhraseMatcher(_need(embed, rule), refs)
        return InjectionChecker(matcher, rule.similarity)
    if isinstance(rule, TopicRule):
        matcher = (
            PhraseMatcher(_need(embed, rule), rule.descriptions) if rule.descriptions else None
        )
        return TopicChecker(rule.keywords, matcher, rule.similarity)
    if isinstance(rule, RegexRule):
        return RegexChecker(rule.patterns, rule.ignore_case)
    if isinstance(rule, SecretsRule):
        return SecretsChecker(rule.types)
    if isinstance(rule, SizeRule):
        return SizeChecker(rule.max_chars)
    if isinstance(rule, PiiRule):
        return PiiChecker(frozenset(rule.entities or pii_entities))
    if isinstance(rule, LeakRule):
        return LeakChecker(rule.min_words)
    raise PolicyError(f"rule {rule.name}: unknown kind")


def _need(embed: Embed | None, rule: RuleBase) -> Embed:
    if embed is None:
        raise PolicyError(
            f"rule {rule.name} compares by similarity, which needs the embedding model "
            "(retrieval's embedder failed to load or is off)"
        )
    return embed
