"""Per-key limits shared by every worker process: requests/minute, tokens/day, concurrency.

Counters live in the database, so two gateway workers behind one port see
one budget. `admit` runs in one transaction that first locks the key's row
(PostgreSQL: SELECT ... FOR UPDATE; SQLite: the BEGIN IMMEDIATE write lock
from gateway.db), then checks and increments, so concurrent requests cannot
both take the last slot. An in-flight slot carries an expiry so a crashed
worker cannot hold it for ever.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import DateTime, ForeignKey, Integer, String, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from gateway.db import Base
from gateway.keys import ApiKey, Principal
from gateway.settings import LimitsSettings, RoleLimits

SLOT_TTL = timedelta(minutes=30)  # longer than any request; frees slots of dead workers


class RateWindow(Base):
    __tablename__ = "rate_windows"

    key_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("api_keys.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)  # "minute" | "day"
    window_start: Mapped[int] = mapped_column(Integer, primary_key=True)  # epoch seconds
    count: Mapped[int] = mapped_column(Integer, default=0)


class InFlight(Base):
    __tablename__ = "inflight"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    key_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("api_keys.id", ondelete="CASCADE"), index=True
    )
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True, slots=True)
class Refusal:
    message: str
    retry_after: int  # seconds


def effective_limits(principal: Principal, defaults: LimitsSettings) -> RoleLimits:
    """The role's defaults, overridden by whatever the key sets."""
    base: RoleLimits = getattr(defaults, principal.role)
    return RoleLimits(
        requests_per_minute=principal.requests_per_minute or base.requests_per_minute,
        tokens_per_day=principal.tokens_per_day or base.tokens_per_day,
        concurrent=principal.concurrent or base.concurrent,
    )


def windows(now: datetime) -> tuple[int, int]:
    """Start (epoch s) of the current UTC minute and day."""
    ts = int(now.timestamp())
    return ts - ts % 60, ts - ts % 86400


class Limiter:
    def __init__(self, sessions: sessionmaker[Session], defaults: LimitsSettings) -> None:
        self._sessions = sessions
        self._defaults = defaults

    def admit(self, principal: Principal, now: datetime | None = None) -> str | Refusal:
        """Take a request slot (returns its id, to `release`) or say why not."""
        now = now or datetime.now(UTC)
        limits = effective_limits(principal, self._defaults)
        minute, day = windows(now)
        with self._sessions.begin() as s:
            s.execute(select(ApiKey.id).where(ApiKey.id == principal.key_id).with_for_update())
            refusal = self._check(s, principal.key_id, limits, now, minute, day)
            if refusal is not None:
                return refusal
            s.execute(
                delete(RateWindow).where(
                    RateWindow.key_id == principal.key_id,
                    RateWindow.kind == "minute",
                    RateWindow.window_start < minute,
                )
            )
            self._bump(s, principal.key_id, "minute", minute, 1)
            slot = "slot_" + secrets.token_hex(8)
            s.add(InFlight(id=slot, key_id=principal.key_id, expires_at=now + SLOT_TTL))
            return slot

    def _check(
        self, s: Session, key_id: str, limits: RoleLimits, now: datetime, minute: int, day: int
    ) -> Refusal | None:
        if limits.requests_per_minute is not None:
            used = self._count(s, key_id, "minute", minute)
            if used >= limits.requests_per_minute:
                return Refusal(
                    f"Rate limit reached: {limits.requests_per_minute} requests per minute",
                    max(1, minute + 60 - int(now.timestamp())),
                )
        if limits.tokens_per_day is not None:
            used = self._count(s, key_id, "day", day)
            if used >= limits.tokens_per_day:
                return Refusal(
                    f"Token budget reached: {limits.tokens_per_day} tokens per day",
                    max(1, day + 86400 - int(now.timestamp())),
                )
        if limits.concurrent is not None:
            s.execute(delete(InFlight).where(InFlight.expires_at < now))
            running = s.scalar(
                select(func.count()).select_from(InFlight).where(InFlight.key_id == key_id)
            )
            if (running or 0) >= limits.concurrent:
                return Refusal(f"Too many concurrent requests: limit {limits.concurrent}", 1)
        return None

    @staticmethod
    def _count(s: Session, key_id: str, kind: str, start: int) -> int:
        row = s.get(RateWindow, (key_id, kind, start))
        return row.count if row is not None else 0

    @staticmethod
    def _bump(s: Session, key_id: str, kind: str, start: int, amount: int) -> None:
        row = s.get(RateWindow, (key_id, kind, start))
        if row is None:
            s.add(RateWindow(key_id=key_id, kind=kind, window_start=start, count=amount))
        else:
            row.count += amount

    def release(self, slot: str) -> None:
        with self._sessions.begin() as s:
            s.execute(delete(InFlight).where(InFlight.id == slot))

    def add_tokens(self, principal: Principal, tokens: int, now: datetime | None = None) -> None:
        """Count tokens a finished request used against the key's daily budget."""
        if tokens <= 0:
            return
        _, day = windows(now or datetime.now(UTC))
        with self._sessions.begin() as s:
            s.execute(select(ApiKey.id).where(ApiKey.id == principal.key_id).with_for_update())
            self._bump(s, principal.key_id, "day", day, tokens)
            s.execute(
                delete(RateWindow).where(
                    RateWindow.key_id == principal.key_id, RateWindow.window_start < day - 86400
                )
            )
