"""The project database: SQLAlchemy engine, the declarative base, Alembic.

One database (SQLite by default, PostgreSQL in compose) shared by every
gateway worker process: API keys and the rate-limit counters live here so
all workers see the same state. On SQLite every transaction starts with
BEGIN IMMEDIATE (a write lock), which serialises the check-and-increment of
counters across processes; on PostgreSQL the same is done with row locks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


LOCK_TIMEOUT_MS = 10_000


class Base(DeclarativeBase):
    pass


class DatabaseNotMigrated(RuntimeError):
    """The schema is missing or older than this code."""


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        _sqlite_immediate_transactions(engine)
        return engine
    # A lock held longer than this means something is stuck: fail (503) rather than hang
    # every request behind it (the audit chain's head row is the lock most waited on).
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        connect_args={"options": f"-c lock_timeout={LOCK_TIMEOUT_MS}"},
    )


def _sqlite_immediate_transactions(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let SQLAlchemy's BEGIN below take effect
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # Readers (see `reader`) take no write lock: WAL gives them a snapshot.
        read = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")


READ_ONLY = "enclave_read_only"


def reader(engine: Engine) -> Engine:
    """The same pool, for transactions that only read and must see one snapshot across
    several queries (verify, paging): no write lock on SQLite, REPEATABLE READ on
    PostgreSQL."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(**{READ_ONLY: True})
    return engine.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str) -> None:
    from alembic import command

    command.upgrade(alembic_config(url), "head")


def require_migrated(engine: Engine) -> None:
    """Refuse to run on a database that `enclave db upgrade` has not brought to head."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(str(engine.url))).get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current != head:
        raise DatabaseNotMigrated(
            f"the database is at revision {current or 'none'}, this Enclave needs {head}: "
            "run `enclave db upgrade`"
        )


def read_sessions(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    """Sessions like `sessions`, on the same pool, whose transactions only read (`reader`)."""
    return sessionmaker(reader(sessions.kw["bind"]), expire_on_commit=False)
