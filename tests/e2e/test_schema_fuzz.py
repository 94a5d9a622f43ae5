"""Schemathesis against a live gateway (real Gemma model) on loopback: every operation of
/schema/openapi.json as every role, positive and negative cases, derandomized.

Bounded here (a few hundred requests); bench/fuzz_schema.py is the long form. Any 5xx or
request without an answer in time fails the test, listing each case.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import LiveServer, bearer, start_server, stop_server
from tests.schema_fuzz import ROLES, Tally, format_tally, fuzz

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, model_path: Path) -> Iterator[LiveServer]:
    """Its own server: the fuzzer creates keys and collections and revokes and deletes."""
    live = start_server(tmp_path_factory.mktemp("fuzz"), model_path, requests_per_minute=10_000)
    yield live
    stop_server(live)


@pytest.fixture(scope="module")
def tally(server: LiveServer) -> Tally:
    result = fuzz(server.base_url, server.keys, examples=10, probe=3, timeout=30)
    print(format_tally(result))
    return result


def test_schema_fuzz_every_operation_and_role_answers_without_5xx_or_hang(tally: Tally) -> None:
    problems = [*tally.server_errors, *tally.hangs]
    assert not problems, "\n".join(problems[:20])
    assert tally.sent >= 300
    assert set(tally.by_role) == set(ROLES)


def test_schema_fuzz_covers_every_operation_in_the_schema(server: LiveServer, tally: Tally) -> None:
    schema = httpx.get(f"{server.base_url}/schema/openapi.json", timeout=10).json()
    operations = {
        f"{method.upper()} {path}" for path, item in schema["paths"].items() for method in item
    }
    assert len(operations) >= 30
    assert set(tally.by_endpoint) == operations
    assert tally.by_endpoint_class["POST /v1/chat/completions", "4xx"] > 0


def test_after_the_fuzz_the_server_still_answers_a_chat_with_the_real_model(
    server: LiveServer, tally: Tally
) -> None:
    """Whether generated chat bodies ever pass validation depends on the draw (a fresh CI
    clone drew none); a well-formed chat after all of them must get a real answer."""
    model = httpx.get(
        f"{server.base_url}/v1/models", headers=bearer(server.user_key), timeout=10
    ).json()["data"][0]["id"]
    body = {"model": model, "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 4}
    r = httpx.post(
        f"{server.base_url}/v1/chat/completions",
        json=body,
        headers=bearer(server.user_key),
        timeout=120,
    )
    assert r.status_code == 200, r.text
    assert r.json()["choices"][0]["finish_reason"] in ("stop", "length")
