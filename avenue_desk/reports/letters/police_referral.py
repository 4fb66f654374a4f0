"""Police referral pack: what happened, what the school did, and the evidence.

Incident summary, the timeline of actions, the evidence list with each file's SHA-256 and
capture date (marked plainly when a file no longer matches its fingerprint or is missing),
each evidence image on its own page scaled to fit, and the policy sentence that applies.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from avenue_desk.policy import get_edition, get_platform, get_step

from .. import styles as S
from ..base import DocumentRenderer, scaled_image
from ..context import ActionLine, EvidenceItem, IncidentDetails, PersonDetails, SchoolDetails
from ..errors import MissingResource
from ..fonts import FontRegistry
from ..formatting import join_names, uk_date
from ..layout import Para
from .common import SIGNATURE_SPACE, category_phrase
from .wording import policy_date, wording_for

_STATUS = {
    "missing": "FILE MISSING: the stored copy could not be found.",
    "changed": "DOES NOT VERIFY: this file has changed since it was captured.",
}


_LABEL_WIDTH = 42 * mm
_VALUE_WIDTH = S.FRAME_WIDTH - _LABEL_WIDTH - 6  # less the cell padding


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
        fonts: FontRegistry | None = None,
    ) -> None:
        super().__init__(school, fonts=fonts)
        self.incident = incident
        self.prepared_on = prepared_on
        self.actions = tuple(actions)
        self.evidence = tuple(evidence)
        self.poster = poster
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
                "from the school's incident log. The school keeps the evidence files securely and "
                "can provide them on request; each file's SHA-256 fingerprint shows whether a copy "
                "is identical to the one the school captured."
            )
        )
        story += self._incident_section()
        story += self._policy_section()
        story += self._timeline_section()
        story += self._evidence_section()
        story += self._sign_off()
        story += self._evidence_pages()
        return story

    def _row(self, label: str, value: str, field: str, label_text: str = "") -> list:
        return [
            self.para(label, "cell_bold"),
            self.user_para(value, field, "cell", label_text or label.lower(), _VALUE_WIDTH),
        ]

    def _incident_section(self) -> list[Flowable]:
        inc = self.incident
        rows = [
            [self.para("Reference", "cell_bold"), self.para(inc.reference, "cell")],
            [self.para("Date posted", "cell_bold"), self.para(uk_date(inc.posted_on), "cell")],
            [
                self.para("Seen by the school", "cell_bold"),
                self.para(uk_date(inc.seen_on) or "Not recorded", "cell"),
            ],
            [
                self.para("Platform", "cell_bold"),
                self.plain(get_platform(inc.platform).label, "cell"),
            ],
            self._row("Where", inc.location or "Not recorded", "location", "the location"),
            [
                self.para("Kind of post", "cell_bold"),
                self.plain(
                    join_names([category_phrase(k) for k in inc.categories]).capitalize()
                    or "Not recorded",
                    "cell",
                ),
            ],
            [
                self.para("Still online", "cell_bold"),
                self.para(
                    "Yes, when last checked" if inc.content_still_up else "No: removed", "cell"
                ),
            ],
        ]
        if self.poster is not None:
            who = self.poster.name + (f"\n{self.poster.address}" if self.poster.address else "")
            rows.append(self._row("Posted by", who, "poster_name", "the poster's name"))
        if inc.named_pupils:
            rows.append(
                self._row(
                    "Pupils named",
                    join_names(inc.named_pupils),
                    "named_pupils",
                    "the names of the pupils",
                )
            )
        if inc.named_staff:
            rows.append(
                self._row(
                    "Staff named",
                    join_names(inc.named_staff),
                    "named_staff",
                    "the names of the staff",
                )
            )
        if inc.reported_by:
            rows.append(self._row("Reported by", inc.reported_by, "reported_by"))
        story: list[Flowable] = [
            self.para("The incident", "h2"),
            self.table(rows, [_LABEL_WIDTH, S.FRAME_WIDTH - _LABEL_WIDTH], False),
        ]
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

    def _policy_section(self) -> list[Flowable]:
        edition, quote = self.edition, self.wording.police
        story: list[Flowable] = [self.para("The school's policy", "h2")]
        named = (
            f"The school's policy, {edition.title} ({policy_date(edition)}), the edition in "
            "force when the post was made,"
        )
        if quote is not None:
            story.append(self.plain(f"{named} says:"))
        else:
            story.append(self.plain(f"{named} does not mention the Police. It says:"))
            quote = self.wording.approach
        story.append(self.plain(f"“{quote.text}”", "quote"))
        return story

    def _timeline_section(self) -> list[Flowable]:
        story: list[Flowable] = [self.para("What the school has done", "h2")]
        if not self.actions:
            return [*story, self.plain("No actions are recorded yet.")]
        header = [self.para(t, "cell_bold") for t in ("Date", "Action", "By", "Outcome")]
        rows = [header]
        for n, action in enumerate(self.actions, 1):
            outcome = "\n".join(p for p in (action.outcome, action.notes) if p.strip())
            rows.append(
                [
                    self.para(uk_date(action.date), "cell"),
                    self.plain(get_step(action.step).label, "cell"),
                    self.user_para(action.by, f"action_{n}_by", "cell", f"who took action {n}"),
                    self.user_para(
                        outcome, f"action_{n}_outcome", "cell", f"the outcome of action {n}"
                    ),
                ]
            )
        widths = [31 * mm, 46 * mm, 30 * mm, S.FRAME_WIDTH - 107 * mm]
        return [*story, self.table(rows, widths)]

    def _evidence_section(self) -> list[Flowable]:
        story: list[Flowable] = [self.para("Evidence", "h2")]
        if not self.evidence:
            return [*story, self.plain("No evidence files are recorded.")]
        header = [self.para(t, "cell_bold") for t in ("#", "File", "Captured", "SHA-256", "Check")]
        rows = [header]
        for n, item in enumerate(self.evidence, 1):
            kind = "" if item.is_image else f"\n({item.media_type}: listed, not reproduced)"
            status = evidence_status(item)
            rows.append(
                [
                    self.para(str(n), "cell"),
                    self.user_para(
                        item.original_name + kind,
                        f"evidence_{n}_name",
                        "cell",
                        f"the name of evidence file {n}",
                    ),
                    self.para(uk_date(item.captured_on) or "Not recorded", "cell"),
                    self.para(split_hash(item.sha256), "cell_small"),
                    self.para(
                        status
                        if item.verified
                        else f'<font color="#b00020"><b>{status}</b></font>',
                        "cell_small",
                    ),
                ]
            )
        widths = [7 * mm, 38 * mm, 23 * mm, 61 * mm, S.FRAME_WIDTH - 129 * mm]
        story.append(self.table(rows, widths))
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
            head = [
                self.para(f"Evidence {n} of {len(self.evidence)}", "h2"),
                self.user_para(item.original_name, f"evidence_{n}_name", "body"),
                self.para(
                    f"Captured {uk_date(item.captured_on) or 'on a date not recorded'}"
                    f" · SHA-256 {item.sha256}",
                    "note",
                ),
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
