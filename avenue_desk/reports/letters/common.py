"""The layout every letter shares; each letter adds its merge values and its template.

Letterhead; "Private and confidential"; the recipient's name and address beside the date
and reference; "Dear ..."; the subject; the body from the template; "Yours sincerely",
a space to sign, the headteacher's name and signature line; and a note naming the policy
edition in force when the post was made.

Every value comes from the record: the post as recorded (post.py), the school's real
contacts (contacts.py), the date to act by from the follow-up date the app works out, and
what was discussed only when that discussion is on the timeline. Before printing, the
checks (checks.py) must be put right or answered: a letter with no address, for a post
recorded as removed, or for a meeting the school cannot hold.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from avenue_desk.policy import get_category, get_edition, get_platform, posted_where
from avenue_desk.policy.school_days import follow_up_after
from avenue_desk.policy.settings_school import FOLLOW_UP_DAYS

from .. import styles as S
from ..base import DocumentRenderer
from ..context import ActionLine, IncidentDetails, PersonDetails, SchoolDetails
from ..errors import TemplateProblem
from ..fonts import FontRegistry
from ..formatting import join_names, one_line, uk_date, uk_date_nb, uk_date_with_day
from ..layout import Columns, Para, Together
from ..templates import (
    MERGE_FIELDS,
    Block,
    MergeValue,
    check_template,
    default_template,
    fill_template,
    parse_template,
    strip_comments,
    template_fields,
)
from ..text import markup
from .checks import LetterCheck, no_address, post_removed
from .contacts import (
    class_teacher_phrase,
    complaints_phrase,
    concern_channels,
    first_name,
    office_contact,
)
from .post import post_details, post_where
from .wording import EditionWording, policy_date, wording_for

SIGNATURE_SPACE = 17 * mm
SUBJECT_LIMIT = 300  # characters: a subject is one or two lines
SALUTATION_LIMIT = 200


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
    asks_for_removal = False  # the letter asks for the post to be taken down

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
        reply_by: date | None = None,
        actions: Sequence[ActionLine] = (),
        answered: Iterable[str] = (),
        term_dates: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(school, fonts=fonts)
        self.recipient = recipient
        self.incident = incident
        self.letter_date = letter_date
        self.actions = tuple(actions)  # the timeline as it stands
        self.answered = frozenset(answered)  # the checks the person printing it answered
        self.term_dates = dict(term_dates or {})  # the school's term dates (``term.*``)
        # The follow-up date recording this letter sets (a school day): the date by which
        # the letter asks for something to be done. The services pass the one the school's
        # settings give; without it, the standard follow-up period from the letter's date.
        self.reply_by = reply_by or default_reply_by(letter_date, self.term_dates)
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
            "school_website": school.website,
            "school_contact": office_contact(school),
            "chair_of_governors": school.chair_of_governors,
            "complaints_procedure": complaints_phrase(school),
            "head_name": school.head_name,
            "concern_channels": concern_channels(school, person.children),
            "class_teacher": class_teacher_phrase(person.children),
            "child_education": child_education(person.children),
            "parent_name": person.name,
            "pupil_names": join_names(person.children),
            "relationship": person.relationship,
            "letter_date": uk_date_nb(self.letter_date),
            "incident_ref": inc.reference,
            "date_posted": uk_date_nb(inc.posted_on),
            "date_seen": uk_date_nb(inc.seen_on),
            "platform": get_platform(inc.platform).label,
            "posted_where": posted_where(get_platform(inc.platform)),
            "post_where": post_where(inc),
            "post_details": post_details(inc),
            "deadline": uk_date_with_day(self.reply_by),
            "history": self.history(),
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

    def checks(self) -> list[LetterCheck]:
        """What must be put right or answered before this letter prints (checks.py)."""
        found = []
        # A private letter goes to someone's home; one to a platform goes by its own route.
        if self.confidential and not self.recipient.address.strip():
            found.append(no_address(one_line(self.recipient.name)))
        if self.asks_for_removal and not self.incident.content_still_up:
            found.append(post_removed())
        return found

    def history(self) -> str:
        """What the school has done so far, as recorded: "The school spoke to you about it
        on 3 December 2026 and wrote to ask you to remove it on 10 December 2026, but the
        matter has not been resolved." Nothing is claimed that is not on the timeline."""
        said = {
            "informal_discussion": "spoke to you about it on {}",
            "removal_request": "wrote to ask you to remove it on {}",
            "headteacher_meeting": "asked you to a meeting with the Headteacher on {}",
            "restrict_forum_access": "restricted your access to its website and forum on {}",
            "written_warning": "gave you a formal warning in writing on {}",
        }
        # A step of this letter's own kind dated on or after the letter is the letter
        # itself, recorded when it was printed: a reprinted warning must not say it
        # "gave you a formal warning in writing" on its own date.
        own = getattr(self, "step", None)
        done = [said[a.step].format(uk_date_nb(a.date)) for a in self.actions
                if a.step in said and not (a.step == own and a.date >= self.letter_date)]
        if not done:
            return "The matter has not been resolved."
        return f"The school {join_names(done)}, but the matter has not been resolved."

    def discussed_on(self) -> date | None:
        """The day of the latest informal discussion on the timeline, if there was one."""
        days = [a.date for a in self.actions if a.step == "informal_discussion"]
        return max(days) if days else None

    def continuation_header(self) -> str:
        name = self.safe(one_line(self.recipient.name), "parent_name", "running_head")
        return f"{name} · {uk_date(self.letter_date)} · Our ref: {self.incident.reference}"

    # -- the story ------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        values = self.merge_values()
        problems = check_template(self.template, values)
        for problem in problems:
            self.report(problem)
        for check in self.checks():
            if not (check.key and check.key in self.answered):
                self.report(TemplateProblem(check.field, check.message))
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
        if self._too_long(filled.subject, self.salutation()):
            return []
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
        blocks = [self._block(block) for block in filled.blocks]
        leads = [b.kind == "para" and b.lines[-1].rstrip().endswith(":") for b in filled.blocks]
        held: list[Flowable] = []  # a paragraph ending "…says:" waits for what it introduces
        for flows, lead in zip(blocks[:-2], leads[:-2], strict=True):
            if held:
                story.append(Together([*held, flows[0]]))
                flows, held = flows[1:], []
            if lead:
                held = list(flows)
            else:
                story.extend(flows)
        # The last two paragraphs go with the signature and the note under it: a letter
        # that runs over ends on a page with something to read, never one with the sign-off
        # or the note alone.
        story.append(Together([*held, *(f for flows in blocks[-2:] for f in flows),
                               *self.sign_off(), *self.edition_note_parts()]))
        return story

    def salutation(self) -> str:
        return self.recipient.salutation

    def _too_long(self, subject: str, salutation: str) -> bool:
        """Reports a subject or salutation too long to head a letter, naming what to
        shorten. They are kept with the paragraph after them, so one taller than a page
        could never be placed (platypus would try for ever)."""
        found = False
        if len(subject) > SUBJECT_LIMIT:
            names = [n for n in template_fields(parse_template(self.template).subject)]
            what = (" (" + ", ".join(f"{{{n}}}" for n in names) + ")") if names else ""
            self.report(TemplateProblem(
                names[-1] if names else "template",
                f"The subject line is {len(subject):,} characters long{what}; a subject can "
                f"be at most {SUBJECT_LIMIT}: shorten it."))
            found = True
        if len(salutation) > SALUTATION_LIMIT:
            self.report(TemplateProblem(
                "parent_salutation", f"“Dear …” would be {len(salutation):,} characters long; "
                f"at most {SALUTATION_LIMIT}: shorten the salutation, title or surname."))
            found = True
        return found

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
                self.school.head_title, "head_title", "tight", "the signature line"
            ),
        ]

    def edition_note(self) -> Flowable:
        return Together(self.edition_note_parts())

    def edition_note_parts(self) -> list[Flowable]:
        text = (
            f"This letter refers to the school's policy, {self.edition.title} "
            f"({policy_date(self.edition)}): the edition in force when the post was made on "
            f"{uk_date_nb(self.incident.posted_on)}."
        )
        return [Spacer(1, 4 * mm), self.plain(text, "note")]

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


def default_reply_by(letter_date: date, term_dates: Mapping[str, str]) -> date:
    """The standard follow-up period after ``letter_date``, on a school day."""
    return follow_up_after(letter_date, FOLLOW_UP_DAYS.default, term_dates)


def child_education(children: tuple[str, ...]) -> str:
    """ "Ela's education", "the education of Ela and Jan": said the same to a parent, a
    carer or a grandparent (never "your child's")."""
    names = list(dict.fromkeys(first_name(c) for c in children if c.strip()))
    if not names:
        return "any child's education at the school"
    if len(names) == 1:
        return f"{names[0]}’s education"
    return f"the education of {join_names(names)}"

