"""Small protocols for retrieval backends; adapters hold the heavy imports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol


class Embedder(Protocol):
    @property
    def dimension(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Unit-length vectors (cosine = dot product); blocking, call off the event loop."""
        ...

    def count_tokens(self, text: str) -> int: ...


class Redactor(Protocol):
    def redact(self, texts: Sequence[str]) -> tuple[list[str], dict[str, int]]:
        """One document's chunk texts with PII replaced (same value, same tag across
        chunks), and the entity types with counts; blocking."""
        ...


class Reranker(Protocol):
    def score(self, query: str, passages: Sequence[str]) -> list[float]:
        """Relevance of each passage to the query (higher is better); blocking."""
        ...


@dataclass(frozen=True, slots=True)
class VectorHit:
    chunk_id: str
    document_id: str
    distance: float


class VectorStore(Protocol):
    def add(
        self,
        collection: str,
        ids: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        metadatas: Sequence[Mapping[str, str | int]],
    ) -> None: ...

    def delete_documents(self, collection: str, document_ids: Sequence[str]) -> None: ...

    def document_ids(self, collection: str) -> set[str]: ...

    def query(self, collection: str, embedding: Sequence[float], k: int) -> list[VectorHit]: ...

    def drop(self, collection: str) -> None: ...

    def close(self) -> None: ...
