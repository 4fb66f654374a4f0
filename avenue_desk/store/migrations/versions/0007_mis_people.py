"""people as the MIS knows them: one person per MIS id; what the MIS says of each contact
for each child (parental responsibility, priority, court order, restricted access)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

The MIS id becomes unique where it is given (a partial index, ``mis_id <> ''``, on SQLite
and PostgreSQL alike), so two imports at once cannot store one pupil twice while the many
people with no id stay free of it.

A database that already holds one MIS id on two or more people (two imports at once before
this version, or an id typed twice by hand) must still upgrade. Which of them the id truly
belongs to cannot be known here, so nothing is merged or deleted: the person recorded first
(lowest id) keeps it; each of the others has it cleared and a line added to their notes
saying which id it was and who kept it, for the office to look at. The next MIS import
matches them again by name within their family (or shows a doubtful match), never by the
cleared id. The downgrade leaves the cleared ids cleared (the notes say what they were).

The link columns are plain ADD COLUMNs with server defaults: no table is rebuilt.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

DUPLICATE_NOTE = ("MIS id “{mis_id}” was also recorded for person {kept}, who keeps it: it "
                  "was cleared here when each MIS id became one person's (upgrade 0007). "
                  "Check which of the two the MIS means.")


def upgrade() -> None:
    _clear_duplicate_ids()
    op.drop_index("ix_people_mis_id", table_name="people")
    op.create_index("uq_people_mis_id", "people", ["mis_id"], unique=True,
                    sqlite_where=sa.text("mis_id != ''"),
                    postgresql_where=sa.text("mis_id != ''"))
    op.add_column("person_links", sa.Column("parental_responsibility", sa.Boolean(),
                                            nullable=True))
    op.add_column("person_links", sa.Column("priority", sa.Integer(), server_default="0",
                                            nullable=False))
    for name in ("court_order", "restricted_access"):
        op.add_column("person_links", sa.Column(name, sa.Boolean(), server_default="0",
                                                nullable=False))


def _clear_duplicate_ids() -> None:
    bind = op.get_bind()
    people = sa.table("people", sa.column("id", sa.Integer), sa.column("mis_id", sa.String),
                      sa.column("notes", sa.Text))
    repeated = bind.execute(
        sa.select(people.c.mis_id).where(people.c.mis_id != "")
        .group_by(people.c.mis_id).having(sa.func.count() > 1)).scalars().all()
    for mis_id in repeated:
        rows = bind.execute(sa.select(people.c.id, people.c.notes)
                            .where(people.c.mis_id == mis_id).order_by(people.c.id)).all()
        kept = rows[0].id
        for row in rows[1:]:
            note = DUPLICATE_NOTE.format(mis_id=mis_id, kept=kept)
            notes = f"{row.notes}\n{note}" if row.notes else note
            bind.execute(sa.update(people).where(people.c.id == row.id)
                         .values(mis_id="", notes=notes))


def downgrade() -> None:
    with op.batch_alter_table("person_links") as batch:
        for name in ("restricted_access", "court_order", "priority",
                     "parental_responsibility"):
            batch.drop_column(name)
    op.drop_index("uq_people_mis_id", table_name="people")
    op.create_index("ix_people_mis_id", "people", ["mis_id"], unique=False)
