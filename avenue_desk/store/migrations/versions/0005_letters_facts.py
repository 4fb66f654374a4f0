"""the facts letters and the police pack print: name parts, times, the posting account, the
school's reason for a police referral; failed sign-ins for names with no account

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07

Only columns with defaults and one new table: plain ALTER TABLE ... ADD COLUMN, no table
rebuilt, so it is quick on a school with years of records. Existing rows get empty parts
and unknown times; nothing is guessed here (the people service fills name parts where the
full name is unambiguous, and a person can edit them).
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_TEXT_COLUMNS = (
    ("people", "title", 40), ("people", "forenames", 200), ("people", "surname", 200),
    ("people", "salutation", 200), ("incidents", "poster_account", 500),
    ("incidents", "offence_kind", 30),
)
_TIME_COLUMNS = (("incidents", "posted_at"), ("incidents", "seen_at"), ("actions", "taken_at"),
                 ("evidence", "captured_at"))


def upgrade() -> None:
    for table, name, length in _TEXT_COLUMNS:
        op.add_column(table, sa.Column(name, sa.String(length=length), server_default="",
                                       nullable=False))
    op.add_column("incidents", sa.Column("referral_reason", sa.Text(), server_default="",
                                         nullable=False))
    for table, name in _TIME_COLUMNS:
        op.add_column(table, sa.Column(name, sa.Time(), nullable=True))
    op.create_table(
        "sign_in_failures",
        sa.Column("name_hash", sa.String(length=64), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("last_failed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("name_hash", name=op.f("pk_sign_in_failures")),
    )


def downgrade() -> None:
    op.drop_table("sign_in_failures")
    with op.batch_alter_table("evidence") as batch:
        batch.drop_column("captured_at")
    with op.batch_alter_table("actions") as batch:
        batch.drop_column("taken_at")
    with op.batch_alter_table("incidents") as batch:
        for name in ("seen_at", "posted_at", "referral_reason", "offence_kind",
                     "poster_account"):
            batch.drop_column(name)
    with op.batch_alter_table("people") as batch:
        for name in ("salutation", "surname", "forenames", "title"):
            batch.drop_column(name)
