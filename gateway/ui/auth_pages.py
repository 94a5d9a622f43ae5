"""Signing in and out, and the UI's own static files.

Sign-in takes an API key once and gives the browser an HttpOnly,
SameSite=Strict session cookie (Secure over HTTPS); the key itself is never
stored in the browser. The sign-in form is protected by a double-submit
CSRF token (there is no session yet); sign-out by the session's token.
"""

from __future__ import annotations

import hmac
import mimetypes
import secrets
from typing import Annotated, Any

import anyio
from litestar import Request, Response, get, post
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from gateway.access import FORM_CSRF, form_csrf, session_cookie
from gateway.audit_context import RequestAudit
from gateway.keys import KeyRejected, KeyStore
from gateway.ui.render import STATIC, UI, page, safe_next
from gateway.ui.sessions import COOKIE, SessionStore

LOGIN_CSRF = "enclave_login_csrf"
HOME = {"user": "/", "admin": "/", "compliance": "/audit"}
Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]


def _secure(request: Request[Any, Any, Any], forced: bool | None) -> bool:
    if forced is not None:
        return forced
    proto = request.headers.get("x-forwarded-proto", request.url.scheme)
    return proto.split(",")[0].strip() == "https"


def _cookie(name: str, value: str, secure: bool, max_age: int | None, path: str = "/") -> Cookie:
    return Cookie(
        key=name,
        value=value,
        path=path,
        httponly=True,
        samesite="strict",
        secure=secure,
        max_age=max_age,
    )


def _login_form(
    request: Request[Any, Any, Any],
    secure: bool | None,
    status: int = 200,
    error: str | None = None,
    target: str | None = None,
) -> Template:
    """The sign-in form, always with a fresh double-submit token (and the page to go on to)."""
    token = secrets.token_urlsafe(24)
    response = page(request, "login.html", status, login_csrf=token, next=target, error=error)
    response.cookies.append(_cookie(LOGIN_CSRF, token, _secure(request, secure), 600, "/login"))
    return response


@get("/login", opt={UI: True})
async def login_page(request: Request[Any, Any, Any], ui_secure: NamedDependency[Any]) -> Template:
    return _login_form(request, ui_secure, target=request.query_params.get("next"))


@post("/login", opt={UI: True}, status_code=303)
async def login(
    request: Request[Any, Any, Any],
    data: Form,
    keys: NamedDependency[KeyStore],
    ui_sessions: NamedDependency[SessionStore],
    audit: NamedDependency[RequestAudit],
    ui_secure: NamedDependency[Any],
) -> Response[Any]:
    expected = request.cookies.get(LOGIN_CSRF, "")
    if not expected or not hmac.compare_digest(data.get("csrf", "").encode(), expected.encode()):
        audit.detail["error"] = "csrf_failed"
        return _login_form(
            request, ui_secure, 403, "The form expired; please try again.", data.get("next")
        )
    try:
        principal = await anyio.to_thread.run_sync(keys.authenticate, data.get("key", "").strip())
    except KeyRejected as exc:
        audit.detail["error"] = exc.code
        return _login_form(request, ui_secure, 401, str(exc), data.get("next"))
    audit.principal = principal
    token, _ = await anyio.to_thread.run_sync(ui_sessions.open, principal)
    return _signed_in(
        request, ui_secure, token, ui_sessions, safe_next(data.get("next"), HOME[principal.role])
    )


def _signed_in(
    request: Request[Any, Any, Any],
    secure: bool | None,
    token: str,
    store: SessionStore,
    target: str,
) -> Redirect:
    response = Redirect(target, status_code=303)
    max_age = int(store.ttl.total_seconds())
    response.cookies.append(_cookie(COOKIE, token, _secure(request, secure), max_age))
    response.cookies.append(_cookie(LOGIN_CSRF, "", False, 0, "/login"))
    return response


@post("/logout", opt={UI: True, FORM_CSRF: True}, status_code=303)
async def logout(
    request: Request[Any, Any, Any], data: Form, ui_sessions: NamedDependency[SessionStore]
) -> Redirect:
    form_csrf(request, data)
    token = session_cookie(request.scope["headers"])  # type: ignore[arg-type]
    if token:
        await anyio.to_thread.run_sync(ui_sessions.close, token)
    # The browser forgets this session's chat (a shared PC; the next person signs in here).
    response = Redirect("/login", status_code=303, headers={"Clear-Site-Data": '"storage"'})
    response.cookies.append(_cookie(COOKIE, "", False, 0))
    return response


STATIC_FILES = frozenset(p.name for p in STATIC.iterdir() if p.is_file())


@get("/static/{name:str}")
async def static_file(name: FromPath[str]) -> Response[bytes]:
    """The UI's own scripts and styles (vendored; nothing is loaded from the internet)."""
    if name not in STATIC_FILES:
        raise NotFoundException()
    media = mimetypes.guess_type(name)[0] or "application/octet-stream"
    data = await anyio.Path(STATIC / name).read_bytes()
    return Response(
        data,
        media_type=media,
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )


AUTH_PAGES = [login_page, login, logout, static_file]
