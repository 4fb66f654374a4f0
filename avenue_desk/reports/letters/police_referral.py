"""Police referral pack: what an officer needs to act on, taken only from the school's record.

The school's contact for the officer; why the school refers the matter (the kind of
offence it believes it may be and its reason in its own words, beside the policy's
sentence); the incident with its dates and times, web address and the account that
posted; the reports made to the platform, with their references and replies
(``police_platform``); every other incident by the same poster (harassment is a course of
conduct); the chronology of the posts and of every step on them, as the record stands; the evidence
list with each file's SHA-256 and capture time (marked plainly when a file no longer
matches its fingerprint or is missing); and each evidence image on its own page.

What the record does not hold prints as "not recorded", never guessed. A missing reason
or kind of offence is a problem to put right before the pack prints (``problems()``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, time
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from avenue_desk.policy import get_edition, get_platform, get_step, posted_where
from avenue_desk.policy.platform_routes import web_address_in
from avenue_desk.policy.police_referral import NOT_A_LEGAL_VIEW, OffenceKind, get_offence_kind

from .. import styles as S
from ..base import DocumentRenderer, scaled_image
from ..context import (
    ActionLine,
    EvidenceItem,
    IncidentDetails,
    PersonDetails,
    PlatformReportLine,
    RelatedIncident,
    SchoolDetails,
)
from ..errors import MissingResource, TemplateProblem, unprintable_note
from ..fonts import FontRegistry
from ..formatting import clock_time, day_and_time, join_names, one_line, uk_date
from ..layout import Para
from ..text import markup, uncovered_characters
from .common import SIGNATURE_SPACE, category_phrase
from .police_platform import platform_reports_section
from .wording import policy_date, wording_for

NOT_RECORDED = "not recorded"
_STATUS = {
    "missing": "FILE MISSING: the stored copy could not be found.",
    "changed": "DOES NOT VERIFY: this file has changed since it was captured.",
}
# Words in a summary that say a copy of the post was kept (to square with the evidence list).
_KEPT_A_COPY = re.compile(r"screen[\s-]?shots?|screen[\s-]?grabs?|photos?|print[\s-]?outs?|"
                          r"saved (?:a )?cop(?:y|ies)", re.IGNORECASE)
NO_REASON = ("The school's reason for the referral is not recorded: the Headteacher writes "
             "it, in the school's own words, on the incident's Police referral tab.")
NO_KIND = ("The kind of offence the school believes it may be is not recorded: the "
           "Headteacher chooses it on the incident's Police referral tab.")

_LABEL_WIDTH = 42 * mm
_VALUE_WIDTH = S.FRAME_WIDTH - _LABEL_WIDTH
_PADDING = 6  # a table cell's left and right padding together


def evidence_status(item: EvidenceItem) -> str:
    if item.verified:
        return "Verified: matches its SHA-256."
    return _STATUS.get(item.problem, _STATUS["changed"])


def split_hash(sha256: str) -> str:
    """The hash on two lines of 32, so it fits a column and can still be copied whole."""
    return f"{sha256[:32]}<br/>{sha256[32:]}" if len(sha256) > 32 else sha256


class PoliceReferralPack(DocumentRenderer):
    title = "Referral to the Police"
    step = "police"
    refuses_unprintable = True  # prepared in the letter editor, which can describe them

    def __init__(
        self,
        school: SchoolDetails,
        incident: IncidentDetails,
        *,
        prepared_on: date,
        actions: Sequence[ActionLine] = (),
        evidence: Sequence[EvidenceItem] = (),
        poster: PersonDetails | None = None,
        related: Sequence[RelatedIncident] = (),
        platform_reports: Sequence[PlatformReportLine] = (),
        withdrawn_steps: int = 0,
        fonts: FontRegistry | None = None,
    ) -> None:
        super().__init__(school, fonts=fonts)
        self.incident = incident
        self.prepared_on = prepared_on
        self.actions = tuple(actions)
        self.evidence = tuple(evidence)
        self.poster = poster
        self.related = tuple(related)
        self.platform_reports = tuple(platform_reports)
        self.withdrawn_steps = withdrawn_steps
        self.edition = get_edition(incident.policy_edition)
        self.wording = wording_for(incident.policy_edition)

    def pdf_title(self) -> str:
        return f"{self.title}: {self.incident.reference}"

    def continuation_header(self) -> str:
        return f"{self.title} · Incident {self.incident.reference} · {uk_date(self.prepared_on)}"

    def story(self) -> list[Flowable]:
        inc = self.incident
        story = [*self.letterhead(), self.para(self.title, "h1")]
        story.append(
            self.para(
                f"Incident {inc.reference} · prepared on {uk_date(self.prepared_on)} by "
                f"{self.safe(self.school.head_name, 'head_name', 'meta')}, "
                f"{self.safe(self.school.head_title, 'head_title', 'meta')}",
                "meta",
            )
        )
        story.append(
            self.plain(
                "The school asks the Police to consider the matter below. The details are taken "
                "from the school's incident log; anything the log does not hold is marked “not "
                "recorded”. The school keeps the evidence files securely and can provide them "
                "on request; each file's SHA-256 fingerprint shows whether a copy is identical "
                "to the one the school captured."
            )
        )
        story += self._contact_section()
        story += self._reason_section()
        story += self._incident_section()
        story += platform_reports_section(self, self.platform_reports)
        story += self._related_section()
        story += self._chronology_section()
        story += self._evidence_section()
        story += self._sign_off()
        story += self._evidence_pages()
        return story

    # -- pieces ---------------------------------------------------------------------------

    def _row(self, label: str, value: str, field: str, label_text: str = "") -> list:
        """A label and the user's text; an empty value prints "not recorded"."""
        if not value.strip():
            return [self.para(label, "cell_bold"), self.para(NOT_RECORDED, "cell")]
        return [
            self.para(label, "cell_bold"),
            self.user_para(value, field, "cell", label_text or label.lower(),
                           _VALUE_WIDTH - _PADDING),
        ]

    def _fixed(self, label: str, value: str) -> list:
        return [self.para(label, "cell_bold"), self.plain(value, "cell")]

    def _pairs(self, rows: list) -> Flowable:
        return self.table(rows, [_LABEL_WIDTH, _VALUE_WIDTH], False)

    def _lenient(self, text: str, style: str, width: float) -> Para:
        """Text from other records than this incident's (other incidents, their steps):
        the letter editor cannot correct it, so characters no font has are named in a note
        in its place rather than holding up the pack."""
        missing = uncovered_characters(text, self.fonts)
        if missing:
            text = unprintable_note(missing)
        st = self.styles[style]
        return Para(markup(text, st.fontName, fonts=self.fonts, width=width - _PADDING,
                           size=st.fontSize), st)

    def _kind(self) -> OffenceKind | None:
        try:
            return get_offence_kind(self.incident.offence_kind) if self.incident.offence_kind \
                else None
        except ValueError:
            return None

    # -- sections -------------------------------------------------------------------------

    def _contact_section(self) -> list[Flowable]:
        school = self.school
        head = ", ".join(p for p in (school.head_name.strip(), school.head_title.strip()) if p)
        rows = [
            self._row("Contact", head, "head_name", "the headteacher's name"),
            self._row("School", ", ".join(p for p in (school.name, one_line(school.address))
                                          if p.strip()), "school_address", "the school's address"),
            self._row("Telephone", school.phone, "school_phone", "the school's phone number"),
            self._row("Email", school.email, "school_email", "the school's email address"),
        ]
        return [self.para("The school's contact for the officer", "h2"), self._pairs(rows)]

    def _reason_section(self) -> list[Flowable]:
        inc, kind = self.incident, self._kind()
        if not inc.referral_reason.strip():
            self.report(TemplateProblem("referral_reason", NO_REASON))
        if kind is None:
            self.report(TemplateProblem("offence_kind", NO_KIND))
        rows = [
            self._fixed("Kind of offence the school believes it may be",
                        kind.label if kind else NOT_RECORDED),
            self._row("The school's reason, in its own words", inc.referral_reason,
                      "referral_reason", "the reason for the referral"),
        ]
        story: list[Flowable] = [self.para("Why the school is referring this", "h2"),
                                 self._pairs(rows), Spacer(1, 4)]
        story += self._policy_section(kind)
        story.append(self.plain(NOT_A_LEGAL_VIEW, "note"))
        return story

    def _policy_section(self, kind: OffenceKind | None) -> list[Flowable]:
        edition, quote = self.edition, self.wording.police
        named = (
            f"The school's policy, {edition.title} ({policy_date(edition)}), the edition in "
            "force when the post was made,"
        )
        if quote is None:
            return [self.plain(f"{named} does not mention the Police. It says:"),
                    self.plain(f"“{self.wording.approach.text}”", "quote")]
        story = [self.plain(f"{named} says:"), self.plain(f"“{quote.text}”", "quote")]
        if kind is not None and kind.clause_words and kind.clause_words in quote.text:
            story.append(self.plain(f"The kind of offence recorded is the one the policy names "
                                    f"in the words “{kind.clause_words}”."))
        return story

    def _incident_section(self) -> list[Flowable]:
        inc = self.incident
        address = web_address_in(inc.location)
        rows = [
            self._fixed("Reference", inc.reference),
            self._fixed("Posted", day_and_time(inc.posted_on, inc.posted_at)),
            self._fixed("Seen by the school", day_and_time(inc.seen_on, inc.seen_at)),
            self._fixed("Platform", get_platform(inc.platform).label),
            self._row("Web address", address, "location", "the location"),
        ]
        if inc.location.strip() and inc.location.strip() != address:
            rows.append(self._row("Where, as recorded", inc.location, "location", "the location"))
        rows.append(self._row("Account that posted", inc.poster_account, "poster_account",
                              "the account that posted"))
        if self.poster is not None:
            who = self.poster.name + (f"\n{self.poster.address}" if self.poster.address else "")
            rows.append(self._row("Person the school believes posted it", who, "poster_name",
                                  "the poster's name"))
        else:
            rows.append(self._fixed("Person the school believes posted it",
                                    "not identified on the school's record"))
        kinds = join_names([category_phrase(k) for k in inc.categories]).capitalize()
        rows.append(self._fixed("Kind of post", kinds or NOT_RECORDED))
        rows.append(self._fixed("Still online", "Yes, when last checked" if inc.content_still_up
                                else "No: removed"))
        for label, names, field, words in (
            ("Pupils named", inc.named_pupils, "named_pupils", "the names of the pupils"),
            ("Staff named", inc.named_staff, "named_staff", "the names of the staff"),
        ):
            if names:
                rows.append(self._row(label, join_names(names), field, words))
        if inc.reported_by:
            rows.append(self._row("Reported by", inc.reported_by, "reported_by"))
        story: list[Flowable] = [self.para("The incident", "h2"), self._pairs(rows)]
        if inc.excerpt.strip():
            story += [
                self.para("What was posted (verbatim)", "h2"),
                self.user_para(inc.excerpt, "excerpt", "excerpt", "the excerpt"),
            ]
        if inc.summary.strip():
            story += [
                self.para("Summary", "h2"),
                self.user_para(inc.summary, "summary", "body", "the summary"),
            ]
        return story

    def _related_section(self) -> list[Flowable]:
        inc, kind = self.incident, self._kind()
        story: list[Flowable] = [self.para("Other incidents by the same poster", "h2")]
        if self.poster is None and not inc.poster_account.strip():
            return [*story, self.plain(
                "No poster or posting account is recorded for this incident, so the school's "
                "record cannot show other incidents by the same poster.")]
        if not self.related:
            return [*story, self.plain("The school's record holds no other incident by the "
                                       "same poster (the same person or the same account).")]
        count = len(self.related)
        intro = (f"The school's record holds {count} other incident{'s' * (count != 1)} by the "
                 "same poster (the same person on its record, or the same account).")
        if kind is not None and kind.course_of_conduct:
            intro += " Harassment is a course of conduct: each is listed with its dates."
        widths = [14 * mm, 30 * mm, 44 * mm, S.FRAME_WIDTH - 106 * mm, 18 * mm]
        rows = [[self.para(t, "cell_bold") for t in ("Ref", "Posted", "Where", "What", "Case")]]
        for other in self.related:
            where = " · ".join(p for p in (get_platform(other.platform).label,
                                           other.location.strip(), other.poster_account.strip())
                               if p)
            what = join_names([category_phrase(k) for k in other.categories]).capitalize()
            what = ": ".join(p for p in (what, other.summary) if p) or NOT_RECORDED
            rows.append([
                self.para(other.reference, "cell"),
                self.plain(day_and_time(other.posted_on, other.posted_at), "cell"),
                self._lenient(where, "cell", widths[2]),
                self._lenient(what, "cell", widths[3]),
                self.para("Closed" if other.closed else "Open", "cell"),
            ])
        lead = self.plain(intro)
        lead.keepWithNext = True
        return [*story, lead, self.table(rows, widths)]

    def _events(self) -> list[tuple]:
        """(day, time, order, reference, what, by, outcome) of every post and step."""
        inc = self.incident
        events = [(inc.posted_on, inc.posted_at, 0, inc.reference,
                   f"Posted {posted_where(get_platform(inc.platform))}", "", "")]
        if inc.seen_on is not None:
            events.append((inc.seen_on, inc.seen_at, 1, inc.reference, "Seen by the school", "",
                           f"Reported by {inc.reported_by}" if inc.reported_by else ""))
        events += [(a.date, a.taken_at, 2, inc.reference, get_step(a.step).label, a.by,
                    "\n".join(p for p in (a.outcome, a.notes) if p.strip()))
                   for a in self.actions]
        for other in self.related:
            events.append((other.posted_on, other.posted_at, 0, other.reference,
                           f"Posted {posted_where(get_platform(other.platform))}", "", ""))
            events += [(a.date, a.taken_at, 2, other.reference, get_step(a.step).label, a.by,
                        "\n".join(p for p in (a.outcome, a.notes) if p.strip()))
                       for a in other.actions]
        # Stable: within a day, untimed entries keep their recorded order before timed ones.
        return sorted(events, key=lambda e: (e[0], e[1] or time.min, e[2]))

    def _chronology_section(self) -> list[Flowable]:
        intro = self.plain("The posts and every step the school has taken on this incident"
                           + (" and on the poster's other incidents" if self.related else "")
                           + ", in date order, as the record stands (a corrected step as "
                           "corrected).")
        intro.keepWithNext = True  # never a heading and its sentence alone above the table
        story: list[Flowable] = [self.para("Chronology", "h2"), intro]
        widths = [28 * mm, 14 * mm, 14 * mm, 38 * mm, 25 * mm, S.FRAME_WIDTH - 119 * mm]
        rows = [[self.para(t, "cell_bold")
                 for t in ("Date", "Time", "Ref", "What happened", "By", "Outcome")]]
        for day, at, _order, reference, what, by, outcome in self._events():
            rows.append([
                self.para(uk_date(day), "cell"),
                self.para(clock_time(at) or NOT_RECORDED, "cell" if at else "cell_small"),
                self.para(reference, "cell"),
                self.plain(what, "cell"),
                self._lenient(by, "cell", widths[4]),
                self._lenient(outcome, "cell", widths[5]),
            ])
        story.append(self.table(rows, widths))
        if not self.actions:
            story.append(self.plain("No steps are recorded on this incident yet.", "note"))
        if self.withdrawn_steps:
            n = self.withdrawn_steps
            story.append(self.plain(f"{n} step{'s' * (n != 1)} recorded and later withdrawn "
                                    f"{'is' if n == 1 else 'are'} left out.", "note"))
        return story

    def _evidence_section(self) -> list[Flowable]:
        story: list[Flowable] = [self.para("Evidence", "h2")]
        if not self.evidence:
            story.append(self.plain("No evidence files are stored with this incident in "
                                    "Avenue Desk."))
            said = " ".join((self.incident.summary, self.incident.excerpt))
            if _KEPT_A_COPY.search(said):
                story.append(self.para(
                    "The summary mentions a screenshot or another copy of the post. It is not "
                    "stored in Avenue Desk, so it is not listed here and has no fingerprint: "
                    "ask the school for it.", "alert"))
            return story
        widths = [7 * mm, 38 * mm, 27 * mm, 61 * mm, S.FRAME_WIDTH - 133 * mm]
        header = [self.para(t, "cell_bold") for t in ("#", "File", "Captured", "SHA-256", "Check")]
        rows = [header]
        for n, item in enumerate(self.evidence, 1):
            kind = "" if item.is_image else f"\n({item.media_type}: listed, not reproduced)"
            status = evidence_status(item)
            rows.append(
                [
                    self.para(str(n), "cell"),
                    # The cell's own width: a right-to-left name is broken into lines before
                    # it is reordered, so it reads (and copies) in its own order.
                    self.user_para(item.original_name + kind, f"evidence_{n}_name", "cell",
                                   f"the name of evidence file {n}", widths[1] - _PADDING),
                    self._captured_cell(item, widths[2]),
                    self.para(split_hash(item.sha256), "cell_small"),
                    self.para(
                        status
                        if item.verified
                        else f'<font color="#b00020"><b>{status}</b></font>',
                        "cell_small",
                    ),
                ]
            )
        story.append(self.table(rows, widths))
        story += self._capture_places()
        bad = sum(not item.verified for item in self.evidence)
        if bad:
            story.append(Spacer(1, 4))
            story.append(
                self.para(
                    f"{bad} of {len(self.evidence)} evidence files {'does' if bad == 1 else 'do'} "
                    "not verify: see the Check "
                    "column. Their contents may not be what the school captured.",
                    "alert",
                )
            )
        return story

    def _captured_cell(self, item: EvidenceItem, width: float) -> Flowable:
        """When, and by whom: "4 October 2026 at 08:12, by Mrs Shah"."""
        when = day_and_time(item.captured_on, item.captured_at)
        by = item.captured_by.strip()
        return self._lenient(f"{when}, by {by}" if by else when, "cell", width)

    def _capture_places(self) -> list[Flowable]:
        """What each capture shows: the web address captured and the account on it, as a
        police officer asks for them with a screenshot ("not recorded" where not kept)."""
        widths = [7 * mm, S.FRAME_WIDTH - 62 * mm, 55 * mm]
        rows = [[self.para(t, "cell_bold") for t in ("#", "Web address captured",
                                                      "Account shown")]]
        for n, item in enumerate(self.evidence, 1):
            rows.append([self.para(str(n), "cell"),
                         *(self._lenient(value, "cell", width) if value.strip()
                           else self.para(NOT_RECORDED, "cell_small")
                           for value, width in ((item.url, widths[1]),
                                                (item.account_shown, widths[2])))])
        lead = self.plain("Where each file was captured:")
        lead.keepWithNext = True
        return [Spacer(1, 4), lead, self.table(rows, widths)]

    def _sign_off(self) -> list[Flowable]:
        return [
            KeepTogether(
                [
                    Spacer(1, 8 * mm),
                    self.para("Prepared by", "tight"),
                    Spacer(1, SIGNATURE_SPACE),
                    self.user_para(
                        self.school.head_name, "head_name", "tight", "the headteacher's name"
                    ),
                    self.user_para(self.school.head_title, "head_title", "tight"),
                    self.para(
                        f"{self.safe(self.school.name, 'school_name', 'tight')}, "
                        f"{uk_date(self.prepared_on)}",
                        "tight",
                    ),
                ]
            )
        ]

    def _evidence_pages(self) -> list[Flowable]:
        story: list[Flowable] = []
        images = [(n, item) for n, item in enumerate(self.evidence, 1) if item.is_image]
        for n, item in images:
            captured = day_and_time(item.captured_on, item.captured_at)
            head = [
                self.para(f"Evidence {n} of {len(self.evidence)}", "h2"),
                self.user_para(item.original_name, f"evidence_{n}_name", "body"),
                self.plain(f"Captured {captured} · SHA-256 {item.sha256}", "note"),
            ]
            if not item.verified:
                head.append(self.para(evidence_status(item), "alert"))
            story += [PageBreak(), *head, Spacer(1, 4 * mm), self._image(item)]
        return story

    def _image(self, item: EvidenceItem) -> Flowable:
        if item.path is None:
            return self.para(_STATUS["missing"], "alert")
        try:
            return scaled_image(Path(item.path), S.FRAME_WIDTH, S.FRAME_HEIGHT - 48 * mm)
        except MissingResource as exc:
            return Para(
                f"The image could not be shown: {self.safe(str(exc), 'evidence')}",
                self.styles["alert"],
            )
