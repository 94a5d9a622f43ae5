"""The compliance review page: filter, page through, open, export and verify audit events.

Server-rendered from the same reader and filters as the review API (so the
page and /v1/audit/* can never disagree), with a per-day chart of requests
and blocks drawn as inline SVG by the template from geometry computed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import anyio
from litestar import Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template

from gateway.access import FORM_CSRF, form_csrf
from gateway.audit_context import RequestAudit
from gateway.audit_middleware import ACTIONS as REQUEST_ACTIONS
from gateway.audit_routes import EventNotFound, filter_from, note_filter
from gateway.audit_trail import AuditTrail
from gateway.errors import BadRequest
from gateway.ui.auth_pages import Form
from gateway.ui.render import UI, page
from safety.audit.events import OUTCOMES
from safety.audit.query import AuditReader, BadCursor

PAGE_SIZE = 50
CHART_DAYS = 14
FILTERS = ("since", "until", "actor", "action", "outcome", "rule", "collection", "q")
# Every action a request can record, and those recorded without one (shell, file edits).
ACTIONS = tuple(sorted({*REQUEST_ACTIONS.values(), "policy.change", "audit.prune"}))


@dataclass(frozen=True, slots=True)
class Bar:
    day: str
    requests: int
    blocked: int
    x: float
    height: float
    blocked_height: float


def chart(days: list[tuple[str, int, int]], width: float = 700, height: float = 160) -> list[Bar]:
    """Bar geometry for the SVG: one slot per day, heights scaled to the busiest day."""
    top = max((n for _, n, _ in days), default=0) or 1
    slot = width / max(len(days), 1)
    return [
        Bar(d, n, b, i * slot + slot * 0.15, height * n / top, height * b / top)
        for i, (d, n, b) in enumerate(days)
    ]


def _form_values(request: Request[Any, Any, Any]) -> dict[str, str]:
    """The filters as typed, for refilling the form and building links (never rendered raw)."""
    return {k: request.query_params.get(k, "") for k in FILTERS if request.query_params.get(k)}


@get("/audit", opt={UI: True})
async def audit_page(
    request: Request[Any, Any, Any],
    reader: NamedDependency[AuditReader],
    audit: NamedDependency[RequestAudit],
) -> Template:
    where = filter_from(request)
    note_filter(audit, where)
    cursor = request.query_params.get("cursor")
    try:
        events, nxt = await anyio.to_thread.run_sync(reader.page, where, PAGE_SIZE, cursor)
    except BadCursor as exc:
        raise BadRequest(str(exc), param="cursor") from None
    days = await anyio.to_thread.run_sync(reader.daily, CHART_DAYS)
    return _render(request, events, nxt, days)


def _render(
    request: Request[Any, Any, Any],
    events: list[dict[str, Any]],
    nxt: str | None,
    days: list[tuple[str, int, int]],
    verdict: dict[str, Any] | None = None,
    status: int = 200,
) -> Template:
    values = _form_values(request)
    query = urlencode(values)
    return page(
        request,
        "audit.html",
        status,
        events=events,
        values=values,
        outcomes=OUTCOMES,
        actions=ACTIONS,
        next_link=f"/audit?{urlencode({**values, 'cursor': nxt})}" if nxt else None,
        first_link=f"/audit?{query}" if request.query_params.get("cursor") else None,
        export_csv=f"/v1/audit/export?{urlencode({**values, 'format': 'csv'})}",
        export_jsonl=f"/v1/audit/export?{urlencode({**values, 'format': 'jsonl'})}",
        bars=chart(days),
        verdict=verdict,
    )


@get("/audit/events/{event_id:int}", opt={UI: True})
async def audit_event_page(
    request: Request[Any, Any, Any], event_id: FromPath[int], reader: NamedDependency[AuditReader]
) -> Template:
    event = await anyio.to_thread.run_sync(reader.get, event_id)
    if event is None:
        raise EventNotFound(f"no audit event {event_id}", param="event_id")
    return page(request, "audit_event.html", event=event)


@post("/audit/verify", opt={UI: True, FORM_CSRF: True}, status_code=200)
async def audit_verify_page(
    request: Request[Any, Any, Any],
    data: Form,
    trail: NamedDependency[AuditTrail],
    reader: NamedDependency[AuditReader],
    audit: NamedDependency[RequestAudit],
) -> Template:
    """Recompute the chain and show the result above the newest events."""
    form_csrf(request, data)
    verdict = await anyio.to_thread.run_sync(trail.log.verify)
    audit.detail["verify"] = {"ok": verdict.ok, "checked": verdict.checked}
    events, nxt = await anyio.to_thread.run_sync(reader.page, filter_from(request), PAGE_SIZE, None)
    days = await anyio.to_thread.run_sync(reader.daily, CHART_DAYS)
    return _render(request, events, nxt, days, verdict.as_dict())


AUDIT_PAGES = [audit_page, audit_event_page, audit_verify_page]
