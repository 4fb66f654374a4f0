"""The declarative base every table is defined on, with explicit constraint names.

Its own module so that ``models`` and ``models_accounts`` both build on it without
importing each other.
"""

from __future__ import annotations

from sqlalchemy import Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Explicit constraint names keep Alembic's batch mode (SQLite) and PostgreSQL in step.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Versioned:
    """A record two people can edit (migration 0010): ``row_version`` is bumped by every
    save and checked by the next (SQLAlchemy's version counter), so a save made against an
    older version is refused rather than overwriting someone else's change
    (services/core/versions.py)."""

    row_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls):  # noqa: N805 (SQLAlchemy's declared attribute)
        return {"version_id_col": cls.__table__.c.row_version}
