"""Browser sessions: an API key signs in once, the browser then holds only a session cookie.

The cookie carries a random token; the database keeps its SHA-256 (a stolen
database does not yield live sessions), the key it stands for, a CSRF token
and an expiry. Every request re-checks the key, so revoking a key ends its
sessions at once, in every worker. Signing out deletes the row.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import DateTime, ForeignKey, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from gateway.db import Base
from gateway.keys import ApiKey, KeyRejected, Principal, as_utc, key_refusal, principal_of

COOKIE = "enclave_session"


class UiSession(Base):
    __tablename__ = "ui_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the token
    key_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("api_keys.id", ondelete="CASCADE"), index=True
    )
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


@dataclass(frozen=True, slots=True)
class Signed:
    principal: Principal
    csrf: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SessionStore:
    def __init__(self, sessions: sessionmaker[Session], ttl: timedelta) -> None:
        self._sessions = sessions
        self.ttl = ttl

    def open(self, principal: Principal) -> tuple[str, str]:
        """A new session for a key that just authenticated: (cookie token, CSRF token)."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        with self._sessions.begin() as s:
            s.execute(delete(UiSession).where(UiSession.expires_at < now))  # tidy as we go
            s.add(
                UiSession(
                    id=_digest(token),
                    key_id=principal.key_id,
                    csrf=csrf,
                    created_at=now,
                    expires_at=now + self.ttl,
                )
            )
        return token, csrf

    def lookup(self, token: str, now: datetime | None = None) -> Signed:
        """The session's key, still valid, and its CSRF token; KeyRejected otherwise."""
        now = now or datetime.now(UTC)
        with self._sessions.begin() as s:
            found = s.execute(
                select(UiSession, ApiKey)
                .join(ApiKey, ApiKey.id == UiSession.key_id)
                .where(UiSession.id == _digest(token))
            ).first()
            if found is None or as_utc(found[0].expires_at) <= now:
                raise KeyRejected("Your session has ended; sign in again", "session_expired")
            session, key = found
            if (refusal := key_refusal(key, now)) is not None:
                raise refusal
            key.last_used_at = now  # the admin page's "last used" counts browser use too
            return Signed(principal_of(key), session.csrf)

    def close(self, token: str) -> None:
        with self._sessions.begin() as s:
            s.execute(delete(UiSession).where(UiSession.id == _digest(token)))
