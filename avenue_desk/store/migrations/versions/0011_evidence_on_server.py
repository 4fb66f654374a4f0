"""evidence content held in the database on a server

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

One new table, ``evidence_content``: the bytes of each evidence file in parts of a megabyte,
keyed by the stored name its evidence row holds. On a trust's PostgreSQL server every PC
reads the files from there (docs/server.md, "Where evidence lives"); a school on SQLite
keeps its files in the data folder, so the table stays empty there. Nothing existing is
changed, so the upgrade is instant on any size of school.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_content",
        sa.Column("stored_name", sa.String(length=500), nullable=False),
        sa.Column("part", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("stored_name", "part", name=op.f("pk_evidence_content")),
    )


def downgrade() -> None:
    op.drop_table("evidence_content")
