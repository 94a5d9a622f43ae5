"""SIGTERM with an answer streaming: it finishes (or ends cleanly), and it is in the audit log.

uvicorn stops taking connections and gives in-flight requests its graceful timeout
(`enclave serve` sets 10 s) before the lifespan closes the engine and the database.
"""

from __future__ import annotations

import signal
import sqlite3
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import MODEL_ID, bearer, start_server, stop_server


def test_sigterm_lets_a_streaming_answer_finish_and_records_it(
    tmp_path: Path, model_path: Path
) -> None:
    server = start_server(tmp_path, model_path, requests_per_minute=10_000)
    body = {
        "model": MODEL_ID,
        "stream": True,
        "max_tokens": 64,
        "messages": [{"role": "user", "content": "Tell me about the office."}],
    }
    lines: list[str] = []
    started = threading.Event()
    headers: dict[str, str] = {}

    def read() -> None:
        with httpx.stream(
            "POST",
            f"{server.base_url}/v1/chat/completions",
            json=body,
            headers=bearer(server.user_key),
            timeout=60,
        ) as r:
            headers.update(r.headers)
            for line in r.iter_lines():
                lines.append(line)
                started.set()

    reader = threading.Thread(target=read)
    try:
        reader.start()
        assert started.wait(60), "the stream never started"
        server.process.send_signal(signal.SIGTERM)
        reader.join(60)
        assert server.process.wait(timeout=60) in (0, -signal.SIGTERM)  # uvicorn re-raises it
    finally:
        if server.process.poll() is None:
            stop_server(server)
    assert [x for x in lines if x][-1] == "data: [DONE]", lines[-3:]  # finished, not cut
    with sqlite3.connect(tmp_path / "enclave.db") as conn:
        event = conn.execute(
            "SELECT outcome, status FROM audit_events WHERE request_id = ?",
            (headers["x-request-id"],),
        ).fetchone()
        pending = conn.execute("SELECT count(*) FROM audit_pending").fetchone()
    assert event == ("ok", 200) and pending == (0,)


def test_sigterm_refuses_new_connections_at_once(tmp_path: Path, model_path: Path) -> None:
    server = start_server(tmp_path, model_path, requests_per_minute=10_000)
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=60) in (0, -signal.SIGTERM)
    time.sleep(0.2)
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{server.base_url}/healthz", timeout=2)
