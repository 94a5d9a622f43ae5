"""KeyStore and Limiter against real databases: SQLite (default) and PostgreSQL (compose)."""

from __future__ import annotations

import hmac
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from gateway.db import DatabaseNotMigrated, make_engine, require_migrated, upgrade
from gateway.keys import KeyRejected, KeyStore, load_secret
from gateway.limits import Limiter, Refusal
from gateway.settings import LimitsSettings, RoleLimits


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/enclave.db"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def migrated(db_url: str) -> Iterator[sessionmaker]:
    upgrade(db_url)
    engine = make_engine(db_url)
    with engine.begin() as conn:  # a module-scoped PG database is shared: start empty
        for table in ("inflight", "rate_windows", "api_keys"):
            conn.execute(text(f"DELETE FROM {table}"))
    yield sessionmaker(engine, expire_on_commit=False)
    engine.dispose()


@pytest.fixture
def store(migrated: sessionmaker, tmp_path: Path) -> KeyStore:
    return KeyStore(migrated, load_secret(None, tmp_path / "secret.key"))


def test_unmigrated_database_is_refused_with_the_command_to_run(tmp_path: Path) -> None:
    with pytest.raises(DatabaseNotMigrated, match="enclave db upgrade"):
        require_migrated(make_engine(f"sqlite:///{tmp_path}/empty.db"))


def test_orm_models_match_the_migration(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import retrieval.registry  # noqa: F401  (its tables join Base.metadata)
    from gateway.db import Base

    upgrade(db_url)
    engine = make_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_key_is_stored_only_as_hmac_and_prefix(store: KeyStore, migrated: sessionmaker) -> None:
    key, info = store.create("alice", "user", ("finance",))
    assert key.startswith(info.prefix + "_")
    with migrated() as s:
        rows = [tuple(map(str, r)) for r in s.execute(text("SELECT * FROM api_keys"))]
    assert not any(key in value or key[13:] in value for row in rows for value in row)
    assert store.authenticate(key).groups == ("finance",)


@pytest.mark.parametrize(
    "presented",
    ["", "sk-123", "enc_", "enc_abcdefgh_short", "enc_abcdefgh_" + "x" * 31 + "!"],
)
def test_malformed_keys_are_rejected(store: KeyStore, presented: str) -> None:
    with pytest.raises(KeyRejected):
        store.authenticate(presented)


def test_unknown_revoked_and_expired_keys_are_rejected_with_their_reason(store: KeyStore) -> None:
    key, info = store.create("bob", "user")
    forged = info.prefix + "_" + "A" * 32
    with pytest.raises(KeyRejected, match="Incorrect"):
        store.authenticate(forged)
    store.revoke(info.prefix)
    with pytest.raises(KeyRejected, match="revoked"):
        store.authenticate(key)
    old, _ = store.create("carol", "user", expires_at=datetime.now(UTC) - timedelta(seconds=1))
    with pytest.raises(KeyRejected, match="expired") as exc:
        store.authenticate(old)
    assert exc.value.code == "expired_api_key"


def test_key_check_uses_constant_time_comparison(
    store: KeyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    key, _ = store.create("dave", "user")
    calls: list[tuple[str, str]] = []
    real = hmac.compare_digest

    def spy(a: str, b: str) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr("gateway.keys.hmac.compare_digest", spy)
    store.authenticate(key)
    with pytest.raises(KeyRejected):
        store.authenticate(key[:-1] + ("A" if key[-1] != "A" else "B"))
    with pytest.raises(KeyRejected):  # unknown prefix: still one comparison, against a decoy
        store.authenticate("enc_00000000_" + "A" * 32)
    assert len(calls) == 3


def limiter_for(migrated: sessionmaker, **limits: int | None) -> Limiter:
    base = RoleLimits(
        **{"requests_per_minute": None, "tokens_per_day": None, "concurrent": None, **limits}
    )
    return Limiter(migrated, LimitsSettings(user=base))


def test_requests_per_minute_refused_with_retry_after_until_next_minute(
    store: KeyStore, migrated: sessionmaker
) -> None:
    key, _ = store.create("erin", "user")
    principal = store.authenticate(key)
    limiter = limiter_for(migrated, requests_per_minute=3)
    now = datetime(2026, 11, 25, 10, 0, 45, tzinfo=UTC)
    for _ in range(3):
        limiter.release(limiter.admit(principal, now))  # type: ignore[arg-type]
    refused = limiter.admit(principal, now)
    assert isinstance(refused, Refusal) and refused.retry_after == 15
    assert isinstance(limiter.admit(principal, now + timedelta(seconds=15)), str)


def test_per_key_override_beats_role_default(store: KeyStore, migrated: sessionmaker) -> None:
    key, _ = store.create("fay", "user", limits={"requests_per_minute": 1})
    principal = store.authenticate(key)
    limiter = limiter_for(migrated, requests_per_minute=100)
    assert isinstance(limiter.admit(principal), str)
    assert isinstance(limiter.admit(principal), Refusal)


def test_tokens_per_day_budget_refuses_after_it_is_spent(
    store: KeyStore, migrated: sessionmaker
) -> None:
    key, _ = store.create("gus", "user")
    principal = store.authenticate(key)
    limiter = limiter_for(migrated, tokens_per_day=100)
    limiter.release(limiter.admit(principal))  # type: ignore[arg-type]
    limiter.add_tokens(principal, 100)
    refused = limiter.admit(principal)
    assert isinstance(refused, Refusal) and "100 tokens per day" in refused.message


def test_concurrency_slots_are_exact_under_racing_threads(
    store: KeyStore, migrated: sessionmaker
) -> None:
    key, _ = store.create("hal", "user")
    principal = store.authenticate(key)
    limiter = limiter_for(migrated, concurrent=3)
    results: list[str | Refusal] = []
    barrier = threading.Barrier(8)

    def take() -> None:
        barrier.wait()
        results.append(limiter.admit(principal))

    threads = [threading.Thread(target=take) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    slots = [r for r in results if isinstance(r, str)]
    assert len(results) == 8 and len(slots) == 3
    limiter.release(slots[0])
    assert isinstance(limiter.admit(principal), str)
