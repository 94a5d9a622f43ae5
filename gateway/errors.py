"""The one error tree and its mapping to OpenAI's error shape.

Every error a client can see leaves through `error_response`, so the status
codes and the `{"error": {message, type, param, code}}` body are decided here
and nowhere else. Engine errors are typed in `engine.errors`; they are mapped
by type, never by matching their text.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from litestar import Request, Response
from litestar.exceptions import HTTPException
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from engine.errors import (
    ContextWindowExceeded,
    EngineBusy,
    EngineError,
    EngineFailed,
    EngineNotReady,
    NoChatTemplate,
    UnsupportedMessage,
    UnsupportedSchema,
    UpstreamMisconfigured,
    UpstreamRejected,
)

log = logging.getLogger("enclave.errors")


class ApiError(Exception):
    """An error the gateway raises on purpose; subclasses fix status and type."""

    status = 400
    type = "invalid_request_error"
    default_code: str | None = None

    def __init__(
        self,
        message: str,
        *,
        param: str | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.param = param
        self.code = code or self.default_code
        self.headers = headers or {}


class BadRequest(ApiError):
    pass


class InvalidJSON(BadRequest):
    default_code = "invalid_json"


class UnsupportedParameter(BadRequest):
    default_code = "unsupported_parameter"


class ModelNotFound(ApiError):
    status = 404
    default_code = "model_not_found"


class PayloadTooLarge(ApiError):
    status = 413
    default_code = "request_too_large"


class NotReady(ApiError):
    status = 503
    type = "service_unavailable"
    default_code = "not_ready"


@dataclass(frozen=True, slots=True)
class ErrorSpec:
    status: int
    type: str
    code: str | None


ENGINE_ERRORS: dict[type[EngineError], ErrorSpec] = {
    ContextWindowExceeded: ErrorSpec(400, "invalid_request_error", "context_length_exceeded"),
    UnsupportedMessage: ErrorSpec(400, "invalid_request_error", "unsupported_message"),
    UnsupportedSchema: ErrorSpec(400, "invalid_request_error", "unsupported_schema"),
    EngineBusy: ErrorSpec(503, "service_unavailable", "engine_overloaded"),
    EngineNotReady: ErrorSpec(503, "service_unavailable", "model_not_ready"),
    NoChatTemplate: ErrorSpec(500, "server_error", "no_chat_template"),
    EngineFailed: ErrorSpec(500, "server_error", "engine_failure"),
    UpstreamRejected: ErrorSpec(400, "invalid_request_error", "upstream_rejected"),
    UpstreamMisconfigured: ErrorSpec(502, "server_error", "upstream_misconfigured"),
}

HTTP_TYPES = {
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    429: "rate_limit_error",
}
HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "request_too_large"}
RETRY_AFTER_S = {503: "2"}


def error_body(message: str, type_: str, param: str | None, code: str | None) -> dict[str, object]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def error_code(body: object) -> str | None:
    """The `code` of an OpenAI-shaped error body (a fixed vocabulary, never user text)."""
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        code = body["error"].get("code")
        return str(code)[:64] if code else None
    return None


def describe(exc: BaseException) -> tuple[int, dict[str, object]]:
    """Status code and OpenAI-shaped body for any exception."""
    if isinstance(exc, ApiError):
        return exc.status, error_body(exc.message, exc.type, exc.param, exc.code)
    if isinstance(exc, EngineError):
        spec = next(
            (ENGINE_ERRORS[k] for k in type(exc).__mro__ if k in ENGINE_ERRORS),
            ErrorSpec(500, "server_error", "engine_error"),
        )
        return spec.status, error_body(str(exc), spec.type, None, spec.code)
    if isinstance(exc, (OperationalError, InterfaceError)) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    ):  # the database went away: nothing was done, try again later
        msg = "the database is not reachable; nothing was done, try again shortly"
        return 503, error_body(msg, "service_unavailable", None, "database_unavailable")
    if isinstance(exc, HTTPException):
        status = exc.status_code
        type_ = HTTP_TYPES.get(status, "invalid_request_error" if status < 500 else "server_error")
        return status, error_body(str(exc.detail), type_, None, HTTP_CODES.get(status))
    return 500, error_body("internal server error", "server_error", None, "internal_error")


def error_response(request: Request, exc: Exception) -> Response[dict[str, object]]:
    """Litestar exception handler for every exception type."""
    status, body = describe(exc)
    if isinstance(exc, DBAPIError):  # its text quotes SQL parameters: name the type only
        log.error("database error on %s %s: %s", request.method, request.url.path, _kind(exc))
    elif status >= 500 and not isinstance(exc, (ApiError, EngineError)):
        # The traceback names code, not request content; never log the body.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
    handler = request.scope.get("route_handler")
    if handler is not None and handler.opt.get("enclave_ui"):  # a page: answer with a page
        from gateway.ui.render import error_page

        page = error_page(request, status, body)
        page.headers.update(tracing_headers(request))
        return page
    headers = tracing_headers(request)
    if status in RETRY_AFTER_S:
        headers["Retry-After"] = RETRY_AFTER_S[status]
    if isinstance(exc, ApiError):
        headers.update(exc.headers)
    return Response(content=body, status_code=status, headers=headers)


def tracing_headers(request: Request) -> dict[str, str]:
    """The worker and (when audited) the request id, on refusals as on answers: Litestar's
    app-wide response headers and the audit middleware's never reach an error response."""
    headers = {"X-Enclave-Worker": str(os.getpid())}
    audit = request.scope.get("state", {}).get("audit")
    request_id = getattr(audit, "request_id", None)
    if request_id:
        headers["X-Request-Id"] = str(request_id)
    return headers


def _kind(exc: DBAPIError) -> str:
    return f"{type(exc).__name__} ({type(exc.orig).__name__})"
