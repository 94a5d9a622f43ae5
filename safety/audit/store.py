"""The audit log on SQLAlchemy: append to the chain, verify it, prune it.

One append is one short transaction: lock the head row, write the event
linked to the head's MAC, move the head. PostgreSQL serialises appends from
every process on the head's row lock (SELECT ... FOR UPDATE); SQLite on its
database write lock (gateway.db begins every transaction IMMEDIATE). A
failed append rolls back whole: no event without its MAC, no head ahead of
the events.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from queue import Empty, Queue
from typing import Any, TypeVar

import msgspec
from sqlalchemy import (
    Connection,
    CursorResult,
    Row,
    String,
    delete,
    func,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, sessionmaker

from safety.audit.chain import (
    GENESIS,
    Anchor,
    Verdict,
    head_content,
    mac,
    seal,
    timestamp,
    verify_rows,
)
from safety.audit.events import (
    CONTENT_FIELDS,
    AuditEvent,
    canonical_text,
    content_from,
    content_of,
)
from safety.audit.models import AuditCheckpoint, AuditEventRow, AuditHead, AuditPending
from safety.audit.query import utc

T = TypeVar("T")
VERIFY_BATCH = 5000
UNFINISHED = "the request's own event was never written"


class AuditUnavailable(RuntimeError):
    """The audit record could not be written; the request it describes must fail."""


@dataclass(frozen=True, slots=True)
class PruneResult:
    pruned: int
    through_id: int | None  # the last event removed; None when nothing was old enough
    event_id: int  # the audit event that records the prune


class SqlAuditLog:
    def __init__(self, sessions: sessionmaker[Session], key: bytes) -> None:
        self.sessions = sessions
        self._key = key

    # -- writing -----------------------------------------------------------
    def append(self, event: AuditEvent, pending: str | None = None) -> int:
        """Chain one event (and drop its pending row); AuditUnavailable when that fails."""
        try:
            with self.sessions.begin() as s:
                head = self._lock_head(s)
                if pending is not None:
                    s.execute(delete(AuditPending).where(AuditPending.request_id == pending))
                return self._append(s, head, event.columns())
        except Exception as exc:
            raise AuditUnavailable(f"audit write failed: {type(exc).__name__}") from exc

    def _append_claimed(self, columns: dict[str, Any], request_id: str) -> int:
        """Chain a pending request's event unless another worker's sweep already did."""
        with self.sessions.begin() as s:
            head = self._lock_head(s)
            gone = _rowcount(
                s.execute(delete(AuditPending).where(AuditPending.request_id == request_id))
            )
            return self._append(s, head, columns) if gone else 0

    @staticmethod
    def _lock_head(s: Session) -> AuditHead:
        """The head row, locked until commit: every append and prune takes turns here."""
        return s.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()

    def _append(self, s: Session, head: AuditHead, columns: dict[str, Any]) -> int:
        row = AuditEventRow(id=head.last_id + 1, prev_mac=head.last_mac, **columns)
        row.mac = mac(self._key, head.last_mac, content_of(row))
        s.add(row)
        head.last_id, head.last_mac = row.id, row.mac
        head.signature = seal(self._key, "head", head_content(row.id, row.mac))
        s.flush()
        return row.id

    def reserve(self, request_id: str, event: AuditEvent) -> None:
        """Note a streamed request before its first byte; AuditUnavailable refuses it."""
        snapshot = {k: v for k, v in event.columns().items() if k != "time"}  # JSON-safe
        try:
            with self.sessions.begin() as s:
                s.add(AuditPending(request_id=request_id, time=event.time, event=snapshot))
        except Exception as exc:
            raise AuditUnavailable(f"audit write failed: {type(exc).__name__}") from exc

    def sweep_pending(self, older_than: timedelta, now: datetime | None = None) -> int:
        """Chain an `error` event for each streamed request whose own event never came
        (its worker died, or the database was away when it ended)."""
        cutoff = (now or datetime.now(UTC)) - older_than
        done = 0
        with self.sessions() as s:
            stale = s.execute(select(AuditPending).where(AuditPending.time < cutoff)).scalars()
            rows = [(p.request_id, p.time, dict(p.event)) for p in stale]
        for request_id, started, snapshot in rows:
            detail = {**msgspec.json.decode(snapshot["detail"]), "unfinished": UNFINISHED}
            columns = {
                **snapshot,
                "time": started,
                "outcome": "error",
                "status": 500,
                "detail": canonical_text(detail),
            }
            done += 1 if self._append_claimed(columns, request_id) else 0
        return done

    # -- verifying ---------------------------------------------------------
    def verify(self) -> Verdict:
        """Recompute every MAC from the newest valid checkpoint (or genesis) to the head."""
        with self.sessions() as s:
            anchor = self._anchor(s)
            head = s.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
            signed = (head.last_id, head.last_mac, head.signature) if head.signature else None
            if anchor is None:
                return Verdict(False, 0, None, "a checkpoint's signature is wrong")
            return verify_rows(self._key, anchor, self._rows(s, anchor.after_id), signed)

    def _anchor(self, s: Session) -> Anchor | None:
        latest = s.execute(
            select(AuditCheckpoint).order_by(AuditCheckpoint.id.desc()).limit(1)
        ).scalar_one_or_none()
        if latest is None:
            return Anchor(0, GENESIS)
        if seal(self._key, "checkpoint", _checkpoint_content(latest)) != latest.signature:
            return None
        return Anchor(latest.through_id, latest.through_mac)

    def _rows(self, s: Session, after_id: int) -> Iterator[tuple[int, str, str, dict[str, Any]]]:
        """Events in id order, as plain tuples (no ORM objects, no JSON decoding). A server
        database fetches ahead on a thread; SQLite runs in this process, so it need not."""
        conn = s.connection()
        batches = self._batches(conn, after_id)
        if conn.dialect.name != "sqlite":
            batches = _prefetched(batches)
        for batch in batches:
            for row in batch:
                values = tuple(row)
                yield values[0], values[-2], values[-1], content_from(values[:-2])

    @staticmethod
    def _batches(conn: Connection, after_id: int) -> Iterator[Sequence[Row[Any]]]:
        """Keyset batches: bounded memory at any size. SQLite's times come as the stored
        text (parsing it into datetimes was a tenth of verify's time); `timestamp`
        reads both forms to the same canonical string."""
        columns: list[Any] = [
            getattr(AuditEventRow, n) for n in (*CONTENT_FIELDS, "prev_mac", "mac")
        ]
        if conn.dialect.name == "sqlite":
            columns[CONTENT_FIELDS.index("time")] = type_coerce(AuditEventRow.time, String)
        last = after_id if after_id > 0 else -1
        while True:
            batch = conn.execute(
                select(*columns)
                .where(AuditEventRow.id > last)
                .order_by(AuditEventRow.id)
                .limit(VERIFY_BATCH)
            ).all()
            yield batch
            if len(batch) < VERIFY_BATCH:
                return
            last = batch[-1][0]

    # -- retention ---------------------------------------------------------
    def prune(self, before: datetime, record: AuditEvent) -> PruneResult:
        """Delete events older than `before`, sign a checkpoint at the cut, and chain
        `record` (the prune's own event) — all in one transaction."""
        before = utc(before)
        try:
            with self.sessions.begin() as s:
                head = self._lock_head(s)
                last = self._cut(s, before)
                pruned = 0
                if last is not None:
                    pruned = _rowcount(
                        s.execute(delete(AuditEventRow).where(AuditEventRow.id <= last.id))
                    )
                    cp = AuditCheckpoint(
                        time=datetime.now(UTC),
                        before=before,
                        through_id=last.id,
                        through_mac=last.mac,
                        pruned=pruned,
                    )
                    cp.signature = seal(self._key, "checkpoint", _checkpoint_content(cp))
                    s.add(cp)
                record.detail = {
                    **record.detail,
                    "before": timestamp(before),
                    "pruned": pruned,
                    "through_id": last.id if last is not None else None,
                }
                event_id = self._append(s, head, record.columns())
        except Exception as exc:
            raise AuditUnavailable(f"audit prune failed: {type(exc).__name__}") from exc
        return PruneResult(pruned, last.id if last is not None else None, event_id)

    @staticmethod
    def _cut(s: Session, before: datetime) -> Any:
        """The last event of the oldest run of events all older than `before`.

        Events are chained in the order they finish, so times are not quite
        monotonic in ids; the cut stops at the first newer event, keeping a few
        old ones rather than deleting a newer one.
        """
        first_kept = s.execute(
            select(func.min(AuditEventRow.id)).where(AuditEventRow.time >= before)
        ).scalar_one()
        query = select(AuditEventRow.id, AuditEventRow.mac)
        if first_kept is not None:
            query = query.where(AuditEventRow.id < first_kept)
        return s.execute(query.order_by(AuditEventRow.id.desc()).limit(1)).first()

    def count(self) -> int:
        with self.sessions() as s:
            return int(s.execute(select(func.count()).select_from(AuditEventRow)).scalar_one())

    def ping(self) -> None:
        with self.sessions() as s:
            s.execute(select(AuditHead.last_id).where(AuditHead.id == 1)).scalar_one()


def _checkpoint_content(cp: AuditCheckpoint) -> dict[str, Any]:
    """Events up to `through_id` were pruned. Prune is monotonic: time-cut, id-cut."""
    return {
        "before": timestamp(cp.before),
        "through_id": cp.through_id,
        "through_mac": cp.through_mac,
        "pruned": cp.pruned,
    }


def _rowcount(result: Any) -> int:
    """Rows a DELETE touched (Session.execute is typed as a plain Result)."""
    assert isinstance(result, CursorResult)
    return int(result.rowcount)


def _prefetched(batches: Iterator[T], depth: int = 2) -> Iterator[T]:
    """Fetch the next batches on a thread while this one is checked: the database (another
    process, another core) works while Python hashes."""
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
