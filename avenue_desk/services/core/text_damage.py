"""Names a file's journey has already damaged before it reached us, found rather than kept.

Three kinds are met in MIS exports:

- ``?`` where a letter was: Excel's plain "CSV (Comma delimited)" on a UK PC writes "?" for
  every letter Windows-1252 has no character for ("?ukasz Wi?niewski", "???? ?????"). No
  name holds a question mark, so one in a name is damage.
- ``�`` (U+FFFD): a program before us met bytes it could not read and said so.
- mojibake: UTF-8 read as Windows-1252 and saved again ("ZoÃ« MÃ¼ller" for "Zoë Müller").
  Found exactly, not by a list of pairs: the text, written back as Windows-1252 bytes, is
  valid UTF-8 holding letters beyond ASCII. A true Windows-1252 name ("Zoë") never is, as
  its accented byte stands alone where UTF-8 needs two or more.

Such a name can never be used to find or merge a person (two uncles both "???? ?????"):
the import leaves its row out and says which names and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass

QUESTION_MARKS = "question_marks"
REPLACEMENT = "replacement"
MOJIBAKE = "mojibake"

# Why, in the office's words, and the fix (see docs/import-formats.md).
FIX = "save the export again from Excel as “CSV UTF-8 (Comma delimited)” and import that"
DAMAGE_WORDS = {
    QUESTION_MARKS: "“?” where a letter should be (the file was saved as plain “CSV”, which "
                    "has no room for those letters)",
    REPLACEMENT: "“�” where a letter should be (a program before this one could not read "
                 "them)",
    MOJIBAKE: "letters garbled, such as “Ã©” for “é” (the file was read in the wrong "
              "encoding and saved again)",
}


@dataclass(frozen=True)
class Damage:
    kind: str
    repaired: str = ""  # for mojibake: what the name most likely was, for the message

    @property
    def words(self) -> str:
        return DAMAGE_WORDS[self.kind]


def damage_in(text: str) -> Damage | None:
    """The damage ``text`` (a name) shows, or None."""
    if "\ufffd" in text:
        return Damage(REPLACEMENT)
    if "?" in text:
        return Damage(QUESTION_MARKS)
    repaired = _unmojibake(text)
    if repaired is not None:
        return Damage(MOJIBAKE, repaired)
    return None


def _unmojibake(text: str) -> str | None:
    if text.isascii():
        return None
    try:
        raw = text.encode("cp1252")
    except UnicodeEncodeError:
        return None  # holds letters Windows-1252 never had: not read through it
    try:
        repaired = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return repaired if repaired != text and not repaired.isascii() else None
