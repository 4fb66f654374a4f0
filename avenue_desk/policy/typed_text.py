"""What counts as text a person typed: anything Unicode can store, and nothing else.

A lone surrogate (U+D800 to U+DFFF on its own) is half of a character: no font draws it, and
neither SQLite nor a PDF nor a CSV file can hold it, so it is refused where it is typed with
a sentence that says what to do. It reaches the app from a damaged paste, or from a command
line argument holding bytes that are not UTF-8 (Python keeps those as U+DC80 to U+DCFF).
"""

from __future__ import annotations

import re

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_PREVIEW = 40


def invalid_character(text: str) -> str:
    """The first character of ``text`` that is not valid text, as "U+D800"; "" if none."""
    found = _LONE_SURROGATE.search(text)
    return "" if found is None else f"U+{ord(found.group()):04X}"


def invalid_text_problem(text: str, subject: str = "") -> str:
    """Why ``text`` cannot be kept, or "" when it can. ``subject`` names the field ("The
    name"); without one, the start of the text is quoted so the person can find it."""
    code = invalid_character(text)
    if not code:
        return ""
    if not subject:
        shown = replace_invalid(text.strip())
        subject = f"“{shown[:_PREVIEW]}{'…' if len(shown) > _PREVIEW else ''}”"
    return f"{subject} contains a character that is not valid text ({code}); retype it."


def replace_invalid(text: str) -> str:
    """``text`` with each character that is not valid text shown as U+FFFD (�): for a search,
    which must find nothing for it rather than fail, as no stored text can hold one."""
    return _LONE_SURROGATE.sub("\ufffd", text)
