"""PostgreSQL stops mid-request: the client gets no answer that was not recorded.

The database is a private cluster this module starts and stops (pg_ctl stop
-m immediate: what a crash or a pulled cable looks like to the gateway). The
engine is the in-process fake, gated so the database can die while an answer
is being generated.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from gateway.app import create_app
from gateway.audit_trail import open_audit_log
from gateway.db import make_engine, upgrade
from gateway.keys import KeyStore, load_secret
from gateway.settings import Settings
from tests.pg import PrivateCluster, database
from tests.unit.gateway.fake_engine import FakeEngine

ANSWER = ["The ", "secret ", "answer"]


@dataclass
class Rig:
    client: TestClient  # type: ignore[type-arg]
    cluster: PrivateCluster
    engine: FakeEngine
    gate: threading.Event
    key: str
    url: str
    settings: Settings

    def count(self, sql: str) -> int:
        db = make_engine(self.url)
        try:
            with db.connect() as conn:
                return int(conn.execute(text(sql)).scalar_one())
        finally:
            db.dispose()

    def generating(self, before: int) -> None:
        deadline = time.monotonic() + 20
        while len(self.engine.seen) <= before:
            assert time.monotonic() < deadline, "the request never reached the engine"
            time.sleep(0.02)


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    cluster = PrivateCluster()
    data = tmp_path_factory.mktemp("db-down")
    try:
        with database(cluster.admin_url) as url:
            upgrade(url)
            db = make_engine(url)
            key = KeyStore(sessionmaker(db), load_secret(None, data / "secret.key")).create(
                "alice", "user", ("staff",)
            )[0]
            db.dispose()
            gate = threading.Event()
            fake = FakeEngine(ANSWER, gate=gate)
            settings = Settings(data_dir=data, database_url=url)
            app = create_app(settings, engine_factory=lambda s: fake)
            with TestClient(app, timeout=60) as client:
                yield Rig(client, cluster, fake, gate, key, url, settings)
    finally:
        cluster.destroy()


def _chat(rig: Rig, stream: bool = False) -> dict[str, Any]:
    body = {"model": "fake-model", "messages": [{"role": "user", "content": "hi"}]}
    return {"json": {**body, "stream": stream}, "headers": {"Authorization": f"Bearer {rig.key}"}}


def _verify(rig: Rig) -> tuple[bool, int]:
    v = open_audit_log(rig.settings, sessionmaker(make_engine(rig.url))).verify()
    return v.ok, v.checked


def test_answer_ready_after_the_database_died_is_refused_not_sent(rig: Rig) -> None:
    rig.gate.clear()
    events_before = rig.count("SELECT count(*) FROM audit_events")
    out: dict[str, Any] = {}
    seen = len(rig.engine.seen)
    t = threading.Thread(
        target=lambda: out.update(r=rig.client.post("/v1/chat/completions", **_chat(rig)))
    )
    t.start()
    rig.generating(seen)
    rig.cluster.stop()
    rig.gate.set()
    t.join(60)
    r = out["r"]
    assert r.status_code == 503 and r.json()["error"]["code"] == "audit_unavailable"
    assert "secret" not in r.text
    rig.cluster.start()
    assert rig.count("SELECT count(*) FROM audit_events") == events_before  # nothing half-written
    assert _verify(rig) == (True, events_before)


def test_stream_cut_when_the_database_dies_and_its_pending_row_becomes_an_event(
    rig: Rig,
) -> None:
    rig.gate.clear()
    seen = len(rig.engine.seen)
    lines: list[str] = []

    def read() -> None:
        with rig.client.stream("POST", "/v1/chat/completions", **_chat(rig, stream=True)) as r:
            lines.extend(r.iter_lines())

    t = threading.Thread(target=read)
    t.start()
    rig.generating(seen)
    time.sleep(0.3)  # the first piece is out: the request is pending in the database
    assert rig.count("SELECT count(*) FROM audit_pending") == 1
    rig.cluster.stop()
    rig.gate.set()
    t.join(60)
    body = "\n".join(lines)
    assert (
        "audit_unavailable" in body
        and "[DONE]" not in body
        and '"finish_reason":"stop"' not in body
    )
    rig.cluster.start()
    events_before = rig.count("SELECT count(*) FROM audit_events")
    log = open_audit_log(rig.settings, sessionmaker(make_engine(rig.url)))
    assert log.sweep_pending(timedelta(0)) == 1
    assert rig.count("SELECT count(*) FROM audit_events WHERE outcome = 'error'") >= 1
    assert _verify(rig) == (True, events_before + 1)


def test_database_down_before_the_request_is_503_and_served_again_after(rig: Rig) -> None:
    rig.gate.set()
    rig.cluster.stop()
    r = rig.client.post("/v1/chat/completions", **_chat(rig))
    assert r.status_code == 503 and "secret" not in r.text
    rig.cluster.start()
    deadline = time.monotonic() + 20
    while (r := rig.client.post("/v1/chat/completions", **_chat(rig))).status_code == 503:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert r.status_code == 200 and "secret" in r.text
    assert _verify(rig)[0]
