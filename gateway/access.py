"""Who may call what: one table of endpoint roles, and the middleware that enforces it.

Every route handler must appear in `ACCESS` (create_app refuses to start
otherwise), so a new endpoint is closed until someone decides who may call
it. The middleware authenticates the bearer key, checks the role, takes a
rate-limit slot for the whole request (streaming included) and gives it back
when the response is done. Keys never reach a log: only the key's id, name
and prefix are ever passed on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import anyio
from litestar.enums import ScopeType
from litestar.handlers import HTTPRouteHandler
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from gateway.errors import ApiError
from gateway.keys import ROLES, KeyRejected, KeyStore, Principal
from gateway.limits import Limiter, Refusal

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
    "safety_check": ADMIN,
    "get_policy": ADMIN,
    "reload_policy": ADMIN,
    "audit_events": COMPLIANCE,
    "audit_event": COMPLIANCE,
    "audit_export": COMPLIANCE,
    "audit_verify": COMPLIANCE,
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
        principal = await self._authenticate(state["key_store"], scope)
        audit = scope.get("state", {}).get("audit")
        if audit is not None:  # named in the event, refused or not
            audit.principal = principal
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
    async def _authenticate(keys: KeyStore, scope: Scope) -> Principal:
        key = bearer_key(scope["headers"])  # type: ignore[arg-type]
        try:
            return await anyio.to_thread.run_sync(keys.authenticate, key)
        except KeyRejected as exc:
            raise Unauthorized(str(exc), code=exc.code) from None


__all__ = ["ACCESS", "AccessMiddleware", "Forbidden", "Limiter", "RateLimited", "Unauthorized"]
