"""The staff chat page. The page is server-rendered; chat.js talks to the same
OpenAI-compatible API as any client, signed in by the session cookie."""

from __future__ import annotations

import hashlib
from typing import Any

import anyio
from litestar import Request, get
from litestar.di import NamedDependency
from litestar.response import Template

from engine.protocol import ChatEngine
from gateway.keys import Principal
from gateway.ui.render import UI, page
from retrieval.fusion import may_read, may_write


@get("/", opt={UI: True})
async def chat_page(
    request: Request[Any, Any, Any],
    engine: NamedDependency[ChatEngine],
    principal: NamedDependency[Principal],
) -> Template:
    retrieval = request.app.state.get("retrieval")
    rows = await anyio.to_thread.run_sync(retrieval.collections) if retrieval else []
    collections = [
        {"name": c.name, "writable": may_write(principal.role, principal.groups, c.write_groups)}
        for c in rows
        if may_read(principal.role, principal.groups, c.read_groups)
    ]
    return page(
        request,
        "chat.html",
        model=engine.model_id,
        collections=collections,
        session_tag=session_tag(request.scope.get("state", {}).get("csrf", "")),
    )


def session_tag(csrf: str) -> str:
    """Names this sign-in's chat history in the browser (not a secret, not the token)."""
    return hashlib.sha256(b"history:" + csrf.encode()).hexdigest()[:16]
