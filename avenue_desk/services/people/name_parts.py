"""A person's name in the parts a letter is addressed by: title, forenames, surname.

Filled from the full name only where that is unambiguous: a title at the start is a title
("Mrs Łucja Wróbel"), and two plain words after it are a forename and a surname ("Mr John
Okafor"). Anything else ("Okafor" alone, "Mary Jane van der Berg", "Nguyễn Thị Hương",
a name in a script written family name first) leaves the forenames and surname empty for a
person to fill in: a letter then begins "Dear parent or carer of …" rather than with a
guessed surname.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from avenue_desk.services.core.validation import TITLES

_TITLE = re.compile(r"^(" + "|".join(TITLES) + r")\.?\s+", re.IGNORECASE)
# One word of a name: letters, with hyphens or apostrophes inside ("O'Neill", "Smith-Jones").
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# Scripts whose names are written family name first: which word is which is not for us to say.
_FAMILY_FIRST = ("CJK", "HANGUL", "HIRAGANA", "KATAKANA")
# Words that begin a surname of more than one word ("van der Berg", "de Souza", "al Amin").
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "di", "du", "del", "della",
                        "la", "le", "al", "el", "bin", "ibn", "ben", "mac", "st", "ó", "ní",
                        "ap", "ter", "ten", "dos", "das"})


@dataclass(frozen=True)
class NameParts:
    title: str = ""
    forenames: str = ""
    surname: str = ""


def split_title(full_name: str) -> tuple[str, str]:
    """ ``("Mrs", "Łucja Wróbel")`` from "Mrs Łucja Wróbel"; ``("", name)`` without one."""
    text = full_name.strip()
    match = _TITLE.match(text)
    if not match:
        return "", text
    title = next(t for t in TITLES if t.lower() == match.group(1).lower())
    return title, text[match.end():].strip()


def _written_family_first(word: str) -> bool:
    return any(unicodedata.name(ch, "").startswith(_FAMILY_FIRST) for ch in word)


def parts_from_full_name(full_name: str) -> NameParts:
    """The parts that can be read from ``full_name`` without guessing (see the module)."""
    title, rest = split_title(full_name)
    words = rest.split()
    if len(words) == 2 and all(_WORD.fullmatch(w) for w in words) and not any(
            _written_family_first(w) or w.casefold() in _PARTICLES for w in words):
        return NameParts(title, words[0], words[1])
    return NameParts(title, "", "")
