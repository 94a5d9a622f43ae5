"""The office's policy around the model: check what goes in, filter what comes out.

Input rules run on the client's text before pseudonymization (a secret is
redacted before Presidio or the model sees it); a block is a 400
`content_policy_violation` naming the rule, and nothing reaches the model.
Output rules run on the model's text before PII restore, through
`OutputFilter`'s bounded hold-back. Every decision goes to the sink (the
audit log) as rule names and counts, never text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import anyio

from engine.protocol import ChatMessage, ToolCall
from gateway.errors import ApiError
from gateway.keys import Principal
from gateway.output_filter import OutputFilter
from safety.checkers import CheckContext, Detector
from safety.decisions import DecisionSink, SafetyRecord
from safety.filters import Decision, Evaluation, SafetyPolicy, Scope
from safety.policy import Direction
from safety.policy_store import PolicyStore
from safety.vault import ConversationMap, pseudonymize


class ContentPolicyViolation(ApiError):
    status = 400
    default_code = "content_policy_violation"


@dataclass(frozen=True, slots=True)
class InputCheck:
    policy: SafetyPolicy  # the version the output is checked with too
    messages: list[ChatMessage]
    fired: list[Decision]


def scope_of(principal: Principal) -> Scope:
    return Scope(principal.role, principal.groups)


def _parts(messages: Sequence[ChatMessage]) -> list[tuple[int, int | None, str]]:
    """(message index, tool-call index or None, text) of everything the client wrote."""
    parts: list[tuple[int, int | None, str]] = []
    for i, msg in enumerate(messages):
        parts.append((i, None, msg.content))
        parts += [(i, j, call.arguments) for j, call in enumerate(msg.tool_calls)]
    return parts


class SafetyGuard:
    def __init__(self, store: PolicyStore, detector: Detector | None, sink: DecisionSink) -> None:
        self.store = store
        self._detector = detector
        self._sink = sink

    def policy(self) -> SafetyPolicy:
        return self.store.current()

    async def check_input(
        self,
        principal: Principal,
        messages: Sequence[ChatMessage],
        also: DecisionSink | None = None,
    ) -> InputCheck:
        """Redacted messages and what fired; a block is recorded and raised as a 400."""
        policy = await anyio.to_thread.run_sync(self.store.current)
        parts = _parts(messages)
        results = await anyio.to_thread.run_sync(
            lambda: policy.evaluate_parts(
                [text for _, _, text in parts], "input", scope_of(principal), self._context(())
            )
        )
        fired = [d for r in results for d in r.fired]
        blocked = next((r.blocked_by for r in results if r.blocked_by), None)
        if blocked is not None:
            self.record(principal, "input", policy, fired, blocked, also=also)
            where = next(p for p, r in zip(parts, results, strict=True) if r.blocked_by)
            raise ContentPolicyViolation(
                f"The request was blocked by the office's policy rule '{blocked.rule}' "
                f"({blocked.kind}).",
                param=f"messages[{where[0]}].content",
            )
        return InputCheck(policy, _apply(messages, parts, results), fired)

    def output_filter(
        self, principal: Principal, policy: SafetyPolicy, system_texts: Sequence[str]
    ) -> OutputFilter | None:
        """The turn's output filter; None when nothing applies (then nothing is held back)."""
        ctx = self._context(system_texts)
        scope = scope_of(principal)
        out = policy.policy.output
        if out.show_reasoning and not any(r.applies("output", scope) for r in policy.rules):
            return None
        return OutputFilter(
            lambda text: policy.evaluate(text, "output", scope, ctx),
            out.holdback_chars,
            out.show_reasoning,
        )

    def evaluate(
        self, text: str, direction: Direction, scope: Scope | None, system_texts: Sequence[str]
    ) -> tuple[SafetyPolicy, Evaluation]:
        """One text, one direction (blocking): what /v1/safety/check shows an admin."""
        policy = self.store.current()
        return policy, policy.evaluate(text, direction, scope, self._context(system_texts))

    def inspect(
        self, text: str, direction: Direction, scope: Scope | None, system_texts: Sequence[str]
    ) -> dict[str, object]:
        """Every decision on one text and the text as the model would get it (no model call)."""
        policy, result = self.evaluate(text, direction, scope, system_texts)
        shown, entities = result.text, dict[str, int]()
        if self._detector is not None:
            spans = self._detector.detect(shown)
            shown, entities = pseudonymize(shown, spans, ConversationMap())
        return {
            "direction": direction,
            "policy_version": policy.version,
            "text": shown,
            "entities": entities,
            "blocked": result.blocked_by is not None,
            "blocked_by": result.blocked_by.rule if result.blocked_by else None,
            "decisions": [d.as_dict() for d in result.decisions],
        }

    def record(
        self,
        principal: Principal,
        direction: Direction,
        policy: SafetyPolicy,
        fired: Sequence[Decision],
        blocked: Decision | None = None,
        entities: dict[str, int] | None = None,
        also: DecisionSink | None = None,
    ) -> None:
        """To the guard's sink (the log) and `also` (the request's audit record)."""
        record = SafetyRecord(
            principal.key_id,
            direction,
            policy.version,
            _merge(fired),
            dict(entities or {}),
            blocked.rule if blocked else None,
        )
        self._sink.record(record)
        if also is not None:
            also.record(record)

    def _context(self, system_texts: Sequence[str]) -> CheckContext:
        return CheckContext(tuple(system_texts), self._detector)


def _merge(decisions: Sequence[Decision]) -> tuple[Decision, ...]:
    """One decision per rule, counts summed over the messages."""
    merged: dict[str, Decision] = {}
    for d in decisions:
        if d.rule in merged:
            m = merged[d.rule]
            reasons = tuple(dict.fromkeys(m.reasons + d.reasons))
            d = replace(m, count=m.count + d.count, reasons=reasons)
        merged[d.rule] = d
    return tuple(merged.values())


def _apply(
    messages: Sequence[ChatMessage],
    parts: list[tuple[int, int | None, str]],
    results: list[Evaluation],
) -> list[ChatMessage]:
    out = list(messages)
    for (i, j, _), result in zip(parts, results, strict=True):
        if not result.redactions:
            continue
        msg = out[i]
        if j is None:
            out[i] = replace(msg, content=result.text)
        else:
            calls = list(msg.tool_calls)
            calls[j] = ToolCall(calls[j].id, calls[j].name, result.text)
            out[i] = replace(msg, tool_calls=tuple(calls))
    return out
