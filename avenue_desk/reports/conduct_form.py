"""The printable acknowledgement form, for anyone who will not use the PC: every item's
words (the policy's own), a box to tick for each, yes/no for the personal checks (each
worded so that "Yes" is the answer the code expects), the policy's paragraph on breaches,
lines to sign, and the Headteacher's countersignature. Blank, or with a person's name
printed on it (in capitals where the form asks for capitals).

A code at the foot changes whenever any item's wording does, so the office can tell a form
printed before a change from one printed after.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from avenue_desk.policy import conduct as code
from avenue_desk.policy import get_edition

from . import styles as S
from .base import DocumentRenderer
from .conduct_context import FormPerson
from .context import SchoolDetails
from .fonts import FontRegistry
from .formatting import uk_date
from .layout import RunOnTable
from .letters.wording import policy_date

BOX = 4.4 * mm
LINE = "_" * 38


class TickBox(Flowable):
    """An empty square to tick by hand."""

    def __init__(self, size: float = BOX) -> None:
        super().__init__()
        self.size = size

    def wrap(self, avail_width, avail_height):
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setLineWidth(0.9)
        self.canv.setStrokeColor(S.INK)
        self.canv.rect(0, 0, self.size, self.size)


def _tight(table: Table, extra: list | None = None) -> Table:
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *(extra or []),
    ]))
    return table


class ConductForm(DocumentRenderer):
    title = "Code of conduct for social networking: acknowledgement"

    def __init__(self, school: SchoolDetails, person: FormPerson | None = None, *,
                 fonts: FontRegistry | None = None) -> None:
        super().__init__(school, fonts=fonts)
        self.person = person
        self.edition = get_edition(code.EDITION_KEY)

    def pdf_title(self) -> str:
        return f"{self.title}: {self.person.name}" if self.person else self.title

    def continuation_header(self) -> str:
        who = self.safe(self.person.name, "name", "running_head") if self.person else ""
        return " · ".join(p for p in ("Code of conduct acknowledgement", who) if p)

    def story(self) -> list[Flowable]:
        story = [*self.letterhead(), self.para(self.title, "h1"),
                 self.plain("For staff, volunteers and governors of The Avenue.", "meta"),
                 self._who(), Spacer(1, 3 * mm),
                 self.plain("Please read each item. Tick the box beside it to show that you "
                            f"understand and will follow it (“{code.TICK_PROMPT}”). In the last "
                            "part, tick Yes or No for each question and add a note if it helps: "
                            "“Yes” is always the answer the code expects. Then sign at the end "
                            "and give the form to the school office, who pass it to the "
                            "Headteacher to countersign.")]
        story.append(self.para("Introduction", "h2"))
        story += [self.plain(q.text, "quote") for q in code.INTRODUCTION]
        for section in code.SECTIONS:
            items = code.items_in(section.key)
            opening = [self.para(section.title, "h2")]
            if section.lead is not None:
                opening.append(self.plain(section.lead.text))
            if section.key == code.CHECKS:
                opening.append(self.plain(section.guidance, "note"))
                checks = [self._check(item) for item in items]
                flows = checks[:1] + [KeepTogether([c]) for c in checks[1:]]
            else:
                flows = [self._rule(item) for item in items]
            # The heading stays with its first item; the rest may run on to the next page.
            story += [KeepTogether([*opening, flows[0]]), *flows[1:]]
        story.append(self._breaches())
        story.append(self._signature())
        story.append(Spacer(1, 4 * mm))
        story.append(self.plain(
            f"The words above are quoted from {self.edition.title} ({policy_date(self.edition)}),"
            f" Social Networking Policy – Staff. Form code {code.form_code()}.", "note"))
        return story

    def _who(self) -> Flowable:
        person = self.person
        width = S.FRAME_WIDTH
        if person is None:
            cells = [[self.para("Name:", "tight"), self.plain(LINE, "tight"),
                      self.para("Role:", "tight"), self.plain("_" * 18, "tight")]]
        else:
            cells = [[self.para("Name:", "tight"),
                      self.user_para(person.name, "name", "tight", "the name", width * 0.5),
                      self.para("Role:", "tight"), self.plain(person.role, "tight")]]
        table = _tight(RunOnTable(cells, colWidths=[width * 0.1, width * 0.52, width * 0.09,
                                                    width * 0.29], tallest=S.FRAME_HEIGHT))
        if person is not None and person.last_signed_on is not None:
            return KeepTogether([table, self.plain(
                f"Last acknowledged {uk_date(person.last_signed_on)}.", "note")])
        return table

    def _rule(self, item) -> Flowable:
        width = S.FRAME_WIDTH
        tick = _tight(Table([[TickBox(), self.plain(code.TICK_PROMPT, "cell_small")]],
                            colWidths=[BOX + 2 * mm, width * 0.2 - BOX - 2 * mm]),
                      [("LEFTPADDING", (0, 0), (-1, -1), 0)])
        row = [[self.plain(str(item.number), "cell_bold"), self.plain(item.text, "tight"), tick]]
        return _tight(Table(row, colWidths=[width * 0.06, width * 0.72, width * 0.22]), [
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, S.RULE),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ])

    def _check(self, item) -> Flowable:
        width = S.FRAME_WIDTH
        answer = Table([[TickBox(), self.para("Yes", "tight"), TickBox(),
                         self.para("No", "tight")]],
                       colWidths=[BOX + 2 * mm, 12 * mm, BOX + 2 * mm, 12 * mm])
        answer = _tight(answer, [("LEFTPADDING", (0, 0), (-1, -1), 0)])
        rows = [
            [self.plain(str(item.number), "cell_bold"), self.para(
                f"<b>{self.safe(item.question, 'question', 'tight')}</b>", "tight"), answer],
            ["", self.plain(f"The code: “{item.text}”", "note"), ""],
            ["", self.plain("Note: " + "_" * 48, "tight"), ""],
        ]
        table = _tight(Table(rows, colWidths=[width * 0.07, width * 0.68, width * 0.25]),
                       [("LINEBELOW", (0, -1), (-1, -1), 0.4, S.RULE)])
        table.spaceAfter = 2 * mm
        return table

    def _breaches(self) -> Flowable:
        """The policy's own paragraph on breaches, so the person signs knowing it."""
        return KeepTogether([
            self.plain(code.BREACHES_HEADING, "h2"),
            self.plain(code.BREACHES_LEAD.text),
            self.plain(f"• {code.BREACH_QUOTE.text}", "quote"),
        ])

    def _signature(self) -> Flowable:
        """The person's declaration and signature beside the Headteacher's countersignature,
        each name printed in capitals where it is known."""
        width = S.FRAME_WIDTH
        widths = [width * 0.24, width * 0.38, width * 0.38]
        line = "_" * 30

        def name(text: str, field: str) -> Flowable:
            if not text:
                return self.plain(line, "tight")
            # upper() leaves scripts without capitals as they are, which is what is wanted.
            return self.user_para(text.upper(), field, "tight", "the name", widths[1])

        rows = [
            ["", self.para("<b>Signed by</b>", "tight"),
             self.para("<b>Countersigned by the Headteacher</b>", "tight")],
            [self.para("Signature", "tight"), self.plain(line, "tight"),
             self.plain(line, "tight")],
            [self.para("Name (in capitals)", "tight"),
             name(self.person.name if self.person is not None else "", "name"),
             name(self.school.head_name, "head_name")],
            [self.para("Date", "tight"), self.plain("_" * 16, "tight"),
             self.plain("_" * 16, "tight")],
        ]
        table = _tight(RunOnTable(rows, colWidths=widths, tallest=S.FRAME_HEIGHT),
                       [("TOPPADDING", (0, 1), (-1, -1), 9)])
        office = self.plain("For the office: recorded in Avenue Desk by "
                            + "_" * 22 + " on " + "_" * 14, "note")
        return KeepTogether([
            self.para("Declaration", "h2"),
            self.plain(code.DECLARATION),
            self.plain("The Headteacher countersigns to say that the form has been received "
                       "and its answers read.", "note"),
            table, Spacer(1, 6 * mm), office,
        ])
