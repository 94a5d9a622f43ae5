"""What one audit event says, before it has a place in the chain.

Everything here is metadata: who, what, which rules, how many of each PII
type. Text appears only as the pseudonymized prompt and answer, and only
when the policy keeps them. Key material never reaches this type: actors are
a key's id and name.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from safety.audit.chain import canonical, timestamp, utc

Outcome = Literal["ok", "blocked", "denied", "error", "cancelled"]
OUTCOMES: tuple[str, ...] = ("ok", "blocked", "denied", "error", "cancelled")


@dataclass(slots=True)
class AuditEvent:
    action: str
    method: str = "-"
    path: str = "-"
    request_id: str = ""
    time: datetime = field(default_factory=lambda: datetime.now(UTC))
    actor_id: str | None = None
    actor_name: str | None = None
    role: str | None = None
    client: str | None = None
    model: str | None = None
    collections: list[str] = field(default_factory=list)
    document_ids: list[str] = field(default_factory=list)
    pii: dict[str, int] = field(default_factory=dict)
    rules: list[dict[str, Any]] = field(default_factory=list)  # {direction, rule, action, count}
    outcome: Outcome = "ok"
    status: int = 200
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency_us: int = 0
    policy_version: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    prompt_text: str | None = None
    answer_text: str | None = None

    def columns(self) -> dict[str, Any]:
        """Column values for the row: lists and maps as canonical JSON text, and the
        derived filter indexes."""
        values = {f.name: _clean(getattr(self, f.name)) for f in dataclasses.fields(self)}
        values["time"] = utc(self.time)
        values["collections"] = canonical_text(sorted(set(self.collections)))
        values["document_ids"] = canonical_text(sorted(set(self.document_ids)))
        values["pii"] = canonical_text(self.pii)
        values["rules"] = canonical_text(self.rules)
        values["detail"] = canonical_text(self.detail)
        values["rules_index"] = index_of(r["rule"] for r in self.rules)
        values["collections_index"] = index_of(self.collections)
        return values


def _clean(value: Any) -> Any:
    """PostgreSQL text refuses NUL: a path or prompt carrying one must not make its own
    event unwritable (JSON text escapes it, so only plain strings need this)."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def canonical_text(value: Any) -> str:
    return canonical(value).decode()


CONTENT_FIELDS: tuple[str, ...] = (
    "id",
    *(f.name for f in dataclasses.fields(AuditEvent)),
    "rules_index",
    "collections_index",
)


def index_of(names: Any) -> str:
    """ ",a,b," so `LIKE '%,a,%'` matches a name exactly, on any database."""
    unique = sorted({str(n) for n in names})
    return "," + ",".join(unique) + "," if unique else ""


def content_of(row: Any) -> dict[str, Any]:
    """The MAC'd content of a stored row (an ORM object or a mapping of columns)."""
    get = row.__getitem__ if hasattr(row, "keys") else lambda k: getattr(row, k)
    return content_from(tuple(get(name) for name in CONTENT_FIELDS))


_TIME = CONTENT_FIELDS.index("time")


def content_from(values: tuple[Any, ...]) -> dict[str, Any]:
    """Content from column values in CONTENT_FIELDS order (verify's fast path)."""
    content = dict(zip(CONTENT_FIELDS, values, strict=True))
    content["time"] = timestamp(values[_TIME])
    return content


def outcome_for(status: int, blocked: bool = False, cancelled: bool = False) -> Outcome:
    """The outcome a compliance reviewer filters on, from how the request ended."""
    if cancelled or status == 499:  # 499: the client closed the request
        return "cancelled"
    if blocked:
        return "blocked"
    if status in (401, 403, 429):
        return "denied"
    return "ok" if status < 400 else "error"
