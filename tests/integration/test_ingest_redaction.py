"""Collections with PII redaction at ingest: real Presidio, MiniLM, Chroma and SQLite."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from gateway.db import make_engine, upgrade
from retrieval.chroma_store import ChromaStore
from retrieval.embedder import SentenceTransformerEmbedder
from retrieval.service import RedactionUnavailable, Retrieval
from safety.doc_redaction import DocumentRedactor
from safety.policy import PiiPolicy
from safety.presidio_detector import PresidioDetector

HR_NOTE = b"""# Onboarding: new starter

Maria Lopez joins the finance team. Her personal email is maria.lopez@example.com
and her phone number is +1 212-555-0187.

## Equipment
Maria Lopez needs a laptop and a badge before her first day. Contact for the badge:
facilities@example.org.
"""


@pytest.fixture(scope="module")
def pieces() -> tuple[SentenceTransformerEmbedder, DocumentRedactor]:
    detector = PresidioDetector(pii=PiiPolicy(entities=["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"]))
    return SentenceTransformerEmbedder(), DocumentRedactor(detector)


def service(tmp: Path, pieces, redactor: bool = True) -> Retrieval:  # type: ignore[no-untyped-def]
    db = f"sqlite:///{tmp}/enclave.db"
    upgrade(db)
    embedder, doc_redactor = pieces
    return Retrieval(
        sessionmaker(make_engine(db), expire_on_commit=False),
        embedder,
        ChromaStore(path=tmp / "chroma"),
        redactor=doc_redactor if redactor else None,
    )


def test_redacting_collection_stores_and_finds_only_tags(tmp_path: Path, pieces) -> None:
    retrieval = service(tmp_path, pieces)
    retrieval.create_collection("hr", ["staff"], ["staff"], redact_pii=True)
    done = retrieval.ingest("hr", "onboarding.md", HR_NOTE)
    assert done.pii_redacted and done.pii_redacted["EMAIL_ADDRESS"] == 2
    (hit, *_) = retrieval.search("Which team does the new starter join?", ["hr"])
    assert "[PERSON_1]" in hit.text and "Maria" not in hit.text
    rows = sqlite3.connect(tmp_path / "enclave.db").execute("SELECT text FROM chunks").fetchall()
    stored = " ".join(r[0] for r in rows)
    assert "Maria" not in stored and "example.com" not in stored and "555-0187" not in stored
    assert stored.count("[PERSON_1]") >= 2  # the same person keeps one tag across chunks
    retrieval.close()


def test_ordinary_collection_keeps_the_text(tmp_path: Path, pieces) -> None:
    retrieval = service(tmp_path, pieces)
    retrieval.create_collection("hr", ["staff"], ["staff"])
    assert retrieval.ingest("hr", "onboarding.md", HR_NOTE).pii_redacted is None
    (hit, *_) = retrieval.search("Which team does the new starter join?", ["hr"])
    assert "Maria Lopez" in hit.text
    retrieval.close()


def test_redacting_collection_refuses_ingest_without_a_detector(tmp_path: Path, pieces) -> None:
    retrieval = service(tmp_path, pieces, redactor=False)
    retrieval.create_collection("hr", ["staff"], ["staff"], redact_pii=True)
    with pytest.raises(RedactionUnavailable):
        retrieval.ingest("hr", "onboarding.md", HR_NOTE)
    assert retrieval.documents("hr") == []
    retrieval.close()
