"""One request's audit record as it is gathered: the middleware opens it, services fill it.

Handlers and services only add facts (which model, which documents, which
rules fired, how many tokens); when and how the event is written is the
middleware's business (gateway.audit_middleware). It is also the request's
DecisionSink, so the safety guard's records land in the same event.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from gateway.keys import Principal
from safety.audit.events import AuditEvent, outcome_for
from safety.decisions import SafetyRecord


@dataclass(slots=True)
class RequestAudit:
    action: str
    method: str
    path: str
    client: str | None
    keep_text: bool  # the deployment keeps pseudonymized prompt and answer
    request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    started: float = field(default_factory=time.perf_counter)
    time: datetime = field(default_factory=lambda: datetime.now(UTC))
    principal: Principal | None = None
    model: str | None = None
    collections: set[str] = field(default_factory=set)
    document_ids: set[str] = field(default_factory=set)
    pii: dict[str, int] = field(default_factory=dict)
    rules: list[dict[str, Any]] = field(default_factory=list)
    policy_version: str | None = None
    blocked: bool = False
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    prompt_text: str | None = None
    answer_text: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    reserved: bool = False  # a pending row exists (streamed answers)
    written: int | None = None  # the event id, once chained
    failure: tuple[int, str | None] | None = None  # an error told in-band (mid-stream)
    abandoned: bool = False  # its final write failed and the client was told; the sweep records it

    # -- facts from services -------------------------------------------------
    def record(self, record: SafetyRecord) -> None:
        """DecisionSink: the rules that fired (names, actions, counts). PII counts come
        from the PII guard itself (`entities`), which runs with or without the policy."""
        self.policy_version = record.policy_version
        for d in record.decisions:
            self.rules.append(
                {
                    "direction": record.direction,
                    "rule": d.rule,
                    "action": d.action,
                    "count": d.count,
                }
            )
        if record.blocked_by:
            self.blocked = True

    def entities(self, counts: dict[str, int]) -> None:
        for entity, n in counts.items():
            self.pii[entity] = self.pii.get(entity, 0) + n

    def sources(self, collections: Iterable[str], document_ids: Iterable[str]) -> None:
        self.collections.update(collections)
        self.document_ids.update(document_ids)

    def fail(self, status: int, code: str | None) -> None:
        """An error reported inside a response that had already started as 200."""
        self.failure = (status, code)

    def tokens(self, prompt: int, completion: int) -> None:
        self.prompt_tokens, self.completion_tokens = prompt, completion

    def texts(self, prompt: str | None = None, answer: str | None = None) -> None:
        """Pseudonymized text, kept only when the deployment says so."""
        if not self.keep_text:
            return
        if prompt is not None:
            self.prompt_text = prompt
        if answer is not None:
            self.answer_text = answer

    # -- the event -------------------------------------------------------------
    def event(self, status: int, cancelled: bool = False, error: str | None = None) -> AuditEvent:
        p = self.principal
        if self.failure is not None:
            status, error = self.failure[0], self.failure[1] or error
        detail = dict(self.detail)
        if error:
            detail["error"] = error
        return AuditEvent(
            action=self.action,
            method=self.method,
            path=self.path[:300],
            request_id=self.request_id,
            time=self.time,
            actor_id=p.key_id if p else None,
            actor_name=p.name if p else None,
            role=p.role if p else None,
            client=self.client,
            model=self.model,
            collections=sorted(self.collections),
            document_ids=sorted(self.document_ids),
            pii=dict(self.pii),
            rules=list(self.rules),
            outcome=outcome_for(status, self.blocked, cancelled),
            status=status,
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            latency_us=int((time.perf_counter() - self.started) * 1e6),
            policy_version=self.policy_version,
            detail=detail,
            prompt_text=self.prompt_text,
            answer_text=self.answer_text,
        )
