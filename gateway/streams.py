"""Streams inside one answer: each text channel and each tool call is its own stream.

Stages that hold text back (PII restore, the output policy) keep their state
per stream; these two functions name a stream and turn its held-back tail into
the event that carries it.
"""

from __future__ import annotations

from typing import Literal, cast

from engine.protocol import TextDelta, ToolCallDelta

Channel = str  # "content", "reasoning" or "call<index>"


def stream_of(event: TextDelta | ToolCallDelta) -> Channel:
    return event.channel if isinstance(event, TextDelta) else f"call{event.index}"


def tail_event(stream: Channel, text: str) -> TextDelta | ToolCallDelta:
    """The event that carries `text`, the held-back end of `stream`."""
    if stream.startswith("call"):
        return ToolCallDelta(int(stream[4:]), None, None, text)
    return TextDelta(text, cast(Literal["content", "reasoning"], stream))
