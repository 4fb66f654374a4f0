"""Reading a time of day as a school office types it: ``14:05``, ``2:05pm``, ``2.05 pm``,
``1405``, ``2pm``, ``noon``, ``midnight``.

The companion of ``typed_dates``: an empty box is "not known" (None), and anything else
that is not a time is refused with a sentence that says why, so the person can put it
right (the text they typed is theirs to keep, never replaced).
"""

from __future__ import annotations

import re
from datetime import time

EXAMPLE = "Type a time like 14:05 or 2:05pm"

_CLOCK = re.compile(r"(\d{1,2})(?:\s*[:.]\s*(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?")
_FOUR_FIGURES = re.compile(r"(\d{2})(\d{2})\s*(am|pm|a\.m\.|p\.m\.)?")
_WORDS = {"noon": time(12, 0), "midday": time(12, 0), "12 noon": time(12, 0),
          "midnight": time(0, 0), "12 midnight": time(0, 0)}


class UnreadableTime(ValueError):
    """The typed text is not a time; ``str()`` is the sentence to show beside the field."""


def read_typed_time(text: str) -> time | None:
    """The time ``text`` means, or None for an empty field ("not known").

    Without am or pm the clock is the 24-hour one ("2:05" is 2:05 in the morning), as on a
    screenshot's time stamp; "12am" is midnight and "12pm" noon, as people say them.
    """
    typed = " ".join(text.split())
    if not typed:
        return None
    lowered = typed.lower()
    if lowered in _WORDS:
        return _WORDS[lowered]
    match = _CLOCK.fullmatch(lowered) or _FOUR_FIGURES.fullmatch(lowered)
    if match is None:
        raise UnreadableTime(f"\u201c{typed}\u201d is not a time. {EXAMPLE}")
    hour, minute = int(match[1]), int(match[2] or 0)
    half = (match[3] or "").replace(".", "")
    if match.re is _CLOCK and match[2] is None and not half:
        raise UnreadableTime(f"\u201c{typed}\u201d is not a time: add the minutes or am/pm "
                             "(14:00, 2pm)")
    if minute > 59:
        raise UnreadableTime(f"\u201c{typed}\u201d is not a time: the minutes go up to 59")
    if half:
        if not 1 <= hour <= 12:
            raise UnreadableTime(f"\u201c{typed}\u201d is not a time: with {half} the hour "
                                 "is 1 to 12 (or leave out am/pm: 14:05)")
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif hour > 23:
        raise UnreadableTime(f"\u201c{typed}\u201d is not a time: a day has hours 0 to 23")
    return time(hour, minute)


def time_text(moment: time | None) -> str:
    """A time as the form shows it back: ``14:05`` ("" when not known)."""
    return "" if moment is None else f"{moment.hour:02d}:{moment.minute:02d}"
