"""Reporting a post to the platform: the prepared text for the platform's own form.

Platforms take reports through their own menus and web forms, not by letter or post. This
sheet is what the person reporting needs beside them: where the platform takes reports
(``policy.platform_routes``), the details its form asks for, ready to copy (the link, the
account, the date and time posted, the words of the post, the reason to choose, the
school's email), and a short factual description for the form's box for more detail (the
school's editable wording, which says why the post breaks the platform's rules and the
school's policy). It names no pupil: a child named in the post is "a child".

A report must point at the post. Where the platform's posts have links and none is
recorded (only a group or page name), the sheet does not print: the office is asked for
the link first (``problems()``), since the platform cannot find a post from a name.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from avenue_desk.policy import get_platform
from avenue_desk.policy.platform_routes import (
    ROUTES,
    ReportingRoute,
    route_for,
    web_address_in,
)

from .. import styles as S
from ..context import IncidentDetails, PersonDetails, SchoolDetails
from ..errors import TemplateProblem
from ..formatting import day_and_time, uk_date, uk_date_nb
from ..layout import Para, Together
from ..templates import MERGE_FIELDS, MergeValue, check_template, fill_template
from .common import Letter
from .wording import policy_date

# Kept for a school's own wording saved before routes were data (it may use {platform_rules}).
PLATFORM_RULES = {route.platform: route.rules_name for route in ROUTES}

# Why a post of each kind breaks the rules every major platform has in common.
BREACH_REASONS = {
    "allegation": "It makes allegations about identifiable members of staff or pupils at a "
    "primary school, which amounts to bullying and harassment of private individuals.",
    "complaint": "It singles out identifiable members of staff, who are private individuals, "
    "for public criticism, which may amount to harassment.",
    "defamatory": "It makes statements about identifiable people that the school believes to "
    "be untrue and damaging to their reputation.",
    "offensive": "It posts negative and offensive comments about specific pupils or members "
    "of staff, which is bullying and harassment; the pupils are young children.",
    "racist": "It contains racist comments, which are hate speech.",
    "threat": "It threatens violence.",
    "other": "It is directed at members of a primary school community and is abusive of "
    "private individuals.",
}

CHILD_NAMED = "It names or identifies a child of primary school age, who cannot consent to "
CHILD_NAMED += "being discussed in public."

NO_LINK = ("No link to the post is recorded: {platform} cannot find a post from a group or "
           "page name. Open the post, copy its link (from its menu or the address bar) and "
           "paste it here, or into “Exactly where” on the incident.")
_LABEL_WIDTH = 44 * mm
_PADDING = 6


def platform_team(platform_key: str) -> PersonDetails:
    """Who the report goes to (the platform's own reviewers), for callers that want a name."""
    label = get_platform(platform_key).label
    return PersonDetails(name=f"Trust and Safety Team\n{label}", role="other_associate")


class HostTakedownLetter(Letter):
    kind = "host_takedown"
    step = "contact_host"
    title = "Report to the platform"
    confidential = False

    def __init__(
        self,
        school: SchoolDetails,
        incident: IncidentDetails,
        *,
        letter_date: date,
        recipient: PersonDetails | None = None,
        **kwargs,
    ) -> None:
        super().__init__(
            school, recipient or platform_team(incident.platform), incident,
            letter_date=letter_date, **kwargs,
        )  # fmt: skip
        self.route: ReportingRoute = route_for(incident.platform)
        self.platform = self.route.name  # "Facebook", "WhatsApp", "the site"

    def pdf_title(self) -> str:
        return f"Report to {self.platform}: prepared text ({self.incident.reference})"

    def continuation_header(self) -> str:
        return (f"Report to {self.platform} · Incident {self.incident.reference} · "
                f"{uk_date(self.letter_date)}")

    def edition_note(self) -> Flowable:
        text = (f"This report refers to the school's policy, {self.edition.title} "
                f"({policy_date(self.edition)}): the edition in force when the post was made "
                f"on {uk_date_nb(self.incident.posted_on)}.")
        return Together([Spacer(1, 8 * mm), self.plain(text, "note")])

    def extra_values(self) -> dict[str, MergeValue]:
        inc, school = self.incident, self.school
        dates = f"It was posted on {day_and_time(inc.posted_on, inc.posted_at)}"
        dates = dates.replace(" (time not recorded)", "")
        if inc.seen_on is not None and inc.seen_on != inc.posted_on:
            dates += f" and seen by the school on {uk_date(inc.seen_on)}"
        reasons = [BREACH_REASONS[key] for key in inc.categories if key in BREACH_REASONS]
        if inc.named_pupils:
            reasons.append(CHILD_NAMED)
        contact = [
            f"by email at {school.email}" if school.email else "",
            f"by telephone on {school.phone}" if school.phone else "",
        ]
        return {
            "platform_rules": self.route.rules_name,
            "breach_reasons": tuple(dict.fromkeys(reasons)),
            "post_dates": dates + ".",
            # The platform answers by email (or the school calls): never "by post".
            "school_contact": " or ".join(c for c in contact if c),
            "policy_quote": self.wording.host.text if self.wording.host else "",
        }

    # -- the sheet ------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        values = self.merge_values()
        problems = check_template(self.template, values)
        link = web_address_in(str(values.get("location", "")))
        if self.route.needs_link and not link:  # said once, instead of "location is empty"
            problems = [TemplateProblem("location", NO_LINK.format(platform=self.platform)),
                        *(p for p in problems if p.field != "location")]
        for problem in problems:
            self.report(problem)
        if problems:
            return []
        filled = fill_template(self.template, values)
        for name in dict.fromkeys(self._used_fields()):
            value = values[name]
            text = "\n".join(value) if isinstance(value, tuple) else value
            self.check_printable(text, name, MERGE_FIELDS.get(name, name))
        self.check_printable(self._literal_text(), "template", "the wording of the report")
        story = [*self.letterhead(), self.plain(f"Reporting the post to {self.platform}", "h1")]
        story.append(self.plain(
            f"Incident {self.incident.reference} · prepared on {uk_date(self.letter_date)} · "
            f"what to put into the report, ready to copy", "meta"))
        story += self._where_to_report()
        story += self._details(values, link)
        story += [self.para("Description for the form's box for more detail", "h2"),
                  self.plain("Copy this into the box the form gives for details, and the "
                             "bold line where it asks for a title. Shorten it if the form "
                             "limits its length.", "note")]
        if filled.subject:
            story.append(Para(self._markup(filled.subject, "subject"), self.styles["subject"]))
        for block in filled.blocks:
            flows = self._block(block)
            if block.lines and block.lines[-1].rstrip().endswith(":"):
                flows[-1].keepWithNext = True  # "It reads:" stays with what it introduces
            story += flows
        story += self._if_no_result()
        story.append(self.edition_note())
        return story

    def _where_to_report(self) -> list[Flowable]:
        route = self.route
        story: list[Flowable] = [self.para("Where to report it", "h2")]
        if route.platform != "school_forum":
            story.append(self.plain(f"{self.platform} takes reports through its own menus and "
                                    "forms, not by letter or post."))
        story.append(self.plain(route.how_to_report))
        if route.without_account:
            story.append(self.plain(route.without_account))
        story.append(self.plain("It asks for:"))
        story += [Para(self._markup(item, "bullet"), self.styles["bullet"], bulletText="•")
                  for item in route.asks_for]
        if route.help_centre:
            story.append(self.plain(f"Help centre: {route.help_centre}", "note"))
        return story

    def _details(self, values: dict, link: str) -> list[Flowable]:
        inc, school, route = self.incident, self.school, self.route
        width = S.FRAME_WIDTH - _LABEL_WIDTH - _PADDING

        def row(label: str, text: str, field: str, missing: str) -> list:
            if not text.strip():
                return [self.para(label, "cell_bold"), self.plain(missing, "cell")]
            return [self.para(label, "cell_bold"),
                    self.user_para(text, field, "cell", field.replace("_", " "), width)]

        if route.needs_link or link:
            place = row("Link to the post", link, "location", "not recorded")
        else:
            place = row("Where it is", str(values.get("location", "")), "location",
                        "not recorded: say which chat or group it is in")
        rows = [
            place,
            row("Account that posted", inc.poster_account, "poster_account",
                "not recorded: copy the name shown on the post"),
            [self.para("Posted", "cell_bold"),
             self.plain(day_and_time(inc.posted_on, inc.posted_at), "cell")],
            row("What it says", str(values.get("excerpt", "")), "excerpt",
                "not recorded: see the description below"),
            [self.para("Reason to choose", "cell_bold"),
             self.plain(route.reason_to_choose, "cell")],
            row("The school's email for replies", school.email, "school_email",
                "not recorded: add the school's email address in Settings"),
        ]
        table = self.table(rows, [_LABEL_WIDTH, S.FRAME_WIDTH - _LABEL_WIDTH], False)
        return [self.para("What to put in the report", "h2"), table]

    def _if_no_result(self) -> list[Flowable]:
        routes = self.route.schools_routes
        if not routes:
            return []
        paras = [Para(self._markup(text, "body"), self.styles["body"]) for text in routes]
        return [Together([self.para("If the report has no result", "h2"), paras[0]]),
                *paras[1:]]
