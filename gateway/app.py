"""`create_app(settings)`: the Litestar application, with no module globals.

Backends are built and closed in the lifespan and reach handlers through
dependency injection. The model loads in a thread after start-up so /healthz
answers at once and /readyz says 503 until the model is usable — a 12 GB
gpt-oss GGUF takes a while to map.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable

from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide

from engine.protocol import ChatEngine
from gateway.chat import ChatService
from gateway.errors import error_response
from gateway.routes import ROUTES
from gateway.settings import Settings

log = logging.getLogger("enclave.app")
EngineFactory = Callable[[Settings], ChatEngine]


def build_llama_engine(settings: Settings) -> ChatEngine:
    from engine.llama import LlamaCppEngine, LlamaOptions

    e = settings.engine
    return LlamaCppEngine(
        LlamaOptions(
            model_path=settings.resolved_model_path,
            model_id=e.model_id,
            n_ctx=e.n_ctx,
            n_threads=e.n_threads,
            n_batch=e.n_batch,
            n_gpu_layers=e.n_gpu_layers,
            chat_template=e.chat_template,
            default_max_tokens=e.default_max_tokens,
            max_queue=e.max_queue,
            swa_full=e.swa_full,
            gpu_memory_bytes=e.gpu_memory_bytes,
        )
    )


async def _load(engine: ChatEngine) -> None:
    try:
        await asyncio.to_thread(engine.load)
        log.info("model %s ready", engine.model_id)
    except Exception as exc:  # readyz reports it; the process stays up for /healthz
        log.error("model %s failed to load: %s", engine.model_id, exc)


def create_app(settings: Settings, engine_factory: EngineFactory = build_llama_engine) -> Litestar:
    @contextlib.asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        engine = engine_factory(settings)
        app.state.engine = engine
        app.state.chat = ChatService(engine)
        loading = asyncio.create_task(_load(engine))
        try:
            yield
        finally:
            await loading
            await asyncio.to_thread(engine.close)

    def provide_engine(state: State) -> ChatEngine:
        return state.engine  # type: ignore[no-any-return]

    def provide_chat(state: State) -> ChatService:
        return state.chat  # type: ignore[no-any-return]

    return Litestar(
        route_handlers=ROUTES,
        lifespan=[lifespan],
        dependencies={
            "engine": Provide(provide_engine, sync_to_thread=False),
            "chat": Provide(provide_chat, sync_to_thread=False),
        },
        exception_handlers={Exception: error_response},
        request_max_body_size=settings.server.max_body_bytes,
        openapi_config=None,
        debug=False,
    )
