"""/metrics with the real Gemma-3 270M in process: a chat answered by llama.cpp, streamed
and not, leaves a time-to-first-token and a decode-rate sample for each."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from litestar.testing import TestClient

from gateway.app import create_app
from gateway.settings import Settings
from tests.conftest import MODEL_ID, bearer, provision
from tests.prometheus import check_histogram, parse

pytestmark = pytest.mark.model
TTFT, TPS = "enclave_chat_time_to_first_token_seconds", "enclave_chat_tokens_per_second"


def test_real_model_chats_fill_first_token_and_tokens_per_second_histograms(
    model_path: Path, tmp_path: Path
) -> None:
    keys = provision(tmp_path)
    settings = Settings(  # type: ignore[call-arg]
        data_dir=tmp_path,
        model_path=model_path,
        engine={"n_ctx": 1024},
        retrieval={"enabled": False},
        safety={"pii_enabled": False, "filters_enabled": False},
    )
    body = {
        "model": MODEL_ID,
        "messages": [{"role": "user", "content": "Count from one to twenty."}],
        "max_tokens": 12,
        "temperature": 0,
    }
    with TestClient(create_app(settings)) as c:
        c.headers.update(bearer(keys["user"]))
        deadline = time.monotonic() + 60
        while c.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline, "model never became ready"
            time.sleep(0.1)
        done = c.post("/v1/chat/completions", json=body)
        assert done.status_code == 200 and done.json()["usage"]["completion_tokens"] >= 2
        streamed = c.post("/v1/chat/completions", json={**body, "stream": True})
        assert streamed.status_code == 200 and "data: [DONE]" in streamed.text
        c.headers.update(bearer(keys["admin"]))
        families = parse(c.get("/metrics").text)
    for name in (TTFT, TPS):
        check_histogram(families[name])
        for stream in ("true", "false"):
            assert families[name].value("_count", stream=stream) == 1, (name, stream)
            assert families[name].value("_sum", stream=stream) > 0
    # A real decode is neither instant nor stalled: the rate lands inside the buckets.
    assert families[TPS].value("_bucket", stream="false", le="1000") == 1
    assert families["enclave_engine_tokens_total"].value(kind="completion") >= 4
