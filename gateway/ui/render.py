"""Rendering pages: one autoescaping Jinja environment, security headers, error pages.

Every page escapes what it shows (Jinja autoescape; scripts set textContent,
never innerHTML), and the Content-Security-Policy allows only this server's
own scripts and styles, so a document or a filename carrying markup stays
text even if an escape were ever missed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from litestar import Request, Response
from litestar.response import Redirect, Template

from gateway.keys import Principal

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
UI = "enclave_ui"  # handler opt: a page, so errors become pages and 401 a redirect to sign-in

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page(
    request: Request[Any, Any, Any],
    name: str,
    status: int = 200,
    **context: Any,
) -> Template:
    """A page with what every page needs: who is signed in, their CSRF token, the nav."""
    state = request.scope.get("state", {})
    principal: Principal | None = state.get("principal")
    return Template(
        template_name=name,
        context={
            "me": principal,
            "csrf": state.get("csrf", ""),
            "path": request.url.path,
            **context,
        },
        status_code=status,
        headers=HEADERS,
    )


def safe_next(target: str | None, fallback: str) -> str:
    """Only same-site paths: `/audit?x=1`, never `//evil.example` or `https://…`."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback


def error_page(request: Request[Any, Any, Any], status: int, body: dict[str, Any]) -> Response[Any]:
    """What a page shows instead of JSON: sign-in for 401, a plain explanation otherwise."""
    if status == 401:  # back to this page after signing in (a form post cannot be replayed)
        if request.method != "GET":
            return Redirect("/login", status_code=303)
        target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        return Redirect(f"/login?next={target}", status_code=303)
    error = body.get("error", {})
    return page(request, "error.html", status, status_code=status, message=error.get("message"))
