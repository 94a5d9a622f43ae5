"""OpenAI's harmony chat format, which gpt-oss was trained on.

Rendering follows openai/harmony's renderer (docs/format.md, src/encoding.rs)
and the gpt-oss chat template that llama.cpp uses: a system message with
identity, dates, reasoning effort and channels; a developer message with the
client's instructions and the function tools in harmony's TypeScript-like
notation; then the conversation, each assistant turn on its channel.

Message text goes into non-markup segments, but that alone is not enough
here: in gpt-oss's vocabulary ``<|start|>``, ``<|message|>`` and friends are
user-defined tokens, which llama.cpp matches even with special-token parsing
off. So all text that reaches a prompt is passed through `neutralize`, and
tool names, which must sit inside headers, are checked against OpenAI's
function-name rule instead.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from engine.errors import UnsupportedMessage
from engine.harmony_parse import HarmonyStreamParser
from engine.protocol import ChatMessage, ReasoningEffort, ToolSpec
from engine.templates import OutputParser, RenderOptions, Segment

MODEL_IDENTITY = "You are ChatGPT, a large language model trained by OpenAI."
KNOWLEDGE_CUTOFF = "2024-06"
_CHANNELS = (
    "# Valid channels: analysis, commentary, final. Channel must be included for every message."
)
_CALLS = "Calls to these tools must go to the commentary channel: 'functions'."
_EFFORTS: dict[str, ReasoningEffort] = {"low": "low", "medium": "medium", "high": "high"}
_EFFORT_LINE = re.compile(
    r"^[ \t]*reasoning:[ \t]*(low|medium|high)[ \t]*(?:\r?\n|\Z)", re.I | re.M
)
_TOOL_NAME = re.compile(r"[A-Za-z0-9_.\-]{1,64}")
_NO_OPTIONS = RenderOptions()
# Every harmony special token starts with "<|"; a zero-width space between the
# two characters keeps the text readable and makes no token able to form.
_TOKEN_START = "<|"
_BROKEN_START = "<\u200b|"


def neutralize(text: str) -> str:
    """Make every harmony special token in untrusted text unable to form.

    All of them (``<|start|>`` … ``<|endoftext|>``, ``<|reserved_…|>``) begin
    with ``<|``; once no ``<|`` is left, none can, however the text nests
    them (``<|<|start|>start|>``), and the insertion creates no new ``<|``.
    """
    return text.replace(_TOKEN_START, _BROKEN_START)


def resolve_reasoning_effort(
    messages: Sequence[ChatMessage], explicit: ReasoningEffort | None = None
) -> tuple[ReasoningEffort, list[ChatMessage]]:
    """The effort to put in the system message, and the messages without effort lines.

    Clients of hosted gpt-oss set effort with a ``Reasoning: high`` line in
    their system prompt; harmony wants it in its own system message, so the
    line is taken out (the last one counts). An explicit `reasoning_effort`
    wins; medium is harmony's default.
    """
    found: ReasoningEffort | None = None
    out: list[ChatMessage] = []
    for msg in messages:
        if msg.role in ("system", "developer") and (
            lines := list(_EFFORT_LINE.finditer(msg.content))
        ):
            found = _EFFORTS[lines[-1].group(1).lower()]
            msg = replace(msg, content=_EFFORT_LINE.sub("", msg.content).strip())
        out.append(msg)
    return explicit or found or "medium", out


def check_tool_name(name: str) -> str:
    """A tool name as it may appear in a harmony header (``to=functions.NAME``).

    Names sit in header markup, where neutralizing is not enough (a space or
    ``to=`` would change the header), so they must match OpenAI's rule for
    function names (letters, digits, ``_``, ``-``; we also allow ``.``).
    """
    if not _TOOL_NAME.fullmatch(name):
        raise UnsupportedMessage(
            f"tool name {name[:64]!r} is not valid: use letters, digits, '_', '-' or '.' "
            "(at most 64)"
        )
    return name


class HarmonyTemplate:
    """The harmony format for gpt-oss (see module docstring)."""

    name = "harmony"
    # llama.cpp ends generation on <|return|> and <|call|> (end-of-generation tokens).
    end_markers: tuple[str, ...] = ()
    special_output = True
    native_tools = True  # calls are harmony messages to functions.NAME, not JSON in the answer

    def __init__(
        self,
        *,
        current_date: str | Callable[[], str] | None = None,
        model_identity: str = MODEL_IDENTITY,
        knowledge_cutoff: str = KNOWLEDGE_CUTOFF,
    ) -> None:
        self._date = current_date
        self._identity = model_identity
        self._cutoff = knowledge_cutoff

    def new_parser(self, options: RenderOptions = _NO_OPTIONS) -> OutputParser:
        return HarmonyStreamParser(
            force_final=options.force_final,
            force_tool=options.force_tool,
            allowed_tools=frozenset(t.name for t in options.tools),
        )

    def render(
        self, messages: Sequence[ChatMessage], options: RenderOptions = _NO_OPTIONS
    ) -> list[Segment]:
        effort, msgs = resolve_reasoning_effort(messages, options.reasoning_effort)
        out = _Segments()
        out.message("system", self.system_text(effort, has_tools=bool(options.tools)))
        instructions = "\n\n".join(
            m.content for m in msgs if m.role in ("system", "developer") and m.content.strip()
        )
        if developer := developer_text(instructions, options.tools):
            out.message("developer", developer)
        _render_history(out, [m for m in msgs if m.role not in ("system", "developer")])
        out.markup(generation_prompt(options))
        return out.segments

    def system_text(self, effort: ReasoningEffort, *, has_tools: bool) -> str:
        """Harmony's system message body (SystemContent in the reference renderer)."""
        today = self._date() if callable(self._date) else self._date
        top = [self._identity, f"Knowledge cutoff: {self._cutoff}"]
        top.append(f"Current date: {today or datetime.date.today().isoformat()}")
        channels = f"{_CHANNELS}\n{_CALLS}" if has_tools else _CHANNELS
        return "\n\n".join(["\n".join(top), f"Reasoning: {effort}", channels])


def generation_prompt(options: RenderOptions) -> str:
    """Open the assistant's turn; prefill a channel when the engine constrains it."""
    if options.force_tool is not None:
        name = check_tool_name(options.force_tool)
        header = f"assistant<|channel|>commentary to=functions.{name} <|constrain|>json"
        return f"<|start|>{header}<|message|>"
    if options.force_final:
        return "<|start|>assistant<|channel|>final<|message|>"
    return "<|start|>assistant"


def developer_text(instructions: str, tools: Sequence[ToolSpec]) -> str:
    """Harmony's developer message body: ``# Instructions`` then ``# Tools``."""
    sections = ["# Instructions", instructions] if instructions else []
    if tools:
        sections.append(tools_section(tools))
    return "\n\n".join(sections)


def tools_section(tools: Sequence[ToolSpec]) -> str:
    """The ``functions`` namespace, as harmony's `template_tools_section` writes it.

    A function without arguments (no schema, or an object without
    properties) is ``() => any``, as format.md and the gpt-oss template say.
    """
    lines = ["## functions\n", "namespace functions {\n"]
    for tool in tools:
        name = check_tool_name(tool.name)
        lines += [f"// {line}" for line in _lines(tool.description)]
        params = tool.parameters
        if params and (params.get("type") != "object" or params.get("properties")):
            lines.append(f"type {name} = (_: {schema_to_typescript(params)}) => any;\n")
        else:
            lines.append(f"type {name} = () => any;\n")
    lines.append("} // namespace functions")
    return "# Tools\n\n" + "\n".join(lines)


def _lines(text: str) -> list[str]:
    """Rust's `str::lines`: no final empty line, a trailing CR dropped."""
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    return lines[:-1] if lines[-1] == "" else lines


class _Segments:
    """Collects segments; neighbours of the same kind are merged."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []

    def _add(self, text: str, markup: bool) -> None:
        if not text:
            return
        if self.segments and self.segments[-1].markup == markup:
            text = self.segments.pop().text + text
        self.segments.append(Segment(text, markup))

    def markup(self, text: str) -> None:
        self._add(text, True)

    def text(self, text: str) -> None:
        self._add(neutralize(text), False)

    def message(self, header: str, body: str, end: str = "<|end|>") -> None:
        self.markup(f"<|start|>{header}<|message|>")
        self.text(body)
        self.markup(end)


def _render_history(out: _Segments, messages: Sequence[ChatMessage]) -> None:
    """User, assistant and tool turns; system and developer text is already placed."""
    finals = [i for i, m in enumerate(messages) if m.role == "assistant" and not m.tool_calls]
    last_final = finals[-1] if finals else -1
    call_names: dict[str, str] = {}
    for i, msg in enumerate(messages):
        if msg.role == "user":
            out.message("user", msg.content)
        elif msg.role == "assistant":
            _render_assistant(out, msg, keep_reasoning=i > last_final)
            call_names.update((c.id, c.name) for c in msg.tool_calls)
        elif msg.role == "tool":
            name = check_tool_name(_tool_result_name(msg, call_names))
            out.message(f"functions.{name} to=assistant<|channel|>commentary", msg.content)
        else:
            raise UnsupportedMessage(f"the harmony template has no turn for role '{msg.role}'")


def _render_assistant(out: _Segments, msg: ChatMessage, *, keep_reasoning: bool) -> None:
    """An earlier assistant turn, by harmony's rule for chain of thought.

    Analysis is dropped once a final answer followed it, but kept before
    tool calls of the turn still in progress: the model reasons across its
    calls. Text next to tool calls is a preamble, which harmony puts on the
    commentary channel.
    """
    if not msg.tool_calls:
        out.message("assistant<|channel|>final", msg.content)
        return
    if keep_reasoning and msg.reasoning:
        out.message("assistant<|channel|>analysis", msg.reasoning)
    if msg.content.strip():
        out.message("assistant<|channel|>commentary", msg.content)
    for call in msg.tool_calls:
        header = f"assistant<|channel|>commentary to=functions.{check_tool_name(call.name)}"
        out.message(f"{header} <|constrain|>json", call.arguments or "{}", end="<|call|>")


def _tool_result_name(msg: ChatMessage, call_names: Mapping[str, str]) -> str:
    if msg.tool_call_id is not None and msg.tool_call_id in call_names:
        return call_names[msg.tool_call_id]
    if msg.name:
        return msg.name
    raise UnsupportedMessage(
        "a tool message must answer an earlier assistant tool call (tool_call_id) or name "
        "its function: harmony addresses tool results by function name"
    )


# JSON Schema to harmony's TypeScript-like notation: a port of
# `json_schema_to_typescript` in openai/harmony src/encoding.rs, kept close to
# the original (including its quirks) because the model was trained on its output.


def schema_to_typescript(schema: Any, indent: str = "") -> str:
    s = schema if isinstance(schema, Mapping) else {}
    if isinstance(s.get("oneOf"), list):
        return _ts_one_of(s["oneOf"], indent)
    kind = s.get("type")
    if isinstance(kind, list):
        names = ["number" if t == "integer" else t for t in kind if isinstance(t, str)]
        return " | ".join(names) if names else "any"
    if kind == "object":
        return _ts_object(s, indent)
    if kind == "string":
        values = s["enum"] if isinstance(s.get("enum"), list) else []
        enum = [f'"{v}"' for v in values if isinstance(v, str)]
        return " | ".join(enum) if enum else "string"
    if kind in ("number", "integer"):
        return "number"
    if kind == "boolean":
        return "boolean"
    if kind == "array":
        return f"{schema_to_typescript(s['items'], indent)}[]" if "items" in s else "Array<any>"
    return "any"


def _ts_one_of(variants: list[Any], indent: str) -> str:
    out = ""
    for variant in variants:
        v = variant if isinstance(variant, Mapping) else {}
        out += f"\n{indent} | " + _nullable(v, schema_to_typescript(v, indent + "   "))
        comments = [v["description"]] if isinstance(v.get("description"), str) else []
        if "default" in v:
            comments.append(_default(v, bare_enum=False))
        if comments:
            out += " // " + " ".join(comments)
    return out


def _ts_object(s: Mapping[str, Any], indent: str) -> str:
    out = f"{indent}// {s['description']}\n" if isinstance(s.get("description"), str) else ""
    out += "{\n"
    props = s.get("properties")
    if isinstance(props, Mapping):
        req = s.get("required")
        required = {r for r in req if isinstance(r, str)} if isinstance(req, list) else set()
        for key, val in props.items():
            out += _ts_property(key, val if isinstance(val, Mapping) else {}, required, indent)
    return out + f"{indent}}}"


def _ts_property(key: str, v: Mapping[str, Any], required: set[str], indent: str) -> str:
    out = ""
    if isinstance(v.get("title"), str):
        out += f"{indent}// {v['title']}\n{indent}//\n"
    if "oneOf" not in v and isinstance(v.get("description"), str):
        out += f"{indent}// {v['description']}\n"
    examples = v.get("examples")
    if isinstance(examples, list) and examples:
        out += f"{indent}// Examples:\n"
        out += "".join(f'{indent}// - "{e}"\n' for e in examples if isinstance(e, str))
    mark = "" if key in required else "?"
    if isinstance(v.get("oneOf"), list):
        return out + _ts_one_of_property(f"{key}{mark}", v, v["oneOf"], indent)
    out += f"{indent}{key}{mark}: {_nullable(v, schema_to_typescript(v, indent + '    '))},"
    if "oneOf" not in v and "default" in v:
        out += f" // {_default(v)}"
    return out + "\n"


def _ts_one_of_property(label: str, v: Mapping[str, Any], variants: list[Any], indent: str) -> str:
    desc = v.get("description") if isinstance(v.get("description"), str) else None
    first = variants[0] if variants and isinstance(variants[0], Mapping) else {}
    above = desc is not None and first.get("description") != desc
    out = f"{indent}// {desc}\n" if above else ""
    if "default" in v:
        out += f"{indent}// {_default(v)}\n"
    out += f"{indent}{label}:\n"
    for i, variant in enumerate(variants):
        var = variant if isinstance(variant, Mapping) else {}
        out += f"{indent} | " + _nullable(var, schema_to_typescript(var, indent + "   "))
        comments = []
        var_desc = var.get("description")
        if not (i == 0 and above) and isinstance(var_desc, str) and var_desc != desc:
            comments.append(var_desc)
        if "default" in var:
            comments.append(_default(var))
        out += (" // " + " ".join(comments) if comments else "") + "\n"
    return out + f"{indent},\n"


def _nullable(v: Mapping[str, Any], ts: str) -> str:
    return f"{ts} | null" if v.get("nullable") is True and "null" not in ts else ts


def _default(v: Mapping[str, Any], *, bare_enum: bool = True) -> str:
    """The reference's default comment: strings quoted, an enum's string bare."""
    value = v["default"]
    is_enum = isinstance(v.get("enum"), list) and bool(v["enum"])
    if isinstance(value, str) and not is_enum:
        return f'default: "{value}"'
    if isinstance(value, str) and bare_enum:
        return f"default: {value}"
    return f"default: {json.dumps(value, ensure_ascii=False, separators=(',', ':'))}"
