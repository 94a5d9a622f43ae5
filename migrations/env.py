"""Alembic environment: the URL comes from the caller (`enclave db upgrade`), never a file."""

from __future__ import annotations

from alembic import context

from gateway import keys, limits  # noqa: F401  (register their tables on Base.metadata)
from gateway.db import Base, make_engine
from gateway.ui import sessions  # noqa: F401
from retrieval import registry  # noqa: F401
from safety.audit import models  # noqa: F401

url = context.config.get_main_option("sqlalchemy.url")
assert url, "enclave db upgrade passes the database URL"
engine = make_engine(url)
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
