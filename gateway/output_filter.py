"""Output policy on a stream: hold back a bounded window, check it, then release.

The model's text (still with placeholders: this runs before PII restore)
arrives in small pieces per channel and per tool call. Each stream keeps up
to `holdback + stride` characters unreleased; when it has that much, the
window (plus the last `holdback` released characters, so matches that
straddle the boundary are seen) is evaluated off the event loop, redactions
are applied, and all but the last `holdback` characters are released. A
block raises `OutputBlocked` before any of the offending text is released,
as long as the match is no longer than the hold-back window. Evaluating per
stride, not per token, keeps the cost of similarity and Presidio checks low.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import anyio

from engine.protocol import TextDelta, ToolCallDelta
from gateway.streams import stream_of, tail_event
from safety.filters import Decision, Evaluation, redact

Evaluate = Callable[[str], Evaluation]  # blocking


class OutputBlocked(Exception):
    def __init__(self, decision: Decision) -> None:
        super().__init__(decision.rule)
        self.decision = decision


@dataclass(slots=True)
class _Stream:
    pending: str = ""  # original text not yet released
    context: str = ""  # the last released original text, for matches across the boundary


@dataclass(slots=True)
class _Tally:
    decision: Decision
    count: int = 0
    reasons: dict[str, None] = field(default_factory=dict)


class OutputFilter:
    def __init__(self, evaluate: Evaluate, holdback: int, show_reasoning: bool = True) -> None:
        self._evaluate = evaluate
        self._hold = holdback
        self._stride = max(16, holdback // 2)
        self._show_reasoning = show_reasoning
        self._streams: dict[str, _Stream] = {}
        self._tallies: dict[str, _Tally] = {}

    @property
    def fired(self) -> tuple[Decision, ...]:
        """Every rule that fired on this output, with its count of findings."""
        return tuple(
            Decision(
                t.decision.rule,
                t.decision.kind,
                t.decision.action,
                "output",
                True,
                t.count,
                tuple(t.reasons),
            )
            for t in self._tallies.values()
            if t.count
        )

    async def event(self, event: TextDelta | ToolCallDelta) -> list[TextDelta | ToolCallDelta]:
        """What of this event may be shown now (possibly nothing); raises OutputBlocked."""
        if isinstance(event, TextDelta):
            if event.channel == "reasoning" and not self._show_reasoning:
                return []
            released = await self._feed(event.channel, event.text)
            return [TextDelta(released, event.channel)] if released else []
        released = await self._feed(stream_of(event), event.arguments)
        if event.id is not None or event.name is not None or released:
            return [ToolCallDelta(event.index, event.id, event.name, released)]
        return []

    async def flush(self) -> list[TextDelta | ToolCallDelta]:
        """Check and release everything still held (the generation ended)."""
        out: list[TextDelta | ToolCallDelta] = []
        for key, stream in self._streams.items():
            if not stream.pending:
                continue
            text = await self._release(stream, final=True)
            if text:
                out.append(tail_event(key, text))
        return out

    async def _feed(self, key: str, text: str) -> str:
        stream = self._streams.setdefault(key, _Stream())
        stream.pending += text
        if len(stream.pending) < self._hold + self._stride:
            return ""
        return await self._release(stream, final=False)

    async def _release(self, stream: _Stream, final: bool) -> str:
        offset = len(stream.context)
        result = await anyio.to_thread.run_sync(self._evaluate, stream.context + stream.pending)
        if result.blocked_by is not None and any(end > offset for _, end in result.blocks):
            self._tally(result, 0, offset + len(stream.pending), only=result.blocked_by.rule)
            raise OutputBlocked(result.blocked_by)
        cut = len(stream.pending) if final else len(stream.pending) - self._hold
        for start, end, _ in result.redactions:  # never release half of a redaction
            if start - offset < cut < end - offset:
                cut = max(0, start - offset)
        self._tally(result, offset, offset + cut)
        spans = [
            (max(a - offset, 0), min(b - offset, cut), rule)
            for a, b, rule in result.redactions
            if b > offset and a - offset < cut
        ]
        released = redact(stream.pending[:cut], spans)
        stream.context = (stream.context + stream.pending[:cut])[-self._hold :]
        stream.pending = stream.pending[cut:]
        return released

    def _tally(self, result: Evaluation, lo: int, hi: int, only: str | None = None) -> None:
        """Count each finding once: in the round where its start is released (or blocked)."""
        by_rule = {d.rule: d for d in result.decisions}
        for start, _, rule, reason in result.findings:
            if lo <= start < hi and only in (None, rule):
                tally = self._tallies.setdefault(rule, _Tally(by_rule[rule]))
                tally.count += 1
                tally.reasons[reason] = None
