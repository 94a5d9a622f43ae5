"""Prometheus text exposition of engine state (pure: stats in, text out)."""

from __future__ import annotations

from engine.protocol import EngineStats


def render_metrics(stats: EngineStats) -> str:
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
