"""Admin endpoints for API keys. Thin: decode, call the KeyStore off the loop, shape."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import anyio
import msgspec
from litestar import Request, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from msgspec import Meta

from gateway.audit_context import RequestAudit
from gateway.errors import ApiError, BadRequest, InvalidJSON
from gateway.keys import KeyNotFound, KeyStore, as_utc

# The limit columns are INTEGER (32-bit on PostgreSQL): larger is a 400, not a database error.
Positive = Annotated[int, Meta(ge=1, le=2**31 - 1)]


class KeyLimits(msgspec.Struct, forbid_unknown_fields=True):
    requests_per_minute: Positive | None = None
    tokens_per_day: Positive | None = None
    concurrent: Positive | None = None


class NewKey(msgspec.Struct, forbid_unknown_fields=True):
    name: Annotated[str, Meta(min_length=1, max_length=200)]
    role: Literal["user", "compliance", "admin"]
    groups: list[Annotated[str, Meta(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]] = []
    expires_at: datetime | None = None
    limits: KeyLimits | None = None


class KeyNotFoundError(ApiError):
    status = 404
    default_code = "key_not_found"


def decode_new_key(body: bytes) -> NewKey:
    try:
        return msgspec.json.decode(body, type=NewKey)
    except msgspec.ValidationError as exc:
        raise BadRequest(f"Invalid key request: {exc}") from None
    except msgspec.DecodeError as exc:
        raise InvalidJSON(f"the request body is not valid JSON: {exc}") from None


@post("/v1/admin/keys", status_code=201)
async def create_key(
    request: Request, keys: NamedDependency[KeyStore], audit: NamedDependency[RequestAudit]
) -> dict[str, object]:
    new = decode_new_key(await request.body())
    expires = as_utc(new.expires_at) if new.expires_at else None
    limits = msgspec.structs.asdict(new.limits) if new.limits else None
    key, info = await anyio.to_thread.run_sync(
        lambda: keys.create(new.name, new.role, tuple(new.groups), expires, limits)
    )
    audit.detail.update(key_id=info.id, role=info.role, groups=list(info.groups))
    return {"key": key, **info.as_dict()}


@get("/v1/admin/keys")
async def list_keys(keys: NamedDependency[KeyStore]) -> dict[str, object]:
    infos = await anyio.to_thread.run_sync(keys.list)
    return {"object": "list", "data": [i.as_dict() for i in infos]}


@delete("/v1/admin/keys/{key_id:str}", status_code=200)
async def revoke_key(
    key_id: FromPath[str], keys: NamedDependency[KeyStore], audit: NamedDependency[RequestAudit]
) -> dict[str, object]:
    audit.detail["key_id"] = key_id[:64]
    try:
        info = await anyio.to_thread.run_sync(keys.revoke, key_id)
    except KeyNotFound:
        raise KeyNotFoundError(f"no key with id or prefix '{key_id}'", param="key_id") from None
    return info.as_dict()


ADMIN_ROUTES = [create_key, list_keys, revoke_key]
