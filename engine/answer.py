"""From decoded token bytes to answer events: UTF-8 → template parser → stop strings.

Pure, so the whole output path (split UTF-8, channel markup, stop strings)
is tested without a model; the llama.cpp adapter only feeds it token bytes.
Stop strings apply to the answer's content only, as OpenAI applies them to
what the user sees, never to reasoning or tool-call arguments.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence

from engine.protocol import TextDelta
from engine.stops import StopMatcher
from engine.templates import OutputEvent, OutputParser


class AnswerStream:
    def __init__(self, parser: OutputParser, stops: Sequence[str]) -> None:
        self._parser = parser
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._stops = StopMatcher(stops)
        self._has_stops = any(stops)
        self.stopped = False  # a stop string was hit; nothing more is shown

    @property
    def called_tool(self) -> bool:
        return self._parser.called_tool

    def feed(self, data: bytes) -> list[OutputEvent]:
        """Events now safe to show; check `stopped` afterwards."""
        text = self._decoder.decode(data)
        return self._filter(self._parser.feed(text)) if text else []

    def finish(self) -> list[OutputEvent]:
        """Flush everything held back (unless a stop string already ended the answer)."""
        if self.stopped:
            return []
        events = self._filter(self._parser.feed(self._decoder.decode(b"", final=True)))
        events += self._filter(self._parser.finish())
        if not self.stopped and (tail := self._stops.flush()):
            events.append(TextDelta(tail))
        return events

    def _filter(self, events: list[OutputEvent]) -> list[OutputEvent]:
        if not self._has_stops:  # the common case, on the per-token path
            return events
        out: list[OutputEvent] = []
        for event in events:
            if self.stopped:
                break
            if not (isinstance(event, TextDelta) and event.channel == "content"):
                out.append(event)
                continue
            safe, self.stopped = self._stops.feed(event.text)
            if safe:
                out.append(TextDelta(safe))
        return out
