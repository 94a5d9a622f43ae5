"""Tamper-evident audit log: chained events, the signed head, prune checkpoints, pending streams.

Revision ID: 0004_audit
Revises: 0003_collection_redaction
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_audit"
down_revision = "0003_collection_redaction"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("request_id", sa.String(36), nullable=False, index=True),
        sa.Column("actor_id", sa.String(32), nullable=True, index=True),
        sa.Column("actor_name", sa.String(200), nullable=True),
        sa.Column("role", sa.String(16), nullable=True),
        sa.Column("client", sa.String(64), nullable=True),
        sa.Column("action", sa.String(48), nullable=False, index=True),
        sa.Column("method", sa.String(8), nullable=False),
        sa.Column("path", sa.String(300), nullable=False),
        sa.Column("model", sa.String(200), nullable=True),
        sa.Column("collections", sa.Text(), nullable=False),
        sa.Column("document_ids", sa.Text(), nullable=False),
        sa.Column("pii", sa.Text(), nullable=False),
        sa.Column("rules", sa.Text(), nullable=False),
        sa.Column("rules_index", sa.Text(), nullable=False),
        sa.Column("collections_index", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False, index=True),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("prompt_tokens", sa.Integer(), nullable=True),
        sa.Column("completion_tokens", sa.Integer(), nullable=True),
        sa.Column("latency_us", sa.BigInteger(), nullable=False),
        sa.Column("policy_version", sa.String(64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prompt_text", sa.Text(), nullable=True),
        sa.Column("answer_text", sa.Text(), nullable=True),
        sa.Column("prev_mac", sa.String(64), nullable=False),
        sa.Column("mac", sa.String(64), nullable=False),
    )
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("last_id", sa.BigInteger(), nullable=False),
        sa.Column("last_mac", sa.String(64), nullable=False),
        sa.Column("signature", sa.String(64), nullable=False),
        sa.Column("key_check", sa.String(64), nullable=False),
    )
    op.bulk_insert(
        head, [{"id": 1, "last_id": 0, "last_mac": GENESIS, "signature": "", "key_check": ""}]
    )
    op.create_table(
        "audit_checkpoints",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("through_id", sa.BigInteger(), nullable=False),
        sa.Column("through_mac", sa.String(64), nullable=False),
        sa.Column("pruned", sa.BigInteger(), nullable=False),
        sa.Column("signature", sa.String(64), nullable=False),
    )
    op.create_table(
        "audit_pending",
        sa.Column("request_id", sa.String(36), primary_key=True),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("event", sa.JSON(), nullable=False),
    )


def downgrade() -> None:
    for table in ("audit_pending", "audit_checkpoints", "audit_head", "audit_events"):
        op.drop_table(table)
