"""The `ChatEngine` protocol and the plain data that crosses it.

The gateway only ever talks to this protocol, so an in-process llama.cpp
engine and (later) a pool of remote OpenAI-compatible upstreams are
interchangeable, and unit tests can use a small fake.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

Role = Literal["system", "developer", "user", "assistant", "tool"]
FinishReason = Literal["stop", "length", "cancelled"]


@dataclass(frozen=True, slots=True)
class ChatMessage:
    role: Role
    content: str


@dataclass(frozen=True, slots=True)
class SamplingParams:
    """What the client asked for; `None` max_tokens means the engine's default."""

    max_tokens: int | None = None
    temperature: float = 1.0
    top_p: float = 1.0
    seed: int | None = None
    stop: tuple[str, ...] = ()
    frequency_penalty: float = 0.0
    presence_penalty: float = 0.0


@dataclass(frozen=True, slots=True)
class TextDelta:
    """A piece of the answer, already safe to show (no partial stop string, whole UTF-8)."""

    text: str


@dataclass(frozen=True, slots=True)
class Finished:
    """Last event of a generation; token counts come from llama.cpp's tokenizer."""

    finish_reason: FinishReason
    prompt_tokens: int
    completion_tokens: int


GenerationEvent = TextDelta | Finished


@dataclass(frozen=True, slots=True)
class EngineStats:
    """Queue and outcome counters, exported on /metrics and used by tests."""

    ready: bool
    detail: str | None  # why not ready (loading, or the load error); None when ready
    queued: int
    running: int
    completed: int = 0
    cancelled: int = 0
    failed: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


@runtime_checkable
class Generation(Protocol):
    """A queued or running generation; iterate it for events, cancel to free the engine."""

    prompt_tokens: int

    def __aiter__(self) -> AsyncIterator[GenerationEvent]: ...

    def cancel(self) -> None: ...


@runtime_checkable
class ChatEngine(Protocol):
    @property
    def model_id(self) -> str: ...

    @property
    def context_length(self) -> int: ...

    def stats(self) -> EngineStats: ...

    def load(self) -> None:
        """Open the model; blocking, so the app runs it in a thread at start-up."""
        ...

    def close(self) -> None: ...

    async def generate(self, messages: list[ChatMessage], params: SamplingParams) -> Generation:
        """Check and enqueue a request.

        Raises before anything is queued when the request cannot run
        (context window, template, queue full, not ready), so the gateway can
        still answer with a 4xx/5xx status instead of a broken stream.
        """
        ...
