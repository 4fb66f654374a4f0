"""Other people's names in a subject access export, found and replaced by placeholders.

A subject access request gives a person their own data, not other people's. Every name of
someone else that the records hold (everyone on the People list, the accounts, the
Headteacher in Settings) is looked for in each piece of text and replaced with
``[REDACTED: other person 3]``: the same number is the same person throughout the export,
and the key (kept for the Headteacher) says who each number is.

How names are matched, and why:

* Text and names are compared "folded": case-folded, accents and other marks dropped
  ("WROBEL", "wróbel" and "Wróbel" are one name; so are "Zoe" and "Zoë"), curly and straight
  apostrophes alike, in every script (Arabic marks, Greek accents, Vietnamese tones).
* Whole words only: "Ela" is not found inside "Elaine". A full name is found across any
  spacing or a line break; "Ela's" is Ela's.
* A single first name or surname is replaced too, since a parent's post often says only
  "Ela" or "Mr Hughes". A part shared by two other people becomes ``[REDACTED: a name]``
  (the key lists who it could be). A part of the subject's own name is never replaced on
  its own: "Mrs Wróbel" is the subject when the subject is Łucja Wróbel, even if her
  daughter is Ela Wróbel (whose full name is replaced).
* Short parts (three letters or fewer) and parts that are also everyday words ("May",
  "Brown", "Will") are replaced only where they are written with a capital letter, so
  "we will" and "brown paper" survive while "Will said" does not.
* A title and a capitalised word ("Mrs Jones", "Mr O'Neill") is a name even if the People
  list does not know it; so are two or more capitalised words in a field that holds a name
  (who reported it, who took a step).
* Scripts written without spaces (Chinese, Japanese, Thai) are matched within the text.

Over-replacing is the safe side: a placeholder the Headteacher decides to put back costs a
minute; a name sent by mistake cannot be taken back. Nicknames and misspellings the records
do not hold cannot be found, so the export is still read before it is sent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from avenue_desk.services.core.validation import TITLES as NAME_TITLES

TITLES = frozenset(title.lower() for title in NAME_TITLES)  # one list: core/validation.py
# Name parts that are also everyday English words: replaced only when capitalised.
COMMON_WORDS = frozenset("""
about above after again all also and april art august autumn baker bank banks bell bill
bird black blue bone booth bridge brook brown bush butler can carter chance chase child
church clay cook cross dale dart dawn day dean dear down drew duke each early east eve
faith field fields fish fisher ford forest fox frank free gay gill glass gold golden good
grace grant gray green grey hall hand hart hay heath hill hope house hunt hunter iris ivy
jack joy june just king lake lamb lane law lee little long love low major march mark
marsh mason may mercy miles mill miller mills moon more moss new noble north page park
parker pearl penny pine pool pope post price reed rich river robin rock rose ruby sage
sands scott shaw sky small smith south spring stone storm street summer sunny swan
taylor the thorn todd town trust turner victor wade walker ward warren water waters
webb well wells west white will winter wolf wood woods worth wren young
""".split())
# Words of accounts' and job titles' names ("School office") that never stand for a person.
NOT_NAMES = frozenset("""
admin administrator assistant business bursar caretaker chair class clerk deputy dsl
finance governor governors group head headteacher lead manager mums dads office parent
parents pta pupil reception school senco site staff team teacher the year
""".split())
_NO_SPACES = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
                        r"\u4e00-\u9fff\uf900-\ufaff]")
_TOKEN = re.compile(r"\w+(?:['\-]\w+)*")
_SPECIAL = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ı": "i", "ħ": "h", "ŀ": "l",
                          "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'",
                          "\u2010": "-", "\u2011": "-"})
SHARED = "[REDACTED: a name]"


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_SPECIAL)


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` folded for matching, and for each folded character the index of the
    original character it came from (so a match can be cut out of the original)."""
    if text.isascii():
        return text.lower().replace("`", "'"), list(range(len(text)))
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        origin.extend([index] * len(folded))
    return "".join(out), origin


def fold_name(name: str) -> tuple[str, ...]:
    """A name as folded words ("Mrs Łucja Wróbel" -> ("mrs", "lucja", "wrobel"))."""
    return tuple(_TOKEN.findall(fold(unicodedata.normalize("NFC", name))[0]))


def _parts(words: tuple[str, ...]) -> set[str]:
    """The single words a name may be referred to by (hyphenated halves too)."""
    found = set()
    for word in words:
        if word not in TITLES:
            found.add(word)
            found.update(word.split("-"))
    return {p for p in found if len(p) > 1 and p not in NOT_NAMES}


def _capitalised(original: str) -> bool:
    """Written with a capital, or in a script that has no capitals (Arabic, Chinese)."""
    first = original[:1]
    return first.isupper() or (first.isalpha() and first.lower() == first.upper())


@dataclass
class Placeholder:
    text: str  # "[REDACTED: other person 3]"
    name: str  # who, for the key
    who: str  # "Pupil on the People list (no. 41)", "Typed in the records"
    uses: int = 0


@dataclass
class _Match:
    start: int  # in the original text
    end: int
    owners: tuple[str, ...]


@dataclass
class Redactor:
    """Built once per export with the subject and everyone else; ``redact`` each text."""

    subject_name: str
    placeholders: dict[str, Placeholder] = field(default_factory=dict)
    _people: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (name, who)
    _full: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    _part: dict[str, set[str]] = field(default_factory=dict)
    _unspaced: dict[str, set[str]] = field(default_factory=dict)
    _shared_seen: dict[str, list[str]] = field(default_factory=dict)
    _classes: set[str] = field(default_factory=set)
    _aliases: dict[str, str] = field(default_factory=dict)
    _longest: int = 1

    def __post_init__(self) -> None:
        words = fold_name(self.subject_name)
        self._own_full = {words, tuple(w for w in words if w not in TITLES)}
        self._own_parts = _parts(words)

    def add_people(self, people: Iterable[tuple[str, str, str]]) -> None:
        """``(key, name, who)`` for everyone else the records know."""
        for key, name, who in people:
            words = fold_name(name)
            untitled = tuple(w for w in words if w not in TITLES)
            if not untitled or words in self._own_full or untitled in self._own_full:
                continue  # a namesake of the subject cannot be told apart from them
            if all(w in NOT_NAMES for w in untitled):
                continue  # "School office": an account, not a person's name
            if not key.startswith("person:") and untitled in self._full:
                owners = self._full[untitled]  # an account or the Headteacher: someone
                if len(owners) == 1:  # on the People list already
                    self.alias(key, next(iter(owners)))
                continue
            self._people[key] = (name, who)
            for full in {words, untitled}:
                if full:
                    self._full.setdefault(full, set()).add(key)
                    self._longest = max(self._longest, len(full))
            for part in _parts(words):
                self._part.setdefault(part, set()).add(key)
            joined = "".join(untitled)
            if _NO_SPACES.search(joined):
                self._unspaced.setdefault(joined, set()).add(key)

    def add_class_names(self, names: Iterable[str]) -> None:
        """Class names ("Willow"): not a person's name when followed by "class"."""
        self._classes.update(w for name in names for w in fold_name(name))

    def alias(self, key: str, same_as: str) -> None:
        """``key`` is the same person as ``same_as`` (an account and its person)."""
        self._aliases[key] = same_as

    def know(self, key: str, name: str, who: str) -> None:
        """Someone to have a placeholder for, if they are not known already (a deleted
        account that is still in the audit trail)."""
        self._people.setdefault(key, (name, who))

    # --- the placeholders ------------------------------------------------------------------

    def placeholder(self, key: str) -> str:
        """The placeholder for one person (numbered in the order they are first met)."""
        key = self._aliases.get(key, key)
        found = self.placeholders.get(key)
        if found is None:
            name, who = self._people.get(key, (key, "Typed in the records"))
            found = Placeholder(f"[REDACTED: other person {len(self.placeholders) + 1}]",
                                name, who)
            self.placeholders[key] = found
        found.uses += 1
        return found.text

    def person(self, key: str, name: str) -> str:
        """A linked person's name as shown: the subject's own, or a placeholder."""
        if fold_name(name) in self._own_full:
            return name
        return self.placeholder(key)

    def shared_parts(self) -> dict[str, list[str]]:
        """Each shared single name that was replaced, with whom it could be."""
        return dict(self._shared_seen)

    # --- redacting ---------------------------------------------------------------------

    def redact(self, text: str, *, name_field: bool = False) -> str:
        """``text`` with every other person's name replaced by its placeholder.

        ``name_field``: the text is a field that holds a name (who reported it, who took a
        step), where two capitalised words in a row are taken for a name as well.
        """
        if not text:
            return text
        text = unicodedata.normalize("NFC", text)
        matches = _Scan(self, text, name_field).matches()
        if not matches:
            return text
        merged: list[_Match] = []
        for match in sorted(matches, key=lambda m: (m.start, -m.end)):
            if merged and match.start < merged[-1].end:  # overlapping: one placeholder
                merged[-1].end = max(merged[-1].end, match.end)
            else:
                merged.append(match)
        out, last = [], 0
        for match in merged:
            out.append(text[last:match.start])
            out.append(self._replacement(match, text[match.start:match.end]))
            last = match.end
        out.append(text[last:])
        return "".join(out)

    def _replacement(self, match: _Match, original: str) -> str:
        if len(match.owners) == 1:
            return self.placeholder(match.owners[0])
        if not match.owners:  # typed, not on the People list: one number per spelling
            key = "typed:" + " ".join(fold_name(original))
            self._people.setdefault(key, (" ".join(original.split()),
                                          "Typed in the records; not on the People list"))
            return self.placeholder(key)
        names = sorted(self._people[k][0] for k in match.owners)
        self._shared_seen.setdefault(" ".join(fold_name(original)), names)
        return SHARED


class _Scan:
    """One text, folded and cut into words, searched for names."""

    def __init__(self, redactor: Redactor, text: str, name_field: bool):
        self.r = redactor
        self.text = text
        self.name_field = name_field
        self.folded, self.origin = fold(text)
        self.tokens = []
        for found in _TOKEN.finditer(self.folded):
            word, end = found.group(), found.end()
            if word.endswith("'s") and len(word) > 3:  # "ela's": Ela, then 's
                word, end = word[:-2], end - 2
            self.tokens.append((found.start(), end, word))
        self.protected: list[tuple[int, int]] = []  # the subject's own name

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Where tokens ``first``..``last`` are in the original text."""
        start = self.origin[self.tokens[first][0]]
        stop = self.origin[self.tokens[last][1] - 1] + 1
        while stop < len(self.text) and unicodedata.combining(self.text[stop]):
            stop += 1
        return start, stop

    def capital(self, index: int) -> bool:
        return _capitalised(self.text[slice(*self.span(index, index))])

    def spaced(self, first: int, last: int) -> bool:
        """Only spaces (or line breaks) between these tokens."""
        tokens, folded = self.tokens, self.folded
        return all(not folded[tokens[k][1]:tokens[k + 1][0]].strip()
                   for k in range(first, last))

    def matches(self) -> list[_Match]:
        found: list[_Match] = []
        index = 0
        while index < len(self.tokens):
            index += self._match_at(index, found)
        if self.name_field or any(t[2] in TITLES for t in self.tokens):
            self._unknown_names(found)
        for name, owners in self.r._unspaced.items():
            start = self.folded.find(name)
            while start >= 0:
                stop = start + len(name)
                found.append(_Match(self.origin[start], self.origin[stop - 1] + 1,
                                    tuple(sorted(owners))))
                start = self.folded.find(name, stop)
        return [m for m in found
                if not any(a <= m.start and m.end <= b for a, b in self.protected)]

    def _match_at(self, index: int, found: list[_Match]) -> int:
        """Tries the longest name first at token ``index``; returns how many tokens it
        used."""
        r, tokens = self.r, self.tokens
        for length in range(min(r._longest, len(tokens) - index), 0, -1):
            last = index + length - 1
            words = tuple(t[2] for t in tokens[index:last + 1])
            if length > 1 and not self.spaced(index, last):
                continue
            if words in r._own_full:
                self.protected.append(self.span(index, last))
                return length
            owners = r._full.get(words)
            if not owners or all(w in r._own_parts or w in TITLES for w in words):
                continue
            if length > 1 or self._single_ok(index):
                found.append(_Match(*self.span(index, last), tuple(sorted(owners))))
                return length
        word = tokens[index][2]
        owners = r._part.get(word)
        if owners and word not in r._own_parts and self._single_ok(index):
            found.append(_Match(*self.span(index, index), tuple(sorted(owners))))
        return 1

    def _single_ok(self, index: int) -> bool:
        word = self.tokens[index][2]
        following = self.tokens[index + 1][2] if index + 1 < len(self.tokens) else ""
        if following == "class" and word in self.r._classes:
            return False  # "Willow class"
        return (len(word) > 3 and word not in COMMON_WORDS) or self.capital(index)

    def _unknown_names(self, found: list[_Match]) -> None:
        """A title and capitalised words ("Mrs Jones"); in a name field, also two or more
        capitalised words in a row ("Jo Smith"). Known names were matched already."""
        tokens, own = self.tokens, self.r._own_parts
        taken = [(m.start, m.end) for m in found]
        index = 0
        while index < len(tokens):
            titled = tokens[index][2] in TITLES and self.capital(index)
            last = index
            while (last + 1 < len(tokens) and self.spaced(last, last + 1)
                   and tokens[last + 1][2] not in TITLES and self.capital(last + 1)):
                last += 1
            words = [t[2] for t in tokens[index:last + 1] if t[2] not in TITLES]
            if words and (titled or (self.name_field and len(words) >= 2
                                     and self.capital(index))):
                start, stop = self.span(index, last)
                mine = all(w in own for w in words)
                if not mine and not any(a < stop and start < b for a, b in taken):
                    found.append(_Match(start, stop, ()))
                index = last + 1
                continue
            index += 1
