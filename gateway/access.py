"""Who may call what: one table of endpoint roles, and the middleware that enforces it.

Every route handler must appear in `ACCESS` (create_app refuses to start
otherwise), so a new endpoint is closed until someone decides who may call
it. The middleware authenticates the bearer key, checks the role, takes a
rate-limit slot for the whole request (streaming included) and gives it back
when the response is done. Keys never reach a log: only the key's id, name
and prefix are ever passed on.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Iterable
from typing import Any

import anyio
from litestar.enums import ScopeType
from litestar.handlers import HTTPRouteHandler
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from gateway.errors import ApiError
from gateway.keys import ROLES, KeyRejected, Principal
from gateway.limits import Limiter, Refusal
from gateway.ui.sessions import COOKIE

log = logging.getLogger("enclave.access")
PUBLIC: frozenset[str] = frozenset({"public"})  # no key needed
EVERYONE = frozenset(ROLES)
STAFF = frozenset({"user", "admin"})
ADMIN = frozenset({"admin"})
COMPLIANCE = frozenset({"compliance"})  # separation of duties: admins do not review themselves

ACCESS: dict[str, frozenset[str]] = {
    "healthz": PUBLIC,
    "readyz": PUBLIC,
    "chat_completions": STAFF,
    "list_models": EVERYONE,
    "retrieve_model": EVERYONE,
    "metrics": ADMIN,
    "create_key": ADMIN,
    "list_keys": ADMIN,
    "revoke_key": ADMIN,
    "create_collection": ADMIN,
    "delete_collection": ADMIN,
    "list_collections": EVERYONE,
    "upload_document": STAFF,
    "list_documents": STAFF,
    "delete_document": STAFF,
    "get_passage": STAFF,
    "safety_check": ADMIN,
    "get_policy": ADMIN,
    "reload_policy": ADMIN,
    "audit_events": COMPLIANCE,
    "audit_event": COMPLIANCE,
    "audit_export": COMPLIANCE,
    "audit_verify": COMPLIANCE,
    "login_page": PUBLIC,
    "login": PUBLIC,
    "logout": EVERYONE,
    "static_file": PUBLIC,
    "chat_page": STAFF,
    "audit_page": COMPLIANCE,
    "audit_event_page": COMPLIANCE,
    "audit_verify_page": COMPLIANCE,
    "admin_page": ADMIN,
    "admin_create_key": ADMIN,
    "admin_revoke_key": ADMIN,
    "admin_create_collection": ADMIN,
}
OPT_KEY = "enclave_access"


class Unauthorized(ApiError):
    status = 401
    type = "invalid_request_error"
    default_code = "invalid_api_key"


class Forbidden(ApiError):
    status = 403
    type = "permission_error"
    default_code = "insufficient_role"


class RateLimited(ApiError):
    status = 429
    type = "rate_limit_error"
    default_code = "rate_limit_exceeded"


def apply_access(handlers: Iterable[Any]) -> None:
    """Attach each handler's roles from ACCESS; an unlisted handler is a start-up error."""
    for handler in handlers:
        name = handler.handler_name
        if name not in ACCESS:
            raise RuntimeError(f"endpoint {name} has no entry in gateway.access.ACCESS")
        handler.opt[OPT_KEY] = ACCESS[name]


def bearer_key(headers: list[tuple[bytes, bytes]]) -> str:
    """The key from `Authorization: Bearer ...`, or Unauthorized."""
    values = [v for k, v in headers if k.lower() == b"authorization"]
    if not values:
        raise Unauthorized(
            "You didn't provide an API key. Send Authorization: Bearer <key>",
            code="missing_api_key",
        )
    scheme, _, key = values[0].decode("latin-1").strip().partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise Unauthorized("Malformed Authorization header; expected 'Bearer <key>'")
    return key.strip()


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORM_CSRF = "enclave_form_csrf"  # handler opt: it checks the CSRF token in its form itself


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str | None:
    for k, v in headers:
        if k.lower() == name:
            return v.decode("latin-1")
    return None


def _has_authorization(headers: list[tuple[bytes, bytes]]) -> bool:
    return _header(headers, b"authorization") is not None


def session_cookie(headers: list[tuple[bytes, bytes]]) -> str | None:
    """Our cookie, read leniently: another app's odd cookie on the host must not hide it."""
    raw = _header(headers, b"cookie")
    for part in (raw or "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE and value.strip('"'):
            return value.strip('"')
    return None


def check_csrf(presented: str | None, expected: str) -> None:
    if not presented or not hmac.compare_digest(presented.encode(), expected.encode()):
        raise Forbidden("missing or wrong CSRF token; reload the page", code="csrf_failed")


def form_csrf(request: Any, data: Any) -> None:
    """For FORM_CSRF handlers: a cookie session must send its token in the form field
    `csrf`; a bearer key (no session) cannot be sent by another site, so needs none."""
    expected = request.scope.get("state", {}).get("csrf")
    if expected is not None:
        check_csrf(data.get("csrf"), expected)


class AccessMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        handler: HTTPRouteHandler = scope["route_handler"]  # type: ignore[assignment]
        roles = handler.opt.get(OPT_KEY)
        if roles is None:  # fail closed
            raise Forbidden("this endpoint has no access rule")
        if roles == PUBLIC:
            await next_app(scope, receive, send)
            return
        state = scope["litestar_app"].state
        principal = await self._authenticate(state, scope)
        audit = scope.get("state", {}).get("audit")
        if audit is not None:  # named in the event, refused or not
            audit.principal = principal
        scope.setdefault("state", {})["principal"] = principal  # a refusal page shows who
        if principal.role not in roles:
            raise Forbidden(f"a {principal.role} key may not call this endpoint")
        limiter: Limiter = state["limiter"]
        slot = await anyio.to_thread.run_sync(limiter.admit, principal)
        if isinstance(slot, Refusal):
            raise RateLimited(slot.message, headers={"Retry-After": str(slot.retry_after)})
        scope.setdefault("state", {})["principal"] = principal
        try:
            await next_app(scope, receive, send)
        finally:
            with anyio.CancelScope(shield=True):
                try:
                    await anyio.to_thread.run_sync(limiter.release, slot)
                except Exception as exc:  # the database went away; the slot expires by itself
                    log.warning("could not release a concurrency slot: %s", type(exc).__name__)

    @staticmethod
    async def _authenticate(state: Any, scope: Scope) -> Principal:
        """A bearer key, or else the web UI's session cookie (then unsafe methods need the
        session's CSRF token, in the X-CSRF-Token header or, for UI forms, the form)."""
        headers: list[tuple[bytes, bytes]] = scope["headers"]  # type: ignore[assignment]
        token = None if _has_authorization(headers) else session_cookie(headers)
        try:
            if token is None:
                return await anyio.to_thread.run_sync(
                    state["key_store"].authenticate, bearer_key(headers)
                )
            signed = await anyio.to_thread.run_sync(state["ui_sessions"].lookup, token)
        except KeyRejected as exc:
            raise Unauthorized(str(exc), code=exc.code) from None
        scope.setdefault("state", {})["csrf"] = signed.csrf
        handler: HTTPRouteHandler = scope["route_handler"]  # type: ignore[assignment]
        if scope.get("method") not in SAFE_METHODS and not handler.opt.get(FORM_CSRF):
            check_csrf(_header(headers, b"x-csrf-token"), signed.csrf)
        return signed.principal


__all__ = ["ACCESS", "AccessMiddleware", "Forbidden", "Limiter", "RateLimited", "Unauthorized"]
