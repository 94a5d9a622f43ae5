"""Audit tables. Every event column but `mac` and `prev_mac` is covered by the MAC.

`audit_head` is one row: the last event's id and MAC, signed. Appending
locks it (PostgreSQL: SELECT ... FOR UPDATE; SQLite: the write lock every
transaction takes, see gateway.db), so writers from any number of processes
take turns and the chain never forks. `audit_pending` holds streamed
requests between their first byte and their event, so a worker that dies
mid-answer still leaves a trace that start-up turns into an event.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gateway.db import Base


class AuditEventRow(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    request_id: Mapped[str] = mapped_column(String(36), index=True)
    actor_id: Mapped[str | None] = mapped_column(String(32), index=True)
    actor_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(16))
    client: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(48), index=True)
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(300))
    model: Mapped[str | None] = mapped_column(String(200))
    # Lists and maps are stored as canonical JSON text, exactly the bytes the MAC covers:
    # verify never decodes them, and no database can reformat them.
    collections: Mapped[str] = mapped_column(Text)
    document_ids: Mapped[str] = mapped_column(Text)
    pii: Mapped[str] = mapped_column(Text)
    rules: Mapped[str] = mapped_column(Text)
    # ",name,name," forms of rules and collections: exact-match filters in plain SQL
    rules_index: Mapped[str] = mapped_column(Text)
    collections_index: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[int] = mapped_column(Integer)
    prompt_tokens: Mapped[int | None] = mapped_column(Integer)
    completion_tokens: Mapped[int | None] = mapped_column(Integer)
    latency_us: Mapped[int] = mapped_column(BigInteger)
    policy_version: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text)
    prompt_text: Mapped[str | None] = mapped_column(Text)  # pseudonymized, when kept
    answer_text: Mapped[str | None] = mapped_column(Text)  # pseudonymized, when kept
    prev_mac: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)  # always 1
    last_id: Mapped[int] = mapped_column(BigInteger)
    last_mac: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(64))  # empty until the first append
    key_check: Mapped[str] = mapped_column(String(64))  # HMAC of a constant: which key writes


class AuditCheckpoint(Base):
    __tablename__ = "audit_checkpoints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    before: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # events older were pruned
    through_id: Mapped[int] = mapped_column(BigInteger)  # the last pruned event
    through_mac: Mapped[str] = mapped_column(String(64))
    pruned: Mapped[int] = mapped_column(BigInteger)
    signature: Mapped[str] = mapped_column(String(64))


class AuditPending(Base):
    __tablename__ = "audit_pending"

    request_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    event: Mapped[dict[str, Any]] = mapped_column(JSON)  # what was known when streaming began
