"""Full-text search over excerpt, summary and action notes.

SQLite uses the FTS5 table made by the first migration, PostgreSQL its own text search
over ``incident_words`` (migration 0012, kept by triggers), asked the same question: every
word must be found (in what was posted, the summary or a step's notes), in any order and
any case, with the accents folded ("zoe" finds Zoë), the last word as the start of a word
("mon" finds money) so that results appear while the person is still typing. Any other
database falls back to LIKE, word by word.

The same box finds people (part 10): an incident also matches when every word is in the
name of its poster, of someone named in it, or of the social media account that posted
(its handle, the name shown or its link), or of the person that account is linked to.
Names are matched here in Python, accents folded as above, over the people and accounts
(a school's few thousand, read in one query each): SQLite has no way to fold an accent in
a comparison, and the incidents are then found by their indexed columns.
"""

from __future__ import annotations

import re

from sqlalchemy import (
    and_,
    exists,
    literal_column,
    or_,
    select,
    text,
    union,
)
from sqlalchemy.orm import Session

from avenue_desk.services.core.folding import fold, folded
from avenue_desk.services.core.validation import contains_pattern
from avenue_desk.store.models import Action, Incident, IncidentPerson, Person, SocialAccount
from avenue_desk.store.prepared import Prepared

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(user_text: str) -> str:
    """A safe FTS5 expression: every word quoted (so AND/OR/NEAR/* are just words), the last
    one a prefix so results appear while the user is still typing."""
    words = _WORD.findall(user_text)
    if not words:
        return ""
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search_filter(session: Session, user_text: str):
    """A WHERE clause selecting incidents that match the text (in their words, or in the
    names of the people and account in them), or None for no filter."""
    words = _WORD.findall(user_text)
    if not words:
        return None
    searched = Incident.__table__.alias("searched")
    if session.get_bind().dialect.name == "sqlite":
        found = select(literal_column("rowid")).select_from(text("incident_search")).where(
            text("incident_search MATCH :q").bindparams(q=fts_query(user_text)))
    elif session.get_bind().dialect.name == "postgresql":
        found = select(literal_column("incident_id")).select_from(text("incident_words"))
        found = found.where(text("words @@ CAST(:words AS tsquery)").bindparams(
            words=server_query(session, words)))
    else:
        found = select(searched.c.id).where(
            and_(*(_word_anywhere(word, searched) for word in words)))
    people = matching_people(session, words)
    accounts = matching_accounts(session, words, people)
    parts = [found]
    if people:
        parts += [select(searched.c.id).where(searched.c.poster_id.in_(people)),
                  select(IncidentPerson.incident_id).where(IncidentPerson.person_id.in_(people))]
    if accounts:
        parts.append(select(searched.c.id).where(searched.c.account_id.in_(accounts)))
    return Incident.id.in_(union(*parts)) if len(parts) > 1 else Incident.id.in_(found)


def server_query(session: Session, words: list[str]) -> str:
    """The PostgreSQL ``tsquery`` asking what ``fts_query`` asks FTS5, worked out by the
    server: each word read as the stored words are (``avenue_search_text``: accents folded,
    punctuation a space, then quoted whole so it is only words), every word required, the
    last a prefix. Handed back to the search as a value, not as an expression, so that the
    planner sees how many incidents it finds (a word in 129 of them is looked up by their
    ids, one in half of them by reading the table) rather than guessing."""
    parts, values = [], {}
    for n, word in enumerate(words):
        prefix = " || ':*'" if n == len(words) - 1 else ""
        parts.append(f"to_tsquery('simple', quote_literal(avenue_search_text(:w{n})){prefix})")
        values[f"w{n}"] = word
    return session.execute(text(f"SELECT ({' && '.join(parts)})::text"), values).scalar_one()


def _word_anywhere(word: str, table):
    like = contains_pattern(fold(word))
    notes = exists().where(Action.incident_id == table.c.id,
                           folded(Action.notes).like(like, escape="\\"))
    return or_(folded(table.c.excerpt).like(like, escape="\\"),
               folded(table.c.summary).like(like, escape="\\"), notes)


def _has_every(words: list[str], *texts: str) -> bool:
    folded = [fold(t) for t in texts if t]
    return all(any(word in t for t in folded) for word in words)


def matching_people(session: Session, words: list[str]) -> list[int]:
    """The people with every word somewhere in their name, accents and case folded."""
    wanted = [fold(w) for w in words]
    rows = session.connection().execute(select(Person.id, Person.full_name))
    return [pid for pid, name in rows if _has_every(wanted, name)]


def matching_accounts(session: Session, words: list[str], people: list[int]) -> list[int]:
    """The accounts with every word in their handle, name shown or link, and those
    linked to one of ``people``."""
    wanted, linked = [fold(w) for w in words], set(people)
    rows = session.connection().execute(select(
        SocialAccount.id, SocialAccount.handle, SocialAccount.display_name,
        SocialAccount.profile_url, SocialAccount.person_id))
    return [aid for aid, handle, name, url, person in rows
            if person in linked or _has_every(wanted, handle, name, url)]


def reindex(session: Session, incident_id: int) -> None:
    """Rewrites one incident's search entry from what is stored now."""
    if session.get_bind().dialect.name != "sqlite":
        return
    incident = session.get(Incident, incident_id)
    session.execute(text("DELETE FROM incident_search WHERE rowid = :id"), {"id": incident_id})
    if incident is None:
        return
    notes = session.scalars(
        select(Action.notes).where(Action.incident_id == incident_id, Action.notes != "")
    )
    session.execute(
        text(
            "INSERT INTO incident_search (rowid, excerpt, summary, notes) "
            "VALUES (:id, :excerpt, :summary, :notes)"
        ),
        {
            "id": incident_id,
            "excerpt": incident.excerpt,
            "summary": incident.summary,
            "notes": "\n".join(notes),
        },
    )


# OR REPLACE: an entry left by a deleted incident that had the same id is replaced.
_INDEX_NEW = Prepared(text(
    "INSERT OR REPLACE INTO incident_search (rowid, excerpt, summary, notes) "
    "VALUES (:id, :excerpt, :summary, '')"))


def index_new(connection, incident_id: int, excerpt: str, summary: str) -> None:
    """The search entry of an incident just written (no steps, so no notes yet), on the
    transaction's connection: what ``reindex`` does, without reading the incident back."""
    if connection.dialect.name == "sqlite":
        _INDEX_NEW.execute(connection, {"id": incident_id, "excerpt": excerpt,
                                        "summary": summary})


def index_many(session: Session, rows: list[tuple[int, str, str, str]]) -> None:
    """Bulk insert for imports and demo data: (id, excerpt, summary, notes)."""
    if session.get_bind().dialect.name != "sqlite" or not rows:
        return
    session.execute(
        text(
            "INSERT INTO incident_search (rowid, excerpt, summary, notes) "
            "VALUES (:id, :excerpt, :summary, :notes)"
        ),
        [{"id": i, "excerpt": e, "summary": s, "notes": n} for i, e, s, n in rows],
    )


def compact(session: Session) -> None:
    """Merges the index into one segment, dropping the words of deleted entries (FTS5 keeps
    them until a merge): for records destroyed at the end of their retention period."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("INSERT INTO incident_search (incident_search) VALUES ('optimize')"))
