"""Admin endpoints for the safety policy: test a text against it, see it, reload it."""

from __future__ import annotations

from typing import Annotated, Literal

import anyio
import msgspec
from litestar import Request, get, post
from litestar.di import NamedDependency
from msgspec import Meta

from gateway.audit_context import RequestAudit
from gateway.errors import BadRequest
from gateway.safety_guard import SafetyGuard
from gateway.schemas import decode_json
from safety.filters import Scope
from safety.policy import PolicyError

MAX_CHECK_CHARS = 200_000


class CheckRequest(msgspec.Struct, forbid_unknown_fields=True):
    text: Annotated[str, Meta(max_length=MAX_CHECK_CHARS)]
    direction: Literal["input", "output"] = "input"
    # Test as a key with this role and groups (rules out of scope are skipped); unset: all rules.
    role: Literal["user", "compliance", "admin"] | None = None
    groups: list[str] = []
    system: str = ""  # the system prompt an output is compared with (leak rules)


@post("/v1/safety/check", status_code=200)
async def safety_check(request: Request, safety: NamedDependency[SafetyGuard]) -> dict[str, object]:
    req = decode_json(await request.body(), CheckRequest)
    scope = Scope(req.role, tuple(req.groups)) if req.role else None
    system = [req.system] if req.system else []
    return await anyio.to_thread.run_sync(
        lambda: safety.inspect(req.text, req.direction, scope, system)
    )


@get("/v1/safety/policy")
async def get_policy(safety: NamedDependency[SafetyGuard]) -> dict[str, object]:
    policy = await anyio.to_thread.run_sync(safety.policy)
    return {**safety.store.status(), "policy": policy.policy.model_dump(mode="json")}


@post("/v1/safety/policy/reload", status_code=200)
async def reload_policy(
    safety: NamedDependency[SafetyGuard], audit: NamedDependency[RequestAudit]
) -> dict[str, object]:
    audit.detail["before"] = safety.store.status()["version"]
    try:
        policy = await anyio.to_thread.run_sync(safety.store.reload)
    except PolicyError as exc:
        raise BadRequest(str(exc), code="invalid_policy") from None
    audit.policy_version = policy.version
    return safety.store.status()


SAFETY_ROUTES = [safety_check, get_policy, reload_policy]
