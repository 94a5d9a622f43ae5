"""`create_app(settings)`: the Litestar application, with no module globals.

Backends are built and closed in the lifespan and reach handlers through
dependency injection. The model loads in a thread after start-up so /healthz
answers at once and /readyz says 503 until the model is usable — a 12 GB
gpt-oss GGUF takes a while to map.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from typing import Any

from litestar import Litestar, Request
from litestar.datastructures import ResponseHeader, State
from litestar.di import Provide
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.template import TemplateConfig
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from engine.protocol import ChatEngine
from gateway.access import AccessMiddleware, apply_access
from gateway.admin_routes import ADMIN_ROUTES
from gateway.audit_context import RequestAudit
from gateway.audit_middleware import AuditMiddleware, apply_actions
from gateway.audit_routes import AUDIT_ROUTES
from gateway.audit_trail import AuditTrail, audit_sweeps, build_audit
from gateway.chat import ChatService
from gateway.collections_routes import COLLECTION_ROUTES
from gateway.db import make_engine, require_migrated
from gateway.errors import NotReady, error_response
from gateway.grounding import Grounding
from gateway.keys import KeyStore, Principal, load_secret
from gateway.limits import Limiter
from gateway.metrics import GatewayMetrics
from gateway.observability import count_responses
from gateway.openapi import describe_bodies, openapi_config
from gateway.pii import PiiGuard
from gateway.routes import ROUTES
from gateway.safety_guard import SafetyGuard
from gateway.safety_routes import SAFETY_ROUTES
from gateway.settings import Settings
from gateway.ui.pages import UI_PAGES
from gateway.ui.render import environment
from gateway.ui.sessions import SessionStore
from retrieval.protocols import Embedder, Redactor
from retrieval.service import Retrieval, Tuning
from safety.audit.query import AuditReader
from safety.decisions import LogSink
from safety.detector_cache import CachedDetector
from safety.doc_redaction import DocumentRedactor
from safety.policy_store import PolicyStore
from safety.vault import Vault

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


def build_remote_engine(settings: Settings) -> ChatEngine:
    from engine.remote import RemoteEngine, RemoteOptions

    e, r = settings.engine, settings.engine.remote
    return RemoteEngine(
        RemoteOptions(
            upstreams=tuple(r.upstreams),
            model_id=e.model_id,
            upstream_model=r.model,
            api_key=r.api_key.get_secret_value() if r.api_key else None,
            balance=r.balance,
            connect_timeout=r.connect_timeout_seconds,
            first_byte_timeout=r.first_byte_timeout_seconds,
            idle_timeout=r.idle_timeout_seconds,
            health_check_seconds=r.health_check_seconds,
            max_in_flight=r.max_in_flight,
            n_ctx=e.n_ctx,
            default_max_tokens=e.default_max_tokens,
        )
    )


def build_engine(settings: Settings) -> ChatEngine:
    """The engine `engine.backend` names: in-process llama.cpp or a pool of upstreams."""
    if settings.engine.backend == "remote":
        return build_remote_engine(settings)
    return build_llama_engine(settings)


async def _load(engine: ChatEngine) -> None:
    try:
        await asyncio.to_thread(engine.load)
        log.info("model %s ready", engine.model_id)
    except Exception as exc:  # readyz reports it; the process stays up for /healthz
        log.error("model %s failed to load: %s", engine.model_id, exc)


@dataclasses.dataclass
class Backends:
    """What the lifespan builds and closes; handlers get pieces by injection."""

    engine: ChatEngine
    db: Engine
    keys: KeyStore
    limiter: Limiter
    retrieval: Retrieval | None
    pii: PiiGuard | None
    safety: SafetyGuard | None
    audit: AuditTrail
    reader: AuditReader
    ui_sessions: SessionStore
    metrics: GatewayMetrics

    def state(self, settings: Settings) -> dict[str, Any]:
        """What handlers reach through dependency injection."""
        return {
            "engine": self.engine,
            "key_store": self.keys,
            "limiter": self.limiter,
            "retrieval": self.retrieval,
            "chat": ChatService(
                self.engine,
                self.limiter.add_tokens,
                Grounding(self.retrieval, self.metrics.retrieved),
                settings.server.max_body_bytes,
                self.pii,
                self.safety,
                self.audit,
                self.metrics,
            ),
            "safety": self.safety,
            "audit": self.audit,
            "audit_reader": self.reader,
            "ui_sessions": self.ui_sessions,
            "metrics": self.metrics,
        }

    def close(self) -> None:
        self.engine.close()
        if self.retrieval is not None:
            self.retrieval.close()
        self.db.dispose()


def build_backends(
    settings: Settings, engine_factory: EngineFactory, metrics: GatewayMetrics | None = None
) -> Backends:
    """Database first: an unmigrated database stops start-up before the model loads."""
    metrics = metrics or GatewayMetrics()
    db = make_engine(settings.resolved_database_url)
    try:
        require_migrated(db)
    except Exception:
        db.dispose()
        raise
    sessions = sessionmaker(db, expire_on_commit=False)
    secret = settings.auth.secret.get_secret_value() if settings.auth.secret else None
    keys = KeyStore(sessions, load_secret(secret, settings.resolved_secret_file))
    s = settings.safety
    embedder = build_embedder(settings) if settings.retrieval.enabled or s.filters_enabled else None
    detector = build_detector(settings) if s.pii_enabled or s.filters_enabled else None
    safety = build_safety(settings, embedder, detector, metrics) if s.filters_enabled else None
    retrieval = None
    if embedder is not None and settings.retrieval.enabled:
        redactor = DocumentRedactor(detector.uncached) if detector is not None else None
        retrieval = build_retrieval(settings, sessions, embedder, redactor)
    pii = PiiGuard(detector, Vault(s.vault_ttl_seconds)) if detector and s.pii_enabled else None
    audit = build_audit(settings, sessions, safety, pii, metrics.audit_written)
    return Backends(
        engine_factory(settings),
        db,
        keys,
        Limiter(sessions, settings.limits),
        retrieval,
        pii,
        safety,
        audit,
        AuditReader(sessions),
        SessionStore(sessions, timedelta(hours=settings.ui.session_hours)),
        metrics,
    )


def build_embedder(settings: Settings) -> Embedder:
    """One embedding model for retrieval and the policy's similarity rules."""
    from retrieval.embedder import SentenceTransformerEmbedder

    r = settings.retrieval
    return SentenceTransformerEmbedder(r.embedding_model_path, r.embed_batch_size)


def build_detector(settings: Settings) -> CachedDetector:
    """Presidio loaded once, here, never per request; the policy configures what it finds.
    Findings are remembered per message, so a conversation's history is not re-analysed."""
    from safety.presidio_detector import PresidioDetector

    return CachedDetector(PresidioDetector(settings.safety.spacy_model))


def build_safety(
    settings: Settings,
    embedder: Embedder | None,
    detector: CachedDetector | None,
    metrics: GatewayMetrics | None = None,
) -> SafetyGuard:
    """The policy file (a broken one stops start-up, naming the mistake) and its guard."""
    store = PolicyStore(
        settings.policy_file,
        embedder.embed if embedder else None,
        detector.configure if detector else None,
        settings.safety.policy_check_seconds,
    )
    sink = metrics.decisions(LogSink()) if metrics is not None else LogSink()
    return SafetyGuard(store, detector, sink)


def build_retrieval(
    settings: Settings,
    sessions: sessionmaker[Session],
    embedder: Embedder,
    redactor: Redactor | None = None,
) -> Retrieval:
    """Chroma (embedded in data_dir, or the server at chroma_url) over the shared embedder."""
    from retrieval.chroma_store import ChromaStore

    r = settings.retrieval
    store = (
        ChromaStore(url=settings.chroma_url)
        if settings.chroma_url
        else ChromaStore(path=settings.data_dir / "chroma")
    )
    tuning = Tuning(
        r.chunk_tokens, r.chunk_overlap, r.top_k, r.candidates, r.min_score, r.max_upload_bytes
    )
    reranker = None
    if r.reranker_model_path is not None:
        from retrieval.reranker import CrossEncoderReranker

        reranker = CrossEncoderReranker(r.reranker_model_path)
    return Retrieval(sessions, embedder, store, tuning, reranker, redactor)


async def _sweep(retrieval: Retrieval) -> None:
    try:
        removed = await asyncio.to_thread(retrieval.sweep_all)
    except Exception as exc:  # the store may be a server that is still starting
        log.warning("vector store sweep failed: %s", type(exc).__name__)
        return
    if removed:
        log.warning("removed vectors of %d documents left by an interrupted ingest", removed)


def create_app(settings: Settings, engine_factory: EngineFactory = build_engine) -> Litestar:
    metrics = GatewayMetrics()  # this app's; each worker process has its own

    @contextlib.asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        backends = await asyncio.to_thread(build_backends, settings, engine_factory, metrics)
        app.state.update(backends.state(settings))
        tasks = [
            asyncio.create_task(_load(backends.engine)),
            *([asyncio.create_task(_sweep(backends.retrieval))] if backends.retrieval else []),
        ]
        sweeping_audit = asyncio.create_task(audit_sweeps(backends.audit, settings.audit))
        try:
            yield
        finally:
            sweeping_audit.cancel()
            await asyncio.gather(*tasks)
            await asyncio.to_thread(backends.close)

    handlers = [
        *ROUTES,
        *ADMIN_ROUTES,
        *COLLECTION_ROUTES,
        *SAFETY_ROUTES,
        *AUDIT_ROUTES,
        *UI_PAGES,
    ]
    apply_access(handlers)
    apply_actions(handlers)
    describe_bodies(handlers)
    return Litestar(
        route_handlers=handlers,
        lifespan=[lifespan],
        # Audit outermost: refusals by access control are recorded too.
        middleware=[AuditMiddleware(), AccessMiddleware()],
        dependencies={
            "engine": Provide(_from_state("engine"), sync_to_thread=False),
            "chat": Provide(_from_state("chat"), sync_to_thread=False),
            "keys": Provide(_from_state("key_store"), sync_to_thread=False),
            "retrieval": Provide(_retrieval, sync_to_thread=False),
            "safety": Provide(_safety, sync_to_thread=False),
            "principal": Provide(_principal, sync_to_thread=False),
            "audit": Provide(_audit, sync_to_thread=False),
            "trail": Provide(_from_state("audit"), sync_to_thread=False),
            "reader": Provide(_from_state("audit_reader"), sync_to_thread=False),
            "ui_sessions": Provide(_from_state("ui_sessions"), sync_to_thread=False),
            "gateway_metrics": Provide(_from_state("metrics"), sync_to_thread=False),
            "ui_secure": Provide(lambda: settings.ui.secure_cookie, sync_to_thread=False),
        },
        exception_handlers={Exception: error_response},
        before_send=[count_responses(metrics)],
        # The entry point configures logging (gateway.logs); Litestar's default would
        # replace the root handler with its own text format.
        logging_config=None,
        template_config=TemplateConfig(engine=JinjaTemplateEngine.from_environment(environment())),
        # Which worker process answered: for operators (and tests) of multi-worker serving.
        response_headers=[ResponseHeader(name="X-Enclave-Worker", value=str(os.getpid()))],
        # Uploads may be larger than JSON requests; handlers of JSON bodies check their own cap.
        request_max_body_size=max(
            settings.server.max_body_bytes, settings.retrieval.max_upload_bytes + 65536
        ),
        openapi_config=openapi_config(),
        debug=False,
    )


def _from_state(name: str) -> Callable[[State], Any]:
    def provide(state: State) -> Any:
        return state[name]

    return provide


def _retrieval(state: State) -> Retrieval:
    if state["retrieval"] is None:
        raise NotReady("retrieval is disabled (retrieval.enabled = false)")
    return state["retrieval"]  # type: ignore[no-any-return]


def _safety(state: State) -> SafetyGuard:
    if state["safety"] is None:
        raise NotReady("the safety policy is disabled (safety.filters_enabled = false)")
    return state["safety"]  # type: ignore[no-any-return]


def _audit(request: Request) -> RequestAudit:
    """Set by AuditMiddleware on every keyed request."""
    return request.scope["state"]["audit"]  # type: ignore[no-any-return]


def _principal(request: Request) -> Principal:
    """Set by AccessMiddleware; a handler asking for it is behind a key."""
    return request.scope["state"]["principal"]  # type: ignore[no-any-return]
