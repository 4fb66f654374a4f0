"""Accents and case folded out of a name or a word, so that a search for "zoe" finds Zoë,
"lukasz" finds Łukasz and "sinead" finds Sinéad: the incident search's words and names
(``incidents.search``) and the people list's search (``people``) fold the same way.

``fold`` is plain Python, for names matched in Python; ``folded(column)`` is the same
folding done by a server in SQL (``lower()``, then ``translate()`` of ``FOLD_FROM``'s
letters into ``FOLD_TO``'s). SQLite has no ``translate()``: ``folded_glob(key)`` is a GLOB
pattern asking the same question of lower-case text (a name's ``name_key``) in SQLite's own
C, each letter of the key standing for itself and every accented letter folding into it.
Letters outside the Latin alphabets (Arabic, Greek, Chinese...) are left as they are.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import func, literal


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
FOLD_FROM, FOLD_TO = "".join(_FOLDS), "".join(_FOLDS.values())
_FOLD_TABLE = str.maketrans(_FOLDS)  # made once: fold() runs for every name searched
# Each plain letter and the lower-case accented letters that fold into it, for GLOB classes.
_VARIANTS: dict[str, str] = {}
for _letter, _plain in _FOLDS.items():
    if _letter == _letter.lower():
        _VARIANTS[_plain] = _VARIANTS.get(_plain, _plain) + _letter
_GLOB_SPECIAL = "*?["  # matched literally only inside a class of their own


def fold(word: str) -> str:
    """``word`` in lower case with its accented Latin letters plain ("Zoë" → "zoe")."""
    return word.lower().translate(_FOLD_TABLE)


def folded(column):
    """``column`` folded by the database as ``fold`` folds in Python (not on SQLite, which
    has no ``translate()``)."""
    return func.translate(func.lower(column), literal(FOLD_FROM), literal(FOLD_TO))


def folded_glob(key: str) -> str | None:
    """A GLOB pattern matching lower-case text that holds ``key`` (already ``fold``-ed)
    once its accents are folded: "zoe" becomes "*[zźżž][oòó…][eèé…]*". None when no letter
    of the key has an accented form (a plain LIKE then finds everything)."""
    if not any(c in _VARIANTS for c in key):
        return None
    parts = (f"[{_VARIANTS[c]}]" if c in _VARIANTS else f"[{c}]" if c in _GLOB_SPECIAL else c
             for c in key)
    return "*" + "".join(parts) + "*"
