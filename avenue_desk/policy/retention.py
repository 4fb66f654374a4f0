"""How long each kind of record is kept (UK GDPR: no longer than it is needed), as data.

Each kind has a default period, what the period is counted from, and a note of where the
default comes from. The defaults are *based on* the kind of retention schedule that schools'
records-management guidance sets out (for example the IRMS Records Management Toolkit for
Schools); they are not quotations from it, and the school sets its own periods in Settings
(its own retention schedule decides). Nothing here reads the clock or the database.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

MIN_MONTHS, MAX_MONTHS = 1, 100 * 12
SETTING_PREFIX = "retention_months."

SCHOOL_SETS_ITS_OWN = (
    "These are starting points, not law: the school's own retention schedule decides, and "
    "the Headteacher can change each period here.")


@dataclass(frozen=True)
class RecordKind:
    key: str
    label: str  # "Parents' incidents"
    noun: str  # one record of the kind, as the audit trail names it: "Incident"
    counted_from: str  # what the period runs from, in words
    default_months: int
    source: str  # where the default comes from, honestly

    @property
    def short_label(self) -> str:
        """ "Parents' incidents": the label without its bracketed note."""
        return self.label.split(" (")[0]

    @property
    def setting_key(self) -> str:
        return SETTING_PREFIX + self.key


INCIDENT = RecordKind(
    "incident", "Parents' incidents (with their actions, letters and evidence)", "Incident",
    "the date the case was closed (its last recorded step); a case still open is never due",
    6 * 12,
    "Based on the periods schools' records-management guidance (such as the IRMS Records "
    "Management Toolkit for Schools) suggests for complaints and similar case files: about "
    "six years after the case is resolved, then review. Where a matter is a safeguarding "
    "concern about a pupil, such guidance keeps child protection records far longer, counted "
    "from the pupil's date of birth; Avenue Desk does not store dates of birth, so it counts "
    "from the closing date. Safeguarding records belong in the school's child protection "
    "files, under their own schedule.",
)
BREACH = RecordKind(
    "breach", "Staff code of conduct breach records", "Breach record",
    "the date the outcome was recorded; a record with no outcome yet is never due",
    6 * 12,
    "Based on schools' records-management guidance for staff conduct and disciplinary "
    "matters, where the period depends on the outcome: from months after a warning to "
    "about six years for records kept on the personnel file. Avenue Desk uses one period, "
    "at the longer end; guidance of this kind usually keeps allegations that were not found "
    "(no case to answer) for much less time, unless they concern child protection.",
)
FORM = RecordKind(
    "form", "Signed code of conduct forms (register entries)", "Code of conduct form",
    "the date the form was signed (or last changed, for one never finished); a form cited "
    "by a breach record still kept is kept with it",
    6 * 12,
    "Based on schools' records-management guidance for personnel records, which keeps them "
    "for about six years after employment ends. Avenue Desk does not store leaving dates, so "
    "it counts from the date signed: someone who signs every year always has newer forms "
    "kept, and a leaver's last form goes about six years after they last signed.",
)
PERSON = RecordKind(
    "person", "People on no kept record", "Person",
    "the date the person's details were last changed or last listed in an import from the "
    "school's MIS; anyone named on a kept incident, breach record or form, anyone linked to "
    "such a person (a pupil's parent, say), anyone with an account, and staff, volunteers "
    "and governors (the code of conduct register, until removed by hand) are kept",
    12,
    "Not a period from the guidance: UK GDPR says personal data must not be kept longer "
    "than needed, and a pupil or parent on no kept record is held here only so that they "
    "can be picked again. Each import from the MIS confirms the people it lists, so a family "
    "comes up for review a year after it stops appearing there (a leaver, say). One year "
    "allows for a case that comes back.",
)

# People on these lists are the code of conduct register: current until removed by hand.
REGISTER_ROLES = frozenset({"staff", "volunteer", "governor"})

KINDS: tuple[RecordKind, ...] = (INCIDENT, BREACH, FORM, PERSON)


def get_kind(key: str) -> RecordKind:
    for kind in KINDS:
        if kind.key == key:
            return kind
    raise ValueError(f"Unknown kind of record “{key}”.")


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months; the 31st becomes the month's last day (29 Feb -> 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_on(counted_from: date, months: int) -> date:
    """The first day a record is past its period (and so appears for review)."""
    return add_months(counted_from, months)


def is_due(counted_from: date | None, months: int, today: date) -> bool:
    """No date (an open case, a breach with no outcome) is never due."""
    return counted_from is not None and due_on(counted_from, months) <= today


def period_label(months: int) -> str:
    """ "6 years", "18 months", "1 year and 6 months"."""
    years, rest = divmod(months, 12)
    if years and rest:
        return f"{_plural(years, 'year')} and {_plural(rest, 'month')}"
    return _plural(years, "year") if years else _plural(rest, "month")


def period_problem(months: object) -> str:
    """"" when ``months`` is a whole number of months allowed as a period."""
    if isinstance(months, bool) or not isinstance(months, int):
        return "Give the period as a whole number of months."
    if not MIN_MONTHS <= months <= MAX_MONTHS:
        return f"A retention period must be {MIN_MONTHS} month to {MAX_MONTHS // 12} years."
    return ""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
