"""A person's chronology as a PDF: every incident, step, letter and code of conduct record
about them, in date order, under the school's letterhead.

Takes plain records (``ChronologySheet``) from the services; every name and line of text is
user text, escaped and shaped through ``DocumentRenderer.user_para`` so that names in any
script print as typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from reportlab.lib import colors
from reportlab.platypus import Flowable, TableStyle

from . import styles as S
from .base import DocumentRenderer
from .context import SchoolDetails
from .fonts import FontRegistry
from .formatting import MONTHS, clock_time, uk_date

WIDTHS = (0.16, 0.13, 0.12, 0.59)


@dataclass(frozen=True)
class ChronologyEntry:
    day: date
    at: time | None
    kind: str  # "Posted", "Named in", "Step", "Letter", "Code of conduct"...
    reference: str  # "Incident 4012"
    text: str
    stage: str = ""  # the incident's stage now, on its own line


@dataclass(frozen=True)
class ChronologySheet:
    person_name: str
    person_role: str
    as_of: date
    counts: str  # "Posted 6 incidents; named in 2; reported 1."
    accounts: tuple[str, ...]
    left_out: tuple[str, ...]
    entries: tuple[ChronologyEntry, ...]


def _short_date(day: date) -> str:
    return f"{day.day}\u00a0{MONTHS[day.month - 1][:3]}\u00a0{day.year}"


class ChronologyDocument(DocumentRenderer):
    title = "Chronology"

    def __init__(self, school: SchoolDetails, sheet: ChronologySheet, *,
                 fonts: FontRegistry | None = None) -> None:
        super().__init__(school, fonts=fonts)
        self.sheet = sheet

    def pdf_title(self) -> str:
        return f"Chronology: {self.sheet.person_name}"

    def continuation_header(self) -> str:
        return f"Chronology · {uk_date(self.sheet.as_of)}"

    def story(self) -> list[Flowable]:
        sheet = self.sheet
        story = [*self.letterhead(), self.para("Chronology", "h1"),
                 self.user_para(f"{sheet.person_name} ({sheet.person_role})", "person",
                                "subject", "the person's name")]
        story.append(self.plain(f"As at {uk_date(sheet.as_of)}. {sheet.counts}", "meta"))
        if sheet.accounts:
            story.append(self.user_para("Social media accounts linked: "
                                        + "; ".join(sheet.accounts), "accounts", "meta",
                                        "the accounts"))
        if sheet.left_out:
            story.append(self.plain("Not shown to this account: " + "; ".join(sheet.left_out)
                                    + ".", "note"))
        if not sheet.entries:
            story.append(self.plain("Nothing is recorded about this person yet.", "note"))
            return story
        story.append(self._table())
        return story

    def _table(self) -> Flowable:
        widths = [S.FRAME_WIDTH * w for w in WIDTHS]
        head = ("Date", "What", "Record", "Details")
        rows: list[list] = [[self.para(f"<b>{h}</b>", "cell") for h in head]]
        for number, entry in enumerate(self.sheet.entries):
            when = _short_date(entry.day) + (f" {clock_time(entry.at)}" if entry.at else "")
            record = entry.reference + (f"\n{entry.stage}" if entry.stage else "")
            rows.append([
                self.plain(when, "cell"),
                self.plain(entry.kind, "cell_bold"),
                self.plain(record, "cell_small"),
                self.user_para(entry.text, f"line_{number}", "cell", "a line of the chronology",
                               widths[3]),
            ])
        table = self.table(rows, widths)
        table.setStyle(TableStyle([("ROWBACKGROUNDS", (0, 1), (-1, -1),
                                    [colors.white, colors.HexColor("#f7f8fa")])]))
        return table
