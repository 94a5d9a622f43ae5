"""Concurrent clients and cancellation against a live gateway with the real model.

Engine state is read from /metrics (queue depth, running, outcome counters),
so the tests prove what the engine did rather than sleeping and hoping.
"""

from __future__ import annotations

import json
import socket
import threading
import time

import httpx
import pytest

from tests.conftest import MODEL_ID, LiveServer, bearer

LONG = 1500  # tokens: ~20 s of decoding if never cancelled


def chat_body(**fields: object) -> dict[str, object]:
    return {
        "model": MODEL_ID,
        "messages": [{"role": "user", "content": "Hello"}],
        "temperature": 0,
        **fields,
    }


def wait_until(predicate, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


def stream_text(server: LiveServer, max_tokens: int) -> tuple[str, str | None]:
    text, finish = [], None
    with httpx.stream(
        "POST",
        f"{server.base_url}/v1/chat/completions",
        json=chat_body(stream=True, max_tokens=max_tokens),
        headers=bearer(server.user_key),
        timeout=120,
    ) as r:
        assert r.status_code == 200
        for line in r.iter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            choice = json.loads(line[6:])["choices"][0]
            text.append(choice["delta"].get("content") or "")
            finish = choice["finish_reason"] or finish
    return "".join(text), finish


def test_two_concurrent_streams_both_complete(live_server: LiveServer) -> None:
    before = live_server.metrics()
    results: list[tuple[str, str | None]] = []
    threads = [
        threading.Thread(target=lambda: results.append(stream_text(live_server, 24)))
        for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert [f for _, f in results] == ["length", "length"]
    assert results[0][0] == results[1][0] != ""
    after = live_server.metrics()
    key = 'enclave_engine_generations_total{outcome="completed"}'
    assert after[key] - before[key] == 2


def test_cancelled_stream_frees_engine_for_next_request(live_server: LiveServer) -> None:
    base = live_server.base_url
    before = live_server.metrics()
    with httpx.stream(
        "POST",
        f"{base}/v1/chat/completions",
        json=chat_body(stream=True, max_tokens=LONG),
        headers=bearer(live_server.user_key),
        timeout=60,
    ) as r:
        lines = r.iter_lines()
        contents = 0
        for line in lines:
            if '"content":"' in line and '"content":""' not in line:
                contents += 1
                if contents == 3:
                    break  # mid-generation: leave and close the connection
    wait_until(lambda: live_server.metrics()["enclave_engine_running"] == 0)
    after_cancel = live_server.metrics()
    cancelled = 'enclave_engine_generations_total{outcome="cancelled"}'
    tokens = 'enclave_engine_tokens_total{kind="completion"}'
    assert after_cancel[cancelled] == before[cancelled] + 1
    assert after_cancel[tokens] - before[tokens] < LONG / 2

    started = time.monotonic()
    text, finish = stream_text(live_server, 8)
    assert finish == "length" and text
    assert time.monotonic() - started < 10  # not stuck behind the abandoned 1500 tokens


def test_disconnect_during_non_streamed_request_cancels_generation(
    live_server: LiveServer,
) -> None:
    before = live_server.metrics()
    port = int(live_server.base_url.rsplit(":", 1)[1])
    payload = json.dumps(chat_body(max_tokens=LONG)).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Authorization: Bearer {live_server.user_key}\r\n".encode()
            + f"Content-Length: {len(payload)}\r\n\r\n".encode()
            + payload
        )
        wait_until(lambda: live_server.metrics()["enclave_engine_running"] == 1)
    wait_until(lambda: live_server.metrics()["enclave_engine_running"] == 0)
    after = live_server.metrics()
    cancelled = 'enclave_engine_generations_total{outcome="cancelled"}'
    assert after[cancelled] == before[cancelled] + 1


@pytest.mark.parametrize(
    ("content", "status"),
    [
        (b"{", 400),
        (b'{"model": "%s"}' % MODEL_ID.encode(), 400),
        (b'{"model": "%s", "messages": [{"role": 1}]}' % MODEL_ID.encode(), 400),
        (b"[" * 100_000, 400),
        (b'{"a": "' + b"x" * 2_000_000 + b'"}', 413),
    ],
)
def test_malformed_requests_are_clear_4xx_never_500_or_hang(
    live_server: LiveServer, content: bytes, status: int
) -> None:
    r = httpx.post(
        f"{live_server.base_url}/v1/chat/completions",
        content=content,
        headers={"content-type": "application/json", **bearer(live_server.user_key)},
        timeout=30,
    )
    assert r.status_code == status
    assert r.json()["error"]["message"]
    assert httpx.get(f"{live_server.base_url}/healthz", timeout=5).status_code == 200
