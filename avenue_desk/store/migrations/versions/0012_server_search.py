"""PostgreSQL's own text search for the incident list (a trust's server); nothing on SQLite

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

SQLite searches through the FTS5 table of the first migration. On PostgreSQL each incident's
words (what was posted, the summary, every step's notes, as FTS5 holds them) are kept in
``incident_words`` as a ``tsvector`` with a GIN index, written by triggers on ``incidents``
and ``actions`` so that every way a row is written (the services, an import, the demo, a
restore) keeps them right. The words are read as FTS5's ``unicode61 remove_diacritics 2``
reads them: ``unaccent`` (a trusted extension: the database's owner, who runs the
migrations, may create it) folds the accents, and punctuation splits words, where
PostgreSQL's parser would otherwise keep "example.com", "3.5" or "well-known" whole. The
search itself: services/incidents/search.py.

The application's role only reads and writes these rows, through the triggers, which run
as whoever writes the incident; it cannot change the triggers (they belong to the owner).
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# Characters that end a word for FTS5 but that PostgreSQL's parser may keep inside one
# (hosts, paths, e-mail addresses, numbers with a point, hyphenated words), and common
# typographic punctuation: each read as a space.
_SPLITTERS = ("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
              "\u00a0\u00a1\u00a7\u00ab\u00b6\u00b7\u00bb\u00bf"
              "\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019\u201a\u201b\u201c\u201d"
              "\u201e\u201f\u2020\u2021\u2022\u2026\u2030\u2032\u2033\u2039\u203a")


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _statements(unaccent: str) -> tuple[str, ...]:
    """``unaccent``: the function, named with its extension's schema."""
    spaces = " " * len(_SPLITTERS)
    return (
        # The text as it is split into words: accents folded, punctuation read as spaces.
        "CREATE FUNCTION avenue_search_text(words text) RETURNS text LANGUAGE sql STABLE "
        f"PARALLEL SAFE AS $$ SELECT translate({unaccent}(coalesce(words, '')), "
        f"{_literal(_SPLITTERS)}, {_literal(spaces)}) $$",
        "CREATE TABLE incident_words ("
        " incident_id integer PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,"
        " words tsvector NOT NULL)",
        "CREATE INDEX ix_incident_words_words ON incident_words USING gin (words)",
        # One incident's words from what is stored now (FTS5's row: excerpt, summary and the
        # notes of every step).
        "CREATE FUNCTION avenue_refresh_incident_words(ids integer[]) RETURNS void "
        "LANGUAGE sql AS $$ "
        "INSERT INTO incident_words (incident_id, words) "
        "SELECT i.id, to_tsvector('simple', avenue_search_text(concat_ws(' ', i.excerpt, "
        "i.summary, (SELECT string_agg(a.notes, ' ' ORDER BY a.id) FROM actions a "
        "WHERE a.incident_id = i.id AND a.notes <> '')))) "
        "FROM incidents i WHERE i.id = ANY(ids) "
        "ON CONFLICT (incident_id) DO UPDATE SET words = EXCLUDED.words $$",
        # Rows written many at a time (an import, the demo) are indexed once per statement.
        "CREATE FUNCTION avenue_words_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN "
        "IF TG_TABLE_NAME = 'incidents' THEN "
        "PERFORM avenue_refresh_incident_words(ARRAY(SELECT id FROM added)); "
        "ELSE PERFORM avenue_refresh_incident_words(ARRAY(SELECT DISTINCT incident_id "
        "FROM added WHERE notes <> '')); END IF; "
        "RETURN NULL; END $$",
        "CREATE FUNCTION avenue_words_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN PERFORM avenue_refresh_incident_words(ARRAY(SELECT DISTINCT incident_id "
        "FROM gone WHERE notes <> '')); RETURN NULL; END $$",
        "CREATE FUNCTION avenue_words_after_update() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN "
        "IF TG_TABLE_NAME = 'incidents' THEN "
        "PERFORM avenue_refresh_incident_words(ARRAY[NEW.id]); "
        "ELSE PERFORM avenue_refresh_incident_words(ARRAY[OLD.incident_id, NEW.incident_id]);"
        " END IF; RETURN NULL; END $$",
        "CREATE TRIGGER incidents_words_insert AFTER INSERT ON incidents "
        "REFERENCING NEW TABLE AS added FOR EACH STATEMENT "
        "EXECUTE FUNCTION avenue_words_after_insert()",
        "CREATE TRIGGER incidents_words_update AFTER UPDATE OF excerpt, summary ON incidents "
        "FOR EACH ROW WHEN (OLD.excerpt IS DISTINCT FROM NEW.excerpt "
        "OR OLD.summary IS DISTINCT FROM NEW.summary) "
        "EXECUTE FUNCTION avenue_words_after_update()",
        "CREATE TRIGGER actions_words_insert AFTER INSERT ON actions "
        "REFERENCING NEW TABLE AS added FOR EACH STATEMENT "
        "EXECUTE FUNCTION avenue_words_after_insert()",
        "CREATE TRIGGER actions_words_delete AFTER DELETE ON actions "
        "REFERENCING OLD TABLE AS gone FOR EACH STATEMENT "
        "EXECUTE FUNCTION avenue_words_after_delete()",
        "CREATE TRIGGER actions_words_update AFTER UPDATE OF notes, incident_id ON actions "
        "FOR EACH ROW WHEN (OLD.notes IS DISTINCT FROM NEW.notes "
        "OR OLD.incident_id IS DISTINCT FROM NEW.incident_id) "
        "EXECUTE FUNCTION avenue_words_after_update()",
        # The incidents already there.
        "SELECT avenue_refresh_incident_words(ARRAY(SELECT id FROM incidents))",
    )


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return  # SQLite keeps its FTS5 table
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema = bind.exec_driver_sql(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'unaccent'").scalar_one()
    quoted = bind.dialect.identifier_preparer.quote_identifier(schema)
    for statement in _statements(f"{quoted}.unaccent"):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for trigger, table in (("actions_words_update", "actions"),
                           ("actions_words_delete", "actions"),
                           ("actions_words_insert", "actions"),
                           ("incidents_words_update", "incidents"),
                           ("incidents_words_insert", "incidents")):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
    for function in ("avenue_words_after_update()", "avenue_words_after_delete()",
                     "avenue_words_after_insert()",
                     "avenue_refresh_incident_words(integer[])"):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
    op.execute("DROP TABLE IF EXISTS incident_words")
    op.execute("DROP FUNCTION IF EXISTS avenue_search_text(text)")
    # The unaccent extension stays: the database's owner may use it for more than this.
