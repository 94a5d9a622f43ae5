"""The compliance review API: list, read, export and verify audit events.

Only the compliance role may call these (gateway.access): admins change
keys and policy, and separation of duties keeps them from reviewing their
own trail. Reading the log is itself recorded (action `audit.read`,
`audit.export`, `audit.verify`).
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Annotated, Any

import anyio
from litestar import Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, Parameter
from litestar.response import Stream

from gateway.audit_context import RequestAudit
from gateway.audit_trail import AuditTrail
from gateway.errors import ApiError, BadRequest
from gateway.schemas import iso_datetime
from safety.audit.events import OUTCOMES
from safety.audit.query import (
    AuditReader,
    BadCursor,
    EventFilter,
    chunked,
    csv_lines,
    jsonl_lines,
)

Text = Annotated[str | None, Parameter(required=False, max_length=200)]


class EventNotFound(ApiError):
    status = 404
    default_code = "event_not_found"


def _when(value: str | None, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        return iso_datetime(value)
    except ValueError:
        raise BadRequest(f"'{name}' is not an ISO 8601 date or date-time", param=name) from None


def filter_from(request: Request[Any, Any, Any]) -> EventFilter:
    """Query parameters to a filter; `decision` is DESIGN.md's name for `outcome`."""
    q = request.query_params
    outcome = q.get("outcome") or q.get("decision")
    if outcome and outcome not in OUTCOMES:
        raise BadRequest(f"'outcome' must be one of {', '.join(OUTCOMES)}", param="outcome")
    texts = {k: (q.get(k) or None) for k in ("actor", "action", "rule", "collection", "q")}
    for name, value in texts.items():
        if value is not None and (len(value) > 200 or "\x00" in value):
            raise BadRequest(f"'{name}' must be up to 200 characters, without NUL", param=name)
    return EventFilter(
        since=_when(q.get("since") or None, "since"),
        until=_when(q.get("until") or None, "until"),
        outcome=outcome,
        **texts,
    )


def note_filter(audit: RequestAudit, where: EventFilter) -> None:
    """What was looked at (filter names only: free text may quote a prompt)."""
    audit.detail["filters"] = sorted(
        f.name for f in dataclasses.fields(where) if getattr(where, f.name) is not None
    )


@get("/v1/audit/events")
async def audit_events(
    request: Request[Any, Any, Any],
    reader: NamedDependency[AuditReader],
    audit: NamedDependency[RequestAudit],
    limit: Annotated[int, Parameter(ge=1, le=500)] = 50,
    cursor: Text = None,
) -> dict[str, object]:
    where = filter_from(request)
    note_filter(audit, where)
    try:
        events, nxt = await anyio.to_thread.run_sync(reader.page, where, limit, cursor)
    except BadCursor as exc:
        raise BadRequest(str(exc), param="cursor") from None
    return {"object": "list", "data": events, "next_cursor": nxt, "has_more": nxt is not None}


@get("/v1/audit/events/{event_id:int}")
async def audit_event(
    event_id: FromPath[int], reader: NamedDependency[AuditReader]
) -> dict[str, object]:
    event = await anyio.to_thread.run_sync(reader.get, event_id)
    if event is None:
        raise EventNotFound(f"no audit event {event_id}", param="event_id")
    return event


@get("/v1/audit/export")
async def audit_export(
    request: Request[Any, Any, Any],
    reader: NamedDependency[AuditReader],
    audit: NamedDependency[RequestAudit],
    format: Annotated[str, Parameter(pattern="^(csv|jsonl)$")] = "jsonl",
) -> Stream:
    """Streamed oldest first in batches: a million events in the memory of one batch."""
    where = filter_from(request)
    note_filter(audit, where)
    audit.detail["format"] = format
    lines = (csv_lines if format == "csv" else jsonl_lines)(reader.events(where))
    # Litestar pulls a sync iterator through a thread per item: hand it 64 KiB pieces.
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson"
    return Stream(
        chunked(lines),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="enclave-audit-{stamp}.{format}"'},
    )


@post("/v1/audit/verify", status_code=200)
async def audit_verify(
    trail: NamedDependency[AuditTrail], audit: NamedDependency[RequestAudit]
) -> dict[str, object]:
    verdict = await anyio.to_thread.run_sync(trail.log.verify)
    audit.detail["verify"] = {"ok": verdict.ok, "checked": verdict.checked}
    return verdict.as_dict()


AUDIT_ROUTES = [audit_events, audit_event, audit_export, audit_verify]
