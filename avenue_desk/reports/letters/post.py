"""Which post a letter is about, in words a parent recognises: where it was (the site and
the page or group), its link, when it was posted and how it began.

Only what is recorded is said: no link line without a link, no time without a time. The
excerpt is cut at a word and marked "…" where it is cut, so a long post never fills the
letter and a short one is quoted whole.
"""

from __future__ import annotations

import re

from avenue_desk.policy import get_platform, posted_where

from ..context import IncidentDetails
from ..formatting import uk_date, uk_time

EXCERPT_LIMIT = 120  # characters of the post quoted in a letter to a parent
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_TRIM = " \t,;:-–—|()[]"


def split_location(location: str) -> tuple[str, str]:
    """(place, link) from what the office recorded: "Elm Grove Parents https://fb.com/x"
    is ("Elm Grove Parents", "https://fb.com/x"); either may be ""."""
    text = location.strip()
    found = _LINK.search(text)
    if found is None:
        return text, ""
    link = found.group(0).rstrip(".,;)")
    place = (text[:found.start()] + " " + text[found.start() + len(link):]).strip(_TRIM)
    return " ".join(place.split()), link


def short_excerpt(excerpt: str, limit: int = EXCERPT_LIMIT) -> tuple[str, bool]:
    """The start of the post on one line, cut at a word within ``limit`` characters with
    "…" where it is cut; and whether it was cut."""
    text = " ".join(excerpt.split())
    if len(text) <= limit:
        return text, False
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut.rstrip(_TRIM + ".") + "…", True


def post_where(incident: IncidentDetails) -> str:
    """ "on Facebook, in “Elm Grove Parents”", or just "on Facebook"."""
    where = posted_where(get_platform(incident.platform))
    place, _link = split_location(incident.location)
    return f"{where}, in “{place}”" if place else where


def post_details(incident: IncidentDetails) -> tuple[str, ...]:
    """The lines identifying the post, each only when recorded."""
    _place, link = split_location(incident.location)
    posted = f"Posted {post_where(incident)} on {uk_date(incident.posted_on)}"
    if incident.posted_at is not None:
        posted += f" at {uk_time(incident.posted_at)}"
    if incident.seen_on is not None and incident.seen_on != incident.posted_on:
        posted += f" (seen by the school on {uk_date(incident.seen_on)})"
    lines = [posted]
    if link:
        lines.append(f"Link: {link}")
    if incident.excerpt.strip():
        quoted, cut = short_excerpt(incident.excerpt)
        lines.append(f"{'It began' if cut else 'It said'}: “{quoted}”")
    return tuple(lines)


def identified(incident: IncidentDetails) -> bool:
    """Whether a reader could find the post: a place or link, or its words."""
    return bool(incident.location.strip() or incident.excerpt.strip())
