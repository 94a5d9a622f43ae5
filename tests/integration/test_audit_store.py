"""The audit chain on real databases (SQLite and PostgreSQL): append, tamper, verify, prune.

Every tampering is done with raw SQL behind the ORM's back, the way someone
with database access would; verify must name the first bad event each time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import sessionmaker

from gateway.db import make_engine, upgrade
from safety.audit.events import AuditEvent
from safety.audit.store import SqlAuditLog
from tests.pg import database

KEY = b"k" * 32
T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/audit.db"
        upgrade(url)
        yield url
        return
    with database(request.getfixturevalue("pg_admin_url")) as url:
        upgrade(url)
        yield url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def log(engine: Engine) -> SqlAuditLog:
    return SqlAuditLog(sessionmaker(engine, expire_on_commit=False), KEY)


def event(i: int, **kw: object) -> AuditEvent:
    fields: dict[str, object] = {
        "action": "chat",
        "method": "POST",
        "path": "/v1/chat/completions",
        "request_id": f"req-{i}",
        "time": T0 + timedelta(minutes=i),
        "actor_id": "key1",
        "actor_name": "alice",
        "role": "user",
        "model": "m",
        "collections": ["hr"],
        "document_ids": ["d1", "d2"],
        "pii": {"PERSON": 1},
        "rules": [{"direction": "input", "rule": "secrets", "action": "redact", "count": 1}],
        "prompt_tokens": 10,
        "completion_tokens": 5,
        "latency_us": 1234,
        **kw,
    }
    return AuditEvent(**fields)  # type: ignore[arg-type]


def fill(log: SqlAuditLog, n: int) -> None:
    for i in range(1, n + 1):
        assert log.append(event(i)) == i


def sql(engine: Engine, statement: str, **params: object) -> None:
    with engine.begin() as conn:
        conn.execute(text(statement), params)


def copy_row(
    engine: Engine,
    source: int,
    new_id: int,
    request_id: str = "request_id",
    prev_mac: str = "prev_mac",
) -> None:
    """INSERT a copy of a real row under another id, as raw SQL (expressions for two columns)."""
    sql(
        engine,
        f"INSERT INTO audit_events SELECT {new_id}, time, {request_id}, actor_id, actor_name, "
        "role, client, action, method, path, model, collections, document_ids, pii, rules, "
        "rules_index, collections_index, outcome, status, prompt_tokens, completion_tokens, "
        f"latency_us, policy_version, detail, prompt_text, answer_text, {prev_mac}, mac "
        f"FROM audit_events WHERE id = {source}",
    )


def test_untouched_chain_verifies_with_the_count_checked(log: SqlAuditLog) -> None:
    fill(log, 6)
    assert log.verify().as_dict() == {
        "ok": True,
        "checked": 6,
        "first_bad_id": None,
        "reason": None,
    }


def test_empty_log_verifies(log: SqlAuditLog) -> None:
    assert log.verify().ok and log.verify().checked == 0


def test_edited_field_is_named(log: SqlAuditLog, engine: Engine) -> None:
    fill(log, 6)
    sql(engine, "UPDATE audit_events SET actor_name = 'mallory' WHERE id = 4")
    v = log.verify()
    assert (v.ok, v.first_bad_id, v.checked) == (False, 4, 3)


def test_edited_json_count_is_named(log: SqlAuditLog, engine: Engine) -> None:
    fill(log, 6)
    sql(engine, """UPDATE audit_events SET pii = '{"PERSON": 0}' WHERE id = 2""")
    assert log.verify().first_bad_id == 2


def test_edited_outcome_with_a_recomputed_unkeyed_hash_is_still_caught(
    log: SqlAuditLog, engine: Engine
) -> None:
    """Swapping in a plain SHA-256 (what a chain without a key would use) does not help."""
    import hashlib

    fill(log, 3)
    forged = hashlib.sha256(b"forged").hexdigest()
    sql(engine, "UPDATE audit_events SET outcome = 'ok', mac = :m WHERE id = 2", m=forged)
    assert log.verify().first_bad_id == 2


def test_deleted_row_is_named_by_the_next_one(log: SqlAuditLog, engine: Engine) -> None:
    fill(log, 6)
    sql(engine, "DELETE FROM audit_events WHERE id = 3")
    v = log.verify()
    assert (v.ok, v.first_bad_id) == (False, 4) and v.reason == "missing event before it"


def test_inserted_row_in_the_middle_is_named(log: SqlAuditLog, engine: Engine) -> None:
    """Renumber to make room, insert a copy of a real row: its link and MAC do not fit."""
    fill(log, 5)
    sql(engine, "UPDATE audit_events SET id = id + 100 WHERE id >= 3")
    sql(engine, "UPDATE audit_events SET id = id - 99 WHERE id >= 103")
    copy_row(engine, source=2, new_id=3, request_id="'req-x'")
    assert log.verify().first_bad_id == 3


def test_row_appended_behind_the_chain_is_named(log: SqlAuditLog, engine: Engine) -> None:
    fill(log, 4)
    copy_row(engine, source=4, new_id=5, prev_mac="mac")  # even linked to the last MAC
    assert log.verify().first_bad_id == 5


def test_reordered_rows_are_named(log: SqlAuditLog, engine: Engine) -> None:
    fill(log, 6)
    sql(engine, "UPDATE audit_events SET id = -1 WHERE id = 3")
    sql(engine, "UPDATE audit_events SET id = 3 WHERE id = 4")
    sql(engine, "UPDATE audit_events SET id = 4 WHERE id = -1")
    assert log.verify().first_bad_id == 3


def test_cut_off_tail_is_found_even_with_the_head_moved_back(
    log: SqlAuditLog, engine: Engine
) -> None:
    fill(log, 6)
    sql(engine, "DELETE FROM audit_events WHERE id >= 5")
    sql(
        engine,
        "UPDATE audit_head SET last_id = 4, "
        "last_mac = (SELECT mac FROM audit_events WHERE id = 4) WHERE id = 1",
    )
    v = log.verify()
    assert not v.ok and v.checked == 4 and v.first_bad_id == 4


def test_cut_off_tail_with_the_head_left_alone_names_the_first_missing(
    log: SqlAuditLog, engine: Engine
) -> None:
    fill(log, 6)
    sql(engine, "DELETE FROM audit_events WHERE id >= 5")
    v = log.verify()
    assert (v.ok, v.first_bad_id, v.checked) == (False, 5, 4)


def test_a_process_with_another_key_refuses_to_write_and_says_why(
    engine: Engine, log: SqlAuditLog
) -> None:
    from safety.audit.store import WrongAuditKey

    fill(log, 2)
    other = SqlAuditLog(sessionmaker(engine), b"x" * 32)
    with pytest.raises(WrongAuditKey):
        other.append(event(3))
    assert "not the key" in (other.verify().reason or "")
    assert log.count() == 2 and log.verify().ok


def test_another_key_cannot_verify_even_with_the_key_check_erased(
    engine: Engine, log: SqlAuditLog
) -> None:
    fill(log, 2)
    sql(engine, "UPDATE audit_head SET key_check = ''")
    assert SqlAuditLog(sessionmaker(engine), b"x" * 32).verify().first_bad_id == 1


def test_wiped_log_with_an_unsigned_head_is_not_ok(log: SqlAuditLog, engine: Engine) -> None:
    fill(log, 3)
    sql(engine, "DELETE FROM audit_events")
    sql(engine, "UPDATE audit_head SET signature = ''")
    v = log.verify()
    assert not v.ok and v.reason == "the chain head is not signed"


def test_rows_below_the_start_of_the_chain_are_named(log: SqlAuditLog, engine: Engine) -> None:
    """A forged row at a pruned (or negative) id would be shown by the review API."""
    fill(log, 6)
    log.prune(T0 + timedelta(minutes=3), event(99, action="audit.prune"))
    copy_row(engine, source=4, new_id=1)
    v = log.verify()
    assert (v.ok, v.first_bad_id) == (False, 1)


def test_verify_during_appends_and_a_prune_sees_one_consistent_chain(
    log: SqlAuditLog,
) -> None:
    """A snapshot: events committed meanwhile neither break the walk nor wait for it."""
    fill(log, 300)
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        i = 1000
        while not stop.is_set():
            try:
                log.append(event(i, time=datetime.now(UTC)))
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)
                return
            i += 1

    threads = [threading.Thread(target=writer) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        verdicts = [log.verify() for _ in range(5)]
        log.prune(T0 + timedelta(minutes=100), event(99, action="audit.prune"))
        verdicts += [log.verify() for _ in range(3)]
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors
    assert all(v.ok for v in verdicts), [v for v in verdicts if not v.ok]
    assert log.verify().ok


def test_prune_leaves_a_checkpoint_and_the_rest_verifies(log: SqlAuditLog) -> None:
    fill(log, 10)
    result = log.prune(T0 + timedelta(minutes=6), event(99, action="audit.prune"))
    assert (result.pruned, result.through_id, result.event_id) == (5, 5, 11)
    v = log.verify()
    assert v.ok and v.checked == 6  # events 6..10 and the prune's own event
    assert log.count() == 6


def test_prune_event_says_what_was_removed(log: SqlAuditLog, engine: Engine) -> None:
    fill(log, 4)
    log.prune(T0 + timedelta(minutes=3), event(99, action="audit.prune"))
    with engine.connect() as conn:
        action, detail = conn.execute(
            text("SELECT action, detail FROM audit_events ORDER BY id DESC LIMIT 1")
        ).one()
    detail = detail if isinstance(detail, dict) else __import__("json").loads(detail)
    assert action == "audit.prune" and detail["pruned"] == 2 and detail["through_id"] == 2


def test_prune_stops_at_the_first_newer_event(log: SqlAuditLog) -> None:
    """Events chain in the order they finish: an old one after a new one is kept."""
    for i, minute in enumerate([1, 2, 9, 3, 4], start=1):
        log.append(event(i, time=T0 + timedelta(minutes=minute)))
    result = log.prune(T0 + timedelta(minutes=5), event(99, action="audit.prune"))
    assert result.through_id == 2 and log.verify().ok


def test_prune_twice_and_nothing_to_prune_both_verify(log: SqlAuditLog) -> None:
    fill(log, 6)
    log.prune(T0 + timedelta(minutes=3), event(98, action="audit.prune"))
    log.prune(T0 + timedelta(minutes=5), event(99, action="audit.prune", time=T0))
    assert log.prune(T0, event(100, action="audit.prune")).pruned == 0
    assert log.verify().ok


def test_deleting_the_first_event_after_a_prune_is_named(log: SqlAuditLog, engine: Engine) -> None:
    fill(log, 6)
    log.prune(T0 + timedelta(minutes=3), event(99, action="audit.prune"))
    sql(engine, "DELETE FROM audit_events WHERE id = 3")
    assert log.verify().first_bad_id == 4


def test_forged_checkpoint_is_refused(log: SqlAuditLog, engine: Engine) -> None:
    """Moving the checkpoint to hide more deleted events breaks its signature."""
    fill(log, 6)
    log.prune(T0 + timedelta(minutes=3), event(99, action="audit.prune"))
    sql(engine, "DELETE FROM audit_events WHERE id <= 4")
    sql(
        engine,
        "UPDATE audit_checkpoints SET through_id = 4, "
        "through_mac = (SELECT prev_mac FROM audit_events WHERE id = 5)",
    )
    v = log.verify()
    assert not v.ok and "checkpoint" in (v.reason or "")


def test_deleted_checkpoint_makes_the_gap_visible(log: SqlAuditLog, engine: Engine) -> None:
    fill(log, 6)
    log.prune(T0 + timedelta(minutes=3), event(99, action="audit.prune"))
    sql(engine, "DELETE FROM audit_checkpoints")
    assert log.verify().first_bad_id == 3


def test_pending_stream_becomes_one_error_event_however_many_sweep(log: SqlAuditLog) -> None:
    log.reserve("req-stream", event(1, request_id="req-stream", time=datetime.now(UTC)))
    assert log.sweep_pending(timedelta(hours=1)) == 0  # still young
    later = datetime.now(UTC) + timedelta(hours=2)
    sweeps = [log.sweep_pending(timedelta(hours=1), now=later) for _ in range(2)]
    assert sweeps == [1, 0] and log.count() == 1 and log.verify().ok
    with log.sessions() as s:
        outcome, detail = s.execute(text("SELECT outcome, detail FROM audit_events")).one()
    assert outcome == "error" and "unfinished" in str(detail)


def test_finished_stream_drops_its_pending_row(log: SqlAuditLog) -> None:
    log.reserve("req-s", event(1, request_id="req-s", time=datetime.now(UTC)))
    log.append(event(1, request_id="req-s"), pending="req-s")
    later = datetime.now(UTC) + timedelta(hours=2)
    assert log.sweep_pending(timedelta(hours=1), now=later) == 0 and log.count() == 1


def test_concurrent_threads_keep_one_unbroken_chain(log: SqlAuditLog) -> None:
    errors: list[BaseException] = []

    def writer(w: int) -> None:
        try:
            for i in range(15):
                log.append(event(w * 100 + i))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    v = log.verify()
    assert v.ok and v.checked == 16 * 15


WRITER = """
import sys
from sqlalchemy.orm import sessionmaker
from gateway.db import make_engine
from safety.audit.events import AuditEvent
from safety.audit.store import SqlAuditLog
log = SqlAuditLog(sessionmaker(make_engine(sys.argv[1])), b"k" * 32)
for i in range(int(sys.argv[2])):
    log.append(AuditEvent("chat", request_id=f"p{sys.argv[3]}-{i}"))
"""


def test_many_processes_and_threads_on_postgresql_keep_one_chain(
    pg_admin_url: str, tmp_path: Path
) -> None:
    """Four writer processes and eight threads at once, all on one PostgreSQL chain."""
    with database(pg_admin_url) as url:
        upgrade(url)
        engine = make_engine(url)
        log = SqlAuditLog(sessionmaker(engine), KEY)
        env = {**os.environ, "PYTHONPATH": os.getcwd()}
        procs = [
            subprocess.Popen([sys.executable, "-c", WRITER, url, "40", str(p)], env=env)
            for p in range(4)
        ]
        threads = [
            threading.Thread(target=lambda: [log.append(event(i)) for i in range(25)])
            for _ in range(8)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [p.wait(timeout=120) for p in procs] == [0] * 4
        v = log.verify()
        assert v.ok and v.checked == 4 * 40 + 8 * 25
        with engine.connect() as conn:
            ids = [r[0] for r in conn.execute(text("SELECT id FROM audit_events ORDER BY id"))]
        assert ids == list(range(1, 361))
        engine.dispose()


def test_prune_date_with_an_offset_is_compared_in_utc(log: SqlAuditLog) -> None:
    """12:03+01:00 is 11:03 UTC: older than every event, so nothing goes."""
    from datetime import timezone

    fill(log, 4)
    cutoff = datetime(2026, 1, 1, 12, 3, tzinfo=timezone(timedelta(hours=1)))
    assert log.prune(cutoff, event(99, action="audit.prune")).pruned == 0


def test_reader_get_id_beyond_bigint_or_not_positive_is_none(
    log: SqlAuditLog, engine: Engine
) -> None:
    """The path takes any integer; SQLite cannot bind one over 64 bits (it was a 500)."""
    from safety.audit.query import AuditReader

    fill(log, 1)
    reader = AuditReader(sessionmaker(engine))
    assert reader.get(1) is not None
    for missing in (2**63, 2**80, -(2**70), 0, -1):
        assert reader.get(missing) is None
