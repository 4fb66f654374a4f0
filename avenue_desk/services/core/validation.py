"""Checks shared by every service that takes text from a person or a file."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

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


def clean_line(value: str | None) -> str:
    """One line of text: NFC-normalised, no control characters, single spaces, trimmed."""
    text = unicodedata.normalize("NFC", value or "")
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


def clean_block(value: str | None) -> str:
    """Free text that may have several lines: keeps newlines, trims the ends."""
    text = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


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
    ``escape="\\"`` with it)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def uk_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"
