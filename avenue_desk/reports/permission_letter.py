"""The Headteacher's written permission to use the school's name, logo or published material.

The code of conduct makes such use "not considered acceptable" without "written prior
permission from the Headteacher"; this letter is that permission, quoting the code and
saying exactly what is allowed, where, and for how long.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from avenue_desk.policy import conduct as code
from avenue_desk.policy import get_edition

from . import styles as S
from .base import DocumentRenderer
from .conduct_context import PermissionDetails
from .context import SchoolDetails
from .errors import TemplateProblem
from .fonts import FontRegistry
from .formatting import join_names, uk_date
from .layout import RunOnTable
from .letters.wording import policy_date

SIGNATURE_SPACE = 17 * mm


class PermissionLetter(DocumentRenderer):
    title = "Written permission from the Headteacher"

    def __init__(self, school: SchoolDetails, permission: PermissionDetails, *,
                 letter_date: date, fonts: FontRegistry | None = None) -> None:
        super().__init__(school, fonts=fonts)
        self.permission = permission
        self.letter_date = letter_date
        self.edition = get_edition(code.EDITION_KEY)

    def pdf_title(self) -> str:
        return f"{self.title}: {self.permission.person_name} ({self.permission.reference})"

    def continuation_header(self) -> str:
        name = self.safe(self.permission.person_name, "person_name", "running_head")
        return f"{name} · {uk_date(self.letter_date)} · Ref: {self.permission.reference}"

    def story(self) -> list[Flowable]:
        p = self.permission
        if not self.school.head_name.strip():
            self.report(TemplateProblem(
                "head_name", "Enter the headteacher's name in Settings: the permission must be "
                "signed by the Headteacher."))
        uses = join_names([u[:1].lower() + u[1:] for u in p.uses]) or "published material"
        story = [*self.letterhead(), self._heading(), Spacer(1, 6 * mm)]
        story.append(self.para(
            f"Dear {self.safe(p.person_name, 'person_name', 'body', 'the name')},", "salutation"))
        story.append(self.para(f"Permission to use {self.safe(uses, 'uses')}", "subject"))
        story.append(self.plain(
            "The school's code of conduct for social networking says that the following is "
            "not considered acceptable at The Avenue Primary School:"))
        story.append(self.plain(code.PERMISSION_QUOTE.text, "quote"))
        story.append(self.plain(
            "This letter is that written permission, for the use described below and for "
            "nothing else."))
        story.append(self._details())
        story.append(Spacer(1, 4 * mm))
        story.append(self.plain(
            "Please use the material only as described, keep to the rest of the code of "
            "conduct, and take it down if I ask you to. If you would like to use it anywhere "
            "else, or after the end date, please ask me first."))
        story.append(KeepTogether([
            Spacer(1, 4), self.para("Yours sincerely,", "tight"), Spacer(1, SIGNATURE_SPACE),
            self.user_para(self.school.head_name, "head_name", "tight", "the headteacher's name"),
            self.user_para(self.school.head_title, "head_title", "tight",
                           "the headteacher's title"),
        ]))
        story.append(KeepTogether([Spacer(1, 8 * mm), self.plain(
            f"The words quoted are from {self.edition.title} ({policy_date(self.edition)}), "
            "Social Networking Policy – Staff.", "note")]))
        return story

    def _heading(self) -> Flowable:
        p = self.permission
        left = [self.user_para(p.person_name, "person_name", "tight", "the name")]
        if p.person_role:
            left.append(self.plain(p.person_role, "tight"))
        right = [self.para(uk_date(self.letter_date), "right"),
                 self.user_para(f"Ref: {p.reference}", "reference", "right")]
        table = RunOnTable([[left, right]], colWidths=[S.FRAME_WIDTH * 0.62, S.FRAME_WIDTH * 0.38],
                           tallest=S.FRAME_HEIGHT)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        return table

    def _details(self) -> Flowable:
        p = self.permission
        width = S.FRAME_WIDTH * 0.72
        until = uk_date(p.valid_until) if p.valid_until else "until withdrawn in writing"
        rows = [
            ("What may be used", "; ".join(p.uses), "uses"),
            ("What for", p.what, "what"),
            ("Where", p.place, "place"),
            ("From", uk_date(p.valid_from), "valid_from"),
            ("Until", until, "valid_until"),
            ("Agreed", uk_date(p.agreed_on), "agreed_on"),
        ]
        if p.notes.strip():
            rows.append(("Conditions", p.notes, "notes"))
        cells = [[self.para(f"<b>{label}</b>", "cell"),
                  self.user_para(value, field, "cell", label.lower(), width)]
                 for label, value, field in rows]
        return self.table(cells, [S.FRAME_WIDTH * 0.28, width], header=False)
