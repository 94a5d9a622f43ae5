"""The audit log on a live two-worker gateway with the real Gemma model and the OpenAI SDK.

Requests land on both worker processes; the chain they build together must
verify, hold one event per request, and never hold the PII that was sent —
not in any row, not anywhere in the SQLite files, not in the server log.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from tests.conftest import MODEL_ID, LiveServer, bearer, start_server, stop_server
from tests.e2e.test_access_live import wait_for_both_workers

NAME, EMAIL, PHONE = "Margaret Thornbury", "m.thornbury@example.net", "+44 20 7946 0958"
PROMPT = f"Summarise: {NAME} ({EMAIL}, {PHONE}) asked about the invoice."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, model_path: Path) -> Iterator[LiveServer]:
    live = start_server(
        tmp_path_factory.mktemp("audit-live"),
        model_path,
        {"ENCLAVE_AUDIT_STORE_TEXT": "true"},
        workers=2,
        requests_per_minute=10_000,
    )
    wait_for_both_workers(live)
    yield live
    stop_server(live)


def events(server: LiveServer, **params: object) -> list[dict[str, object]]:
    r = httpx.get(
        f"{server.base_url}/v1/audit/events",
        params={"limit": 500, **params},
        headers=bearer(server.keys["compliance"]),
        timeout=30,
    )
    assert r.status_code == 200, r.text
    return r.json()["data"]  # type: ignore[no-any-return]


def test_sdk_chats_are_recorded_pseudonymized_with_token_counts(server: LiveServer) -> None:
    client = openai.OpenAI(base_url=f"{server.base_url}/v1", api_key=server.user_key)
    done = client.chat.completions.create(
        model=MODEL_ID, max_tokens=8, messages=[{"role": "user", "content": PROMPT}]
    )
    streamed = client.chat.completions.create(
        model=MODEL_ID, max_tokens=8, stream=True, messages=[{"role": "user", "content": PROMPT}]
    )
    pieces = [c.choices[0].delta.content or "" for c in streamed if c.choices]
    assert len(pieces) >= 2  # the role chunk and at least one token
    chats = events(server, action="chat")[:2]
    assert len(chats) == 2 and all(e["outcome"] == "ok" for e in chats)
    assert done.usage is not None
    assert {e["completion_tokens"] for e in chats} <= {done.usage.completion_tokens, 8}
    for e in chats:
        assert e["pii"] == {"PERSON": 1, "EMAIL_ADDRESS": 1, "PHONE_NUMBER": 1}
        assert "<PERSON_1>" in str(e["prompt_text"]) and e["answer_text"] is not None


def test_concurrent_requests_on_two_workers_build_one_verified_chain(server: LiveServer) -> None:
    before = len(events(server))
    statuses: list[int] = []

    def call(i: int) -> None:
        with httpx.Client(base_url=server.base_url, timeout=60) as c:  # new connection each
            if i % 4 == 0:
                body = {
                    "model": MODEL_ID,
                    "max_tokens": 2,
                    "messages": [{"role": "user", "content": "Hi"}],
                }
                statuses.append(
                    c.post(
                        "/v1/chat/completions", json=body, headers=bearer(server.user_key)
                    ).status_code
                )
            else:
                statuses.append(c.get("/v1/models", headers=bearer(server.user_key)).status_code)

    threads = [threading.Thread(target=call, args=(i,)) for i in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses.count(200) >= 4 and set(statuses) <= {200, 429}  # 429: over the slots
    after = events(server)
    assert len(after) == before + 1 + 24  # + the listing above
    assert len({e["request_id"] for e in after}) == len(after)
    assert sum(e["outcome"] == "denied" for e in after[:24]) == statuses.count(429)
    verdict = httpx.post(
        f"{server.base_url}/v1/audit/verify", headers=bearer(server.keys["compliance"]), timeout=60
    ).json()
    assert verdict["ok"] is True and verdict["checked"] >= before + 25


def test_no_file_of_the_database_and_no_log_line_holds_the_pii_or_a_key(
    server: LiveServer,
) -> None:
    data = server.log.parent
    blobs = b"".join(p.read_bytes() for p in data.glob("enclave.db*")) + server.log.read_bytes()
    for secret in (NAME, "Thornbury", EMAIL, PHONE, *server.keys.values()):
        assert secret.encode() not in blobs
