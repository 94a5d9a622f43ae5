"""Retrieval through the live gateway: upload, grounded chat with sources, group isolation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import MODEL_ID, LiveServer, bearer, start_server, stop_server

SECRET = b"""# Project Nightjar budget

The Nightjar programme budget for 2027 is 4.2 million euros, approved by the board
on 14 March. Only the finance group may see this figure.
"""
PUBLIC = b"""# Canteen

The canteen opens at 11:30 and closes at 14:00 on weekdays.
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, model_path: Path) -> Iterator[LiveServer]:
    live = start_server(
        tmp_path_factory.mktemp("retrieval"), model_path, requests_per_minute=10_000
    )
    admin = bearer(live.keys["admin"])
    for name, read in (("finance", ["finance"]), ("everyone", ["staff"])):
        r = httpx.post(
            f"{live.base_url}/v1/collections",
            headers=admin,
            timeout=30,
            json={"name": name, "read_groups": read, "write_groups": read},
        )
        assert r.status_code == 201, r.text
    for name, filename, body in (
        ("finance", "nightjar.md", SECRET),
        ("everyone", "canteen.md", PUBLIC),
    ):
        r = httpx.post(
            f"{live.base_url}/v1/collections/{name}/documents",
            headers=admin,
            files={"file": (filename, body)},
            timeout=120,
        )
        assert r.status_code == 201, r.text
    yield live
    stop_server(live)


def chat(server: LiveServer, key: str, question: str, **extra: object) -> httpx.Response:
    body = {
        "model": MODEL_ID,
        "messages": [{"role": "user", "content": question}],
        "max_tokens": 4,
        "temperature": 0,
        **extra,
    }
    return httpx.post(
        f"{server.base_url}/v1/chat/completions", headers=bearer(key), json=body, timeout=120
    )


def test_upload_answers_document_fields(server: LiveServer) -> None:
    r = httpx.post(
        f"{server.base_url}/v1/collections/everyone/documents",
        headers=bearer(server.keys["user"]),
        files={"file": ("hours.txt", b"Reception is staffed from 8:00 to 18:00.")},
        timeout=60,
    )
    assert r.status_code == 201
    assert set(r.json()) >= {"id", "filename", "title", "pages", "chunks"}


def test_grounded_chat_returns_sources_from_readable_collections(server: LiveServer) -> None:
    r = chat(server, server.keys["admin"], "What is the Nightjar budget for 2027?")
    sources = r.json()["sources"]
    assert sources[0]["filename"] == "nightjar.md" and sources[0]["collection"] == "finance"
    assert set(sources[0]) == {
        "document_id",
        "collection",
        "filename",
        "title",
        "page",
        "chunk_id",
        "score",
    }


def test_user_outside_group_never_gets_the_document(server: LiveServer) -> None:
    r = chat(server, server.keys["user"], "What is the Nightjar budget for 2027?")
    assert all(s["collection"] != "finance" for s in r.json()["sources"])
    for crafted in (["finance"], ["FINANCE"], ["finance/../everyone"], ["everyone", "finance"]):
        refused = chat(server, server.keys["user"], "budget?", collections=crafted)
        assert refused.status_code == 404, crafted
    assert (
        httpx.get(
            f"{server.base_url}/v1/collections/finance/documents",
            headers=bearer(server.keys["user"]),
            timeout=30,
        ).status_code
        == 404
    )
    listed = httpx.get(
        f"{server.base_url}/v1/collections", headers=bearer(server.keys["user"]), timeout=30
    ).json()["data"]
    assert [c["name"] for c in listed] == ["everyone"]


def test_streamed_chat_carries_sources_on_first_content_chunk(server: LiveServer) -> None:
    body = {
        "model": MODEL_ID,
        "messages": [{"role": "user", "content": "When does the canteen open?"}],
        "max_tokens": 4,
        "temperature": 0,
        "stream": True,
        "collections": ["everyone"],
    }
    with httpx.stream(
        "POST",
        f"{server.base_url}/v1/chat/completions",
        headers=bearer(server.keys["user"]),
        json=body,
        timeout=120,
    ) as r:
        chunks = [json.loads(line[6:]) for line in r.iter_lines() if line.startswith("data: {")]
    with_content = [c for c in chunks if c["choices"] and c["choices"][0]["delta"].get("content")]
    assert with_content[0]["sources"][0]["filename"] == "canteen.md"
    assert all("sources" not in c for c in with_content[1:])


def test_bad_uploads_get_clear_per_file_errors(server: LiveServer) -> None:
    url = f"{server.base_url}/v1/collections/everyone/documents"
    key = bearer(server.keys["user"])
    cases = {
        ("empty.txt", b""): "empty_file",
        ("x.exe", b"MZ\x90\x00binary"): "unsupported_type",
        ("bad.pdf", b"%PDF-1.7\n1 0 obj <<"): "corrupt_file",
    }
    for (name, data), code in cases.items():
        r = httpx.post(url, headers=key, files={"file": (name, data)}, timeout=60)
        assert r.status_code == 422 and r.json()["error"]["code"] == code, (name, r.text)
    missing = httpx.post(url, headers=key, data={"nofile": "x"}, timeout=30)
    assert missing.status_code == 400


def test_write_needs_a_write_group_and_unreadable_collections_stay_hidden(
    server: LiveServer,
) -> None:
    admin, user = bearer(server.keys["admin"]), bearer(server.keys["user"])
    base = f"{server.base_url}/v1/collections"
    made = httpx.post(
        base,
        headers=admin,
        json={"name": "readonly", "read_groups": ["staff"], "write_groups": ["editors"]},
        timeout=30,
    )
    assert made.status_code == 201, made.text
    doc = httpx.post(
        f"{base}/readonly/documents",
        headers=admin,
        files={"file": ("rules.txt", b"Visitors sign in at reception.")},
        timeout=60,
    ).json()["id"]
    upload = {"file": ("mine.txt", b"A note from a reader.")}
    refused = httpx.post(f"{base}/readonly/documents", headers=user, files=upload, timeout=60)
    assert refused.status_code == 403 and refused.json()["error"]["type"] == "permission_error"
    assert (
        httpx.delete(f"{base}/readonly/documents/{doc}", headers=user, timeout=30).status_code
        == 403
    )
    listed = httpx.get(f"{base}/readonly/documents", headers=user, timeout=30).json()["data"]
    assert [d["id"] for d in listed] == [doc]  # reading is allowed, and nothing changed
    finance_docs = httpx.get(f"{base}/finance/documents", headers=admin, timeout=30).json()["data"]
    hidden = httpx.post(f"{base}/finance/documents", headers=user, files=upload, timeout=60)
    assert hidden.status_code == 404  # exactly like a collection that does not exist
    gone = httpx.delete(
        f"{base}/finance/documents/{finance_docs[0]['id']}", headers=user, timeout=30
    )
    assert gone.status_code == 404
    after = httpx.get(f"{base}/finance/documents", headers=admin, timeout=30).json()["data"]
    assert [d["id"] for d in after] == [d["id"] for d in finance_docs]
