"""API keys: created, shown once, stored as an HMAC, looked up on every request.

A key looks like ``enc_<8 chars>_<32 chars>``; the first part is its prefix,
kept in clear so people can tell keys apart in lists and logs never need the
key itself. The database holds HMAC-SHA256(server secret, key): a stolen
database without the secret (kept in a file or setting outside it) does not
give working keys. Lookup is by prefix, then a constant-time comparison of
the HMACs, so timing does not leak how much of a guessed key was right.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import string
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, cast

from sqlalchemy import JSON, DateTime, Integer, String, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from gateway.db import Base

Role = Literal["user", "compliance", "admin"]
ROLES: tuple[Role, ...] = ("user", "compliance", "admin")
KEY_PREFIX = "enc_"
_ALPHABET = string.ascii_letters + string.digits  # 32 of them: ~190 bits


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    prefix: Mapped[str] = mapped_column(String(16), unique=True, index=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    requests_per_minute: Mapped[int | None] = mapped_column(Integer, nullable=True)
    tokens_per_day: Mapped[int | None] = mapped_column(Integer, nullable=True)
    concurrent: Mapped[int | None] = mapped_column(Integer, nullable=True)


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: what handlers, limits, retrieval and audit need, never the key."""

    key_id: str
    name: str
    role: Role
    groups: tuple[str, ...]
    prefix: str
    requests_per_minute: int | None = None  # per-key overrides; None: the role's default
    tokens_per_day: int | None = None
    concurrent: int | None = None


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """A key as listed (no secret material)."""

    id: str
    name: str
    role: str
    groups: tuple[str, ...]
    prefix: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None
    limits: dict[str, int | None]

    def status(self, now: datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and as_utc(self.expires_at) <= now:
            return "expired"
        return "active"

    def as_dict(self) -> dict[str, object]:
        def iso(value: datetime | None) -> str | None:
            return as_utc(value).isoformat() if value else None

        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "groups": list(self.groups),
            "prefix": self.prefix,
            "created_at": iso(self.created_at),
            "expires_at": iso(self.expires_at),
            "revoked_at": iso(self.revoked_at),
            "last_used_at": iso(self.last_used_at),
            "limits": self.limits,
            "status": self.status(datetime.now(UTC)),
        }


class KeyRejected(Exception):
    """Why a presented key does not authenticate (the message is safe to show)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class KeyNotFound(LookupError):
    pass


def principal_of(row: ApiKey) -> Principal:
    return Principal(
        row.id,
        row.name,
        cast(Role, row.role),
        tuple(row.groups or ()),
        row.prefix,
        row.requests_per_minute,
        row.tokens_per_day,
        row.concurrent,
    )


def key_refusal(row: ApiKey, now: datetime) -> KeyRejected | None:
    """Why a known key may not be used now, or None."""
    if row.revoked_at is not None:
        return KeyRejected("This API key has been revoked", "revoked_api_key")
    if row.expires_at is not None and as_utc(row.expires_at) <= now:
        return KeyRejected("This API key has expired", "expired_api_key")
    return None


def load_secret(secret: str | None, secret_file: Path) -> bytes:
    """The HMAC secret: from settings, else the key file (created 0600 on first use).

    The file appears whole or not at all (written aside, then hard-linked into
    place), so worker processes starting together all read the same secret.
    """
    if secret:
        return secret.encode()
    if not secret_file.exists():
        secret_file.parent.mkdir(parents=True, exist_ok=True)
        aside = secret_file.with_name(f".{secret_file.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(32))
        try:
            os.link(aside, secret_file)
        except FileExistsError:
            pass  # another process was first: use its secret
        finally:
            aside.unlink()
    value = secret_file.read_text().strip().encode()
    if len(value) < 16:
        raise ValueError(f"{secret_file} holds no usable secret (at least 16 characters)")
    return value


def as_utc(value: datetime) -> datetime:
    """SQLite returns naive datetimes; everything stored is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def parse_key(presented: str) -> str | None:
    """The prefix of a well-formed key, or None."""
    parts = presented.split("_")
    if (
        len(parts) != 3
        or parts[0] + "_" != KEY_PREFIX
        or len(parts[1]) != 8
        or len(parts[2]) != 32
        or not parts[2].isalnum()
        or not parts[2].isascii()
    ):
        return None
    return f"{parts[0]}_{parts[1]}"


def _to_info(row: ApiKey) -> KeyInfo:
    return KeyInfo(
        row.id,
        row.name,
        row.role,
        tuple(row.groups or ()),
        row.prefix,
        row.created_at,
        row.expires_at,
        row.revoked_at,
        row.last_used_at,
        {
            "requests_per_minute": row.requests_per_minute,
            "tokens_per_day": row.tokens_per_day,
            "concurrent": row.concurrent,
        },
    )


class KeyStore:
    """Create, list, revoke and authenticate keys (blocking; call off the event loop)."""

    def __init__(self, sessions: sessionmaker[Session], secret: bytes) -> None:
        self._sessions = sessions
        self._secret = secret

    def _hash(self, key: str) -> str:
        return hmac.new(self._secret, key.encode(), hashlib.sha256).hexdigest()

    def create(
        self,
        name: str,
        role: Role,
        groups: tuple[str, ...] = (),
        expires_at: datetime | None = None,
        limits: dict[str, int | None] | None = None,
    ) -> tuple[str, KeyInfo]:
        """Make a key; returns (the key, shown this once; its listing)."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        prefix = KEY_PREFIX + secrets.token_hex(4)
        key = f"{prefix}_{''.join(secrets.choice(_ALPHABET) for _ in range(32))}"
        row = ApiKey(
            id="key_" + secrets.token_hex(8),
            name=name,
            role=role,
            groups=sorted(set(groups)),
            prefix=prefix,
            key_hash=self._hash(key),
            created_at=datetime.now(UTC),
            expires_at=expires_at,
            **(limits or {}),
        )
        with self._sessions.begin() as session:
            session.add(row)
            session.flush()
            return key, _to_info(row)

    def list(self) -> list[KeyInfo]:
        with self._sessions() as session:
            rows = session.scalars(select(ApiKey).order_by(ApiKey.created_at)).all()
            return [_to_info(r) for r in rows]

    def count(self) -> int:
        return len(self.list())

    def revoke(self, key_id_or_prefix: str) -> KeyInfo:
        with self._sessions.begin() as session:
            row = session.scalars(
                select(ApiKey).where(
                    (ApiKey.id == key_id_or_prefix) | (ApiKey.prefix == key_id_or_prefix)
                )
            ).first()
            if row is None:
                raise KeyNotFound(key_id_or_prefix)
            row.revoked_at = row.revoked_at or datetime.now(UTC)
            return _to_info(row)

    def authenticate(self, presented: str, now: datetime | None = None) -> Principal:
        now = now or datetime.now(UTC)
        prefix = parse_key(presented)
        if prefix is None:
            raise KeyRejected(
                "Malformed API key; send Authorization: Bearer enc_...", "invalid_api_key"
            )
        with self._sessions.begin() as session:
            row = session.scalars(select(ApiKey).where(ApiKey.prefix == prefix)).first()
            expected = row.key_hash if row is not None else self._hash("enc_decoy")
            if not hmac.compare_digest(self._hash(presented), expected) or row is None:
                raise KeyRejected("Incorrect API key provided", "invalid_api_key")
            if (refusal := key_refusal(row, now)) is not None:
                raise refusal
            session.execute(update(ApiKey).where(ApiKey.id == row.id).values(last_used_at=now))
            return principal_of(row)
