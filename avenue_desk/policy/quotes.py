"""Verbatim policy sentences, tagged with the edition they come from.

Every category, step and rule in this package carries a ``PolicyQuote`` so the app can
show the office (and a parent) the exact words of the policy that justify it. The text
is copied character for character, curly quotes and dashes included, and the tests
check each one against the policy files.
"""

from __future__ import annotations

from dataclasses import dataclass

# Edition keys live here rather than in editions.py so that every module can tag its
# quotes without importing the editions (and their dates) it does not need.
AVENUE_2021 = "avenue-2021"
PARENTAL_2019 = "parental-2019"


@dataclass(frozen=True)
class PolicyQuote:
    edition_key: str
    text: str


def avenue(text: str) -> PolicyQuote:
    """A quote from The Avenue Primary School Social Media Policy (November 2021)."""
    return PolicyQuote(AVENUE_2021, text)


def parental(text: str) -> PolicyQuote:
    """A quote from the Parental Use of Social Media and the Internet Policy (2019)."""
    return PolicyQuote(PARENTAL_2019, text)
