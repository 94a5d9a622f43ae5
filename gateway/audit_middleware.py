"""Every keyed request leaves one audit event, and no answer leaves unrecorded.

The middleware sits outside access control, so refused keys are recorded
too. It holds the response's start line back until it knows what to do:

- a one-piece response (JSON, errors) is chained *before* its body is sent;
  if the write fails the client gets a 503 instead of the answer;
- a streamed response is noted as pending before its first byte (or refused
  with a 503), and chained before its last byte; the chat stream chains
  itself before its finish chunk (gateway.chat). If that final write fails,
  the stream is cut off without its end, and the pending row becomes an
  `error` event once the database is back (AuditTrail.sweep);
- a client that goes away mid-stream leaves a `cancelled` event.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

import anyio
from litestar.enums import ScopeType
from litestar.handlers import HTTPRouteHandler
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from gateway.audit_context import RequestAudit
from gateway.audit_trail import AuditTrail, AuditUnavailableError
from gateway.errors import NotReady, describe, error_code
from gateway.logs import REQUEST_ID

OPT_KEY = "enclave_audit_action"

ACTIONS: dict[str, str] = {
    "chat_completions": "chat",
    "list_models": "model.read",
    "retrieve_model": "model.read",
    "metrics": "metrics.read",
    "create_key": "key.create",
    "list_keys": "key.list",
    "revoke_key": "key.revoke",
    "create_collection": "collection.create",
    "delete_collection": "collection.delete",
    "list_collections": "collection.list",
    "upload_document": "ingest",
    "list_documents": "document.list",
    "delete_document": "document.delete",
    "get_passage": "document.read",
    "safety_check": "policy.test",
    "get_policy": "policy.read",
    "reload_policy": "policy.reload",
    "audit_events": "audit.read",
    "audit_event": "audit.read",
    "audit_export": "audit.export",
    "audit_verify": "audit.verify",
    "login": "ui.login",
    "logout": "ui.logout",
    "chat_page": "ui.view",
    "audit_page": "audit.read",
    "audit_event_page": "audit.read",
    "audit_verify_page": "audit.verify",
    "admin_page": "ui.view",
    "admin_create_key": "key.create",
    "admin_revoke_key": "key.revoke",
    "admin_create_collection": "collection.create",
}
# Public probes and static files: no caller to name, nothing done.
UNAUDITED = frozenset({"healthz", "readyz", "login_page", "static_file"})


def apply_actions(handlers: list[Any]) -> None:
    """Attach each handler's audit action; a keyed endpoint without one is a start-up error."""
    for handler in handlers:
        name = handler.handler_name
        if name in UNAUDITED:
            continue
        if name not in ACTIONS:
            raise RuntimeError(f"endpoint {name} has no entry in gateway.audit_middleware.ACTIONS")
        handler.opt[OPT_KEY] = ACTIONS[name]


class _Refused(Exception):
    """Our send refused a message: the audit write failed; stop the response."""


def _client(scope: Scope) -> str | None:
    client = scope.get("client")
    return str(client[0])[:64] if client else None


class AuditMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        handler: HTTPRouteHandler = scope["route_handler"]  # type: ignore[assignment]
        action = handler.opt.get(OPT_KEY)
        if action is None:
            await next_app(scope, receive, send)
            return
        trail: AuditTrail = scope["litestar_app"].state["audit"]
        ctx = trail.open(action, str(scope.get("method", "-")), scope["path"], _client(scope))
        scope.setdefault("state", {})["audit"] = ctx
        gate = _Gate(ctx, trail, send)
        tagged = REQUEST_ID.set(ctx.request_id)  # every log line of the request names it
        try:
            await next_app(scope, receive, gate.send)
        except Exception as exc:  # access control, limits, or a failure mid-response
            if gate.failed:  # the client has its 503, or the stream was cut: nothing to add
                return
            status, body = describe(exc)
            if gate.started:  # the client saw a 200 start; the record says what happened
                ctx.fail(status, error_code(body))
                with anyio.CancelScope(shield=True), contextlib.suppress(AuditUnavailableError):
                    await trail.write(ctx, status)
                raise
            await trail.write(ctx, status, error=error_code(body))  # its failure is the 503
            raise
        except asyncio.CancelledError:
            if not gate.started and not gate.failed:
                # uvicorn's graceful shutdown ran out before the answer (a long ingest): the
                # client gets a 503 it can parse rather than uvicorn's plain-text 500, and
                # the request keeps its record.
                with anyio.CancelScope(shield=True):
                    await gate.interrupted()
            raise
        finally:
            if gate.started and not gate.completed and not ctx.abandoned:
                # If this fails the pending row stays, and the sweep turns it into an event.
                with anyio.CancelScope(shield=True), contextlib.suppress(AuditUnavailableError):
                    await trail.write(ctx, gate.status, cancelled=True)
            REQUEST_ID.reset(tagged)


class _Gate:
    """Wraps `send`: nothing reaches the client before the audit write that covers it."""

    def __init__(self, ctx: RequestAudit, trail: AuditTrail, send: Send) -> None:
        self.ctx, self.trail, self._send = ctx, trail, send
        self.head: Message | None = None
        self.started = False  # the start line went out
        self.completed = False  # the last body part went out
        self.failed = False

    @property
    def status(self) -> int:
        return int(self.head["status"]) if self.head else 500  # type: ignore[typeddict-item]

    async def send(self, message: Message) -> None:
        if self.failed:
            raise _Refused
        if message["type"] == "http.response.start":
            self.head = message
            return
        if message["type"] != "http.response.body":
            await self._send(message)
            return
        final = not message.get("more_body", False)
        try:
            if not self.started:
                await self._first(message, final)
            elif final and not self.ctx.abandoned:
                await self.trail.write(self.ctx, self.status)
        except AuditUnavailableError as exc:
            self.failed = True
            if not self.started:
                await self._refuse(exc)
            raise _Refused from None
        await self._send(message)
        self.completed = final

    async def _first(self, message: Message, final: bool) -> None:
        if final:  # the whole answer is here: chain it, then let it go
            body: bytes = message.get("body", b"")  # type: ignore[assignment]
            code = error_code(_json(body)) if self.status >= 400 else None
            await self.trail.write(self.ctx, self.status, error=code)
        else:
            await self.trail.reserve(self.ctx)
        assert self.head is not None
        head: Any = dict(self.head)
        head["headers"] = [  # the error handler may have named it already: once only
            *(h for h in head.get("headers", ()) if h[0].lower() != b"x-request-id"),
            (b"x-request-id", self.ctx.request_id.encode()),
        ]
        await self._send(head)
        self.started = True

    async def _refuse(self, exc: AuditUnavailableError) -> None:
        await self._send_error(exc)

    async def interrupted(self) -> None:
        """The request was cancelled before any answer: record it, and tell the client."""
        exc = NotReady(
            "the server is shutting down and stopped this request before it finished; "
            "retry it shortly (an upload may be repeated safely)",
            code="shutting_down",
        )
        with contextlib.suppress(AuditUnavailableError):
            await self.trail.write(self.ctx, 503, error="shutting_down")
        with contextlib.suppress(Exception):  # the client may be gone as well
            await self._send_error(exc, (b"x-request-id", self.ctx.request_id.encode()))
        self.started = self.completed = True

    async def _send_error(self, exc: Exception, *headers: tuple[bytes, bytes]) -> None:
        status, body = describe(exc)
        payload = json.dumps(body).encode()
        await self._send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                    (b"retry-after", b"5"),
                    *headers,
                ],
            }
        )
        await self._send({"type": "http.response.body", "body": payload, "more_body": False})


def _json(body: bytes) -> Any:
    try:
        return json.loads(body) if body[:1] == b"{" else None
    except ValueError:
        return None
