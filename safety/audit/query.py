"""Reading the audit log: filters, keyset pagination, the public view, streamed export.

Pages are ordered newest first by event id (the chain order, so stable under
concurrent appends); the cursor is the last id seen, so a page never shifts
when new events arrive. Export walks ids upwards in batches and yields one
line at a time, so a million events cost the memory of one batch.
"""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from safety.audit.chain import timestamp, utc
from safety.audit.models import AuditEventRow

EXPORT_BATCH = 2000
_json = msgspec.json.Encoder(order="sorted")
_decode = msgspec.json.Decoder().decode


class BadCursor(ValueError):
    """The pagination cursor was not one this server handed out."""


@dataclass(frozen=True, slots=True)
class EventFilter:
    since: datetime | None = None
    until: datetime | None = None
    actor: str | None = None  # key id or key name
    action: str | None = None
    outcome: str | None = None
    rule: str | None = None
    collection: str | None = None
    q: str | None = None  # words in the stored (pseudonymized) text, any case

    def clauses(self) -> list[ColumnElement[bool]]:
        e = AuditEventRow
        out: list[ColumnElement[bool]] = []
        if self.since is not None:
            out.append(e.time >= utc(self.since))
        if self.until is not None:
            out.append(e.time < utc(self.until))
        if self.actor:
            out.append(or_(e.actor_id == self.actor, e.actor_name == self.actor))
        if self.action:
            out.append(e.action == self.action)
        if self.outcome:
            out.append(e.outcome == self.outcome)
        if self.rule:
            out.append(e.rules_index.like(f"%,{_escape(self.rule)},%", escape="\\"))
        if self.collection:
            out.append(e.collections_index.like(f"%,{_escape(self.collection)},%", escape="\\"))
        if self.q:
            pattern = f"%{_escape(self.q.lower())}%"
            out.append(
                or_(
                    *(
                        func.lower(col).like(pattern, escape="\\")
                        for col in (e.prompt_text, e.answer_text, e.actor_name, e.path)
                    )
                )
            )
        return out


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"e{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not raw.startswith("e"):
            raise ValueError
        return int(raw[1:])
    except (ValueError, UnicodeDecodeError):
        raise BadCursor("not a cursor this server handed out") from None


def view(row: AuditEventRow) -> dict[str, Any]:
    """An event as the review API shows it (the chain fields included, for checking)."""
    return {
        "id": row.id,
        "time": timestamp(row.time),
        "request_id": row.request_id,
        "actor": {"id": row.actor_id, "name": row.actor_name},
        "role": row.role,
        "client": row.client,
        "action": row.action,
        "method": row.method,
        "path": row.path,
        "model": row.model,
        "collections": _decode(row.collections),
        "document_ids": _decode(row.document_ids),
        "pii": _decode(row.pii),
        "rules": _decode(row.rules),
        "outcome": row.outcome,
        "status": row.status,
        "prompt_tokens": row.prompt_tokens,
        "completion_tokens": row.completion_tokens,
        "latency_ms": round(row.latency_us / 1000, 3),
        "policy_version": row.policy_version,
        "detail": _decode(row.detail),
        "prompt_text": row.prompt_text,
        "answer_text": row.answer_text,
        "prev_mac": row.prev_mac,
        "mac": row.mac,
    }


MAX_EVENT_ID = 2**63 - 1  # ids are BIGINT


class AuditReader:
    """Reads in read-only transactions (gateway.db.reader): no write lock on SQLite."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        from gateway.db import read_sessions

        self._sessions = read_sessions(sessions)

    def page(
        self, where: EventFilter, limit: int, cursor: str | None = None
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Up to `limit` events newest first, and the cursor of the next page (or None)."""
        query = select(AuditEventRow).where(*where.clauses())
        if cursor:
            query = query.where(AuditEventRow.id < decode_cursor(cursor))
        with self._sessions() as s:
            rows = s.execute(query.order_by(AuditEventRow.id.desc()).limit(limit + 1)).scalars()
            events = [view(r) for r in rows]
        more = len(events) > limit
        events = events[:limit]
        return events, encode_cursor(events[-1]["id"]) if more and events else None

    def daily(self, days: int, now: datetime | None = None) -> list[tuple[str, int, int]]:
        """(UTC day, requests, blocked) for the last `days` days, oldest first, zeros included."""
        end = (now or datetime.now(UTC)).astimezone(UTC).date()
        start = end - timedelta(days=days - 1)
        e = AuditEventRow
        with self._sessions() as s:
            day = (
                func.date(e.time)
                if s.get_bind().dialect.name == "sqlite"
                else func.date(func.timezone("UTC", e.time))
            )
            rows = s.execute(
                select(day, func.count(), func.sum(case((e.outcome == "blocked", 1), else_=0)))
                .where(e.time >= datetime.combine(start, time(), UTC))
                .group_by(day)
            ).all()
        counts = {str(d): (int(n), int(b or 0)) for d, n, b in rows}  # type: ignore[call-overload]
        out = []
        for i in range(days):
            label = (start + timedelta(days=i)).isoformat()
            n, b = counts.get(label, (0, 0))
            out.append((label, n, b))
        return out

    def get(self, event_id: int) -> dict[str, Any] | None:
        if not 0 < event_id <= MAX_EVENT_ID:  # no such row; SQLite cannot even bind the number
            return None
        with self._sessions() as s:
            row = s.get(AuditEventRow, event_id)
            return view(row) if row is not None else None

    def events(self, where: EventFilter) -> Iterator[dict[str, Any]]:
        """Every matching event, oldest first, one batch in memory at a time."""
        last = -1
        base = select(AuditEventRow).where(*where.clauses())
        while True:
            with self._sessions() as s:
                batch = [
                    view(r)
                    for r in s.execute(
                        base.where(AuditEventRow.id > last)
                        .order_by(AuditEventRow.id)
                        .limit(EXPORT_BATCH)
                    ).scalars()
                ]
            yield from batch
            if len(batch) < EXPORT_BATCH:
                return
            last = batch[-1]["id"]


COLUMNS = [
    "id", "time", "request_id", "actor_id", "actor_name", "role", "client", "action", "method",
    "path", "model", "collections", "document_ids", "pii", "rules", "outcome", "status",
    "prompt_tokens", "completion_tokens", "latency_ms", "policy_version", "detail",
    "prompt_text", "answer_text", "prev_mac", "mac",
]  # fmt: skip


def jsonl_lines(events: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    for event in events:
        yield _json.encode(event) + b"\n"


def csv_lines(events: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    """CSV with a header; lists and maps as JSON; cells a spreadsheet would run as a
    formula are prefixed with a quote (the stored text is user text)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    yield buf.getvalue().encode()
    for event in events:
        flat = {**event, "actor_id": event["actor"]["id"], "actor_name": event["actor"]["name"]}
        buf.seek(0), buf.truncate()
        writer.writerow([_cell(flat[c]) for c in COLUMNS])
        yield buf.getvalue().encode()


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return _json.encode(value).decode()
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def chunked(lines: Iterator[bytes], size: int = 65536) -> Iterator[bytes]:
    """Lines gathered into pieces of about `size` bytes."""
    buf: list[bytes] = []
    held = 0
    for line in lines:
        buf.append(line)
        held += len(line)
        if held >= size:
            yield b"".join(buf)
            buf, held = [], 0
    if buf:
        yield b"".join(buf)
