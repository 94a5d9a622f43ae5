"""Where safety decisions go: the audit log (its issue), a log line, or a test sink.

A record names the rules that fired, their actions and counts, and the PII
entity types with counts: never a prompt, an answer or a matched value.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Protocol

from safety.filters import Decision
from safety.policy import Direction

log = logging.getLogger("enclave.safety")


@dataclass(frozen=True, slots=True)
class SafetyRecord:
    key_id: str
    direction: Direction
    policy_version: str
    decisions: tuple[Decision, ...]  # the rules that fired
    entities: dict[str, int] = field(default_factory=dict)  # pseudonymized types and counts
    blocked_by: str | None = None


class DecisionSink(Protocol):
    def record(self, record: SafetyRecord) -> None:
        """Called once per direction of each request; must not block for long."""
        ...


class LogSink:
    """Logs what fired (rule, action, count) and nothing of the text."""

    def record(self, record: SafetyRecord) -> None:
        if not record.decisions and not record.entities:
            return
        fired = ", ".join(f"{d.rule}:{d.action}x{d.count}" for d in record.decisions) or "-"
        pii = ", ".join(f"{k}x{n}" for k, n in sorted(record.entities.items())) or "-"
        log.info(
            "safety %s key=%s policy=%s fired=[%s] pii=[%s]%s",
            record.direction,
            record.key_id,
            record.policy_version,
            fired,
            pii,
            f" blocked_by={record.blocked_by}" if record.blocked_by else "",
        )
