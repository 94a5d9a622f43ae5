"""The admin page: API keys, collections, the active policy, and a box to test text on it.

Server-rendered forms post back here (the session's CSRF token in a hidden
field); the policy test box is admin.js calling POST /v1/safety/check like any
client. Form validation and view-building are pure functions, so the handlers
stay thin and the rules can be tested without a server. A new key is shown
once, in the response to the form that made it (no redirect: the key must not
travel in a URL or be stored for a later page), and never recorded anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, cast

import anyio
from litestar import Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template

from gateway.access import FORM_CSRF, form_csrf
from gateway.audit_context import RequestAudit
from gateway.keys import ROLES, KeyInfo, KeyNotFound, KeyStore, Role, as_utc
from gateway.safety_guard import SafetyGuard
from gateway.ui.auth_pages import Form
from gateway.ui.render import UI, page
from retrieval.fusion import valid_collection_name
from retrieval.registry import Collection
from retrieval.service import CollectionExists, Retrieval

GROUP = re.compile(r"[A-Za-z0-9_.-]{1,64}")
MAX_NAME = 200
MAX_DESCRIPTION = 500
MAX_POLICY_BYTES = 200 * 1024  # enough for any hand-written policy; a page, not a download


class FormError(ValueError):
    """A form field that does not validate; the message names the field for the person."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class KeyRequest:
    name: str
    role: Role
    groups: tuple[str, ...]
    expires_at: datetime | None


@dataclass(frozen=True, slots=True)
class CollectionRequest:
    name: str
    read_groups: tuple[str, ...]
    write_groups: tuple[str, ...]
    description: str
    redact_pii: bool


# -- form validation (pure) --------------------------------------------------------------


def parse_groups(raw: str, field: str, label: str) -> tuple[str, ...]:
    """Comma-separated group names, the same pattern the JSON API enforces."""
    groups = tuple(dict.fromkeys(g.strip() for g in raw.split(",") if g.strip()))
    for g in groups:
        if not GROUP.fullmatch(g):
            raise FormError(
                field,
                f"{label}: '{g[:80]}' is not a group name (1 to 64 letters, digits, _ . -).",
            )
    return groups


def parse_expiry(raw: str, today: date) -> datetime | None:
    """A date from `<input type=date>`; the key stops working at 00:00 UTC that day."""
    if not raw.strip():
        return None
    try:
        day = date.fromisoformat(raw.strip())
    except ValueError:
        raise FormError("expires", "Expires: enter a date as YYYY-MM-DD.") from None
    if day <= today:
        raise FormError("expires", "Expires: the date must be in the future (after today, UTC).")
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def parse_key_form(data: Mapping[str, str], today: date) -> KeyRequest:
    name = data.get("name", "").strip()
    if not 1 <= len(name) <= MAX_NAME:
        raise FormError("name", f"Name: enter 1 to {MAX_NAME} characters.")
    role = data.get("role", "")
    if role not in ROLES:
        raise FormError("role", f"Role: choose one of {', '.join(ROLES)}.")
    groups = parse_groups(data.get("groups", ""), "groups", "Groups")
    expires = parse_expiry(data.get("expires", ""), today)
    return KeyRequest(name, cast(Role, role), groups, expires)


def parse_collection_form(data: Mapping[str, str]) -> CollectionRequest:
    name = data.get("name", "").strip()
    if not valid_collection_name(name):
        raise FormError(
            "name",
            "Name: 1 to 63 lower-case letters, digits, _ or -, starting with a letter or digit.",
        )
    read = parse_groups(data.get("read_groups", ""), "read_groups", "Read groups")
    write = parse_groups(data.get("write_groups", ""), "write_groups", "Write groups")
    description = data.get("description", "").strip()
    if len(description) > MAX_DESCRIPTION:
        raise FormError("description", f"Description: at most {MAX_DESCRIPTION} characters.")
    return CollectionRequest(name, read, write, description, bool(data.get("redact_pii")))


# -- views (pure) --------------------------------------------------------------------------


def when(value: datetime | None, empty: str = "—") -> str:
    return as_utc(value).strftime("%Y-%m-%d %H:%M UTC") if value else empty


def key_rows(infos: Iterable[KeyInfo], now: datetime, me: str | None) -> list[dict[str, Any]]:
    """Newest first, so a key just made is at the top; the signed-in admin's key is marked."""
    rows = [
        {
            "id": k.id,
            "name": k.name,
            "prefix": k.prefix,
            "role": k.role,
            "groups": ", ".join(k.groups) or "—",
            "status": k.status(now),
            "created": when(k.created_at),
            "expires": when(k.expires_at, "never"),
            "last_used": when(k.last_used_at, "never"),
            "mine": k.id == me,
        }
        for k in infos
    ]
    return rows[::-1]


def collection_rows(collections: Iterable[Collection]) -> list[dict[str, Any]]:
    return [
        {
            "name": c.name,
            "description": c.description or "—",
            "read_groups": ", ".join(c.read_groups or ()) or "—",
            "write_groups": ", ".join(c.write_groups or ()) or "—",
            "redact_pii": "yes" if c.redact_pii else "no",
        }
        for c in collections
    ]


def read_capped(path: Path, limit: int = MAX_POLICY_BYTES) -> tuple[str, bool]:
    """The file's text and whether it was cut at `limit` bytes (blocking: call off-loop)."""
    with path.open("rb") as f:
        data = f.read(limit + 1)
    return data[:limit].decode("utf-8", errors="replace"), len(data) > limit


# -- gathering the page ------------------------------------------------------------------


async def policy_view(safety: SafetyGuard | None) -> dict[str, Any] | None:
    """The store's status and the file's text now (which may differ from the version in
    force when an edit failed to load); None when the policy is switched off."""
    if safety is None:
        return None
    view: dict[str, Any] = {**safety.store.status(), "text": None, "truncated": False}
    try:
        view["text"], view["truncated"] = await anyio.to_thread.run_sync(
            read_capped, safety.store.path
        )
    except OSError as exc:
        view["read_error"] = f"The file cannot be read now: {exc.strerror or type(exc).__name__}"
    return view


async def render(
    request: Request[Any, Any, Any], keys: KeyStore, status: int = 200, **extra: Any
) -> Template:
    """The whole page; forms that failed pass their values and error back in `extra`."""
    state = request.app.state
    retrieval, safety = state.get("retrieval"), state.get("safety")
    infos = await anyio.to_thread.run_sync(keys.list)
    collections = await anyio.to_thread.run_sync(retrieval.collections) if retrieval else []
    me = request.scope["state"].get("principal")
    return page(
        request,
        "admin.html",
        status,
        keys=key_rows(infos, datetime.now(UTC), me.key_id if me else None),
        roles=ROLES,
        retrieval_enabled=retrieval is not None,
        collections=collection_rows(collections),
        policy=await policy_view(safety),
        **extra,
    )


def sticky(data: Mapping[str, str], fields: Sequence[str]) -> dict[str, str]:
    """What the person typed, to put back in a form that failed (never the CSRF token)."""
    return {f: data.get(f, "") for f in fields}


KEY_FIELDS = ("name", "role", "groups", "expires")
COLLECTION_FIELDS = ("name", "read_groups", "write_groups", "description", "redact_pii")


# -- handlers ------------------------------------------------------------------------------


@get("/admin", opt={UI: True})
async def admin_page(request: Request[Any, Any, Any], keys: NamedDependency[KeyStore]) -> Template:
    return await render(request, keys)


@post("/admin/keys", opt={UI: True, FORM_CSRF: True})
async def admin_create_key(
    request: Request[Any, Any, Any],
    data: Form,
    keys: NamedDependency[KeyStore],
    audit: NamedDependency[RequestAudit],
) -> Template:
    form_csrf(request, data)
    try:
        new = parse_key_form(data, datetime.now(UTC).date())
    except FormError as exc:
        form = {"error": exc.message, "field": exc.field, "typed": sticky(data, KEY_FIELDS)}
        return await render(request, keys, 400, key_form=form)
    key, info = await anyio.to_thread.run_sync(
        lambda: keys.create(new.name, new.role, new.groups, new.expires_at)
    )
    audit.detail.update(key_id=info.id, role=info.role, groups=list(info.groups))
    return await render(request, keys, 201, new_key={"key": key, "name": info.name})


@post("/admin/keys/{key_id:str}/revoke", opt={UI: True, FORM_CSRF: True})
async def admin_revoke_key(
    request: Request[Any, Any, Any],
    key_id: FromPath[str],
    data: Form,
    keys: NamedDependency[KeyStore],
    audit: NamedDependency[RequestAudit],
) -> Template | Redirect:
    form_csrf(request, data)
    audit.detail["key_id"] = key_id[:64]
    try:
        await anyio.to_thread.run_sync(keys.revoke, key_id)
    except KeyNotFound:
        message = f"No key with id or prefix '{key_id[:64]}'; nothing was revoked."
        return await render(request, keys, 404, keys_error=message)
    return Redirect("/admin", status_code=303)


@post("/admin/collections", opt={UI: True, FORM_CSRF: True})
async def admin_create_collection(
    request: Request[Any, Any, Any],
    data: Form,
    keys: NamedDependency[KeyStore],
    audit: NamedDependency[RequestAudit],
) -> Template | Redirect:
    form_csrf(request, data)
    typed = sticky(data, COLLECTION_FIELDS)
    try:
        new = parse_collection_form(data)
    except FormError as exc:
        form = {"error": exc.message, "field": exc.field, "typed": typed}
        return await render(request, keys, 400, collection_form=form)
    audit.sources([new.name], [])
    audit.detail.update(read_groups=list(new.read_groups), write_groups=list(new.write_groups))
    problem = await create_collection(request.app.state.get("retrieval"), new)
    if problem is not None:
        status, field, message = problem
        form = {"error": message, "field": field, "typed": typed}
        return await render(request, keys, status, collection_form=form)
    return Redirect("/admin", status_code=303)


async def create_collection(
    retrieval: Retrieval | None, new: CollectionRequest
) -> tuple[int, str, str] | None:
    """Make it; or (status, field, message) saying why not, for the form to show."""
    if retrieval is None:
        return 503, "", "Retrieval is disabled (retrieval.enabled = false); no collections."
    try:
        await anyio.to_thread.run_sync(
            retrieval.create_collection,
            new.name,
            list(new.read_groups),
            list(new.write_groups),
            new.description,
            new.redact_pii,
        )
    except CollectionExists:
        return 409, "name", f"Name: a collection called '{new.name}' already exists."
    return None


ADMIN_PAGES = [admin_page, admin_create_key, admin_revoke_key, admin_create_collection]
