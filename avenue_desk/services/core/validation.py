"""Checks shared by every service that takes text from a person or a file."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from avenue_desk.policy.typed_text import invalid_text_problem, replace_invalid
from avenue_desk.services.core.errors import ValidationError

_SPACES = re.compile(r"\s+")
# Control characters other than tab/newline would be invisible in the app yet printed in letters.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

EXCERPT_LIMIT = 20_000
SUMMARY_LIMIT = 10_000
NOTES_LIMIT = 10_000
LINE_LIMIT = 200


def name_key(name: str) -> str:
    """How two spellings of one name are matched: NFC, case-folded, spaces collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip().casefold()


# The titles a name may start with, in one place: a signature may leave them out, a letter
# splits them off for "Dear Mrs Ahmed", a subject access export never redacts them.
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Master", "Dr", "Prof", "Rev", "Sir", "Dame", "Lady",
          "Lord")
_TITLE = re.compile(r"^(" + "|".join(TITLES) + r")\.?\s+", re.IGNORECASE)


def same_signature(typed: str, held: str) -> bool:
    """Whether a typed signature is the name the school holds, with or without its title:
    "Hannah Kowalski" and "ms hannah  kowalski" both sign for "Ms Hannah Kowalski", but a
    different title ("Mr Hannah Kowalski") or a different name does not."""
    typed_key, held_key = name_key(typed), name_key(held)
    if typed_key == held_key:
        return True
    typed_title, held_title = _TITLE.match(typed_key), _TITLE.match(held_key)
    if typed_title and held_title and typed_title.group(1) != held_title.group(1):
        return False  # "Mr" for "Ms" is not the name the school holds
    return (typed_key[typed_title.end():] if typed_title else typed_key) == \
        (held_key[held_title.end():] if held_title else held_key)


def refuse_invalid_text(value: str, field: str = "text", subject: str = "") -> str:
    """``value`` as it is, or a ValidationError beside ``field`` if it holds a character
    that is not valid text (a lone surrogate: see policy/typed_text.py), which SQLite, a
    PDF and a CSV file would all fail on."""
    problem = invalid_text_problem(value, subject)
    if problem:
        raise ValidationError({field: problem})
    return value


def clean_line(value: str | None, field: str = "text", subject: str = "") -> str:
    """One line of text: NFC-normalised, no control characters, single spaces, trimmed.
    Text that is not valid is refused beside ``field`` (see ``refuse_invalid_text``)."""
    text = unicodedata.normalize("NFC", refuse_invalid_text(value or "", field, subject))
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


def clean_block(value: str | None, field: str = "text", subject: str = "") -> str:
    """Free text that may have several lines: keeps newlines, trims the ends. Text that is
    not valid is refused beside ``field``."""
    text = unicodedata.normalize("NFC", refuse_invalid_text(value or "", field, subject))
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def clean_file_name(name: str) -> str:
    """A file's name kept as text (evidence's original name): a name holding bytes that are
    not UTF-8 (an old USB stick's, on Linux) is not the person's typing to retype, so its
    odd characters are kept as U+FFFD (�) rather than refused."""
    return clean_line(replace_invalid(name))


def check_length(errors: dict[str, str], field: str, label: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors[field] = (
            f"{label} is {len(value):,} characters long; the limit is {limit:,}. "
            "Shorten it, or attach the full text as evidence."
        )


def check_not_future(
    errors: dict[str, str], field: str, label: str, value: date | None, today: date
) -> None:
    if value is not None and value > today:
        errors[field] = f"{label} ({uk_date(value)}) is in the future."


def contains_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with % and _ taken literally (use
    ``escape="\\"`` with it). A character that is not valid text cannot be stored, so it
    is searched for as one that matches nothing, rather than failing the search."""
    text = replace_invalid(text)
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def uk_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"
