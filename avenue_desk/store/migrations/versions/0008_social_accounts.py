"""social media accounts as records, and the account that posted each incident

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

A new table and one nullable column: ``incidents`` is not rebuilt (its column is added with
a plain ALTER TABLE ... ADD COLUMN, as 0005 did), so it is quick on years of records.

Existing incidents with an account typed in (``poster_account``, from 0005) get an account
record: one per site and handle, the handle compared as the services compare it (without a
leading "@", in any case). An account is linked to a person only where every incident that
names it names the same poster; otherwise it is "not yet known", for the office to link.
The typed text itself is kept as it was.
"""

from collections import Counter, defaultdict
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_FK_NAME = "fk_incidents_account_id_social_accounts"


def handle_key(text: str) -> str:
    """Frozen copy of ``services.incidents.social_accounts.handle_key`` as it was when this
    migration was written (tests/store/test_social_accounts_migration.py checks they agree)."""
    return " ".join(text.strip().lstrip("@").split()).casefold()


def _is_link(text: str) -> bool:
    return text.strip().casefold().startswith(("http://", "https://", "www."))


def upgrade() -> None:
    op.create_table(
        "social_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("handle", sa.String(length=500), nullable=False),
        sa.Column("handle_key", sa.String(length=500), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("profile_url", sa.String(length=2000), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="RESTRICT",
                                name=op.f("fk_social_accounts_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_accounts")),
        sa.UniqueConstraint("platform", "handle_key",
                            name=op.f("uq_social_accounts_platform")),
    )
    op.create_index(op.f("ix_social_accounts_handle_key"), "social_accounts", ["handle_key"])
    op.create_index(op.f("ix_social_accounts_person_id"), "social_accounts", ["person_id"])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # SQLite adds a column with its reference in place; no table is rebuilt.
        op.execute(f"ALTER TABLE incidents ADD COLUMN account_id INTEGER CONSTRAINT {_FK_NAME} "
                   "REFERENCES social_accounts (id)")
    else:
        op.add_column("incidents", sa.Column("account_id", sa.Integer(), nullable=True))
        op.create_foreign_key(_FK_NAME, "incidents", "social_accounts", ["account_id"], ["id"])
    op.create_index(op.f("ix_incidents_account_id"), "incidents", ["account_id"])
    _accounts_from_typed_text(bind)


def _accounts_from_typed_text(bind) -> None:
    rows = bind.execute(sa.text(
        "SELECT id, platform, poster_account, poster_id FROM incidents "
        "WHERE poster_account <> '' ORDER BY id")).all()
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for row in rows:
        key = handle_key(row.poster_account)
        if key:
            groups[(row.platform, key)].append(row)
    now = datetime.now().replace(microsecond=0)
    for (platform, key), members in groups.items():
        # The commonest spelling, the earliest on a tie: the account as the office typed it.
        typed = Counter(" ".join(m.poster_account.split()) for m in members)
        shown = max(typed, key=lambda text: (typed[text], -min(
            m.id for m in members if " ".join(m.poster_account.split()) == text)))
        posters = {m.poster_id for m in members}
        person = next(iter(posters)) if len(posters) == 1 else None  # None stays None
        link = _is_link(shown)
        account_id = bind.execute(sa.text(
            "INSERT INTO social_accounts (platform, handle, handle_key, display_name, "
            "profile_url, person_id, notes, created_at, updated_at) VALUES (:platform, "
            ":handle, :key, '', :url, :person, :notes, :now, :now) RETURNING id"), {
            "platform": platform, "handle": "" if link else shown, "key": key,
            "url": shown if link else "", "person": person, "now": now,
            "notes": "Made from the account typed on incident(s) "
                     + ", ".join(str(m.id) for m in members[:20])
                     + (" and others" if len(members) > 20 else "") + "."}).scalar_one()
        ids = [m.id for m in members]
        for first in range(0, len(ids), 500):
            bind.execute(sa.text("UPDATE incidents SET account_id = :account WHERE id IN "
                                 "(" + ", ".join(str(i) for i in ids[first:first + 500]) + ")"),
                         {"account": account_id})


def downgrade() -> None:
    op.drop_index(op.f("ix_incidents_account_id"), table_name="incidents")
    with op.batch_alter_table("incidents") as batch:
        if op.get_bind().dialect.name != "sqlite":
            batch.drop_constraint(_FK_NAME, type_="foreignkey")
        batch.drop_column("account_id")
    op.drop_index(op.f("ix_social_accounts_person_id"), table_name="social_accounts")
    op.drop_index(op.f("ix_social_accounts_handle_key"), table_name="social_accounts")
    op.drop_table("social_accounts")
