"""a version on every record two people can edit, so no save overwrites a newer one

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

One integer column with a default on each table: plain ALTER TABLE ... ADD COLUMN, quick on
a school with years of records. Existing rows start at version 1; every save through the
app adds one (SQLAlchemy's version counter) and a save made against an older version is
refused (services/core/versions.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = ("people", "social_accounts", "incidents", "evidence", "platform_reports",
          "conduct_acknowledgements", "conduct_permissions", "conduct_designations",
          "conduct_contact_exceptions", "conduct_breaches")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("row_version", sa.Integer(), server_default="1",
                                       nullable=False))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("row_version")
