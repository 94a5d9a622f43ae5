"""Retrieval as a service: collections, ingest, documents, hybrid search.

Blocking methods (call them off the event loop). Write order for crash
safety: vectors first, registry last (one transaction), old vectors after;
search trusts only the registry, so vectors left by a crash are invisible
and `sweep` removes them.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from retrieval.bm25_index import Bm25Indexes
from retrieval.fusion import rrf
from retrieval.protocols import Embedder, Redactor, Reranker, VectorStore
from retrieval.registry import ChunkRow, Collection, Document

if TYPE_CHECKING:
    from retrieval.chunking import Chunk

Mode = Literal["vector", "bm25", "hybrid"]
RERANK_POOL = 4  # the cross-encoder re-scores the fused top 4k


class RetrievalError(Exception):
    code = "retrieval_error"


class CollectionNotFound(RetrievalError):
    code = "collection_not_found"


class CollectionExists(RetrievalError):
    code = "collection_exists"


class RedactionUnavailable(RetrievalError):
    code = "redaction_unavailable"


class DocumentNotFound(RetrievalError):
    code = "document_not_found"


@dataclass(frozen=True, slots=True)
class Tuning:
    chunk_tokens: int = 256
    chunk_overlap: int = 32
    top_k: int = 5
    candidates: int = 40
    min_score: float = 0.0
    max_upload_bytes: int = 50 * 2**20


@dataclass(frozen=True, slots=True)
class Hit:
    chunk_id: str
    document_id: str
    collection: str
    filename: str
    title: str
    page: int
    heading: str | None
    text: str
    score: float

    def source(self) -> dict[str, object]:
        """The DESIGN.md `sources` entry."""
        return {
            "document_id": self.document_id,
            "collection": self.collection,
            "filename": self.filename,
            "title": self.title,
            "page": self.page,
            "chunk_id": self.chunk_id,
            "score": round(self.score, 6),
        }


@dataclass(frozen=True, slots=True)
class Ingested:
    id: str
    filename: str
    title: str
    pages: int
    chunks: int
    status: Literal["created", "replaced", "unchanged"]
    pii_redacted: dict[str, int] | None = None  # entity types and counts, when redacting

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "id": self.id,
            "filename": self.filename,
            "title": self.title,
            "pages": self.pages,
            "chunks": self.chunks,
            "status": self.status,
        }
        if self.pii_redacted is not None:
            out["pii_redacted"] = self.pii_redacted
        return out


class Retrieval:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        embedder: Embedder,
        store: VectorStore,
        tuning: Tuning = Tuning(),
        reranker: Reranker | None = None,
        redactor: Redactor | None = None,
    ) -> None:
        self._sessions = sessions
        self._embedder = embedder
        self._store = store
        self.tuning = tuning
        self._bm25 = Bm25Indexes()
        self._reranker = reranker
        self._redactor = redactor
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="enclave-bm25")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._store.close()

    # collections -------------------------------------------------------------------------
    def create_collection(
        self,
        name: str,
        read_groups: Sequence[str],
        write_groups: Sequence[str],
        description: str = "",
        redact_pii: bool = False,
    ) -> Collection:
        with self._sessions.begin() as s:
            if s.get(Collection, name) is not None:
                raise CollectionExists(f"collection '{name}' exists")
            row = Collection(
                name=name,
                description=description,
                read_groups=sorted(read_groups),
                write_groups=sorted(write_groups),
                created_at=datetime.now(UTC),
                version=0,
                redact_pii=redact_pii,
            )
            s.add(row)
            return row

    def collections(self) -> list[Collection]:
        with self._sessions() as s:
            return list(s.scalars(select(Collection).order_by(Collection.name)))

    def collection(self, name: str) -> Collection:
        with self._sessions() as s:
            row = s.get(Collection, name)
        if row is None:
            raise CollectionNotFound(f"collection '{name}' not found")
        return row

    def delete_collection(self, name: str) -> None:
        self.collection(name)
        with self._sessions.begin() as s:
            s.execute(delete(ChunkRow).where(ChunkRow.collection == name))
            s.execute(delete(Document).where(Document.collection == name))
            s.execute(delete(Collection).where(Collection.name == name))
        self._store.drop(name)
        self._bm25.forget(name)

    # documents ---------------------------------------------------------------------------
    def documents(self, collection: str) -> list[Document]:
        self.collection(collection)
        with self._sessions() as s:
            return list(
                s.scalars(
                    select(Document)
                    .where(Document.collection == collection)
                    .order_by(Document.created_at)
                )
            )

    def passage(self, collection: str, chunk_id: str) -> dict[str, object] | None:
        """One stored chunk with where it came from (a cited source, opened by a reader)."""
        with self._sessions() as s:
            found = s.execute(
                select(ChunkRow, Document)
                .join(Document, Document.id == ChunkRow.document_id)
                .where(ChunkRow.id == chunk_id, ChunkRow.collection == collection)
            ).first()
        if found is None:
            return None
        chunk, doc = found
        return {
            "chunk_id": chunk.id,
            "document_id": doc.id,
            "collection": collection,
            "filename": doc.filename,
            "title": doc.title,
            "page": chunk.page,
            "heading": chunk.heading,
            "text": chunk.text,
        }

    def delete_document(self, collection: str, document_id: str) -> None:
        with self._sessions.begin() as s:
            doc = s.get(Document, document_id)
            if doc is None or doc.collection != collection:
                raise DocumentNotFound(f"document '{document_id}' not found in '{collection}'")
            s.execute(delete(ChunkRow).where(ChunkRow.document_id == document_id))
            s.delete(doc)
            _bump(s, collection)
        self._store.delete_documents(collection, [document_id])

    def ingest(self, collection: str, filename: str, data: bytes) -> Ingested:
        """Parse, chunk, embed, store. Unchanged file: no-op; changed file: replaces the old."""
        from retrieval.chunking import chunk_document
        from retrieval.parsers import parse_document

        redact = self.collection(collection).redact_pii
        if redact and self._redactor is None:
            raise RedactionUnavailable(
                f"collection '{collection}' stores documents with PII redacted, and PII "
                "detection is off (safety.pii_enabled and safety.filters_enabled)"
            )
        doc = parse_document(data, filename, max_bytes=self.tuning.max_upload_bytes)
        old = self._by_filename(collection, filename)
        if old is not None and old.content_hash == doc.content_hash:
            return Ingested(old.id, filename, old.title, old.pages, old.chunks, "unchanged")
        chunks = chunk_document(
            doc,
            count_tokens=self._embedder.count_tokens,
            max_tokens=self.tuning.chunk_tokens,
            overlap_tokens=self.tuning.chunk_overlap,
        )
        pii: dict[str, int] | None = None
        if redact and self._redactor is not None:
            chunks, pii = self._redacted(chunks)
        doc_id = "doc_" + secrets.token_hex(12)
        ids = [f"{doc_id}:{c.position}" for c in chunks]
        vectors = self._embedder.embed([c.text for c in chunks])
        metas: list[dict[str, str | int]] = [
            {"document_id": doc_id, "page": c.page, "position": c.position} for c in chunks
        ]
        self._store.add(collection, ids, vectors, metas)
        self._register(collection, filename, doc, doc_id, chunks, ids, len(data), old)
        if old is not None:
            self._store.delete_documents(collection, [old.id])
        status: Literal["created", "replaced"] = "replaced" if old is not None else "created"
        return Ingested(doc_id, filename, doc.title, len(doc.pages), len(chunks), status, pii)

    def _redacted(self, chunks: list[Chunk]) -> tuple[list[Chunk], dict[str, int]]:
        """Chunk texts and headings with PII tagged, before anything is embedded or stored."""
        assert self._redactor is not None
        n = len(chunks)
        texts = [c.text for c in chunks] + [c.heading or "" for c in chunks]
        redacted, counts = self._redactor.redact(texts)
        out = [
            dataclasses.replace(c, text=redacted[i], heading=redacted[n + i] if c.heading else None)
            for i, c in enumerate(chunks)
        ]
        return out, counts

    def _by_filename(self, collection: str, filename: str) -> Document | None:
        with self._sessions() as s:
            return s.scalars(
                select(Document).where(
                    Document.collection == collection, Document.filename == filename
                )
            ).first()

    def _register(self, collection, filename, doc, doc_id, chunks, ids, size, old) -> None:  # type: ignore[no-untyped-def]
        """The registry write: the moment the document becomes visible (one transaction)."""
        with self._sessions.begin() as s:
            if old is not None:
                s.execute(delete(ChunkRow).where(ChunkRow.document_id == old.id))
                s.execute(delete(Document).where(Document.id == old.id))
            s.add(
                Document(
                    id=doc_id,
                    collection=collection,
                    filename=filename,
                    title=doc.title,
                    kind=doc.kind,
                    content_hash=doc.content_hash,
                    pages=len(doc.pages),
                    chunks=len(chunks),
                    size_bytes=size,
                    created_at=datetime.now(UTC),
                )
            )
            s.flush()
            s.add_all(
                ChunkRow(
                    id=i,
                    document_id=doc_id,
                    collection=collection,
                    position=c.position,
                    page=c.page,
                    heading=c.heading,
                    text=c.text,
                )
                for i, c in zip(ids, chunks, strict=True)
            )
            _bump(s, collection)

    def sweep_all(self) -> int:
        """Sweep every collection (at start-up: an ingest killed earlier left vectors)."""
        return sum(self.sweep(c.name) for c in self.collections())

    def sweep(self, collection: str) -> int:
        """Delete vectors of documents the registry does not know (left by a crash)."""
        with self._sessions() as s:
            known = set(s.scalars(select(Document.id).where(Document.collection == collection)))
        orphans = sorted(self._store.document_ids(collection) - known)
        self._store.delete_documents(collection, orphans)
        return len(orphans)

    # search ------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        collections: Sequence[str],
        top_k: int | None = None,
        mode: Mode = "hybrid",
    ) -> list[Hit]:
        k = top_k or self.tuning.top_k
        n = max(self.tuning.candidates, k)
        rankings: list[list[str]] = []
        scores: dict[str, float] = {}
        # BM25 runs beside the query embedding (both release the GIL for their heavy parts).
        bm25 = (
            self._pool.submit(self._bm25_ranking, query, collections, n)
            if mode in ("bm25", "hybrid")
            else None
        )
        if mode in ("vector", "hybrid"):
            rankings.append(self._vector_ranking(query, collections, n, scores))
        if bm25 is not None:
            ranking, bm25_scores = bm25.result()
            rankings.append(ranking)
            for chunk_id, score in bm25_scores.items():
                scores.setdefault(chunk_id, score)
        fused = rrf(rankings) if mode == "hybrid" else [(i, scores[i]) for i in rankings[0]]
        kept = [(i, s) for i, s in fused if s >= self.tuning.min_score]
        if self._reranker is None:
            return self._hits(kept, k)
        return self._rerank(query, self._hits(kept, RERANK_POOL * k), k)

    def _rerank(self, query: str, hits: list[Hit], k: int) -> list[Hit]:
        """Re-score the fused top candidates with the cross-encoder; its score is reported."""
        assert self._reranker is not None
        scores = self._reranker.score(query, [h.text for h in hits])
        ranked = sorted(zip(scores, range(len(hits)), hits, strict=True), key=lambda t: -t[0])
        return [dataclasses.replace(h, score=s) for s, _, h in ranked[:k]]

    def _vector_ranking(
        self, query: str, collections: Sequence[str], n: int, scores: dict[str, float]
    ) -> list[str]:
        embedding = self._embedder.embed([query])[0]
        hits = [h for c in collections for h in self._store.query(c, embedding, n)]
        hits.sort(key=lambda h: h.distance)
        for h in hits[:n]:
            scores[h.chunk_id] = 1.0 - h.distance  # cosine similarity
        return [h.chunk_id for h in hits[:n]]

    def _bm25_ranking(
        self, query: str, collections: Sequence[str], n: int
    ) -> tuple[list[str], dict[str, float]]:
        found: list[tuple[str, float]] = []
        for name in collections:
            index = self._bm25.ensure(
                name, self.collection(name).version, lambda name=name: self._chunk_texts(name)
            )
            found += self._bm25.search(index, query, n)
        found.sort(key=lambda kv: -kv[1])
        return [chunk_id for chunk_id, _ in found[:n]], dict(found[:n])

    def _chunk_texts(self, collection: str) -> tuple[list[str], list[str]]:
        with self._sessions() as s:
            rows = s.execute(
                select(ChunkRow.id, ChunkRow.text)
                .where(ChunkRow.collection == collection)
                .order_by(ChunkRow.id)
            ).all()
        return [r[0] for r in rows], [r[1] for r in rows]

    def _hits(self, ranked: list[tuple[str, float]], k: int) -> list[Hit]:
        """Resolve ids through the registry; ids it does not know (crash leftovers) drop out."""
        wanted = [i for i, _ in ranked[: k * 3]]
        with self._sessions() as s:
            rows = {
                r.ChunkRow.id: r
                for r in s.execute(
                    select(ChunkRow, Document)
                    .join(Document, Document.id == ChunkRow.document_id)
                    .where(ChunkRow.id.in_(wanted))
                )
            }
        hits = []
        for chunk_id, score in ranked:
            row = rows.get(chunk_id)
            if row is not None:
                c, d = row.ChunkRow, row.Document
                hits.append(
                    Hit(
                        c.id,
                        d.id,
                        d.collection,
                        d.filename,
                        d.title,
                        c.page,
                        c.heading,
                        c.text,
                        score,
                    )
                )
            if len(hits) == k:
                break
        return hits


def _bump(s: Session, collection: str) -> None:
    s.execute(
        update(Collection)
        .where(Collection.name == collection)
        .values(version=Collection.version + 1)
    )


def build_eval_index(corpus_dir: Path, work_dir: Path) -> EvalIndex:
    """A private index over a folder of documents, for bench/retrieval_quality.py."""
    from gateway.db import make_engine, upgrade
    from retrieval.chroma_store import ChromaStore
    from retrieval.embedder import SentenceTransformerEmbedder

    work_dir.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{work_dir}/eval.db"
    upgrade(url)
    service = Retrieval(
        sessionmaker(make_engine(url), expire_on_commit=False),
        SentenceTransformerEmbedder(),
        ChromaStore(path=work_dir / "chroma"),
    )
    if not any(c.name == "eval" for c in service.collections()):
        service.create_collection("eval", ["eval"], ["eval"])
    for path in sorted(p for p in corpus_dir.iterdir() if p.suffix in {".md", ".txt", ".pdf"}):
        service.ingest("eval", path.name, path.read_bytes())
    return EvalIndex(service)


@dataclass
class EvalIndex:
    service: Retrieval

    def search(self, question: str, top_k: int, mode: str) -> list[Hit]:
        return self.service.search(question, ["eval"], top_k, mode)  # type: ignore[arg-type]
