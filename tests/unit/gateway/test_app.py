"""The gateway's HTTP behaviour around a fake engine: shapes, statuses, streaming."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from gateway.app import create_app
from gateway.settings import Settings
from tests.conftest import bearer, provision
from tests.unit.gateway.fake_engine import FakeEngine

CHAT = "/v1/chat/completions"


def body(**fields: object) -> dict[str, object]:
    return {"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], **fields}


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine(["Hel", "lo", " wor", "ld"])


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, str]:
    return provision(tmp_path)


def settings(tmp_path: Path, **fields: object) -> Settings:
    """Retrieval off: these tests are about the chat path around a fake engine."""
    return Settings(  # type: ignore[arg-type]
        data_dir=tmp_path, retrieval={"enabled": False}, safety={"pii_enabled": False}, **fields
    )


@pytest.fixture
def client(engine: FakeEngine, keys: dict[str, str], tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(
        settings(tmp_path, server={"max_body_bytes": 4096}), engine_factory=lambda s: engine
    )
    with TestClient(app) as c:
        c.headers.update(bearer(keys["admin"]))
        wait_ready(c)
        yield c


def wait_ready(c: TestClient) -> None:
    """The model loads in the background after start-up; wait (bounded) for it."""
    deadline = time.monotonic() + 10
    while c.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline, "fake engine never became ready"
        time.sleep(0.01)


def sse_events(text: str) -> list[str]:
    return [line[len("data: ") :] for line in text.split("\n\n") if line.startswith("data: ")]


def test_chat_completion_returns_openai_body_with_usage(client: TestClient) -> None:
    r = client.post(CHAT, json=body())
    assert r.status_code == 200
    data = r.json()
    assert data["object"] == "chat.completion"
    assert data["choices"][0]["message"] == {"role": "assistant", "content": "Hello world"}
    assert data["choices"][0]["finish_reason"] == "stop"
    assert data["usage"] == {"prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7}


def test_chat_stream_sends_role_then_deltas_then_finish_then_done(client: TestClient) -> None:
    r = client.post(CHAT, json=body(stream=True, stream_options={"include_usage": True}))
    assert r.headers["content-type"].startswith("text/event-stream")
    events = sse_events(r.text)
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"])
    assert text == "Hello world"
    assert chunks[-2]["choices"][0]["finish_reason"] == "stop"
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["total_tokens"] == 7
    assert len({c["id"] for c in chunks}) == 1


def test_chat_max_tokens_reaches_engine_and_sets_length(
    client: TestClient, engine: FakeEngine
) -> None:
    r = client.post(CHAT, json=body(max_tokens=2, temperature=0, seed=7, stop=["x"]))
    assert r.json()["choices"][0]["finish_reason"] == "length"
    params = engine.seen[-1][1]
    assert (params.max_tokens, params.temperature, params.seed, params.stop) == (2, 0.0, 7, ("x",))


@pytest.mark.parametrize(
    ("content", "status", "code"),
    [
        (b"{not json", 400, "invalid_json"),
        (json.dumps(body(model="gpt-4")).encode(), 404, "model_not_found"),
        (json.dumps({"model": "fake-model"}).encode(), 400, None),
        (json.dumps(body(temperature="hot")).encode(), 400, None),
        (json.dumps(body(n=3)).encode(), 400, "unsupported_parameter"),
        (b"x" * 5000, 413, "request_too_large"),
    ],
)
def test_chat_bad_requests_get_openai_error_not_500(
    client: TestClient, content: bytes, status: int, code: str | None
) -> None:
    r = client.post(CHAT, content=content, headers={"content-type": "application/json"})
    assert r.status_code == status
    assert r.json()["error"]["code"] == code
    assert r.json()["error"]["message"]


def test_models_lists_served_model_and_retrieve_unknown_is_404(client: TestClient) -> None:
    assert [m["id"] for m in client.get("/v1/models").json()["data"]] == ["fake-model"]
    assert client.get("/v1/models/fake-model").json()["id"] == "fake-model"
    assert client.get("/v1/models/other").status_code == 404


def test_metrics_expose_engine_counters(client: TestClient) -> None:
    client.post(CHAT, json=body())
    text = client.get("/metrics").text
    assert 'enclave_engine_generations_total{outcome="completed"} 1' in text
    assert 'enclave_engine_tokens_total{kind="completion"} 4' in text


def test_readyz_is_503_while_model_loads_and_healthz_is_200(
    keys: dict[str, str], tmp_path: Path
) -> None:
    hold = threading.Event()
    engine = FakeEngine(["x"], hold=hold)
    with TestClient(create_app(settings(tmp_path), engine_factory=lambda s: engine)) as c:
        c.headers.update(bearer(keys["user"]))
        assert c.get("/healthz").status_code == 200
        r = c.get("/readyz")
        assert r.status_code == 503 and r.headers["retry-after"]
        chat = c.post(CHAT, json=body())
        assert chat.status_code == 503 and chat.json()["error"]["code"] == "model_not_ready"
        hold.set()


def test_readyz_reports_load_failure_reason(keys: dict[str, str], tmp_path: Path) -> None:
    engine = FakeEngine(["x"], fail_load="model file not found: /m.gguf")
    with TestClient(create_app(settings(tmp_path), engine_factory=lambda s: engine)) as c:
        r = c.get("/readyz")
        assert r.status_code == 503
        assert "model file not found" in r.json()["error"]["message"]


def test_chat_tokens_are_charged_to_the_key_when_generation_ends(
    client: TestClient, tmp_path: Path
) -> None:
    from sqlalchemy import text

    from gateway.db import make_engine

    client.post(CHAT, json=body())
    engine = make_engine(f"sqlite:///{tmp_path}/enclave.db")
    with engine.connect() as conn:
        charged = conn.execute(text("SELECT sum(count) FROM rate_windows WHERE kind = 'day'"))
        assert charged.scalar() == 7  # 3 prompt + 4 completion tokens from the fake engine
    engine.dispose()
