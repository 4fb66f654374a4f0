"""evidence context and reports to platforms: the web address captured, who captured it and
the account it shows; each report made to a platform, with its reference and its reply

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

Plain ALTER TABLE ... ADD COLUMN with empty defaults (no table rebuilt, quick on years of
evidence: existing files get "not recorded", nothing is guessed) and one new table.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_EVIDENCE_COLUMNS = (("url", 2000), ("captured_by", 200), ("account_shown", 500))


def upgrade() -> None:
    for name, length in _EVIDENCE_COLUMNS:
        op.add_column("evidence", sa.Column(name, sa.String(length=length), server_default="",
                                            nullable=False))
    op.create_table(
        "platform_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("made_to", sa.String(length=40), server_default="platform", nullable=False),
        sa.Column("reference", sa.String(length=200), server_default="", nullable=False),
        sa.Column("reply", sa.Text(), server_default="", nullable=False),
        sa.Column("reply_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=200), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"],
                                name=op.f("fk_platform_reports_incident_id_incidents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platform_reports")),
    )
    op.create_index(op.f("ix_platform_reports_incident_id"), "platform_reports",
                    ["incident_id"], unique=False)
    op.create_index(op.f("ix_platform_reports_reported_on"), "platform_reports",
                    ["reported_on"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_platform_reports_reported_on"), table_name="platform_reports")
    op.drop_index(op.f("ix_platform_reports_incident_id"), table_name="platform_reports")
    op.drop_table("platform_reports")
    with op.batch_alter_table("evidence") as batch:
        for name, _length in reversed(_EVIDENCE_COLUMNS):
            batch.drop_column(name)
