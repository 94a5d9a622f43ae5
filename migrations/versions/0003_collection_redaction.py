"""Collections may store their documents with PII redacted.

Revision ID: 0003_collection_redaction
Revises: 0002_retrieval
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_collection_redaction"
down_revision = "0002_retrieval"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("collections") as batch:
        batch.add_column(
            sa.Column("redact_pii", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("collections") as batch:
        batch.drop_column("redact_pii")
