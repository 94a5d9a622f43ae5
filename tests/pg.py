"""PostgreSQL for tests: the machine's server, or a private cluster the test owns.

Our machines run PostgreSQL 15 on 127.0.0.1:5432 with trust auth. Where it
is not reachable, the suite starts a private cluster with the installed
server binaries (initdb/pg_ctl) instead, and fails loudly when neither is
possible: the PostgreSQL tests never skip. The database-goes-away tests
always use a private cluster, so stopping it harms nobody else.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

DEFAULT_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def reachable(url: str) -> bool:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
    finally:
        engine.dispose()


def _bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        raise RuntimeError(
            f"PostgreSQL is not reachable and '{name}' is not installed: install the "
            "postgresql package (scripts/install does on Debian) or set ENCLAVE_TEST_PG_URL"
        )
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivateCluster:
    """A throwaway PostgreSQL server on a free loopback port (trust auth, fsync off)."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="enclave-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self._as_postgres = os.geteuid() == 0  # initdb refuses to run as root
        if self._as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(
            [_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync"]
        )
        self.start()

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, argv: list[str]) -> None:
        if self._as_postgres:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        # The server inherits pg_ctl's stdout: give it none, or waiting for output never ends.
        subprocess.run(
            argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120
        )

    def start(self) -> None:
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.dir / "server.log")
        self._run([_bin("pg_ctl"), "-D", str(self.data), "-l", log, "-o", opts, "-w", "start"])

    def stop(self, mode: str = "immediate") -> None:
        self._run([_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"])

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@contextlib.contextmanager
def database(admin_url: str) -> Iterator[str]:
    """A fresh database on the server at `admin_url`, dropped afterwards."""
    from sqlalchemy import create_engine, text

    name = "enclave_test_" + secrets.token_hex(4)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        deadline = time.monotonic() + 30
        while True:
            try:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        admin.dispose()
