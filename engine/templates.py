"""Chat templates: turn messages into prompt segments.

A template yields `Segment`s rather than one string so that only the
template's own markup is tokenized with special tokens enabled. Message text
is tokenized as plain text, so a user who types ``<end_of_turn>`` or
``<|start|>`` gets those characters, not a forged turn boundary.

The GGUF's own template (``tokenizer.chat_template``) wins when present. The
packaged Gemma-3 270M carries none, and llama-cpp-python's fallback (llama-2
format) makes it answer nothing, so Enclave keeps built-in templates for the
architectures it knows and refuses an unknown one with a clear message.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from engine.errors import NoChatTemplate, UnsupportedMessage
from engine.protocol import ChatMessage, ReasoningEffort, TextDelta, ToolCallDelta, ToolSpec


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    markup: bool  # True: template markup, special tokens allowed; False: message text


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What besides the messages shapes the prompt."""

    tools: tuple[ToolSpec, ...] = ()
    reasoning_effort: ReasoningEffort | None = None
    # Start the assistant's answer for the model, so a grammar can constrain
    # exactly the part that must be JSON: "final" opens the final answer,
    # a function name opens a call to that function. None: the model chooses.
    force_final: bool = False
    force_tool: str | None = None


OutputEvent = TextDelta | ToolCallDelta


class OutputParser(Protocol):
    """Turns the model's raw output text into answer events, incrementally.

    `feed` gets text as decoded (for templates with `special_output`, special
    tokens appear as their text, e.g. ``<|channel|>``), possibly split
    anywhere; `finish` flushes what is held back when generation ends.
    """

    def feed(self, text: str) -> list[OutputEvent]: ...

    def finish(self) -> list[OutputEvent]: ...

    @property
    def called_tool(self) -> bool:
        """True when the answer ended in a tool call (finish_reason "tool_calls")."""
        ...


class PlainTextParser:
    """Every output character is answer content (templates without channels)."""

    called_tool = False

    def feed(self, text: str) -> list[OutputEvent]:
        return [TextDelta(text)] if text else []

    def finish(self) -> list[OutputEvent]:
        return []


class ChatTemplate(Protocol):
    name: str
    # Markup that, if the model emits it, means its turn is over (beyond the
    # model's end-of-generation tokens): a base model tends to open a new turn.
    end_markers: tuple[str, ...]
    # Decode output with special tokens as text, for a parser that needs them.
    special_output: bool
    # The format has tool calls of its own (harmony); otherwise calls are JSON
    # objects in the answer (see engine.structured).
    native_tools: bool

    def render(
        self, messages: Sequence[ChatMessage], options: RenderOptions = RenderOptions()
    ) -> list[Segment]: ...

    def new_parser(self, options: RenderOptions = RenderOptions()) -> OutputParser: ...


class Gemma3Template:
    """Gemma's turn format, as in Google's Gemma-3 chat template.

    Gemma has no system role: system (and developer) text is put at the top
    of the next user turn, as the official template does. Consecutive turns of
    the same side are merged instead of rejected, which clients do send.
    """

    name = "gemma3"
    end_markers: tuple[str, ...] = ("<start_of_turn>", "<end_of_turn>")
    special_output = False
    native_tools = False

    def new_parser(self, options: RenderOptions = RenderOptions()) -> OutputParser:
        return PlainTextParser()

    def render(
        self, messages: Sequence[ChatMessage], options: RenderOptions = RenderOptions()
    ) -> list[Segment]:
        out: list[Segment] = []
        if options.tools:
            messages = [ChatMessage("system", tools_preamble(options.tools)), *messages]
        for role, text in _gemma_turns(messages):
            out.append(Segment(f"<start_of_turn>{role}\n", True))
            out.append(Segment(text.strip(), False))
            out.append(Segment("<end_of_turn>\n", True))
        out.append(Segment("<start_of_turn>model\n", True))
        return out


def tools_preamble(tools: Sequence[ToolSpec]) -> str:
    """Describes tools to a model without a native tool format.

    Pairs with `engine.structured.AutoJsonCallParser`, which turns an answer
    that is exactly such a JSON call object into a tool call.
    """
    specs = [
        {"name": t.name, "description": t.description, "parameters": t.parameters or {}}
        for t in tools
    ]
    return (
        "You can call these functions:\n"
        + json.dumps(specs, indent=1)
        + '\nTo call one, answer with only a JSON object {"name": ..., "arguments": {...}}.'
    )


def _plain_text(msg: ChatMessage) -> str:
    """A message as text for templates without tool markup (calls as JSON, results labelled)."""
    if msg.role == "tool":
        return f"[result of {msg.name or msg.tool_call_id}]\n{msg.content}"
    calls = [
        json.dumps({"name": c.name, "arguments": _json_or_text(c.arguments)})
        for c in msg.tool_calls
    ]
    return "\n".join([msg.content, *calls]).strip() if calls else msg.content


def _json_or_text(text: str) -> object:
    try:
        return json.loads(text or "{}")
    except ValueError:
        return text


def _gemma_turns(messages: Sequence[ChatMessage]) -> list[tuple[str, str]]:
    turns: list[tuple[str, str]] = []
    preamble: list[str] = []
    for msg in messages:
        if msg.role in ("system", "developer"):
            preamble.append(msg.content.strip())
            continue
        role = "model" if msg.role == "assistant" else "user"
        text = _plain_text(msg)
        if role == "user" and preamble:
            text = "\n\n".join([*preamble, text.strip()])
            preamble = []
        if turns and turns[-1][0] == role:
            turns[-1] = (role, f"{turns[-1][1]}\n\n{text}")
        else:
            turns.append((role, text))
    if preamble:  # only system text (or system after the last user turn)
        turns.append(("user", "\n\n".join(preamble)))
    return turns


class JinjaTemplate:
    """A Hugging Face style Jinja chat template, such as a GGUF carries.

    Message contents are replaced by random sentinels for rendering, and the
    output is split on them, so message text never goes through the
    special-token tokenizer (see module docstring).
    """

    def __init__(
        self, source: str, *, bos_token: str = "", eos_token: str = "", name: str = "gguf"
    ) -> None:
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
        env.globals["raise_exception"] = _raise_template_error
        self._template = env.from_string(source)
        self._bos = bos_token
        self._eos = eos_token
        self.name = name
        self.end_markers: tuple[str, ...] = ()
        self.special_output = False
        self.native_tools = False

    def new_parser(self, options: RenderOptions = RenderOptions()) -> OutputParser:
        return PlainTextParser()

    def render(
        self, messages: Sequence[ChatMessage], options: RenderOptions = RenderOptions()
    ) -> list[Segment]:
        """Tools are described in a leading system message and past calls/results are
        written as text (as for Gemma), never passed to the template: a template would put
        client-supplied tool text into markup, where special tokens are parsed."""
        from jinja2 import TemplateError

        if options.tools:
            messages = [ChatMessage("system", tools_preamble(options.tools)), *messages]
        nonce = secrets.token_hex(8)
        marks = {f"\x00{nonce}:{i}\x00": _plain_text(m) for i, m in enumerate(messages)}
        roles = ["user" if m.role == "tool" else m.role for m in messages]
        try:
            text = self._template.render(
                messages=[{"role": r, "content": s} for r, s in zip(roles, marks, strict=True)],
                add_generation_prompt=True,
                bos_token=self._bos,
                eos_token=self._eos,
            )
        except TemplateError as exc:
            raise UnsupportedMessage(f"the model's chat template failed: {exc}") from None
        return _split_on_sentinels(text, marks)


def _split_on_sentinels(text: str, marks: Mapping[str, str]) -> list[Segment]:
    out: list[Segment] = []
    rest = text
    while True:
        found = [(rest.find(s), s) for s in marks if s in rest]
        if not found:
            break
        pos, sentinel = min(found)
        if pos:
            out.append(Segment(rest[:pos], True))
        out.append(Segment(marks[sentinel], False))
        rest = rest[pos + len(sentinel) :]
    if rest:
        out.append(Segment(rest, True))
    return out


def _raise_template_error(message: str) -> None:
    raise UnsupportedMessage(f"chat template: {message}")


def _harmony() -> ChatTemplate:
    from engine.harmony import HarmonyTemplate  # imports this module: load lazily

    return HarmonyTemplate()


BUILTIN_TEMPLATES: dict[str, Callable[[], ChatTemplate]] = {
    "gemma3": Gemma3Template,
    "harmony": _harmony,
}
ARCHITECTURE_TEMPLATES = {
    "gemma3": "gemma3",
    "gemma2": "gemma3",
    "gemma": "gemma3",
    "gpt-oss": "harmony",
}
# Architectures whose built-in template wins over the GGUF's Jinja one: gpt-oss
# needs the harmony parser (channels, tool calls) and the neutralisation of
# its control tokens in untrusted text, which a Jinja template cannot give.
PREFER_BUILTIN = frozenset({"gpt-oss"})


def select_template(
    metadata: Mapping[str, str],
    *,
    bos_token: str = "",
    eos_token: str = "",
    override: str | None = None,
    override_source: str | None = None,
) -> ChatTemplate:
    """Pick the template for a model from its GGUF metadata.

    Order: an explicit override (a built-in name, or Jinja source read by the
    caller from a file), the GGUF's ``tokenizer.chat_template`` (except for
    `PREFER_BUILTIN` architectures), then the built-in template for
    ``general.architecture``.
    """
    tokens = {"bos_token": bos_token, "eos_token": eos_token}
    if override_source is not None:
        return JinjaTemplate(override_source, name=override or "file", **tokens)
    if override is not None:
        if override not in BUILTIN_TEMPLATES:
            raise NoChatTemplate(
                f"unknown built-in chat template '{override}'; "
                f"known: {', '.join(sorted(BUILTIN_TEMPLATES))}, or give a Jinja file path"
            )
        return BUILTIN_TEMPLATES[override]()
    arch = metadata.get("general.architecture", "unknown")
    source = metadata.get("tokenizer.chat_template")
    if source and arch not in PREFER_BUILTIN:
        return JinjaTemplate(source, **tokens)
    if arch in ARCHITECTURE_TEMPLATES:
        return BUILTIN_TEMPLATES[ARCHITECTURE_TEMPLATES[arch]]()
    raise NoChatTemplate(
        f"the model (architecture '{arch}') carries no chat template and Enclave has no "
        "built-in one for it; set ENCLAVE_ENGINE__CHAT_TEMPLATE to a Jinja template file"
    )
