"""Remembered PII findings: clients resend the whole conversation every turn.

Without this, each turn would run Presidio (about 6 ms per 1,000 characters
of name-dense text here) over the entire history again. Findings are offsets and types only and
are keyed by a hash of the text, so nothing of the text is kept; a policy
reload (new entities or terms) clears them.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Protocol

from safety.checkers import Detector
from safety.policy import PiiPolicy
from safety.vault import Span


class ConfigurableDetector(Detector, Protocol):
    def configure(self, pii: PiiPolicy) -> None: ...


class CachedDetector:
    def __init__(self, detector: ConfigurableDetector, size: int = 4096) -> None:
        self._detector = detector
        self._size = size
        self._cache: OrderedDict[str, list[Span]] = OrderedDict()
        self._lock = threading.Lock()
        self._generation = 0  # findings made under an older configuration are not kept

    @property
    def uncached(self) -> Detector:
        """The detector itself, for one-off texts (document chunks at ingest) that would
        only push conversation history out of the cache."""
        return self._detector

    def configure(self, pii: PiiPolicy) -> None:
        with self._lock:
            self._detector.configure(pii)
            self._cache.clear()
            self._generation += 1

    def detect(self, text: str) -> list[Span]:
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return list(found)
            generation = self._generation
        found = self._detector.detect(text)
        with self._lock:
            if generation != self._generation:
                return found
            self._cache[key] = list(found)
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return found
