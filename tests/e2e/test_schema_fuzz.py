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

from tests.conftest import LiveServer, start_server, stop_server
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
    # The real model answered some of the generated chats, not only refusals.
    assert tally.by_endpoint_class["POST /v1/chat/completions", "2xx"] > 0
