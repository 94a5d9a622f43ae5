"""The audit log on SQLAlchemy: append to the chain, verify it, prune it.

One append is one short transaction: lock the head row, write the event
linked to the head's MAC, move the head. PostgreSQL serialises appends from
every process on the head's row lock (SELECT ... FOR UPDATE; gateway.db sets a
lock timeout, so a stuck holder means 503s, not hung requests); SQLite on its
database write lock (gateway.db begins every writing transaction
IMMEDIATE). A failed append rolls back whole: no event without its MAC, no
head ahead of the events. The head also keeps a check value of the key, so
a process started with another key refuses to write instead of forking the
chain.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from gateway.db import read_sessions
from safety.audit.chain import Verdict, head_content, key_check, mac, seal, timestamp, utc
from safety.audit.events import AuditEvent, canonical_text, content_of
from safety.audit.models import AuditCheckpoint, AuditEventRow, AuditHead, AuditPending
from safety.audit.verify import checkpoint_content, verify_snapshot

log = logging.getLogger("enclave.audit")
UNFINISHED = "the request's own event was never written"
PRUNE_BATCH = 10_000  # events deleted per transaction: appends wait at most one batch


class AuditUnavailable(RuntimeError):
    """The audit record could not be written; the request it describes must fail."""


class WrongAuditKey(AuditUnavailable):
    """This process's key is not the one the chain was written with."""


@dataclass(frozen=True, slots=True)
class PruneResult:
    pruned: int
    through_id: int | None  # the last event removed; None when nothing was old enough
    event_id: int  # the audit event that records the prune


class SqlAuditLog:
    def __init__(self, sessions: sessionmaker[Session], key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("the audit key must be at least 16 bytes")
        self.sessions = sessions
        self.reads = read_sessions(sessions)
        self._key = key
        self._check = key_check(key)

    # -- writing -----------------------------------------------------------
    def append(self, event: AuditEvent, pending: str | None = None) -> int:
        """Chain one event (and drop its pending row); AuditUnavailable when that fails."""
        try:
            with self.sessions.begin() as s:
                head = self._lock_head(s)
                columns = event.columns()
                if pending is not None and not _deleted(s, pending):
                    # The sweep took it for dead and recorded an error: say this one is late.
                    detail = {**msgspec.json.decode(columns["detail"]), "after_sweep": True}
                    columns["detail"] = canonical_text(detail)
                return self._append(s, head, columns)
        except AuditUnavailable:
            raise
        except Exception as exc:
            raise AuditUnavailable(f"audit write failed: {type(exc).__name__}") from exc

    def _lock_head(self, s: Session) -> AuditHead:
        """The head row, locked until commit: every append and prune takes turns here."""
        head = s.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
        if not head.key_check:
            head.key_check = self._check
        elif head.key_check != self._check:
            raise WrongAuditKey(
                "this process's audit key is not the one the chain was written with "
                "(check audit.hmac_key / audit.key_file); nothing was written"
            )
        return head

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
        (its worker died, or the database was away when it ended). One bad row does not
        stop the others."""
        cutoff = (now or datetime.now(UTC)) - older_than
        with self.reads() as s:
            stale = s.execute(select(AuditPending).where(AuditPending.time < cutoff)).scalars()
            rows = [(p.request_id, p.time, dict(p.event)) for p in stale]
        done = 0
        for request_id, started, snapshot in rows:
            try:
                done += self._append_claimed(request_id, _unfinished(snapshot, started))
            except Exception as exc:
                log.error("could not record a pending request: %s", type(exc).__name__)
        return done

    def _append_claimed(self, request_id: str, columns: dict[str, Any]) -> int:
        """Chain a pending request's event unless another worker's sweep already did."""
        with self.sessions.begin() as s:
            head = self._lock_head(s)
            return 1 if _deleted(s, request_id) and self._append(s, head, columns) else 0

    # -- verifying ---------------------------------------------------------
    def verify(self) -> Verdict:
        """Recompute every MAC from the newest valid checkpoint (or genesis) to the head,
        in one snapshot: appends and prunes may go on meanwhile."""
        with self.reads() as s:
            return verify_snapshot(s, self._key)

    # -- retention ---------------------------------------------------------
    def prune(self, before: datetime, record: AuditEvent) -> PruneResult:
        """Delete events older than `before` in batches, each a short transaction that
        moves a signed checkpoint forward; then chain `record`, the prune's own event."""
        before, pruned, through = utc(before), 0, None
        try:
            while True:
                step = self._prune_step(before)
                if step is None:
                    break
                through, n = step
                pruned += n
            record.detail = {
                **record.detail,
                "before": timestamp(before),
                "pruned": pruned,
                "through_id": through,
            }
            with self.sessions.begin() as s:
                event_id = self._append(s, self._lock_head(s), record.columns())
        except AuditUnavailable:
            raise
        except Exception as exc:
            raise AuditUnavailable(f"audit prune failed: {type(exc).__name__}") from exc
        return PruneResult(pruned, through, event_id)

    def _prune_step(self, before: datetime) -> tuple[int, int] | None:
        """One batch: (the last id removed, how many), or None when nothing is left to do."""
        with self.sessions.begin() as s:
            self._lock_head(s)
            cut = _cut(s, before)
            if cut is None:
                return None
            last = (
                s.execute(
                    select(AuditEventRow.id, AuditEventRow.mac)
                    .where(AuditEventRow.id <= cut)
                    .order_by(AuditEventRow.id)
                    .offset(PRUNE_BATCH - 1)
                    .limit(1)
                ).first()
                or s.execute(
                    select(AuditEventRow.id, AuditEventRow.mac).where(AuditEventRow.id == cut)
                ).one()
            )
            n = _count(s.execute(delete(AuditEventRow).where(AuditEventRow.id <= last.id)))
            cp = AuditCheckpoint(
                time=datetime.now(UTC), before=before, through_id=last.id, through_mac=last.mac
            )
            cp.pruned = n
            cp.signature = seal(self._key, "checkpoint", checkpoint_content(cp))
            s.add(cp)
            return last.id, n

    def count(self) -> int:
        with self.reads() as s:
            return int(s.execute(select(func.count()).select_from(AuditEventRow)).scalar_one())


def _cut(s: Session, before: datetime) -> int | None:
    """The last event of the oldest run of events all older than `before`.

    Events are chained in the order they finish, so times are not quite
    monotonic in ids; the cut stops at the first newer event, keeping a few
    old ones rather than deleting a newer one.
    """
    first_kept = s.execute(
        select(func.min(AuditEventRow.id)).where(AuditEventRow.time >= before)
    ).scalar_one()
    query = select(func.max(AuditEventRow.id))
    if first_kept is not None:
        query = query.where(AuditEventRow.id < first_kept)
    return s.execute(query).scalar_one()  # type: ignore[no-any-return]


def _unfinished(snapshot: dict[str, Any], started: datetime) -> dict[str, Any]:
    detail = {**msgspec.json.decode(snapshot["detail"]), "unfinished": UNFINISHED}
    return {
        **snapshot,
        "time": started,
        "outcome": "error",
        "status": 500,
        "detail": canonical_text(detail),
    }


def _deleted(s: Session, request_id: str) -> bool:
    return bool(
        _count(s.execute(delete(AuditPending).where(AuditPending.request_id == request_id)))
    )


def _count(result: Any) -> int:
    """Rows a DELETE touched (Session.execute is typed as a plain Result)."""
    assert isinstance(result, CursorResult)
    return int(result.rowcount)
