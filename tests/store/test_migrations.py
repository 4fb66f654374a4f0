"""The schema comes from Alembic, matches the models, and the file is backed up first."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from avenue_desk.store.engine import make_engine
from avenue_desk.store.migrate import MIGRATIONS_DIR, current_revision, head_revision, upgrade
from avenue_desk.store.models import Base
from tests.helpers.migration_scripts import SECOND_MIGRATION

NOW = datetime(2026, 11, 21, 9, 0)


def test_fresh_database_is_built_by_migrations_to_head(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    result = upgrade(engine, tmp_path / "new.sqlite3", tmp_path / "backups", NOW)
    assert result.from_revision is None
    assert current_revision(engine) == head_revision() == result.to_revision
    assert result.backup_file is None  # nothing to lose yet
    tables = set(inspect(engine).get_table_names())
    assert {"incidents", "people", "actions", "evidence", "settings", "incident_search"} <= tables
    engine.dispose()


def test_models_and_migrations_agree(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upgrade(engine, tmp_path / "db.sqlite3", tmp_path, NOW)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    # The FTS5 virtual table and its shadow tables are made by hand, not by the models.
    diff = [d for d in diff if "incident_search" not in str(d)]
    assert diff == [], f"models changed without a migration: {diff}"
    engine.dispose()





def test_existing_file_is_backed_up_before_a_migration(tmp_path):
    db_file = tmp_path / "db.sqlite3"
    engine = make_engine(f"sqlite:///{db_file}")
    upgrade(engine, db_file, tmp_path / "backups", NOW)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO settings (key, value) VALUES ('school_name', 'Ash')"))

    # A newer app version: the real migrations plus one more.
    scripts = tmp_path / "scripts"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_nickname.py").write_text(
        SECOND_MIGRATION.format(head=head_revision())
    )
    result = upgrade(engine, db_file, tmp_path / "backups", NOW, script_location=scripts)
    engine.dispose()

    assert result.from_revision == head_revision() and result.to_revision == "9999"
    assert result.backup_file is not None and result.backup_file.parent == tmp_path / "backups"
    assert "before-migration" in result.backup_file.name
    with closing(sqlite3.connect(result.backup_file)) as backup:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )
        assert backup.execute("SELECT value FROM settings").fetchone() == ("Ash",)
        columns = [row[1] for row in backup.execute("PRAGMA table_info(people)")]
        assert "nickname" not in columns  # the copy is from before the change
    with closing(sqlite3.connect(db_file)) as migrated:
        columns = [row[1] for row in migrated.execute("PRAGMA table_info(people)")]
        assert "nickname" in columns


def test_up_to_date_database_is_not_copied_again(tmp_path):
    db_file = tmp_path / "db.sqlite3"
    engine = make_engine(f"sqlite:///{db_file}")
    upgrade(engine, db_file, tmp_path / "backups", NOW)
    again = upgrade(engine, db_file, tmp_path / "backups", NOW)
    engine.dispose()
    assert again.backup_file is None
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())
