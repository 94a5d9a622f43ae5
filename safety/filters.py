"""Applying a policy to a text: which rules fire, what they decide, the text after redaction.

`SafetyPolicy` is a compiled policy: rules with their checkers, ready to run.
`evaluate` is the one place where findings turn into decisions: a block
stops the request, a redact replaces the matched spans with
`[REDACTED:<rule>]`, a flag only records. Decisions carry rule names, counts
and reasons, never the text, so they can go to logs and the audit log.
Input evaluations are cached by a hash of the text: clients resend the whole
conversation every turn, and its history was already checked.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

from safety.checkers import CheckContext, Checker, Finding, build_checker
from safety.policy import Action, Direction, Policy, RuleBase
from safety.similarity import CachedEmbed, Embed

CACHE_ENTRIES = 2048


@dataclass(frozen=True, slots=True)
class Scope:
    """Who is asking: rules can be limited to roles and groups."""

    role: str
    groups: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Decision:
    rule: str
    kind: str
    action: Action
    direction: Direction
    fired: bool
    count: int = 0
    reasons: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "kind": self.kind,
            "action": self.action,
            "direction": self.direction,
            "fired": self.fired,
            "count": self.count,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class Evaluation:
    text: str  # after redaction
    decisions: tuple[Decision, ...]
    blocked_by: Decision | None
    redactions: tuple[tuple[int, int, str], ...] = ()  # (start, end, rule) in the original
    blocks: tuple[tuple[int, int], ...] = ()  # spans of the blocking findings
    findings: tuple[tuple[int, int, str, str], ...] = ()  # (start, end, rule, reason), all rules

    @property
    def fired(self) -> list[Decision]:
        return [d for d in self.decisions if d.fired]


@dataclass(frozen=True, slots=True)
class CompiledRule:
    spec: RuleBase
    checker: Checker

    def applies(self, direction: Direction, scope: Scope | None) -> bool:
        if direction not in self.spec.directions:
            return False
        if scope is None:  # testing a policy: every rule of the direction
            return True
        if self.spec.roles and scope.role not in self.spec.roles:
            return False
        return not self.spec.groups or bool(set(self.spec.groups) & set(scope.groups))


def redact(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """Replace spans (merged where they overlap) with `[REDACTED:<rule>]`."""
    out: list[str] = []
    last = 0
    for start, end, rule in sorted(spans):
        if end <= last:
            continue
        start = max(start, last)
        if out and start == last and out[-1].startswith("[REDACTED:"):
            last = end  # overlapping or touching: one marker
            continue
        out += [text[last:start], f"[REDACTED:{rule}]"]
        last = end
    out.append(text[last:])
    return "".join(out)


@dataclass
class SafetyPolicy:
    """A policy compiled for use; build with `compile_policy`."""

    policy: Policy
    rules: list[CompiledRule]
    version: str
    _cache: OrderedDict[tuple[str, str], dict[str, list[Finding]]] = field(
        default_factory=OrderedDict
    )
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def evaluate(
        self,
        text: str,
        direction: Direction,
        scope: Scope | None,
        ctx: CheckContext = CheckContext(),  # noqa: B008 - frozen, never mutated
    ) -> Evaluation:
        return self.evaluate_parts([text], direction, scope, ctx)[0]

    def evaluate_parts(
        self,
        parts: Sequence[str],
        direction: Direction,
        scope: Scope | None,
        ctx: CheckContext = CheckContext(),  # noqa: B008 - frozen, never mutated
    ) -> list[Evaluation]:
        """Each part (a message) checked on its own; whole-prompt rules (size) on all of them.

        A whole-prompt finding is reported on the first part, so the decision
        and a block appear once; size rules never redact.
        """
        rules = [r for r in self.rules if r.applies(direction, scope)]
        whole = [r for r in rules if getattr(r.checker, "whole_prompt", False)]
        joined = "\n".join(parts)
        total = {r.spec.name: r.checker.find(joined, ctx) for r in whole}
        out = []
        for i, text in enumerate(parts):
            found = self._findings(text, direction, [r for r in rules if r not in whole], ctx)
            found.update(total if i == 0 else {name: [] for name in total})
            out.append(self._decide(text, direction, rules, found))
        return out

    @staticmethod
    def _decide(
        text: str, direction: Direction, rules: list[CompiledRule], found: dict[str, list[Finding]]
    ) -> Evaluation:
        decisions, redactions, blocks = [], [], []
        blocked_by = None
        findings = []
        for rule in rules:
            hits = found[rule.spec.name]
            findings += [(h.start, h.end, rule.spec.name, h.reason) for h in hits]
            decision = Decision(
                rule.spec.name,
                rule.spec.kind,
                rule.spec.action,
                direction,
                bool(hits),
                len(hits),
                tuple(dict.fromkeys(h.reason for h in hits)),
            )
            decisions.append(decision)
            if hits and rule.spec.action == "block":
                blocked_by = blocked_by or decision
                blocks += [(h.start, h.end) for h in hits]
            elif hits and rule.spec.action == "redact":
                redactions += [(h.start, h.end, rule.spec.name) for h in hits]
        return Evaluation(
            redact(text, redactions),
            tuple(decisions),
            blocked_by,
            tuple(redactions),
            tuple(blocks),
            tuple(findings),
        )

    def _findings(
        self, text: str, direction: Direction, rules: list[CompiledRule], ctx: CheckContext
    ) -> dict[str, list[Finding]]:
        """Findings per rule; for input, cached by the text's hash (never the text)."""
        if direction != "input":
            return {r.spec.name: r.checker.find(text, ctx) for r in rules}
        key = (direction, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
        with self._lock:
            cached = self._cache.get(key, {})
            if cached:
                self._cache.move_to_end(key)
        missing = [r for r in rules if r.spec.name not in cached]
        fresh = {r.spec.name: r.checker.find(text, ctx) for r in missing}
        with self._lock:
            entry = self._cache.setdefault(key, {})
            entry.update(fresh)
            while len(self._cache) > CACHE_ENTRIES:
                self._cache.popitem(last=False)
        return {**cached, **fresh}


def compile_policy(policy: Policy, embed: Embed | None, version: str = "") -> SafetyPolicy:
    """Checkers for every rule (similarity references embedded now, not per request); the
    rules share one cache of segment vectors, so a text is embedded once per evaluation."""
    shared = CachedEmbed(embed) if embed is not None else None
    rules = [CompiledRule(r, build_checker(r, shared, policy.pii.entities)) for r in policy.rules]
    return SafetyPolicy(policy, rules, version)
