"""Semantic similarity to reference phrases (known attacks, banned-topic descriptions).

Patterns catch known phrasings; similarity catches paraphrases. A long text is
cut into sentence-sized segments so one hostile sentence inside an ordinary
request is compared on its own instead of being diluted by the rest. The
embedder is the one retrieval already loaded (unit-length vectors, cosine =
dot product); the reference phrases are embedded once, when the policy loads.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

Embed = Callable[[Sequence[str]], list[list[float]]]
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")
SEGMENT_CHARS = 320  # about one or two sentences; MiniLM reads 256 tokens at most
MAX_SEGMENTS = 96  # a 20,000-character prompt, beyond that only the last part is compared


def segments(text: str) -> list[tuple[int, int]]:
    """[start, end) of sentence-sized pieces of `text`, each under SEGMENT_CHARS when possible."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if not text[s:e].strip():
            continue
        while e - s > SEGMENT_CHARS:  # one endless sentence: cut it
            merged.append((s, s + SEGMENT_CHARS))
            s += SEGMENT_CHARS
        if merged and e - merged[-1][0] <= SEGMENT_CHARS // 2:
            merged[-1] = (merged[-1][0], e)  # short sentences travel together
        else:
            merged.append((s, e))
    return merged[-MAX_SEGMENTS:]


class CachedEmbed:
    """Remembers recent segment vectors: every similarity rule of a policy compares the
    same segments, and a streamed answer's windows overlap."""

    def __init__(self, embed: Embed, size: int = 512) -> None:
        self._embed = embed
        self._size = size
        self._cache: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, texts: Sequence[str]) -> list[list[float]]:
        keys = [hashlib.sha256(t.encode("utf-8", "surrogatepass")).hexdigest() for t in texts]
        with self._lock:  # keyed by hash: no prompt text is kept in memory
            missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in self._cache}
        vectors = self._embed(list(missing.values())) if missing else []
        fresh = dict(zip(missing, vectors, strict=True))
        with self._lock:
            self._cache.update(fresh)
            out = [fresh[k] if k in fresh else self._cache[k] for k in keys]
            for k in keys:
                if k in self._cache:
                    self._cache.move_to_end(k)
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return out


@dataclass(frozen=True, slots=True)
class SimilarityHit:
    start: int
    end: int
    score: float
    reference: int  # index of the reference phrase it resembles


class PhraseMatcher:
    """Compares text segments against reference phrases embedded once."""

    def __init__(self, embed: Embed, references: Sequence[str]) -> None:
        self._embed = embed
        self._refs = np.asarray(embed(list(references)), dtype=np.float32)

    def hits(self, text: str, threshold: float) -> list[SimilarityHit]:
        pieces = segments(text)
        if not pieces or not len(self._refs):
            return []
        vectors = np.asarray(self._embed([text[s:e] for s, e in pieces]), dtype=np.float32)
        scores = vectors @ self._refs.T
        best = scores.argmax(axis=1)
        return [
            SimilarityHit(s, e, float(scores[i, best[i]]), int(best[i]))
            for i, (s, e) in enumerate(pieces)
            if scores[i, best[i]] >= threshold
        ]
