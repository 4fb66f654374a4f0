"""A one-page guidance sheet for parents: what to consider before posting, what the school
considers inappropriate, what the policy asks of parents about their children, and where to
take a concern instead, with the school's real contacts. The policy's words are its own."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from avenue_desk.policy import (
    AVENUE_2021,
    CATEGORIES,
    CHANNELS_QUOTE,
    CHILDREN_QUOTE,
    INAPPROPRIATE_USES_INTRO,
    PARENT_QUESTIONS,
    PARENT_QUESTIONS_INTRO,
    get_edition,
)

from ..base import DocumentRenderer
from ..context import SchoolDetails
from ..fonts import FontRegistry
from ..formatting import uk_date
from ..layout import Para
from ..text import markup
from .contacts import chair_phrase, complaints_phrase
from .wording import policy_date

# A size smaller than a letter, so that the whole sheet keeps to one side of A4.
BODY, BULLET, HEADING = "compact", "compact_bullet", "compact_h2"


class GuidanceSheet(DocumentRenderer):
    """The questions and channels come from the edition that holds them (avenue-2021)."""

    title = "Social media: a guide for parents and carers"

    def __init__(
        self,
        school: SchoolDetails,
        *,
        issued_on: date | None = None,
        fonts: FontRegistry | None = None,
    ) -> None:
        super().__init__(school, fonts=fonts)
        self.issued_on = issued_on
        self.edition = get_edition(AVENUE_2021)

    def story(self) -> list[Flowable]:
        story = [*self.letterhead(), self.para(self.title, "h1")]
        story.append(
            self.plain(
                "Most parents and carers use social media in a positive and responsible way, and "
                "the school welcomes your feedback. This sheet sets out what the school's policy "
                "asks of you, and how to raise a concern so that it is dealt with fairly.", BODY
            )
        )
        story.append(self.para("Before you post", HEADING))
        story.append(self.plain(PARENT_QUESTIONS_INTRO.text, BODY))
        story += [self._bullet(q) for q in PARENT_QUESTIONS]
        story.append(self.para("What the school considers inappropriate", HEADING))
        story.append(self.plain(INAPPROPRIATE_USES_INTRO.text, BODY))
        story += [self._bullet(c.quote.text) for c in CATEGORIES if c.key != "other"]
        story.append(self.para("Your children and social media", HEADING))
        story.append(self.plain(CHILDREN_QUOTE.text, BODY))
        story.append(self.para("If you have a concern", HEADING))
        story.append(self.plain(CHANNELS_QUOTE.text, BODY))
        story += self._contacts()
        story.append(
            KeepTogether(
                [
                    Spacer(1, 2 * mm),
                    self.plain(
                        (f"Issued {uk_date(self.issued_on)}. " if self.issued_on else "")
                        + f"Quoted from the school's policy, {self.edition.title} "
                        f"({policy_date(self.edition)}): the questions, the examples, the "
                        "paragraph on children and the channels.",
                        "note",
                    ),
                ]
            )
        )
        return story

    def _contacts(self) -> list[Flowable]:
        """Who to contact, with the school's real names and places: each of the policy's
        channels (the office's phone, email and website are in the letterhead)."""
        school = self.school
        head = f"The Headteacher, {school.head_name.strip()}" if school.head_name.strip() \
            else "The Headteacher"
        chair = chair_phrase(school).rstrip(",")
        lines = [
            ("class_teacher", "Your child's class teacher, through the school office"),
            ("head_name", head),
            ("school.chair_of_governors", chair[:1].upper() + chair[1:]
             + " (write to them at the school)"),
            ("school.complaints_procedure", complaints_phrase(school)[:1].upper()
             + complaints_phrase(school)[1:].replace("the school's complaints", "complaints", 1)),
        ]
        lead = self.para("<b>Who to contact:</b>", BODY)
        lead.keepWithNext = 1
        items = [lead]
        style = self.styles[BULLET]
        for field, text in lines:
            items.append(Para(self.safe(text, field, BULLET), style, bulletText="•"))
        return items

    def _bullet(self, text: str) -> Paragraph:
        style = self.styles[BULLET]
        return Para(markup(text, style.fontName, fonts=self.fonts), style, bulletText="•")
