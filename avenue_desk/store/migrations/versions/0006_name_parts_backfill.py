"""people recorded before 0005 get the name parts that can be read without guessing

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

0005 added title, forenames and surname with empty values, so a parent entered before it is
greeted "Dear parent or carer of …" until someone edits them. This fills the parts where the
full name is unambiguous (a known title at the start; two plain words after it), and leaves
everyone else as they are. Only empty parts are filled: nothing a person typed is changed.

The rule is a frozen copy of services/people/name_parts.py as it was on this date: a
migration must do the same thing on every school's database whenever it runs, so it cannot
follow later changes to the service (and the store cannot import services).
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Master", "Dr", "Prof", "Rev", "Sir", "Dame",
           "Lady", "Lord")
_TITLE = re.compile(r"^(" + "|".join(_TITLES) + r")\.?\s+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_FAMILY_FIRST = ("CJK", "HANGUL", "HIRAGANA", "KATAKANA")
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "di", "du", "del", "della",
                        "la", "le", "al", "el", "bin", "ibn", "ben", "mac", "st", "ó", "ní",
                        "ap", "ter", "ten", "dos", "das"})


def _parts(full_name: str) -> tuple[str, str, str]:
    text = full_name.strip()
    title = ""
    match = _TITLE.match(text)
    if match:
        title = next(t for t in _TITLES if t.lower() == match.group(1).lower())
        text = text[match.end():].strip()
    words = text.split()
    if len(words) == 2 and all(_WORD.fullmatch(w) for w in words) and not any(
            w.casefold() in _PARTICLES
            or any(unicodedata.name(ch, "").startswith(_FAMILY_FIRST) for ch in w)
            for w in words):
        return title, words[0], words[1]
    return title, "", ""


def upgrade() -> None:
    connection = op.get_bind()
    people = connection.execute(sa.text(
        "SELECT id, full_name FROM people "
        "WHERE title = '' AND forenames = '' AND surname = ''")).all()
    updates = []
    for person_id, full_name in people:
        title, forenames, surname = _parts(full_name or "")
        if title or forenames or surname:
            updates.append({"id": person_id, "title": title, "forenames": forenames,
                            "surname": surname})
    if updates:
        connection.execute(sa.text(
            "UPDATE people SET title = :title, forenames = :forenames, surname = :surname "
            "WHERE id = :id AND title = '' AND forenames = '' AND surname = ''"), updates)


def downgrade() -> None:
    # The parts filled are indistinguishable from ones typed since; 0005's columns hold them
    # either way, so there is nothing to take back.
    pass
