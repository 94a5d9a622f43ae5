"""What /metrics shows: the gateway's own counters and histograms, and the engine's state.

One `GatewayMetrics` per app (made by `create_app`); services get the one hook
they need (a callable or a sink), never the registry. Label values are bounded
by design: route templates, statuses, policy rule names, PII entity types;
never a raw path, a key, or any text of a request.

Each worker process has its own numbers: with several workers behind one port,
a scrape sees the worker that answered it (`enclave_worker_info` and the
X-Enclave-Worker header name it).
"""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator, Callable
from typing import Literal

from engine.protocol import EngineStats, Finished, Generation, GenerationEvent
from gateway.metrics_registry import Registry
from safety.decisions import DecisionSink, SafetyRecord

TTFT_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120)
TPS_BUCKETS = (1, 2, 5, 10, 20, 40, 60, 80, 120, 200, 400, 1000)
RETRIEVAL_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
AUDIT_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10)

AuditOp = Literal["append", "reserve"]


class GatewayMetrics:
    def __init__(self) -> None:
        r = self.registry = Registry()
        self.requests = r.counter(
            "enclave_http_requests_total",
            "HTTP responses by route template, method and status (unknown paths: route=unmatched).",
            ("route", "method", "status"),
        )
        self.first_token = r.histogram(
            "enclave_chat_time_to_first_token_seconds",
            "Chat completions: from the request's arrival to the engine's first token "
            "(policy, PII, retrieval, queueing and prompt processing included).",
            TTFT_BUCKETS,
            ("stream",),
        )
        self.tokens_per_second = r.histogram(
            "enclave_chat_tokens_per_second",
            "Chat completions: completion tokens decoded per second after the first one.",
            TPS_BUCKETS,
            ("stream",),
        )
        self.rules = r.counter(
            "enclave_safety_rules_fired_total",
            "Requests on which a policy rule fired, by rule, direction and action "
            "(action=block: the prompt was refused or the answer stopped).",
            ("rule", "direction", "action"),
        )
        self.pii = r.counter(
            "enclave_pii_entities_total",
            "PII entities pseudonymized in chat prompts, by entity type.",
            ("entity",),
        )
        self.retrieval = r.histogram(
            "enclave_retrieval_duration_seconds",
            "Hybrid search over the office's documents for one chat request.",
            RETRIEVAL_BUCKETS,
        )
        self.audit_write = r.histogram(
            "enclave_audit_write_duration_seconds",
            "Audit log writes as the request waits for them (append: chain an event; "
            "reserve: note a streamed answer before its first byte).",
            AUDIT_BUCKETS,
            ("op",),
        )

    # -- hooks handed to services ----------------------------------------------
    def request(self, route: str, method: str, status: int) -> None:
        self.requests.inc(route=route, method=method, status=str(status))

    def retrieved(self, seconds: float) -> None:
        self.retrieval.observe(seconds)

    def audit_written(self, op: AuditOp, seconds: float) -> None:
        self.audit_write.observe(seconds, op=op)

    def pseudonymized(self, counts: dict[str, int]) -> None:
        for entity, n in counts.items():
            self.pii.inc(n, entity=entity)

    def decisions(self, inner: DecisionSink) -> DecisionSink:
        """A safety decision sink that counts what fired, then passes the record on."""
        return _CountingSink(self, inner)

    def timed(self, generation: Generation, started: float, stream: bool) -> Generation:
        """The generation, timing its first token and its decode rate as it is consumed."""
        return _TimedGeneration(self, generation, started, "true" if stream else "false")

    # -- exposition -------------------------------------------------------------
    def render(self, stats: EngineStats) -> str:
        return render_worker() + render_metrics(stats) + self.registry.render()


class _CountingSink:
    def __init__(self, metrics: GatewayMetrics, inner: DecisionSink) -> None:
        self._metrics, self._inner = metrics, inner

    def record(self, record: SafetyRecord) -> None:
        for d in record.decisions:
            self._metrics.rules.inc(rule=d.rule, direction=record.direction, action=d.action)
        self._inner.record(record)


class _TimedGeneration:
    """Wraps a Generation; everything but iteration passes straight through."""

    def __init__(
        self, metrics: GatewayMetrics, inner: Generation, started: float, stream: str
    ) -> None:
        self._metrics, self._inner = metrics, inner
        self._started, self._stream = started, stream
        self.prompt_tokens = inner.prompt_tokens

    def cancel(self) -> None:
        self._inner.cancel()

    def on_finished(self, callback: Callable[[Finished], None]) -> None:
        self._inner.on_finished(callback)

    async def __aiter__(self) -> AsyncIterator[GenerationEvent]:
        first: float | None = None
        async for event in self._inner:
            now = time.perf_counter()
            if isinstance(event, Finished):
                rate = decode_rate(event.completion_tokens, first, now)
                if rate is not None:
                    self._metrics.tokens_per_second.observe(rate, stream=self._stream)
            elif first is None:
                first = now
                self._metrics.first_token.observe(now - self._started, stream=self._stream)
            yield event


def decode_rate(completion_tokens: int, first: float | None, end: float) -> float | None:
    """Tokens per second after the first token (the first one's wait is the TTFT's);
    None when there is no interval to measure."""
    if first is None or completion_tokens < 2 or end <= first:
        return None
    return (completion_tokens - 1) / (end - first)


def render_worker() -> str:
    return (
        "# HELP enclave_worker_info The worker process that answered this scrape.\n"
        "# TYPE enclave_worker_info gauge\n"
        f'enclave_worker_info{{worker="{os.getpid()}"}} 1\n'
    )


def render_metrics(stats: EngineStats) -> str:
    """Prometheus text exposition of engine state (pure: stats in, text out)."""
    lines = [
        "# HELP enclave_engine_ready 1 when the model is loaded and serving.",
        "# TYPE enclave_engine_ready gauge",
        f"enclave_engine_ready {int(stats.ready)}",
        "# HELP enclave_engine_queue_depth Generations waiting for the engine.",
        "# TYPE enclave_engine_queue_depth gauge",
        f"enclave_engine_queue_depth {stats.queued}",
        "# HELP enclave_engine_running Generations being decoded now.",
        "# TYPE enclave_engine_running gauge",
        f"enclave_engine_running {stats.running}",
        "# HELP enclave_engine_generations_total Generations by outcome.",
        "# TYPE enclave_engine_generations_total counter",
        f'enclave_engine_generations_total{{outcome="completed"}} {stats.completed}',
        f'enclave_engine_generations_total{{outcome="cancelled"}} {stats.cancelled}',
        f'enclave_engine_generations_total{{outcome="failed"}} {stats.failed}',
        "# HELP enclave_engine_tokens_total Tokens counted by llama.cpp.",
        "# TYPE enclave_engine_tokens_total counter",
        f'enclave_engine_tokens_total{{kind="prompt"}} {stats.prompt_tokens}',
        f'enclave_engine_tokens_total{{kind="completion"}} {stats.completion_tokens}',
    ]
    return "\n".join(lines) + "\n"
