"""A one-page guidance sheet for parents: what to consider before posting, and where to
take a concern instead. The words are the policy's own."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from avenue_desk.policy import (
    AVENUE_2021,
    CHANNELS,
    CHANNELS_QUOTE,
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
from .wording import policy_date


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
        if self.issued_on is not None:
            story.append(self.para(uk_date(self.issued_on), "meta"))
        story.append(
            self.plain(
                "Most parents and carers use social media in a positive and responsible way, and "
                "the school welcomes your feedback. This sheet sets out what the school's policy "
                "asks you to think about before posting about the school, and how to raise a "
                "concern so that it can be dealt with quickly and fairly."
            )
        )
        story.append(self.para("Before you post", "h2"))
        story.append(self.plain(PARENT_QUESTIONS_INTRO.text))
        story += [self._bullet(q) for q in PARENT_QUESTIONS]
        story.append(self.para("If you have a concern", "h2"))
        story.append(self.plain(CHANNELS_QUOTE.text))
        font = self.styles["body"].fontName
        labels = []
        for channel in CHANNELS:
            label = markup(channel.label.replace(" ", "\u00a0"), font, fonts=self.fonts)
            if channel.key == "headteacher" and self.school.head_name.strip():
                label += f" ({self.safe(self.school.head_name, 'head_name')})"
            labels.append(label)
        story.append(self.para("<b>Who to contact:</b> " + " · ".join(labels)))
        school = self.school
        ways = [
            f"by telephone on {self.safe(school.phone, 'school_phone')}" if school.phone else "",
            f"by email at {self.safe(school.email, 'school_email')}" if school.email else "",
        ]
        if any(ways):
            story.append(Spacer(1, 3))
            story.append(
                self.para(
                    "You can contact the school office " + " or ".join(w for w in ways if w) + "."
                )
            )
        story.append(
            KeepTogether(
                [
                    Spacer(1, 6 * mm),
                    self.plain(
                        "The questions and the channels above are quoted from the school's policy, "
                        f"{self.edition.title} ({policy_date(self.edition)}).",
                        "note",
                    ),
                ]
            )
        )
        return story

    def _bullet(self, text: str) -> Paragraph:
        style = self.styles["bullet"]
        return Para(markup(text, style.fontName, fonts=self.fonts), style, bulletText="•")
