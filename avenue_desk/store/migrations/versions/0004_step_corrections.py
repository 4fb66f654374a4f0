"""steps that can be corrected and withdrawn; follow-ups closed with a note or superseded

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07

Every step recorded so far becomes the "current" version of itself. Steps recorded by
saving or printing a letter are told apart by the note the letters service wrote on them
("Formal warning: saved as a PDF (…)."), so the withdraw confirmation can name the letter.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The letters' names as services/letters/records.py had them when this was written (a
# migration keeps its own copy: it must do the same thing whenever it runs).
LETTER_LABELS = (
    "Request to remove the post",
    "Invitation to a meeting with the Headteacher",
    "Formal warning",
    "Notice that forum access is restricted",
    "Request to the platform to remove the post",
    "Police referral pack",
)


def upgrade() -> None:
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(length=12),
                                      server_default="current", nullable=False))
        batch_op.add_column(sa.Column("version_of", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("recorded_by", sa.String(length=200),
                                      server_default="", nullable=False))
        batch_op.add_column(sa.Column("correction_note", sa.Text(), server_default="",
                                      nullable=False))
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_by", sa.String(length=200),
                                      server_default="", nullable=False))
        batch_op.add_column(sa.Column("withdrawn_reason", sa.Text(), server_default="",
                                      nullable=False))
        batch_op.add_column(sa.Column("letter", sa.String(length=80), server_default="",
                                      nullable=False))
        batch_op.add_column(sa.Column("follow_up_note", sa.Text(), server_default="",
                                      nullable=False))
        batch_op.add_column(sa.Column("follow_up_closed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("follow_up_closed_by", sa.String(length=200),
                                      server_default="", nullable=False))
        batch_op.add_column(sa.Column("follow_up_superseded_by", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_actions_version_of"), ["version_of"],
                              unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_actions_version_of_actions"), "actions", ["version_of"], ["id"],
            ondelete="SET NULL")
        batch_op.create_foreign_key(
            batch_op.f("fk_actions_follow_up_superseded_by_actions"), "actions",
            ["follow_up_superseded_by"], ["id"], ondelete="SET NULL")

    actions = sa.table("actions", sa.column("notes", sa.Text()),
                       sa.column("letter", sa.String()))
    for label in LETTER_LABELS:
        op.execute(
            actions.update()
            .where(sa.or_(actions.c.notes.like(f"{label}: printed%"),
                          actions.c.notes.like(f"{label}: saved as a PDF%")))
            .values(letter=label)
        )


def downgrade() -> None:
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_actions_follow_up_superseded_by_actions"),
                                 type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_actions_version_of_actions"),
                                 type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_actions_version_of"))
        for name in ("follow_up_superseded_by", "follow_up_closed_by", "follow_up_closed_at",
                     "follow_up_note", "letter", "withdrawn_reason", "withdrawn_by",
                     "withdrawn_at", "correction_note", "recorded_by", "version_of", "status"):
            batch_op.drop_column(name)
