"""Shared fixtures: the real Gemma GGUF and a live gateway on loopback."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

MODEL_ID = "gemma-3-270m-q4_k_m"


@pytest.fixture(scope="session")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged Gemma-3 270M, assembled by the product's own prepare code."""
    from engine.packaged import prepare_default_model

    cached = os.environ.get("ENCLAVE_TEST_MODEL")
    if cached and Path(cached).is_file():
        return Path(cached)
    return prepare_default_model(tmp_path_factory.mktemp("models") / f"{MODEL_ID}.gguf")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def provision(data_dir: Path, url: str | None = None, **limits: int) -> dict[str, str]:
    """Migrate the database (default: the data dir's SQLite) and make one key per role
    (group "staff").

    `limits` (requests_per_minute, tokens_per_day, concurrent) are set on every key.
    """
    from sqlalchemy.orm import sessionmaker

    from gateway.db import make_engine, upgrade
    from gateway.keys import ROLES, KeyStore, load_secret

    url = url or f"sqlite:///{data_dir.resolve()}/enclave.db"
    upgrade(url)
    engine = make_engine(url)
    store = KeyStore(sessionmaker(engine), load_secret(None, data_dir / "secret.key"))
    keys = {
        role: store.create(f"test {role}", role, ("staff",), None, limits or None)[0]
        for role in ROLES
    }
    engine.dispose()
    return keys


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@dataclass
class LiveServer:
    base_url: str
    log: Path
    process: subprocess.Popen[bytes]
    keys: dict[str, str]

    @property
    def user_key(self) -> str:
        return self.keys["user"]

    def metrics(self) -> dict[str, float]:
        text = httpx.get(
            f"{self.base_url}/metrics", headers=bearer(self.keys["admin"]), timeout=5
        ).text
        out = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, value = line.rsplit(" ", 1)
                out[name] = float(value)
        return out


def start_server(
    data_dir: Path,
    model: Path,
    extra_env: dict[str, str] | None = None,
    workers: int = 1,
    **limits: int,
) -> LiveServer:
    keys = provision(data_dir, (extra_env or {}).get("ENCLAVE_DATABASE_URL"), **limits)
    port = free_port()
    env = {
        **os.environ,
        "ENCLAVE_DATA_DIR": str(data_dir),
        "ENCLAVE_MODEL_PATH": str(model),
        "ENCLAVE_ENGINE__N_CTX": "2048",
        **(extra_env or {}),
    }
    log = data_dir / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gateway.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", log, proc, keys)
    if wait_until_up(f"{server.base_url}/readyz", proc, 90):
        return server
    if proc.poll() is not None:
        raise RuntimeError(f"server exited early:\n{log.read_text()}")
    stop_server(server)
    raise RuntimeError(f"server not ready in 90 s:\n{log.read_text()}")


def wait_until_up(url: str, process: subprocess.Popen[bytes] | None, timeout: float) -> bool:
    """Poll `url` until it answers 200 (True), or `process` exits or time runs out (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    return False


def stop_server(server: LiveServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, model_path: Path) -> Iterator[LiveServer]:
    # Generous limits: the suite shares this server's keys; limits have their own tests.
    server = start_server(tmp_path_factory.mktemp("server"), model_path, requests_per_minute=10_000)
    yield server
    stop_server(server)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """The machine's PostgreSQL (or ENCLAVE_TEST_PG_URL); a private cluster where none answers.
    Never a skip: without PostgreSQL the suite fails, naming what is missing."""
    from tests.pg import DEFAULT_ADMIN_URL, PrivateCluster, reachable

    url = os.environ.get("ENCLAVE_TEST_PG_URL", DEFAULT_ADMIN_URL)
    if reachable(url):
        yield url
        return
    try:
        cluster = PrivateCluster()
    except Exception as exc:
        pytest.fail(f"no PostgreSQL at {url} and none could be started: {exc}")
    yield cluster.admin_url
    cluster.destroy()


@pytest.fixture(scope="module")
def pg_url(pg_admin_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database for a test module, dropped afterwards."""
    from tests.pg import database

    with database(pg_admin_url) as url:
        yield url


@contextlib.contextmanager
def run_chroma_server(path: Path) -> Iterator[str]:
    """A real Chroma server from the chromadb package (`chroma run`), on loopback."""
    import shutil

    port = free_port()
    exe = shutil.which("chroma", path=str(Path(sys.executable).parent)) or "chroma"
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "CHROMA_TELEMETRY": "False"}
    argv = [exe, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    if not wait_until_up(f"{url}/api/v2/heartbeat", proc, 60):
        proc.kill()
        raise RuntimeError("chroma server did not start")
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(20)
