"""Chroma as the vector store: embedded PersistentClient, or HttpClient for a server.

Telemetry is switched off in the client settings. Enclave collection names
are mapped to Chroma names with a fixed prefix (Chroma wants 3+ characters);
vectors are unit-length and the HNSW space is cosine.
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from retrieval.protocols import VectorHit


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def chroma_name(collection: str) -> str:
    return f"enclave-{collection}"


class ChromaStore:
    def __init__(self, *, path: Path | None = None, url: str | None = None) -> None:
        import chromadb
        from chromadb.config import Settings

        settings = Settings(anonymized_telemetry=False, allow_reset=False)
        if url:
            parts = urlparse(url)
            self._client: Any = chromadb.HttpClient(
                host=parts.hostname or "127.0.0.1",
                port=parts.port or (443 if parts.scheme == "https" else 8000),
                ssl=parts.scheme == "https",
                settings=settings,
            )
        else:
            assert path is not None, "an embedded store needs a path"
            path.mkdir(parents=True, exist_ok=True)
            # Several workers opening a new store at once race to create its tables
            # ("table collections already exists"): one at a time, across processes.
            with _file_lock(path / ".enclave-open.lock"):
                self._client = chromadb.PersistentClient(path=str(path), settings=settings)
        self._handles: dict[str, Any] = {}

    def _collection(self, collection: str) -> Any:
        """The Chroma collection, handle cached (a lookup per query costs ~0.6 ms)."""
        handle = self._handles.get(collection)
        if handle is None:
            handle = self._client.get_or_create_collection(
                chroma_name(collection),
                metadata={"hnsw:space": "cosine"},
                embedding_function=None,
            )
            self._handles[collection] = handle
        return handle

    def add(
        self,
        collection: str,
        ids: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        metadatas: Sequence[Mapping[str, str | int]],
    ) -> None:
        col = self._collection(collection)
        for start in range(0, len(ids), 1000):  # Chroma caps a batch
            end = start + 1000
            col.upsert(
                ids=list(ids[start:end]),
                embeddings=[list(e) for e in embeddings[start:end]],
                metadatas=[dict(m) for m in metadatas[start:end]],
            )

    def delete_documents(self, collection: str, document_ids: Sequence[str]) -> None:
        if document_ids:
            self._collection(collection).delete(where={"document_id": {"$in": list(document_ids)}})

    def document_ids(self, collection: str) -> set[str]:
        got = self._collection(collection).get(include=["metadatas"])
        return {str(m["document_id"]) for m in got["metadatas"] or []}

    def query(self, collection: str, embedding: Sequence[float], k: int) -> list[VectorHit]:
        """Nearest chunks; ids are "<document id>:<position>", so no metadata is fetched."""
        got = self._collection(collection).query(
            query_embeddings=[list(embedding)], n_results=k, include=["distances"]
        )
        return [
            VectorHit(chunk_id, chunk_id.rsplit(":", 1)[0], float(dist))
            for chunk_id, dist in zip(got["ids"][0], got["distances"][0], strict=True)
        ]

    def drop(self, collection: str) -> None:
        self._handles.pop(collection, None)
        with contextlib.suppress(Exception):  # absent already: dropping is idempotent
            self._client.delete_collection(chroma_name(collection))

    def close(self) -> None:
        closer = getattr(self._client, "close", None)
        if callable(closer):
            closer()
