"""Full-text search over excerpt, summary and action notes.

SQLite uses the FTS5 table made by the first migration; any other database (a trust's
PostgreSQL) falls back to LIKE, word by word as FTS5 reads the words: every word must be
found (in what was posted, the summary or a step's notes), in any case, with the common
accents folded ("zoe" finds Zoë). Issue 17 item 2 replaces this with PostgreSQL's own text
search.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import and_, exists, func, literal, or_, select, text
from sqlalchemy.orm import Session

from avenue_desk.services.core.validation import contains_pattern
from avenue_desk.store.models import Action, Incident
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
    """A WHERE clause selecting incidents that match the text, or None for no filter."""
    if not user_text.strip():
        return None
    if session.get_bind().dialect.name == "sqlite":
        expression = fts_query(user_text)
        if not expression:
            return None
        matches = text("SELECT rowid FROM incident_search WHERE incident_search MATCH :q")
        return Incident.id.in_(matches.bindparams(q=expression))
    words = _WORD.findall(user_text)
    if not words:
        return None
    return and_(*(_word_anywhere(word) for word in words))


def _word_anywhere(word: str):
    like = contains_pattern(fold(word))
    notes = exists().where(Action.incident_id == Incident.id,
                           _folded(Action.notes).like(like, escape="\\"))
    return or_(_folded(Incident.excerpt).like(like, escape="\\"),
               _folded(Incident.summary).like(like, escape="\\"), notes)


def _accented_letters() -> dict[str, str]:
    """Each accented Latin letter (both cases) and the plain lower-case one it folds to."""
    found = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ħ": "h",
             "Ħ": "h", "ı": "i"}
    for code in range(0xC0, 0x250):
        letter = chr(code)
        base = unicodedata.normalize("NFKD", letter)[0]
        if base != letter and base.isascii() and base.isalpha():
            found[letter] = base.lower()
    return found


_FOLDS = _accented_letters()
_FROM, _TO = "".join(_FOLDS), "".join(_FOLDS.values())


def fold(word: str) -> str:
    """``word`` as the server's side of the comparison reads text (``_folded``)."""
    return word.lower().translate(str.maketrans(_FOLDS))


def _folded(column):
    # lower() then translate(): the same folding as ``fold``, done by the server per row.
    return func.translate(func.lower(column), literal(_FROM), literal(_TO))


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
