"""A migration after the newest, for tests of what upgrading does (its copy first, its
backup kept): it adds a column to people."""

SECOND_MIGRATION = """
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("nickname", sa.String(40), nullable=True))


def downgrade():
    pass
"""
