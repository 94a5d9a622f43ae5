"""Every response, counted and logged by its route, as it leaves.

A Litestar before-send hook sees each message on its way to the client, after
the middleware (so an audit 503 that replaced the answer is what counts) and
also for paths no route matched (middleware never runs for those). The route
label is the route's template (`/v1/collections/{name:str}`), never the path:
paths carry collection names and document ids, and their number is unbounded.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from litestar.types import Message, Scope

from gateway.metrics import GatewayMetrics

log = logging.getLogger("enclave.requests")
UNMATCHED = "unmatched"
_STATUS = "enclave_response_status"  # remembered in the scope between start and last body


def _method(scope: Scope) -> str:
    return str(scope.get("method", "-"))


def route_of(scope: Scope) -> str:
    """The matched route's template, or `unmatched` (404 and 405 before routing)."""
    template = scope.get("path_template")
    return str(template) if template else UNMATCHED


def count_responses(metrics: GatewayMetrics) -> Callable[[Message, Scope], Awaitable[None]]:
    """The before-send hook: count at the response start, log at its last body part."""

    async def before_send(message: Message, scope: Scope) -> None:
        if scope["type"] != "http":
            return
        if message["type"] == "http.response.start":
            status = int(message["status"])
            metrics.request(route_of(scope), _method(scope), status)
            scope.setdefault("state", {})[_STATUS] = status
        elif message["type"] == "http.response.body" and not message.get("more_body", False):
            _access_line(scope)

    return before_send


def _access_line(scope: Scope) -> None:
    """Method, route, status and time: no path, query string, client address or body."""
    state: dict[str, Any] = scope.get("state", {})
    audit = state.get("audit")  # the request's audit record, for keyed routes
    fields: dict[str, Any] = {
        "method": _method(scope),
        "route": route_of(scope),
        "status": state.get(_STATUS),
    }
    if audit is not None:
        fields["duration_ms"] = round((time.perf_counter() - audit.started) * 1000, 1)
    log.info(
        "%s %s %s",
        fields["method"],
        fields["route"],
        fields["status"],
        extra={"fields": fields, "request_id": audit.request_id if audit else None},
    )
