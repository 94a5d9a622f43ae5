"""Pure translation between the OpenAI wire format and the engine's types."""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import msgspec

from engine.protocol import (
    ChatMessage,
    Finished,
    ResponseFormat,
    SamplingParams,
    TextDelta,
    ToolCall,
    ToolCallDelta,
    ToolSpec,
)
from gateway.errors import BadRequest, UnsupportedParameter
from gateway.schemas import ChatCompletionRequest, Message

_ENCODER = msgspec.json.Encoder()


def to_engine_messages(messages: list[Message]) -> list[ChatMessage]:
    return [_to_engine_message(i, msg) for i, msg in enumerate(messages)]


def _to_engine_message(i: int, msg: Message) -> ChatMessage:
    content = msg.content
    if isinstance(content, list):
        parts = []
        for j, part in enumerate(content):
            if part.type != "text" or part.text is None:
                raise UnsupportedParameter(
                    f"content part type '{part.type}' is not supported; send text",
                    param=f"messages[{i}].content[{j}].type",
                )
            parts.append(part.text)
        content = "\n".join(parts)
    calls = tuple(
        ToolCall(id=c.id, name=c.function.name, arguments=c.function.arguments)
        for c in msg.tool_calls or ()
    )
    if content is None and not (msg.role == "assistant"):
        raise BadRequest(
            f"messages[{i}] ({msg.role}) has no content", param=f"messages[{i}].content"
        )
    if msg.role == "tool" and not msg.tool_call_id:
        raise BadRequest(
            f"messages[{i}] (tool) needs the tool_call_id it answers",
            param=f"messages[{i}].tool_call_id",
        )
    return ChatMessage(
        role=msg.role,
        content=content or "",
        tool_calls=calls,
        tool_call_id=msg.tool_call_id,
        name=msg.name,
        reasoning=msg.reasoning_content,
    )


def to_sampling(req: ChatCompletionRequest) -> SamplingParams:
    """Check what this engine cannot honour (loudly, not silently) and build params."""
    _reject_unsupported(req)
    stop = (req.stop,) if isinstance(req.stop, str) else tuple(req.stop or ())
    tools, tool_choice = _tools(req)
    return SamplingParams(
        max_tokens=req.max_completion_tokens or req.max_tokens,
        temperature=1.0 if req.temperature is None else req.temperature,
        top_p=1.0 if req.top_p is None else req.top_p,
        seed=req.seed,
        stop=stop,
        frequency_penalty=req.frequency_penalty or 0.0,
        presence_penalty=req.presence_penalty or 0.0,
        tools=tools,
        tool_choice=tool_choice,
        response_format=_response_format(req),
        reasoning_effort="low" if req.reasoning_effort == "minimal" else req.reasoning_effort,
    )


def _reject_unsupported(req: ChatCompletionRequest) -> None:
    if req.n not in (None, 1):
        raise UnsupportedParameter("only n=1 is supported", param="n")
    if req.logprobs:
        raise UnsupportedParameter("logprobs are not supported", param="logprobs")


def _tools(req: ChatCompletionRequest) -> tuple[tuple[ToolSpec, ...], str]:
    """Tool specs and the effective tool_choice: auto, none, required or a function name."""
    tools = tuple(
        ToolSpec(t.function.name, t.function.description, t.function.parameters)
        for t in req.tools or ()
    )
    for i, tool in enumerate(tools):
        if tool.parameters is not None:
            _check_schema(tool.parameters, f"tools[{i}].function.parameters")
    if len({t.name for t in tools}) != len(tools):
        raise BadRequest("tool names must be unique", param="tools")
    if reserved := {t.name for t in tools} & {"none", "auto", "required"}:
        raise BadRequest(f"tool name {sorted(reserved)[0]!r} is reserved", param="tools")
    choice = req.tool_choice
    if choice is None:
        return tools, "auto" if tools else "none"
    if not tools and choice != "none":
        raise BadRequest("tool_choice needs tools", param="tool_choice")
    if isinstance(choice, str):
        return tools, choice
    if choice.function.name not in {t.name for t in tools}:
        raise BadRequest(
            f"tool_choice names '{choice.function.name}', which is not in tools",
            param="tool_choice",
        )
    return tools, choice.function.name


def _response_format(req: ChatCompletionRequest) -> ResponseFormat | None:
    fmt = req.response_format
    if fmt is None or fmt.type == "text":
        return None
    if fmt.type == "json_object":
        return ResponseFormat("json_object")
    if fmt.json_schema is None or fmt.json_schema.schema is None:
        raise BadRequest(
            "response_format json_schema needs json_schema.schema",
            param="response_format.json_schema",
        )
    _check_schema(fmt.json_schema.schema, "response_format.json_schema.schema")
    return ResponseFormat("json_schema", fmt.json_schema.schema, fmt.json_schema.name)


MAX_SCHEMA_DEPTH = 32


def _depth(value: object, limit: int) -> int:
    """Nesting depth of a JSON value, counting no further than `limit` + 1."""
    if limit < 0 or not isinstance(value, dict | list):
        return 0
    children = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(c, limit - 1) for c in children), default=0)


def _check_schema(schema: Mapping[str, Any], param: str) -> None:
    """Valid Draft 2020-12 and not absurdly deep (deep schemas blow Python's recursion limit
    in the validator, the grammar converter and the harmony renderer)."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    if _depth(schema, MAX_SCHEMA_DEPTH) > MAX_SCHEMA_DEPTH:
        raise BadRequest(f"JSON Schema nested deeper than {MAX_SCHEMA_DEPTH} levels", param=param)
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        raise BadRequest(f"invalid JSON Schema: {exc.message}", param=param) from None


def wire_finish_reason(finished: Finished) -> str:
    """OpenAI has no "cancelled": a generation stopped by shutdown simply stopped."""
    return "stop" if finished.finish_reason == "cancelled" else finished.finish_reason


def usage(finished: Finished) -> dict[str, int]:
    return {
        "prompt_tokens": finished.prompt_tokens,
        "completion_tokens": finished.completion_tokens,
        "total_tokens": finished.prompt_tokens + finished.completion_tokens,
    }


@dataclass(slots=True)
class Answer:
    """A non-streamed answer, gathered from engine events."""

    content: list[str] = field(default_factory=list)
    reasoning: list[str] = field(default_factory=list)
    calls: dict[int, dict[str, Any]] = field(default_factory=dict)

    def add(self, event: TextDelta | ToolCallDelta) -> None:
        if isinstance(event, TextDelta):
            (self.content if event.channel == "content" else self.reasoning).append(event.text)
            return
        call = self.calls.setdefault(event.index, {"id": "", "name": "", "arguments": []})
        call["id"] = event.id or call["id"]
        call["name"] = event.name or call["name"]
        call["arguments"].append(event.arguments)

    def message(self) -> dict[str, object]:
        text = "".join(self.content)
        msg: dict[str, object] = {"role": "assistant", "content": text}
        if self.reasoning:
            msg["reasoning_content"] = "".join(self.reasoning)
        if self.calls:
            msg["content"] = text or None
            msg["tool_calls"] = [
                {
                    "id": c["id"],
                    "type": "function",
                    "function": {"name": c["name"], "arguments": "".join(c["arguments"])},
                }
                for _, c in sorted(self.calls.items())
            ]
        return msg


def delta_of(event: TextDelta | ToolCallDelta) -> dict[str, object]:
    """The streamed `delta` for one engine event (content goes by the fast path)."""
    if isinstance(event, TextDelta):
        key = "content" if event.channel == "content" else "reasoning_content"
        return {key: event.text}
    call: dict[str, object] = {"index": event.index}
    function: dict[str, str] = {"arguments": event.arguments}
    if event.id is not None:
        call["id"] = event.id
        call["type"] = "function"
    if event.name is not None:
        function["name"] = event.name
    call["function"] = function
    return {"tool_calls": [call]}


@dataclass(slots=True)
class Completion:
    """Identity shared by every chunk of one response."""

    model: str
    id: str = field(default_factory=lambda: "chatcmpl-" + secrets.token_hex(12))
    created: int = field(default_factory=lambda: int(time.time()))
    _content_frame: tuple[bytes, bytes] | None = field(default=None, repr=False)

    def body(self, answer: Answer, finished: Finished) -> dict[str, object]:
        return {
            "id": self.id,
            "object": "chat.completion",
            "created": self.created,
            "model": self.model,
            "choices": [
                {
                    "index": 0,
                    "message": answer.message(),
                    "finish_reason": wire_finish_reason(finished),
                    "logprobs": None,
                }
            ],
            "usage": usage(finished),
        }

    def content_chunk(self, text: str) -> bytes:
        """The per-token chunk, on the hot path: only the text is encoded per call."""
        if self._content_frame is None:
            head = self.chunk({"content": "\x00"})
            at = head.index(b'"\\u0000"')
            self._content_frame = (head[:at], head[at + len(b'"\\u0000"') :])
        prefix, suffix = self._content_frame
        return prefix + _ENCODER.encode(text) + suffix

    def chunk(
        self,
        delta: dict[str, object],
        finish_reason: str | None = None,
        usage_: dict[str, int] | None = None,
        with_choice: bool = True,
        extras: dict[str, object] | None = None,
    ) -> bytes:
        payload: dict[str, object] = {
            "id": self.id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.model,
            "choices": (
                [{"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}]
                if with_choice
                else []
            ),
        }
        if usage_ is not None:
            payload["usage"] = usage_
        payload.update(extras or {})  # Enclave extensions (sources, pii): first content chunk
        return sse(payload)


def sse(payload: object) -> bytes:
    return b"data: " + _ENCODER.encode(payload) + b"\n\n"


SSE_DONE = b"data: [DONE]\n\n"
