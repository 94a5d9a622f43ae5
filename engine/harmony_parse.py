"""Incremental parser for gpt-oss output in OpenAI's harmony format.

The model answers in messages such as
``<|channel|>analysis<|message|>…<|end|><|start|>assistant<|channel|>final<|message|>…<|return|>``.
The engine decodes special tokens as their text and hands it over in pieces
split anywhere (a token may arrive one character at a time), so the parser is a
small state machine over a text buffer: it holds back only a tail that could
still become a special token, never shows special-token text, and turns each
message into the events the gateway streams: analysis becomes reasoning,
final and commentary preambles become content, and a message addressed to
``functions.NAME`` becomes a streamed tool call. Header and channel rules
follow openai/harmony's parser and llama.cpp's gpt-oss parser (recipient
before or after the channel, with or without ``<|constrain|>``).
"""

from __future__ import annotations

import re
import secrets
from typing import Literal

from engine.protocol import TextDelta, ToolCallDelta

Event = TextDelta | ToolCallDelta
_Kind = Literal["content", "reasoning"]
_State = Literal["header", "body", "between", "done"]

# Every harmony special token has this shape (<|start|>, <|reserved_200013|>, …).
SPECIAL_TOKEN = re.compile(r"<\|[A-Za-z0-9_]{1,32}\|>")
_PARTIAL_TOKEN = re.compile(r"<(?:\|[A-Za-z0-9_]{0,32}\|?)?\Z")
_HEADER_TEXT = re.compile(r"[\w.:=/\- ]*")
_WORD = re.compile(r"[\w.:=/\-]*")
_CHANNEL = re.compile(r"<\|channel\|>\s*([^\s<]+)")
_RECIPIENT = re.compile(r"(?<![^\s>])to=([^\s<]+)")
_MAX_HEADER = 256
_FUNCTIONS = "functions."
_STOPS = ("<|return|>", "<|call|>")


def scan_special(buf: str) -> tuple[int, str | None]:
    """Split `buf` at its first special token.

    Returns ``(pos, token)`` when a whole token starts at `pos`, ``(pos, None)``
    when ``buf[pos:]`` may still grow into one (hold it back), and
    ``(len(buf), None)`` when all of `buf` is plain text. A ``<|`` that cannot
    become a token (``a <| b``) is plain text, so ordinary text never stalls.
    """
    i = buf.find("<")
    while i != -1:
        if m := SPECIAL_TOKEN.match(buf, i):
            return i, m.group(0)
        if _PARTIAL_TOKEN.match(buf, i):
            return i, None
        i = buf.find("<", i + 1)
    return len(buf), None


def header_is_valid(header: str, role_known: bool) -> bool:
    """Whether text read where a message header belongs can still be one.

    A header is short and made of role, ``to=`` recipient, channel and content
    type. `role_known`: the prompt already said ``<|start|>assistant``, so the
    header may begin with the recipient or the channel. Once False, it stays
    False however the text goes on, which makes the outcome independent of
    how the stream was split.
    """
    text = header.lstrip()
    match = _WORD.match(text)
    word = match.group(0) if match else ""
    recipient = ("to=",) if role_known else ()
    if len(word) < len(text):  # the first word is complete
        ok = word in ("", "assistant") or word.startswith(("assistant:", *recipient))
    else:
        ok = any(word.startswith(s) or s.startswith(word) for s in ("assistant", *recipient))
    plain = SPECIAL_TOKEN.split(text)
    return ok and len(text) <= _MAX_HEADER and all(_HEADER_TEXT.fullmatch(p) for p in plain)


def _looks_like_prose(header: str) -> bool:
    text = header.strip()
    return (
        bool(text) and not SPECIAL_TOKEN.search(text) and not text.startswith(("to=", "assistant"))
    )


def parse_header(header: str) -> tuple[str | None, str | None]:
    """The channel and recipient of a complete header, in either order."""
    channel = _CHANNEL.search(header)
    recipient = _RECIPIENT.search(header)
    return (channel.group(1) if channel else None, recipient.group(1) if recipient else None)


class HarmonyStreamParser:
    """Turns streamed harmony output into TextDelta and ToolCallDelta events.

    `force_final` / `force_tool` say the prompt already opened the final
    answer or a call to that function (see `RenderOptions`), so the output
    starts inside that message's body.
    """

    def __init__(
        self,
        *,
        force_final: bool = False,
        force_tool: str | None = None,
        allowed_tools: frozenset[str] | None = None,
    ) -> None:
        # Calls to functions the request did not offer (or offered with tool_choice
        # "none") are not tool calls: they are shown as reasoning, never executed.
        self._allowed = allowed_tools
        self._buf = ""
        self._state: _State = "header"
        self._header = ""
        self._role_known = True  # the prompt ends with <|start|>assistant
        self._kind: _Kind = "content"
        self._call: int | None = None  # index of the tool call being streamed
        self._calls = 0
        self._pending: list[Event] = []
        if force_tool is not None:
            self._open_call(force_tool, self._pending)
        elif force_final:
            self._open_text("content")

    @property
    def called_tool(self) -> bool:
        return self._calls > 0

    def feed(self, text: str) -> list[Event]:
        self._buf += text
        out, self._pending = self._pending, []
        while self._buf and self._step(out):
            pass
        return merge_events(out)

    def finish(self) -> list[Event]:
        """Flush at end of generation: partial content and call arguments count."""
        out = self.feed("")
        rest = self._buf if self._buf == "<" else ""  # "<|…" is a cut-off token, not text
        self._buf = ""
        if self._state == "header" and self._role_known and _looks_like_prose(self._header):
            self._open_text("content")  # cut short while it could still have been a header
            self._emit(self._header, out)
        if self._state == "body":
            self._emit(rest, out)
        self._state = "done"
        return merge_events(out)

    def _step(self, out: list[Event]) -> bool:
        """Consume what the current state can; False when waiting for more text."""
        if self._state == "body":
            return self._body_step(out)
        if self._state == "header":
            return self._header_step(out)
        if self._state == "between":
            return self._between_step()
        self._buf = ""  # done: whatever follows the end of the answer is ignored
        return False

    def _body_step(self, out: list[Event]) -> bool:
        pos, token = scan_special(self._buf)
        self._emit(self._buf[:pos], out)
        self._buf = self._buf[pos:]
        if token is None:
            return False
        self._buf = self._buf[len(token) :]
        if token == "<|end|>":
            self._state = "between"
        elif token in _STOPS:
            self._state = "done"
        elif token == "<|start|>":  # the model forgot <|end|>
            self._begin_header("", role_known=False)
        elif token == "<|channel|>":
            self._begin_header(token, role_known=True)
        return True  # any other special token is dropped, never shown

    def _header_step(self, out: list[Event]) -> bool:
        pos, token = scan_special(self._buf)
        if pos:
            self._header += self._buf[:pos]
            self._buf = self._buf[pos:]
            if self._check_header(out):
                return True
        if token is None:
            return False
        self._buf = self._buf[len(token) :]
        if token == "<|message|>":
            self._open_message(out)
        elif token == "<|start|>":
            self._begin_header("", role_known=False)
        elif token == "<|end|>":  # a header without a body
            self._state = "between"
        elif token in _STOPS:
            self._state = "done"
        else:
            self._header += token
            self._check_header(out)
        return True

    def _between_step(self) -> bool:
        pos, token = scan_special(self._buf)
        if self._buf[:pos].strip():  # prose between messages is shown, not lost
            self._open_text("content")
            return True
        if token is None:
            return False  # whitespace is kept until we know what follows it
        self._buf = self._buf[pos + len(token) :]
        if token == "<|start|>":
            self._begin_header("", role_known=False)
        elif token == "<|channel|>":
            self._begin_header(token, role_known=True)
        elif token in _STOPS:
            self._state = "done"
        return True

    def _check_header(self, out: list[Event]) -> bool:
        """Act on a header that cannot be one; True when the state changed.

        Before the first header that is the model writing prose without a
        header: shown as content. After a ``<|start|>`` it is the model
        beginning another role's turn (user, a tool's result): the answer is over.
        """
        if header_is_valid(self._header, self._role_known):
            return False
        if not self._role_known:
            self._state = "done"
            return True
        self._open_text("content")
        self._emit(SPECIAL_TOKEN.sub("", self._header), out)
        return True

    def _begin_header(self, text: str, *, role_known: bool) -> None:
        self._state = "header"
        self._header = text
        self._role_known = role_known

    def _open_message(self, out: list[Event]) -> None:
        """Pick what the body is from the complete header."""
        channel, recipient = parse_header(self._header)
        name = (recipient or "").removeprefix(_FUNCTIONS)
        if (
            recipient is not None
            and recipient.startswith(_FUNCTIONS)
            and name
            and (self._allowed is None or name in self._allowed)
        ):
            self._open_call(name, out)
        elif recipient not in (None, "all", "assistant"):
            self._open_text("reasoning")  # a built-in tool the client did not define
        elif channel in (None, "final", "commentary"):
            self._open_text("content")  # commentary without recipient: a preamble for the user
        else:
            self._open_text("reasoning")  # analysis, and channels we do not know

    def _open_text(self, kind: _Kind) -> None:
        self._state, self._kind, self._call = "body", kind, None

    def _open_call(self, name: str, out: list[Event]) -> None:
        self._state, self._call = "body", self._calls
        self._calls += 1
        out.append(ToolCallDelta(self._call, f"call_{secrets.token_hex(12)}", name, ""))

    def _emit(self, text: str, out: list[Event]) -> None:
        if not text:
            return
        if self._call is not None:
            out.append(ToolCallDelta(self._call, None, None, text))
        else:
            out.append(TextDelta(text, self._kind))


def merge_events(events: list[Event]) -> list[Event]:
    """Join neighbouring pieces of the same stream, so one feed gives few events."""
    out: list[Event] = []
    for ev in events:
        last = out[-1] if out else None
        if isinstance(ev, TextDelta) and isinstance(last, TextDelta) and last.channel == ev.channel:
            out[-1] = TextDelta(last.text + ev.text, ev.channel)
        elif (
            isinstance(ev, ToolCallDelta)
            and isinstance(last, ToolCallDelta)
            and last.index == ev.index
            and ev.id is None
        ):
            out[-1] = ToolCallDelta(last.index, last.id, last.name, last.arguments + ev.arguments)
        else:
            out.append(ev)
    return out
