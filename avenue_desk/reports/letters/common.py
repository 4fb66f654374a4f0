"""The layout every letter shares; each letter adds its merge values and its template.

Letterhead; "Private and confidential"; the recipient's name and address beside the date
and reference; "Dear ..."; the subject; the body from the template; "Yours sincerely",
a space to sign, the headteacher's name and title; and a note naming the policy edition
in force when the post was made.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from avenue_desk.policy import get_category, get_edition, get_platform, posted_where

from .. import styles as S
from ..base import DocumentRenderer
from ..context import IncidentDetails, PersonDetails, SchoolDetails
from ..errors import TemplateProblem
from ..fonts import FontRegistry
from ..formatting import join_names, one_line, uk_date, uk_date_nb
from ..layout import Columns, Para, Together
from ..templates import (
    MERGE_FIELDS,
    Block,
    MergeValue,
    check_template,
    default_template,
    fill_template,
    strip_comments,
    template_fields,
)
from ..text import markup
from .wording import EditionWording, policy_date, wording_for

SIGNATURE_SPACE = 17 * mm


def category_phrase(key: str) -> str:
    label = get_category(key).label
    return label[:1].lower() + label[1:]


class Letter(DocumentRenderer):
    """A letter about one incident, to one person, from the headteacher."""

    kind = ""  # the template's name in resources/templates
    title = "Letter"
    closing = "Yours sincerely"
    confidential = True
    refuses_unprintable = True  # the letter editor names the field and can describe them

    def __init__(
        self,
        school: SchoolDetails,
        recipient: PersonDetails,
        incident: IncidentDetails,
        *,
        letter_date: date,
        template: str | None = None,
        overrides: Mapping[str, MergeValue] | None = None,
        fonts: FontRegistry | None = None,
    ) -> None:
        super().__init__(school, fonts=fonts)
        self.recipient = recipient
        self.incident = incident
        self.letter_date = letter_date
        self.template = template if template is not None else default_template(self.kind)
        self.overrides = dict(overrides or {})
        self.edition = get_edition(incident.policy_edition)
        self.wording: EditionWording = wording_for(incident.policy_edition)

    # -- merge values ---------------------------------------------------------------------

    def extra_values(self) -> dict[str, MergeValue]:
        """The fields only this letter offers."""
        return {}

    def merge_values(self) -> dict[str, MergeValue]:
        """Every field this letter can fill, pre-filled; overrides (edits) win."""
        inc, school, person = self.incident, self.school, self.recipient
        values: dict[str, MergeValue] = {
            "school_name": school.name,
            "school_address": one_line(school.address),
            "school_phone": school.phone,
            "school_email": school.email,
            "head_name": school.head_name,
            "parent_name": person.name,
            "pupil_names": join_names(person.children),
            "relationship": person.relationship,
            "letter_date": uk_date_nb(self.letter_date),
            "incident_ref": inc.reference,
            "date_posted": uk_date_nb(inc.posted_on),
            "date_seen": uk_date_nb(inc.seen_on),
            "platform": get_platform(inc.platform).label,
            "posted_where": posted_where(get_platform(inc.platform)),
            "location": inc.location,
            "excerpt": inc.excerpt,
            "summary": inc.summary,
            "categories": tuple(category_phrase(k) for k in inc.categories),
            "policy_title": self.edition.title,
            "policy_date": policy_date(self.edition).replace(" ", "\u00a0"),
        }
        values.update(self.extra_values())
        values.update(self.overrides)
        return values

    def pdf_title(self) -> str:
        return f"{self.title}: {self.recipient.name} ({self.incident.reference})"

    def continuation_header(self) -> str:
        name = self.safe(one_line(self.recipient.name), "parent_name", "running_head")
        return f"{name} · {uk_date(self.letter_date)} · Our ref: {self.incident.reference}"

    # -- the story ------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        values = self.merge_values()
        problems = check_template(self.template, values)
        for problem in problems:
            self.report(problem)
        if not self.school.head_name.strip():
            self.report(
                TemplateProblem(
                    "head_name",
                    "Enter the headteacher's name in Settings: a letter needs someone to sign it.",
                )
            )
        if problems:
            return []
        filled = fill_template(self.template, values)
        for name in dict.fromkeys(self._used_fields()):
            value = values[name]
            text = "\n".join(value) if isinstance(value, tuple) else value
            self.check_printable(text, name, MERGE_FIELDS.get(name, name))
        literal = self._literal_text()
        self.check_printable(literal, "template", "the wording of the letter")
        story = [*self.letterhead(), *self.heading()]
        story.append(
            self.para(f"Dear {self.safe(self.salutation(), 'parent_name')},", "salutation")
        )
        if filled.subject:
            story.append(Para(self._markup(filled.subject, "subject"), self.styles["subject"]))
        body = [flow for block in filled.blocks for flow in self._block(block)]
        story.extend(body[:-1])
        story.append(Together([*body[-1:], *self.sign_off()]))
        story.append(self.edition_note())
        return story

    def salutation(self) -> str:
        return self.recipient.salutation

    def heading(self) -> list[Flowable]:
        """Recipient's name and address on the left; date and reference on the right."""
        person = self.recipient
        left: list[Flowable] = []
        if self.confidential:
            left.append(self.para("<b>Private and confidential</b>", "tight"))
            left.append(Spacer(1, 3))
        left.append(self.user_para(person.name, "parent_name", "tight", "the parent's name"))
        if person.address.strip():
            left.append(
                self.user_para(person.address, "parent_address", "tight", "the parent's address")
            )
        right = [
            self.para(uk_date(self.letter_date), "right"),
            self.para(f"Our ref: {self.incident.reference}", "right"),
        ]
        # Where a one-row table (no side padding, 3 pt above and below) would put them.
        columns = Columns(
            [left, right], [S.FRAME_WIDTH * 0.62, S.FRAME_WIDTH * 0.38], top=3, bottom=3,
            tallest=S.FRAME_HEIGHT,
        )
        return [columns, Spacer(1, 6 * mm)]

    def sign_off(self) -> list[Flowable]:
        return [
            Spacer(1, 4),
            self.para(f"{self.closing},", "tight"),
            Spacer(1, SIGNATURE_SPACE),
            self.user_para(self.school.head_name, "head_name", "tight", "the headteacher's name"),
            self.user_para(
                self.school.head_title, "head_title", "tight", "the headteacher's title"
            ),
        ]

    def edition_note(self) -> Flowable:
        text = (
            f"This letter refers to the school's policy, {self.edition.title} "
            f"({policy_date(self.edition)}): the edition in force when the post was made on "
            f"{uk_date_nb(self.incident.posted_on)}."
        )
        return Together([Spacer(1, 8 * mm), self.plain(text, "note")])

    # -- helpers --------------------------------------------------------------------------

    def _markup(self, text: str, style: str) -> str:
        # Already checked field by field above; escape and set fonts without re-checking.
        st = self.styles[style]
        width = S.FRAME_WIDTH - st.leftIndent - st.rightIndent
        return markup(text, st.fontName, fonts=self.fonts, width=width, size=st.fontSize)

    def _block(self, block: Block) -> list[Flowable]:
        if block.kind == "bullets":
            style = self.styles["bullet"]
            items = [
                Para(self._markup(item, "bullet"), style, bulletText="•")
                for item in block.lines
            ]
            return [*items, Spacer(1, 4)]
        style = "quote" if block.kind == "quote" else "body"
        return [Para(self._markup(line, style), self.styles[style]) for line in block.lines]

    def _used_fields(self) -> list[str]:
        return list(template_fields(self.template))

    def _literal_text(self) -> str:
        parts = string.Formatter().parse(strip_comments(self.template))
        return "".join(literal for literal, *_ in parts)
