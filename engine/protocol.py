"""The `ChatEngine` protocol and the plain data that crosses it.

The gateway only ever talks to this protocol, so the in-process llama.cpp
engine (engine.llama) and a pool of remote OpenAI-compatible upstreams (engine.remote) are
interchangeable, and unit tests can use a small fake.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol, runtime_checkable

Role = Literal["system", "developer", "user", "assistant", "tool"]
FinishReason = Literal["stop", "length", "cancelled", "tool_calls", "content_filter"]
ReasoningEffort = Literal["low", "medium", "high"]


@dataclass(frozen=True, slots=True)
class ToolCall:
    """A function call the assistant made (in history) or makes (in output)."""

    id: str
    name: str
    arguments: str  # JSON text, as OpenAI sends it


@dataclass(frozen=True, slots=True)
class ChatMessage:
    role: Role
    content: str
    tool_calls: tuple[ToolCall, ...] = ()
    tool_call_id: str | None = None  # for role "tool": which call this answers
    name: str | None = None  # for role "tool": the function's name, when known
    reasoning: str | None = None  # an earlier assistant turn's analysis text, if sent back


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """A function the model may call (OpenAI `tools[].function`)."""

    name: str
    description: str = ""
    parameters: Mapping[str, Any] | None = None  # JSON Schema of the arguments object


@dataclass(frozen=True, slots=True)
class ResponseFormat:
    """Structured output: any JSON object, or JSON valid against `schema`."""

    type: Literal["json_object", "json_schema"]
    schema: Mapping[str, Any] | None = None
    name: str | None = None


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
    tools: tuple[ToolSpec, ...] = ()
    # "auto" | "none" | "required" | a function name that must be called
    tool_choice: str = "auto"
    response_format: ResponseFormat | None = None
    reasoning_effort: ReasoningEffort | None = None


@dataclass(frozen=True, slots=True)
class TextDelta:
    """A piece of the answer, already safe to show (no partial stop string, whole UTF-8).

    `channel` is "reasoning" for a reasoning model's analysis text (harmony's
    analysis channel), which the gateway returns as `reasoning_content`.
    """

    text: str
    channel: Literal["content", "reasoning"] = "content"


@dataclass(frozen=True, slots=True)
class ToolCallDelta:
    """A piece of a tool call in the answer, shaped like OpenAI's streamed `tool_calls`.

    The first delta of a call carries `id` and `name`; later ones only more
    `arguments` text. `index` numbers the calls within one answer from 0.
    """

    index: int
    id: str | None
    name: str | None
    arguments: str


@dataclass(frozen=True, slots=True)
class Finished:
    """Last event of a generation; token counts come from llama.cpp's tokenizer."""

    finish_reason: FinishReason
    prompt_tokens: int
    completion_tokens: int


GenerationEvent = TextDelta | ToolCallDelta | Finished


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

    def on_finished(self, callback: Callable[[Finished], None]) -> None:
        """Run `callback` when the generation ends (from any thread), listener or not."""
        ...


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
