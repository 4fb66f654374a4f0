"""The code of conduct register: everyone it applies to, with their status, as a PDF."""

from __future__ import annotations

from collections import Counter

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, TableStyle

from avenue_desk.policy import CODE_OF_CONDUCT_QUOTE, get_edition
from avenue_desk.policy import conduct as code

from . import styles as S
from .base import DocumentRenderer
from .conduct_context import RegisterSummary
from .context import SchoolDetails
from .fonts import FontRegistry
from .formatting import MONTHS, uk_date
from .layout import Para
from .letters.wording import policy_date

STATUS_COLOURS = {
    "never": colors.HexColor("#8a1c12"),
    "overdue": colors.HexColor("#b00020"),
    "changed": colors.HexColor("#7a4b00"),
    "due_soon": colors.HexColor("#7a4b00"),
    "current": colors.HexColor("#1b5e20"),
    "put_right": colors.HexColor("#7a4b00"),  # current, with a check's answer to put right
}
ORDER = ("overdue", "never", "changed", "due_soon", "current")
COUNT_LABELS = {"overdue": "overdue", "never": "never acknowledged",
                "changed": "changed items to acknowledge", "due_soon": "due soon",
                "current": "current"}
WIDTHS = (0.20, 0.11, 0.18, 0.145, 0.145, 0.22)


def short_date(day) -> str:
    """``21 Nov 2026``: a UK date narrow enough for a table column."""
    return f"{day.day}\u00a0{MONTHS[day.month - 1][:3]}\u00a0{day.year}" if day else "—"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class ConductRegisterDocument(DocumentRenderer):
    title = "Staff code of conduct: register"

    def __init__(self, school: SchoolDetails, summary: RegisterSummary, *,
                 fonts: FontRegistry | None = None) -> None:
        super().__init__(school, fonts=fonts)
        self.summary = summary

    def pdf_title(self) -> str:
        return f"{self.title} ({uk_date(self.summary.as_of)})"

    def continuation_header(self) -> str:
        return f"Code of conduct register · {uk_date(self.summary.as_of)}"

    def story(self) -> list[Flowable]:
        summary = self.summary
        story = [*self.letterhead(), self.para(self.title, "h1")]
        meta = (f"As at {uk_date(summary.as_of)}. Everyone renews every "
                f"{_plural(summary.renewal_months, 'month')}; “due soon” starts "
                f"{_plural(summary.due_soon_days, 'day')} before.")
        story.append(self.plain(meta, "meta"))
        if summary.filter_text:
            story.append(self.plain(summary.filter_text, "meta"))
        counts = Counter(line.status for line in summary.lines)
        parts = [f"{COUNT_LABELS.get(s, s)}: {counts[s]}" for s in ORDER if counts[s]]
        open_items = sum(1 for line in summary.lines if line.to_put_right)
        if open_items:
            parts.append(f"with an item to put right: {open_items}")
        total = "1 person" if len(summary.lines) == 1 else f"{len(summary.lines)} people"
        story.append(self.plain(f"{total}" + (" — " + "; ".join(parts) if parts else "") + "."))
        if not summary.lines:
            story.append(self.plain("No one to list.", "note"))
        else:
            story.append(self._table())
        edition = get_edition(code.EDITION_KEY)
        story += [Spacer(1, 6 * mm), self.plain(
            f"“{CODE_OF_CONDUCT_QUOTE.text}” — {edition.title} ({policy_date(edition)}), "
            "Social Networking Policy – Staff.", "note")]
        return story

    def _table(self) -> Flowable:
        widths = [S.FRAME_WIDTH * w for w in WIDTHS]
        head = ("Name", "Role", "Status", "Last signed", "Renewal due", "Notes")
        rows: list[list] = [[self.para(f"<b>{h}</b>", "cell") for h in head]]
        for line in self.summary.lines:
            style = self.styles["cell_bold"].clone(
                f"status_{line.tone}", textColor=STATUS_COLOURS.get(line.tone, S.INK))
            status = Para(self.safe(line.status_label, "status", "cell_bold",
                                         width=widths[2]), style)
            rows.append([
                self.user_para(line.name, "name", "cell", "a name", widths[0]),
                self.plain(line.role, "cell"),
                status,
                self.plain(short_date(line.last_signed_on), "cell"),
                self.plain(short_date(line.renewal_due), "cell"),
                self.user_para(line.notes, "notes", "cell_small", "the notes", widths[5]),
            ])
        table = self.table(rows, widths)
        table.setStyle(TableStyle([("ROWBACKGROUNDS", (0, 1), (-1, -1),
                                    [colors.white, colors.HexColor("#f7f8fa")])]))
        return table
