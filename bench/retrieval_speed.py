"""Retrieval speed: PDF ingest pages/s, and hybrid query latency at 10k and 100k chunks.

    .venv/bin/python bench/retrieval_speed.py [--sizes 10000 100000] [--queries 50]

Ingest: the corpus PDFs in tests/data/corpus through the real pipeline
(parse, chunk, embed with MiniLM, Chroma, registry). Query latency: a
collection filled with synthetic chunks (random unit vectors straight into
Chroma, word-salad texts into the registry, so the size is reachable on
2 cores), then hybrid searches with real query embeddings: p50/p95 of the
whole `Retrieval.search` call (embed query + HNSW + BM25 + fusion + registry).
Target (issue 5): hybrid p50 < 30 ms at 100k chunks.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert
from sqlalchemy.orm import sessionmaker

from gateway.db import make_engine, upgrade
from retrieval.chroma_store import ChromaStore
from retrieval.embedder import SentenceTransformerEmbedder
from retrieval.registry import ChunkRow, Collection, Document
from retrieval.service import Retrieval

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"
WORDS = (
    "leave",
    "approval",
    "expense",
    "vpn",
    "printer",
    "policy",
    "deadline",
    "manager",
    "report",
    "invoice",
    "travel",
    "security",
    "password",
    "laptop",
    "office",
    "meeting",
    "budget",
    "contract",
    "holiday",
    "training",
)


def service_in(work: Path, embedder: SentenceTransformerEmbedder) -> Retrieval:
    url = f"sqlite:///{work}/bench.db"
    upgrade(url)
    return Retrieval(
        sessionmaker(make_engine(url), expire_on_commit=False),
        embedder,
        ChromaStore(path=work / "chroma"),
    )


def ingest_rate(embedder: SentenceTransformerEmbedder, work: Path) -> tuple[int, float]:
    service = service_in(work / "ingest", embedder)
    service.create_collection("pdfs", [], [])
    pdfs = sorted(CORPUS.glob("*.pdf"))
    start = time.perf_counter()
    pages = sum(service.ingest("pdfs", p.name, p.read_bytes()).pages for p in pdfs)
    return pages, time.perf_counter() - start


def fill(service: Retrieval, name: str, n: int, dim: int) -> None:
    import numpy as np

    rng = np.random.default_rng(0)
    service.create_collection(name, [], [])
    with service._sessions.begin() as s:
        s.add(
            Document(
                id=f"doc_{name}",
                collection=name,
                filename="synthetic.txt",
                title="s",
                kind="text",
                content_hash="0",
                pages=1,
                chunks=n,
                size_bytes=0,
                created_at=__import__("datetime").datetime.now(),
            )
        )
    for start in range(0, n, 5000):
        count = min(5000, n - start)
        ids = [f"doc_{name}:{i}" for i in range(start, start + count)]
        vecs = rng.normal(size=(count, dim)).astype("float32")
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        texts = [" ".join(random.choices(WORDS, k=40)) + f" item{i}" for i in range(count)]
        service._store.add(
            name,
            ids,
            vecs.tolist(),
            [
                {"document_id": f"doc_{name}", "page": 1, "position": i}
                for i in range(start, start + count)
            ],
        )
        with service._sessions.begin() as s:
            s.execute(
                insert(ChunkRow),
                [
                    {
                        "id": i,
                        "document_id": f"doc_{name}",
                        "collection": name,
                        "position": 0,
                        "page": 1,
                        "heading": None,
                        "text": t,
                    }
                    for i, t in zip(ids, texts, strict=True)
                ],
            )
    with service._sessions.begin() as s:
        s.get(Collection, name).version += 1  # type: ignore[union-attr]


def latency(service: Retrieval, name: str, queries: int) -> dict[str, float]:
    service.search("warm up the bm25 index", [name])
    times = []
    for _ in range(queries):
        q = " ".join(random.choices(WORDS, k=6))
        start = time.perf_counter()
        service.search(q, [name])
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"p50_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--queries", type=int, default=50)
    args = ap.parse_args()
    random.seed(0)
    embedder = SentenceTransformerEmbedder()
    work = Path(tempfile.mkdtemp(prefix="enclave-retrieval-bench-"))
    pages, seconds = ingest_rate(embedder, work)
    print(f"ingest: {pages} PDF pages in {seconds:.1f} s = {pages / seconds:.1f} pages/s")
    result: dict[str, object] = {"ingest_pages_per_s": pages / seconds}
    service = service_in(work / "query", embedder)
    for n in args.sizes:
        fill(service, f"synth{n}", n, embedder.dimension)
        lat = latency(service, f"synth{n}", args.queries)
        print(
            f"hybrid query at {n} chunks: p50 {lat['p50_ms']:.1f} ms, "
            f"p95 {lat['p95_ms']:.1f} ms   (target p50 < 30 ms at 100k)"
        )
        result[f"hybrid_{n}"] = lat
    print(json.dumps(result))


if __name__ == "__main__":
    main()
