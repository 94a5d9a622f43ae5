"""Access control on live servers: two workers sharing limits, the SDK's auth errors, logs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from tests.conftest import MODEL_ID, LiveServer, bearer, free_port, start_server, stop_server
from tests.integration.test_cli import enclave as run_cli

HI = [{"role": "user", "content": "Hello"}]


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory, model_path: Path) -> Iterator[LiveServer]:
    server = start_server(
        tmp_path_factory.mktemp("two-workers"), model_path, workers=2, requests_per_minute=6
    )
    wait_for_both_workers(server)
    yield server
    stop_server(server)


def wait_for_both_workers(server: LiveServer) -> None:
    """readyz answered once one worker was ready; the other may still be loading its
    models (a chat it took then was a 503 in one CI run): wait for both to say ready."""
    seen: set[str] = set()
    deadline = time.monotonic() + 120
    while len(seen) < 2:
        assert time.monotonic() < deadline, "the second worker never became ready"
        with httpx.Client(base_url=server.base_url, timeout=10) as c:  # new connection
            r = c.get("/readyz")
        if r.status_code == 200:
            seen.add(r.headers.get("x-enclave-worker", ""))
        seen.discard("")
        time.sleep(0.1)


def start_of_a_fresh_minute(margin_s: float = 15.0) -> None:
    """Limits count per UTC minute: a burst that straddles the boundary gets two budgets."""
    left = 60 - time.time() % 60
    if left < margin_s:
        time.sleep(left + 0.2)


def test_two_workers_share_one_requests_per_minute_budget(two_workers: LiveServer) -> None:
    """Fresh connections spread over both workers; per-process counters would admit more."""
    pids, statuses = set(), []
    start_of_a_fresh_minute()
    for _ in range(12):
        with httpx.Client(base_url=two_workers.base_url, timeout=10) as c:  # new connection
            r = c.get("/v1/models", headers=bearer(two_workers.keys["compliance"]))
            statuses.append(r.status_code)
            pids.add(r.headers.get("x-enclave-worker"))
    assert len(pids - {None}) == 2, "both workers must have served requests"
    assert statuses.count(200) == 6 and statuses.count(429) == 6


def test_rate_limited_answer_is_openai_shaped_with_retry_after(two_workers: LiveServer) -> None:
    key = two_workers.keys["admin"]
    last = None
    start_of_a_fresh_minute()
    for _ in range(8):
        last = httpx.get(f"{two_workers.base_url}/v1/models", headers=bearer(key), timeout=10)
    assert last is not None and last.status_code == 429
    assert 1 <= int(last.headers["retry-after"]) <= 60
    assert last.json()["error"]["type"] == "rate_limit_error"


def test_sdk_works_with_a_real_key(live_server: LiveServer) -> None:
    client = openai.OpenAI(base_url=f"{live_server.base_url}/v1", api_key=live_server.user_key)
    r = client.chat.completions.create(model=MODEL_ID, messages=HI, max_tokens=2)
    assert r.usage is not None and r.usage.completion_tokens == 2


@pytest.mark.parametrize("key", ["", "sk-wrong", "enc_00000000_" + "A" * 32])
def test_sdk_bad_key_raises_authentication_error(live_server: LiveServer, key: str) -> None:
    client = openai.OpenAI(base_url=f"{live_server.base_url}/v1", api_key=key or "x", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        client.models.list()


def test_sdk_wrong_role_raises_permission_denied(live_server: LiveServer) -> None:
    client = openai.OpenAI(
        base_url=f"{live_server.base_url}/v1",
        api_key=live_server.keys["compliance"],
        max_retries=0,
    )
    with pytest.raises(openai.PermissionDeniedError):
        client.chat.completions.create(model=MODEL_ID, messages=HI, max_tokens=2)


def test_keys_never_appear_in_server_log(live_server: LiveServer) -> None:
    for key in live_server.keys.values():
        httpx.get(f"{live_server.base_url}/v1/models", headers=bearer(key), timeout=10)
        httpx.get(f"{live_server.base_url}/v1/models", headers=bearer(key[:-1] + "x"), timeout=10)
    log = live_server.log.read_text(errors="replace")
    assert "GET /v1/models" in log
    for key in live_server.keys.values():
        assert key not in log and key[13:] not in log


def enclave(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env={"ENCLAVE_DATA_DIR": str(data)})


def test_first_run_creates_one_admin_key_and_cli_keys_work(
    tmp_path: Path, model_path: Path
) -> None:
    assert "enclave db upgrade" in enclave(tmp_path, "keys", "list").stderr  # not migrated
    assert enclave(tmp_path, "db", "upgrade").returncode == 0
    port = free_port()
    env = {**os.environ, "ENCLAVE_DATA_DIR": str(tmp_path), "ENCLAVE_MODEL_PATH": str(model_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gateway.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any("enc_" in line for line in lines):
            lines.append(proc.stdout.readline())  # type: ignore[union-attr]
        admin = next(line.strip() for line in lines if line.strip().startswith("enc_"))
        created = enclave(
            tmp_path, "keys", "create", "--name", "ann", "--role", "user", "--groups", "hr,legal"
        )
        user_key = created.stdout.strip().splitlines()[-1]
        assert user_key.startswith("enc_") and " " not in user_key
        listing = enclave(tmp_path, "keys", "list").stdout
        assert "first admin" in listing and "groups=hr,legal" in listing
        assert admin not in listing and user_key not in listing
        wait_ready(port)
        r = httpx.get(f"http://127.0.0.1:{port}/v1/admin/keys", headers=bearer(admin), timeout=10)
        assert r.status_code == 200 and len(r.json()["data"]) == 2
        assert enclave(tmp_path, "keys", "revoke", user_key[:12]).returncode == 0
        r = httpx.get(f"http://127.0.0.1:{port}/v1/models", headers=bearer(user_key), timeout=10)
        assert r.status_code == 401
    finally:
        proc.terminate()
        proc.wait(30)
    again = enclave(tmp_path, "keys", "list").stdout
    assert again.count("first admin") == 1  # a second serve would not make another


def wait_ready(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("server not ready")
