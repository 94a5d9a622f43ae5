"""Tools and structured output, decided once per request as an `OutputPlan`.

How a request's tools, tool_choice and response_format become (1) options for
the chat template (tools to describe, an answer to prefill), (2) a JSON
Schema for llama.cpp's grammar, and (3) the parser that turns output into
content / reasoning / tool calls. Pure: the llama.cpp grammar object itself
is built by the adapter from `OutputPlan.schema`.

- A forced call (`tool_choice` required or a function name) on a template
  with native tool calls (harmony) and a single candidate prefills the call
  header and constrains the arguments to the function's schema.
- Otherwise a forced call is a JSON object ``{"name", "arguments"}`` in the
  final answer, constrained by grammar and turned into a tool call at the end
  (`JsonCallParser`): works on any model, including Gemma, which has no tool
  format of its own.
- `response_format` prefills the final answer and constrains it to the schema
  (or to any JSON object).
- `tool_choice` auto on a template without native tools: the tools are
  described in the prompt and an answer that is exactly a JSON call object
  becomes a tool call (`AutoJsonCallParser`); any other answer is content.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine.protocol import SamplingParams, TextDelta, ToolCallDelta, ToolSpec
from engine.templates import OutputEvent, OutputParser, RenderOptions

ANY_OBJECT: Mapping[str, Any] = {"type": "object"}


@dataclass(frozen=True, slots=True)
class OutputPlan:
    render: RenderOptions
    # None: no grammar. ANY_OBJECT is served by llama.cpp's generic JSON grammar.
    schema: Mapping[str, Any] | None
    wrap_call: frozenset[str] | None  # forced JSON call among these names
    auto_call: frozenset[str] | None  # optional JSON call among these names


def plan_output(params: SamplingParams, native_tools: bool) -> OutputPlan:
    tools = params.tools if params.tool_choice != "none" else ()
    choice = params.tool_choice
    forced = [t for t in tools if choice == "required" or t.name == choice]
    effort = params.reasoning_effort
    if forced and native_tools and len(forced) == 1:
        render = RenderOptions(tools, effort, force_tool=forced[0].name)
        return OutputPlan(render, forced[0].parameters or ANY_OBJECT, None, None)
    if forced:
        render = RenderOptions(tools, effort, force_final=True)
        return OutputPlan(render, call_schema(forced), frozenset(t.name for t in forced), None)
    if params.response_format is not None:
        schema = params.response_format.schema or ANY_OBJECT
        return OutputPlan(RenderOptions(tools, effort, force_final=True), schema, None, None)
    auto = frozenset(t.name for t in tools) if tools and not native_tools else None
    return OutputPlan(RenderOptions(tools, effort), None, None, auto)


def call_schema(tools: Sequence[ToolSpec]) -> dict[str, Any]:
    """JSON Schema of one call object to any of `tools`."""
    options = [
        {
            "type": "object",
            "properties": {
                "name": {"const": t.name},
                "arguments": dict(t.parameters or ANY_OBJECT),
            },
            "required": ["name", "arguments"],
            "additionalProperties": False,
        }
        for t in tools
    ]
    return options[0] if len(options) == 1 else {"anyOf": options}


def new_call_id() -> str:
    return "call_" + secrets.token_hex(12)


def _as_call(text: str, names: frozenset[str]) -> ToolCallDelta | None:
    try:
        obj = json.loads(text)
    except ValueError:
        return None
    if not isinstance(obj, dict) or obj.get("name") not in names:
        return None
    args = obj.get("arguments", {})
    if not isinstance(args, dict):
        return None
    return ToolCallDelta(0, new_call_id(), obj["name"], json.dumps(args, ensure_ascii=False))


class JsonCallParser:
    """The final answer is a grammar-forced JSON call: emit it as a tool call at the end.

    Reasoning from the inner (template) parser passes through as it streams.
    """

    def __init__(self, inner: OutputParser, names: frozenset[str]) -> None:
        self._inner = inner
        self._names = names
        self._buffer: list[str] = []
        self.called_tool = False

    def _route(self, events: list[OutputEvent]) -> list[OutputEvent]:
        out: list[OutputEvent] = []
        for event in events:
            if isinstance(event, TextDelta) and event.channel == "content":
                self._buffer.append(event.text)
            else:
                out.append(event)
        return out

    def feed(self, text: str) -> list[OutputEvent]:
        return self._route(self._inner.feed(text))

    def finish(self) -> list[OutputEvent]:
        out = self._route(self._inner.finish())
        text = "".join(self._buffer)
        call = _as_call(text, self._names)
        if call is None:  # cut short (max_tokens): show what there is, honestly
            return [*out, TextDelta(text)] if text else out
        self.called_tool = True
        return [*out, call]


class AutoJsonCallParser(JsonCallParser):
    """Content streams as usual unless the answer starts with '{'; then it is held
    back and becomes a tool call if it is exactly a JSON call to a known tool."""

    def __init__(self, inner: OutputParser, names: frozenset[str]) -> None:
        super().__init__(inner, names)
        self._mode: str | None = None  # None undecided, "text" or "json"

    def _route(self, events: list[OutputEvent]) -> list[OutputEvent]:
        out: list[OutputEvent] = []
        for event in events:
            if not (isinstance(event, TextDelta) and event.channel == "content"):
                out.append(event)
                continue
            if self._mode == "text":
                out.append(event)
                continue
            self._buffer.append(event.text)
            head = "".join(self._buffer).lstrip()
            if self._mode is None and head:
                self._mode = "json" if head.startswith("{") else "text"
                if self._mode == "text":
                    out.append(TextDelta("".join(self._buffer)))
                    self._buffer.clear()
        return out
