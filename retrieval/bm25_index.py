"""Per-collection BM25 (bm25s) over the registry's chunk texts, rebuilt when stale.

Each worker process keeps its own in-memory index; the collection's
`version` in the database (bumped by every ingest and delete, from any
worker) says when it must be rebuilt, so all workers answer alike.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass
class _Index:
    version: int
    ids: list[str]
    retriever: Any  # bm25s.BM25, or None for an empty collection


class Bm25Indexes:
    def __init__(self) -> None:
        self._indexes: dict[str, _Index] = {}
        self._lock = threading.Lock()

    def ensure(self, collection: str, version: int, load: Any) -> _Index:
        """The index at `version`; `load()` returns (ids, texts) when a rebuild is needed."""
        with self._lock:
            current = self._indexes.get(collection)
            if current is None or current.version != version:
                ids, texts = load()
                current = _Index(version, list(ids), _build(texts))
                self._indexes[collection] = current
            return current

    def search(self, index: _Index, query: str, k: int) -> list[tuple[str, float]]:
        import bm25s

        if index.retriever is None or not query.strip():
            return []
        tokens = bm25s.tokenize([query], stopwords="en", show_progress=False)
        if not tokens.vocab:
            return []
        n = min(k, len(index.ids))
        results, scores = index.retriever.retrieve(tokens, k=n, show_progress=False)
        return [
            (index.ids[int(i)], float(s))
            for i, s in zip(results[0], scores[0], strict=True)
            if s > 0
        ]

    def forget(self, collection: str) -> None:
        with self._lock:
            self._indexes.pop(collection, None)


def _build(texts: Sequence[str]) -> Any:
    import bm25s

    if not texts:
        return None
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(list(texts), stopwords="en", show_progress=False), show_progress=False
    )
    return retriever
