"""Verifying the stored chain: one consistent snapshot, every row from the anchor to the head.

Runs in a read-only transaction (gateway.db.reader): on PostgreSQL REPEATABLE
READ, on SQLite a deferred transaction in WAL mode, so appends and prunes
that commit meanwhile neither disturb the result nor wait for it. Rows are
read as plain tuples in keyset batches (no ORM objects, no JSON decoding);
a server database fetches the next batch on a thread while this one is
hashed.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from queue import Empty, Queue
from typing import Any, TypeVar

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from safety.audit.chain import (
    GENESIS,
    Anchor,
    Verdict,
    key_check,
    seal,
    timestamp,
    verify_rows,
)
from safety.audit.events import CONTENT_FIELDS, content_from
from safety.audit.models import AuditCheckpoint, AuditEventRow, AuditHead

T = TypeVar("T")
BATCH = 5000


def verify_snapshot(s: Session, key: bytes) -> Verdict:
    head = s.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one_or_none()
    if head is None:
        return Verdict(False, 0, None, "the chain head is missing")
    if head.key_check and head.key_check != key_check(key):
        return Verdict(False, 0, None, "this is not the key the chain was written with")
    anchor = _anchor(s, key)
    if anchor is None:
        return Verdict(False, 0, None, "a checkpoint's signature is wrong")
    if not head.signature and (head.last_id, head.last_mac, anchor.after_id) != (0, GENESIS, 0):
        return Verdict(False, 0, None, "the chain head is not signed")
    below = s.execute(
        select(func.min(AuditEventRow.id)).where(AuditEventRow.id <= anchor.after_id)
    ).scalar_one()
    if below is not None:
        return Verdict(False, 0, below, "event below the start of the chain")
    signed = (head.last_id, head.last_mac, head.signature) if head.signature else None
    return verify_rows(key, anchor, _rows(s.connection(), anchor.after_id, head.last_id), signed)


def _anchor(s: Session, key: bytes) -> Anchor | None:
    """Genesis, or the newest checkpoint (None when its signature is wrong)."""
    latest = s.execute(
        select(AuditCheckpoint).order_by(AuditCheckpoint.id.desc()).limit(1)
    ).scalar_one_or_none()
    if latest is None:
        return Anchor(0, GENESIS)
    if seal(key, "checkpoint", checkpoint_content(latest)) != latest.signature:
        return None
    return Anchor(latest.through_id, latest.through_mac)


def checkpoint_content(cp: AuditCheckpoint) -> dict[str, Any]:
    """Events up to `through_id` were pruned; the chain goes on from `through_mac`."""
    return {
        "before": timestamp(cp.before),
        "through_id": cp.through_id,
        "through_mac": cp.through_mac,
        "pruned": cp.pruned,
    }


def _rows(
    conn: Connection, after_id: int, through_id: int
) -> Iterator[tuple[int, str, str, dict[str, Any]]]:
    """Rows after the anchor, to the head and one past it (so a row behind the head shows)."""
    batches = _batches(conn, after_id, through_id + 1)
    if conn.dialect.name != "sqlite":  # SQLite runs in this process: nothing to overlap
        batches = _prefetched(batches)
    for batch in batches:
        for row in batch:
            yield row[0], row[-2], row[-1], content_from(tuple(row[:-2]))


def _batches(conn: Connection, after_id: int, through_id: int) -> Iterator[Sequence[Any]]:
    """Keyset batches of plain tuples, straight from the driver's cursor (SQLAlchemy's row
    objects cost as much as the hashing); bounded memory at any size. SQLite's times come
    as the stored text (parsing them was a tenth of verify's time); `timestamp` reads both
    forms alike. The cursor is the session's connection, so the snapshot is the same."""
    columns = [*CONTENT_FIELDS, "prev_mac", "mac"]
    mark = "?" if conn.dialect.name == "sqlite" else "%s"
    sql = (
        f"SELECT {', '.join(columns)} FROM {AuditEventRow.__tablename__} "
        f"WHERE id > {mark} AND id <= {mark} ORDER BY id LIMIT {BATCH}"
    )
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        last = after_id
        while True:
            cursor.execute(sql, (last, through_id))
            batch = cursor.fetchall()
            yield batch
            if len(batch) < BATCH:
                return
            last = batch[-1][0]
    finally:
        cursor.close()


def _prefetched(batches: Iterator[T], depth: int = 2) -> Iterator[T]:
    """The next batches fetched on a thread while this one is checked."""
    queue: Queue[tuple[T | None, BaseException | None, bool]] = Queue(maxsize=depth)
    stop = threading.Event()

    def pump() -> None:
        try:
            for batch in batches:
                if stop.is_set():
                    return
                queue.put((batch, None, False))
            queue.put((None, None, True))
        except BaseException as exc:  # handed to the consumer
            queue.put((None, exc, True))

    worker = threading.Thread(target=pump, name="audit-verify-fetch", daemon=True)
    worker.start()
    try:
        while True:
            batch, error, done = queue.get()
            if error is not None:
                raise error
            if done:
                return
            yield batch  # type: ignore[misc]
    finally:
        stop.set()
        while worker.is_alive():  # unblock a pump waiting on a full queue
            with contextlib.suppress(Empty):
                queue.get_nowait()
            worker.join(0.05)
