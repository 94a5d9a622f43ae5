"""Remembered PII findings: history is analysed once, a policy reload starts afresh."""

from __future__ import annotations

from safety.detector_cache import CachedDetector
from safety.policy import PiiPolicy
from safety.vault import Span


class CountingDetector:
    def __init__(self) -> None:
        self.calls: list[str] = []
        self.kind = "PERSON"

    def configure(self, pii: PiiPolicy) -> None:
        self.kind = pii.entities[0]

    def detect(self, text: str) -> list[Span]:
        self.calls.append(text)
        return [Span(self.kind, 0, 4)]


def test_cached_detector_analyses_a_repeated_message_once() -> None:
    inner = CountingDetector()
    cached = CachedDetector(inner)
    assert cached.detect("Anna wrote") == cached.detect("Anna wrote") == [Span("PERSON", 0, 4)]
    assert inner.calls == ["Anna wrote"]
    assert all(len(key) == 64 and "Anna" not in key for key in cached._cache)


def test_cached_detector_forgets_everything_when_the_policy_changes() -> None:
    inner = CountingDetector()
    cached = CachedDetector(inner)
    cached.detect("Anna wrote")
    cached.configure(PiiPolicy(entities=["LOCATION"]))
    assert cached.detect("Anna wrote") == [Span("LOCATION", 0, 4)]
    assert len(inner.calls) == 2


def test_cached_detector_keeps_at_most_its_size() -> None:
    inner = CountingDetector()
    cached = CachedDetector(inner, size=2)
    for text in ("a1", "b2", "c3", "a1"):
        cached.detect(text)
    assert inner.calls == ["a1", "b2", "c3", "a1"]  # a1 was evicted by c3
    assert len(cached._cache) == 2


def test_cached_detector_uncached_view_leaves_the_cache_alone() -> None:
    inner = CountingDetector()
    cached = CachedDetector(inner)
    cached.uncached.detect("chunk of a document")
    assert len(cached._cache) == 0 and inner.calls == ["chunk of a document"]
