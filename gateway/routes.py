"""HTTP handlers. Each is thin: parse, call a service, shape the response."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Stream

from engine.protocol import ChatEngine
from gateway.audit_context import RequestAudit
from gateway.chat import ChatService
from gateway.disconnect import until_disconnected
from gateway.errors import ModelNotFound, NotReady
from gateway.keys import Principal
from gateway.metrics import GatewayMetrics

SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


@post("/v1/chat/completions", status_code=200)
async def chat_completions(
    request: Request,
    chat: NamedDependency[ChatService],
    principal: NamedDependency[Principal],
    audit: NamedDependency[RequestAudit],
) -> Response[Any] | Stream:
    req = chat.decode(await request.body())
    turn = await chat.start(req, principal, request.headers.get("x-enclave-conversation"), audit)
    if req.stream:
        include_usage = bool(req.stream_options and req.stream_options.include_usage)
        return Stream(
            chat.stream(turn, include_usage), media_type="text/event-stream", headers=SSE_HEADERS
        )
    body = await until_disconnected(request.receive, chat.complete(turn))
    return Response(body)


def _model_card(engine: ChatEngine) -> dict[str, object]:
    return {"id": engine.model_id, "object": "model", "created": 0, "owned_by": "enclave"}


@get("/v1/models")
async def list_models(engine: NamedDependency[ChatEngine]) -> dict[str, object]:
    return {"object": "list", "data": [_model_card(engine)]}


@get("/v1/models/{model_id:str}")
async def retrieve_model(
    model_id: FromPath[str], engine: NamedDependency[ChatEngine]
) -> dict[str, object]:
    if model_id != engine.model_id:
        raise ModelNotFound(f"The model '{model_id}' does not exist", param="model")
    return _model_card(engine)


@get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up and serving HTTP; says nothing about the model."""
    return {"status": "ok"}


@get("/readyz")
async def readyz(request: Request, engine: NamedDependency[ChatEngine]) -> dict[str, object]:
    """Ready means a chat request would be served now (a policy edit that failed to load
    leaves the previous policy in force: reported, not fatal)."""
    stats = engine.stats()
    if not stats.ready:
        raise NotReady(f"model: {stats.detail}")
    checks = {"model": "ok"}
    safety = request.app.state.get("safety")
    if safety is not None:
        # Public endpoint: say that, not what (the error names rules): admins see it in
        # GET /v1/safety/policy.
        failed = safety.store.error is not None
        checks["policy"] = "edit failed to load; previous policy in force" if failed else "ok"
    return {"status": "ready", "checks": checks}


@get("/metrics", media_type="text/plain; version=0.0.4")
async def metrics(
    engine: NamedDependency[ChatEngine], gateway_metrics: NamedDependency[GatewayMetrics]
) -> str:
    """This worker's numbers (see gateway.metrics); admin only."""
    return gateway_metrics.render(engine.stats())


ROUTES = [chat_completions, list_models, retrieve_model, healthz, readyz, metrics]
