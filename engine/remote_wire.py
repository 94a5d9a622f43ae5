"""The OpenAI wire format an upstream speaks, both ways (pure functions, no I/O).

Why separate from the pool: what we send and how we read a streamed chunk
are the parts most likely to differ between upstreams (llama.cpp's
llama-server, llama-cpp-python's server, vLLM); keeping them pure keeps them
testable without a server. Everything the gateway sends here is already
pseudonymized and grounded: an upstream sees exactly what the in-process
engine would.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from engine.errors import ContextWindowExceeded
from engine.protocol import (
    ChatMessage,
    FinishReason,
    GenerationEvent,
    SamplingParams,
    TextDelta,
    ToolCallDelta,
)

FINISH_REASONS: dict[str, FinishReason] = {
    "stop": "stop",
    "length": "length",
    "tool_calls": "tool_calls",
    "function_call": "tool_calls",
    "content_filter": "content_filter",
}


def message_json(message: ChatMessage) -> dict[str, Any]:
    """One message as OpenAI's API takes it (an earlier turn's reasoning is not sent back)."""
    out: dict[str, Any] = {"role": message.role, "content": message.content}
    if message.tool_calls:
        out["tool_calls"] = [
            {
                "id": call.id,
                "type": "function",
                "function": {"name": call.name, "arguments": call.arguments},
            }
            for call in message.tool_calls
        ]
    if message.tool_call_id is not None:
        out["tool_call_id"] = message.tool_call_id
    if message.name is not None:
        out["name"] = message.name
    return out


def tool_choice_json(choice: str) -> str | dict[str, Any]:
    if choice in ("auto", "none", "required"):
        return choice
    return {"type": "function", "function": {"name": choice}}


def request_json(
    model: str, messages: list[ChatMessage], params: SamplingParams, default_max_tokens: int
) -> dict[str, Any]:
    """The streamed chat-completions request for one generation."""
    body: dict[str, Any] = {
        "model": model,
        "messages": [message_json(m) for m in messages],
        "stream": True,
        "stream_options": {"include_usage": True},
        "max_tokens": params.max_tokens if params.max_tokens is not None else default_max_tokens,
        "temperature": params.temperature,
        "top_p": params.top_p,
        "frequency_penalty": params.frequency_penalty,
        "presence_penalty": params.presence_penalty,
    }
    if params.seed is not None:
        body["seed"] = params.seed
    if params.stop:
        body["stop"] = list(params.stop)
    if params.tools:
        body["tools"] = [
            {
                "type": "function",
                "function": {
                    "name": t.name,
                    "description": t.description,
                    "parameters": dict(t.parameters or {"type": "object", "properties": {}}),
                },
            }
            for t in params.tools
        ]
        body["tool_choice"] = tool_choice_json(params.tool_choice)
    fmt = params.response_format
    if fmt is not None:
        if fmt.type == "json_schema":
            schema = {"name": fmt.name or "answer", "schema": dict(fmt.schema or {})}
            body["response_format"] = {"type": "json_schema", "json_schema": schema}
        else:
            body["response_format"] = {"type": "json_object"}
    if params.reasoning_effort is not None:
        body["reasoning_effort"] = params.reasoning_effort
    return body


@dataclass(slots=True)
class StreamState:
    """What one streamed answer has said so far: its finish reason and token counts."""

    finish_reason: FinishReason | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    chunks_with_text: int = 0  # llama.cpp servers send one token per chunk
    tool_ids: dict[int, str] = field(default_factory=dict)


def sse_data(line: str) -> str | None:
    """The payload of an SSE `data:` line; None for comments, blank lines and other fields."""
    if not line.startswith("data:"):
        return None
    return line[5:].strip()


def chunk_events(chunk: dict[str, Any], state: StreamState) -> list[GenerationEvent]:
    """Events in one `chat.completion.chunk`; updates `state` (finish reason, usage)."""
    usage = chunk.get("usage")
    if isinstance(usage, dict):
        state.prompt_tokens = _int(usage.get("prompt_tokens"), state.prompt_tokens)
        state.completion_tokens = _int(usage.get("completion_tokens"), state.completion_tokens)
    events: list[GenerationEvent] = []
    for choice in chunk.get("choices") or []:
        if not isinstance(choice, dict) or choice.get("index", 0) != 0:
            continue
        delta = choice.get("delta") or {}
        reasoning = delta.get("reasoning_content") or delta.get("reasoning")
        if isinstance(reasoning, str) and reasoning:
            events.append(TextDelta(reasoning, channel="reasoning"))
        content = delta.get("content")
        if isinstance(content, str) and content:
            events.append(TextDelta(content))
        for call in delta.get("tool_calls") or []:
            events.append(_tool_delta(call, state))
        if reasoning or content or delta.get("tool_calls"):
            state.chunks_with_text += 1
        reason = choice.get("finish_reason")
        if isinstance(reason, str):
            state.finish_reason = FINISH_REASONS.get(reason, "stop")
    return events


def _tool_delta(call: dict[str, Any], state: StreamState) -> ToolCallDelta:
    index = int(call.get("index", 0))
    function = call.get("function") or {}
    call_id = call.get("id")
    first = index not in state.tool_ids
    if first:
        state.tool_ids[index] = str(call_id or f"call_{index}")
    return ToolCallDelta(
        index=index,
        id=state.tool_ids[index] if first else None,
        name=function.get("name") if first else None,
        arguments=function.get("arguments") or "",
    )


def _int(value: object, fallback: int | None) -> int | None:
    return value if isinstance(value, int) and value >= 0 else fallback


def estimate_prompt_tokens(messages: list[ChatMessage]) -> int:
    """About four characters a token: only for an upstream that reports no usage."""
    return max(1, sum(len(m.content) for m in messages) // 4)


_COUNTS = re.compile(r"(\d+) tokens.*?(\d+) in the messages(?:, (\d+) in the completion)?")
_LIMIT = re.compile(r"context length is (\d+)")


@dataclass(frozen=True, slots=True)
class UpstreamErrorBody:
    """An upstream's error answer, whatever its shape (OpenAI's, FastAPI's, plain text)."""

    message: str
    code: str | None
    fields: dict[str, Any]


def upstream_error(status: int, body: bytes) -> UpstreamErrorBody:
    fallback = f"upstream answered {status}"
    try:
        data = json.loads(body)
    except ValueError:
        return UpstreamErrorBody(fallback, None, {})
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict):
        code = error.get("code")
        return UpstreamErrorBody(
            str(error.get("message") or fallback), code if isinstance(code, str) else None, error
        )
    if isinstance(error, str):
        return UpstreamErrorBody(error, None, {})
    detail = data.get("detail") if isinstance(data, dict) else None
    return UpstreamErrorBody(str(detail) if detail else fallback, None, {})


def context_error(error: UpstreamErrorBody, fallback_ctx: int) -> ContextWindowExceeded | None:
    """The 'prompt does not fit' 400 of llama-cpp-python/vLLM (OpenAI's wording) and of
    llama-server (`exceed_context_size_error` with n_prompt_tokens and n_ctx) as our error."""
    fields = error.fields
    if fields.get("type") == "exceed_context_size_error":
        prompt = _int(fields.get("n_prompt_tokens"), None) or 0
        n_ctx = _int(fields.get("n_ctx"), None) or fallback_ctx
        return ContextWindowExceeded(prompt, None, n_ctx)
    if error.code != "context_length_exceeded" and "maximum context length" not in error.message:
        return None
    limit = _LIMIT.search(error.message)
    counts = _COUNTS.search(error.message)
    n_ctx = int(limit.group(1)) if limit else fallback_ctx
    if counts:
        completion = int(counts.group(3)) if counts.group(3) else None
        return ContextWindowExceeded(int(counts.group(2)), completion, n_ctx)
    return ContextWindowExceeded(n_ctx, None, n_ctx)
