"""PII around the model: pseudonymize what goes in, restore what comes out.

Every message the model would see (system, history, tool results, the new
question) is pseudonymized with the conversation's vault map, so the model
only ever sees placeholders; answers, reasoning and tool-call arguments are
restored before they reach the client, also when a placeholder is split
across streamed chunks. A conversation is identified by the client's
`X-Enclave-Conversation` header, else by the key and the conversation's
first message (OpenAI clients resend the whole history each turn).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import anyio

from engine.protocol import ChatMessage, TextDelta, ToolCall, ToolCallDelta
from gateway.keys import Principal
from gateway.streams import stream_of, tail_event
from retrieval.service import Hit
from safety.vault import ConversationMap, Span, StreamRestorer, Vault, pseudonymize


class Detector(Protocol):
    def detect(self, text: str) -> list[Span]: ...


def conversation_id(
    principal: Principal, messages: Sequence[ChatMessage], header: str | None
) -> str:
    if header:
        return f"{principal.key_id}:{header[:128]}"
    first = next((m.content for m in messages if m.role in ("user", "system")), "")
    return f"{principal.key_id}:{hashlib.sha256(first.encode()).hexdigest()[:32]}"


@dataclass(slots=True)
class Restorers:
    """One stream restorer per output channel and per tool call."""

    mapping: ConversationMap
    by_channel: dict[str, StreamRestorer] = field(default_factory=dict)

    def _for(self, key: str) -> StreamRestorer:
        return self.by_channel.setdefault(key, StreamRestorer(self.mapping))

    def event(self, event: TextDelta | ToolCallDelta) -> TextDelta | ToolCallDelta:
        restorer = self._for(stream_of(event))
        if isinstance(event, TextDelta):
            return TextDelta(restorer.feed(event.text), event.channel)
        return replace(event, arguments=restorer.feed(event.arguments))

    def flush(self) -> list[TextDelta | ToolCallDelta]:
        tails = ((key, restorer.flush()) for key, restorer in self.by_channel.items())
        return [tail_event(key, tail) for key, tail in tails if tail]


@dataclass(frozen=True, slots=True)
class Protected:
    messages: list[ChatMessage]
    counts: dict[str, int]
    restorers: Restorers


class PiiGuard:
    def __init__(self, detector: Detector, vault: Vault) -> None:
        self._detector = detector
        self._vault = vault

    async def protect(
        self, principal: Principal, messages: Sequence[ChatMessage], header: str | None
    ) -> Protected:
        mapping = self._vault.conversation(conversation_id(principal, messages, header))
        return await anyio.to_thread.run_sync(self._protect, mapping, messages)

    async def protect_hits(self, protected: Protected, hits: Sequence[Hit]) -> list[Hit]:
        """Retrieved passages in the conversation's placeholders (same value, same tag).

        Retrieval searches with the original question (it stays in the building and
        finds names and numbers the placeholders would hide); the passages are then
        pseudonymized like the prompt, so the model sees `<PERSON_1>` in both the
        question and the document, and the answer is restored for the reader.
        """
        mapping = protected.restorers.mapping
        texts = await anyio.to_thread.run_sync(
            lambda: [self._pseudo(h.text, mapping, {}) for h in hits]
        )
        return [replace(h, text=t) for h, t in zip(hits, texts, strict=True)]

    async def pseudonymize_more(self, protected: Protected, text: str) -> str:
        """Text the model wrote, with anything still PII-like replaced (for the audit log)."""
        mapping = protected.restorers.mapping
        return await anyio.to_thread.run_sync(lambda: self._pseudo(text, mapping, {}))

    def _protect(self, mapping: ConversationMap, messages: Sequence[ChatMessage]) -> Protected:
        counts: dict[str, int] = {}
        out = []
        for msg in messages:
            content = self._pseudo(msg.content, mapping, counts)
            calls = tuple(
                ToolCall(c.id, c.name, self._pseudo(c.arguments, mapping, counts))
                for c in msg.tool_calls
            )
            reasoning = self._pseudo(msg.reasoning, mapping, counts) if msg.reasoning else None
            out.append(replace(msg, content=content, tool_calls=calls, reasoning=reasoning))
        return Protected(out, counts, Restorers(mapping))

    def _pseudo(self, text: str, mapping: ConversationMap, counts: dict[str, int]) -> str:
        result, found = pseudonymize(text, self._detector.detect(text), mapping)
        for entity, n in found.items():
            counts[entity] = counts.get(entity, 0) + n
        return result
