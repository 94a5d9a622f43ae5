"""Reversible pseudonymization: stable placeholders per conversation, and their restoration.

Pure and in memory. Each distinct original value in a conversation gets one
placeholder (`<PERSON_1>`, `<EMAIL_ADDRESS_2>`), the same across turns, so the
model can reason about "<PERSON_1>" consistently while never seeing the
value. The mapping lives only here (never in logs or the audit log) and
expires with the conversation (TTL).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

PLACEHOLDER = re.compile(r"<([A-Z][A-Z_]*)_(\d+)>")
MAX_PLACEHOLDER = 48  # longest placeholder text a streaming restorer may need to hold back


@dataclass(frozen=True, slots=True)
class Span:
    """One detected entity: [start, end) offsets into the text and its type."""

    entity_type: str
    start: int
    end: int


@dataclass(slots=True)
class ConversationMap:
    """value <-> placeholder for one conversation."""

    forward: dict[tuple[str, str], str] = field(default_factory=dict)
    backward: dict[str, str] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    touched: float = field(default_factory=time.monotonic)

    def placeholder(self, entity_type: str, value: str) -> str:
        key = (entity_type, value)
        if key not in self.forward:
            n = self.counters.get(entity_type, 0) + 1
            self.counters[entity_type] = n
            tag = f"<{entity_type}_{n}>"
            self.forward[key] = tag
            self.backward[tag] = value
        return self.forward[key]


def non_overlapping(spans: Sequence[Span]) -> list[Span]:
    """Keep the longest of overlapping spans (then the earliest), in text order."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def pseudonymize(
    text: str, spans: Sequence[Span], mapping: ConversationMap
) -> tuple[str, dict[str, int]]:
    """Replace each span by its placeholder; returns the text and counts per entity type."""
    out: list[str] = []
    counts: dict[str, int] = {}
    last = 0
    for span in non_overlapping(spans):
        out.append(text[last : span.start])
        out.append(mapping.placeholder(span.entity_type, text[span.start : span.end]))
        counts[span.entity_type] = counts.get(span.entity_type, 0) + 1
        last = span.end
    out.append(text[last:])
    return "".join(out), counts


def restore(text: str, mapping: ConversationMap) -> str:
    """Put the originals back; placeholders the conversation never issued stay as they are."""
    return PLACEHOLDER.sub(lambda m: mapping.backward.get(m.group(0), m.group(0)), text)


class StreamRestorer:
    """Restores placeholders in streamed text, even when one is split across chunks.

    Holds back only a tail that could still be the start of a placeholder
    (``<``, ``<PER``, ``<PERSON_1`` …), at most MAX_PLACEHOLDER characters.
    """

    def __init__(self, mapping: ConversationMap) -> None:
        self._mapping = mapping
        self._pending = ""

    def feed(self, text: str) -> str:
        buf = self._pending + text
        cut = _open_tail(buf)
        self._pending = buf[cut:]
        return restore(buf[:cut], self._mapping)

    def flush(self) -> str:
        out, self._pending = restore(self._pending, self._mapping), ""
        return out


_PARTIAL = re.compile(r"<[A-Z_]*\d*$")


def _open_tail(buf: str) -> int:
    """Index where a possibly unfinished placeholder starts (len(buf) when none)."""
    start = buf.rfind("<")
    if start == -1 or len(buf) - start > MAX_PLACEHOLDER or not _PARTIAL.match(buf[start:]):
        return len(buf)
    return start


class Vault:
    """Conversation maps kept in memory with a time-to-live (thread-safe)."""

    def __init__(self, ttl_seconds: float = 3600.0, clock: Callable[[], float] = time.monotonic):
        self._ttl = ttl_seconds
        self._clock = clock
        self._maps: dict[str, ConversationMap] = {}
        self._lock = threading.Lock()

    def conversation(self, conversation_id: str) -> ConversationMap:
        now = self._clock()
        with self._lock:
            for key in [k for k, m in self._maps.items() if now - m.touched > self._ttl]:
                del self._maps[key]
            mapping = self._maps.setdefault(conversation_id, ConversationMap(touched=now))
            mapping.touched = now
            return mapping

    def __len__(self) -> int:
        return len(self._maps)
