"""England and Wales bank holidays, 2024 to 2030, as a plain table.

Source: GOV.UK, "UK bank holidays" (https://www.gov.uk/bank-holidays), the England and
Wales list, which publishes about two years ahead (to 2027 when this table was written).
The years after that are worked out by the rules the published dates follow (New Year's
Day, Good Friday, Easter Monday, the first and last Mondays of May, the last Monday of
August, Christmas Day and Boxing Day; one that falls on a weekend moves to the next
weekday, the "substitute day"): check them against GOV.UK as it publishes them, and add by
hand any one-off day that is proclaimed (a coronation, a state funeral).

Covers ``COVERED_YEARS``: when the table runs out, ``tests/policy/test_school_days.py``
fails, two years before it matters. Follow-up dates and subject access due dates both read
this table, so its shape stays simple: ``BANK_HOLIDAYS`` (a frozenset of dates),
``COVERED_YEARS`` and ``is_bank_holiday``; ``holiday_name`` is for messages.
"""

from __future__ import annotations

from datetime import date

COVERED_YEARS = range(2024, 2031)

_NAMES: dict[date, str] = {
    date(2024, 1, 1): "New Year's Day",
    date(2024, 3, 29): "Good Friday",
    date(2024, 4, 1): "Easter Monday",
    date(2024, 5, 6): "Early May bank holiday",
    date(2024, 5, 27): "Spring bank holiday",
    date(2024, 8, 26): "Summer bank holiday",
    date(2024, 12, 25): "Christmas Day",
    date(2024, 12, 26): "Boxing Day",
    date(2025, 1, 1): "New Year's Day",
    date(2025, 4, 18): "Good Friday",
    date(2025, 4, 21): "Easter Monday",
    date(2025, 5, 5): "Early May bank holiday",
    date(2025, 5, 26): "Spring bank holiday",
    date(2025, 8, 25): "Summer bank holiday",
    date(2025, 12, 25): "Christmas Day",
    date(2025, 12, 26): "Boxing Day",
    date(2026, 1, 1): "New Year's Day",
    date(2026, 4, 3): "Good Friday",
    date(2026, 4, 6): "Easter Monday",
    date(2026, 5, 4): "Early May bank holiday",
    date(2026, 5, 25): "Spring bank holiday",
    date(2026, 8, 31): "Summer bank holiday",
    date(2026, 12, 25): "Christmas Day",
    date(2026, 12, 28): "Boxing Day (substitute day)",
    date(2027, 1, 1): "New Year's Day",
    date(2027, 3, 26): "Good Friday",
    date(2027, 3, 29): "Easter Monday",
    date(2027, 5, 3): "Early May bank holiday",
    date(2027, 5, 31): "Spring bank holiday",
    date(2027, 8, 30): "Summer bank holiday",
    date(2027, 12, 27): "Christmas Day (substitute day)",
    date(2027, 12, 28): "Boxing Day (substitute day)",
    date(2028, 1, 3): "New Year's Day (substitute day)",
    date(2028, 4, 14): "Good Friday",
    date(2028, 4, 17): "Easter Monday",
    date(2028, 5, 1): "Early May bank holiday",
    date(2028, 5, 29): "Spring bank holiday",
    date(2028, 8, 28): "Summer bank holiday",
    date(2028, 12, 25): "Christmas Day",
    date(2028, 12, 26): "Boxing Day",
    date(2029, 1, 1): "New Year's Day",
    date(2029, 3, 30): "Good Friday",
    date(2029, 4, 2): "Easter Monday",
    date(2029, 5, 7): "Early May bank holiday",
    date(2029, 5, 28): "Spring bank holiday",
    date(2029, 8, 27): "Summer bank holiday",
    date(2029, 12, 25): "Christmas Day",
    date(2029, 12, 26): "Boxing Day",
    date(2030, 1, 1): "New Year's Day",
    date(2030, 4, 19): "Good Friday",
    date(2030, 4, 22): "Easter Monday",
    date(2030, 5, 6): "Early May bank holiday",
    date(2030, 5, 27): "Spring bank holiday",
    date(2030, 8, 26): "Summer bank holiday",
    date(2030, 12, 25): "Christmas Day",
    date(2030, 12, 26): "Boxing Day",
}

BANK_HOLIDAYS: frozenset[date] = frozenset(_NAMES)


def is_bank_holiday(day: date) -> bool:
    """Whether ``day`` is an England and Wales bank holiday (within ``COVERED_YEARS``;
    outside them nothing is known, so nothing is one)."""
    return day in BANK_HOLIDAYS


def holiday_name(day: date) -> str:
    """"Boxing Day (substitute day)"; "" for a day that is not a bank holiday."""
    return _NAMES.get(day, "")
