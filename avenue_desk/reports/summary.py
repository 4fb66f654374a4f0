"""The report to governors: counts, comparisons, steps taken, outcomes and the policy review.

Anonymous by design: it is drawn from ``SummaryData``, which holds only counts and policy
keys, and every count is printed through ``PeriodCounts.shown``: 1 and 2 as "fewer than 3",
and a count that other reports could be compared with to work out a small one as "not
shown" (policy/disclosure.py). A median is printed only over three or more incidents.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from avenue_desk.policy import CATEGORIES, PLATFORMS, STEPS, get_edition, review_status

from . import styles as S
from .base import DocumentRenderer
from .context import SchoolDetails
from .fonts import FontRegistry
from .formatting import uk_date
from .letters.wording import policy_date
from .summary_charts import grouped_chart, totals_chart
from .summary_data import CLOSED_NO_STEP, NO_STEP, SMALL, PeriodCounts, SummaryData

SHORT_CATEGORY = {
    "allegation": "Allegations",
    "complaint": "Complaints",
    "defamatory": "Defamatory",
    "offensive": "Offensive",
    "racist": "Racist",
    "threat": "Threats",
    "other": "Other",
}
NOT_STEPS = ("close", "reopen", "content_removed")
COLUMN = 27 * mm


def _kind(period: PeriodCounts) -> str:
    if period.term == "summer-holiday":
        return "holiday"
    if period.term is not None:
        return "term"
    return "month" if period.is_month else "period"


class GovernorSummary(DocumentRenderer):
    title = "Social media incidents: report to governors"

    def __init__(
        self, school: SchoolDetails, data: SummaryData, *, fonts: FontRegistry | None = None
    ) -> None:
        super().__init__(school, fonts=fonts)
        self.data = data

    def pdf_title(self) -> str:
        return f"{self.title}: {self.data.current.label}"

    def continuation_header(self) -> str:
        return f"Report to governors · {self.data.current.label}"

    def story(self) -> list[Flowable]:
        data = self.data
        current = data.current
        story = [*self.letterhead(), self.para(self.title, "h1")]
        story.append(self.plain(f"{current.label} ({current.dates}) · prepared on "
                                f"{uk_date(data.prepared_on)}", "meta"))
        story.append(self.plain(
            "This report contains counts only: no names of parents, pupils or staff, no "
            "excerpts and no free text. Any count of 1 or 2 is shown as “fewer than 3”, and a "
            "count that could be set against another report to work out a count of 1 or 2 "
            "is shown as “not shown”, so that no family can be identified.", "note"))
        if current.to_date:
            kind = _kind(current)
            days = (current.end - current.start).days + 1
            compared = "period" if kind == "period" else kind
            story.append(self.plain(
                f"The {kind} is still under way: it is counted to {uk_date(current.end)}, its "
                f"first {days} days (it runs to {uk_date(current.full_end)}), and each "
                f"{compared} it is compared with is counted for its first {days} days too.",
                "note"))
        story += self._glance()
        story += self._charts()
        story += self._table_section(
            "By category", "by_category", [(c.key, c.label) for c in CATEGORIES])
        story += self._table_section(
            "By platform", "by_platform", [(p.key, p.label) for p in PLATFORMS])
        steps = [(s.key, s.label) for s in STEPS if s.key not in NOT_STEPS]
        story += self._table_section(
            "Steps taken in the period", "steps_taken", steps,
            "Every step of the procedure recorded with a date in the period, on any incident "
            "(a step taken twice counts twice). Steps later withdrawn or corrected away are "
            "not counted.")
        furthest = [(NO_STEP, "No step recorded yet (open)"),
                    (CLOSED_NO_STEP, "Closed with no step recorded here"), *steps]
        story += self._table_section(
            "Furthest step reached", "by_furthest_step", furthest,
            "For the incidents posted in the period: the furthest step of the procedure "
            "taken on each. “Closed with no step recorded here” is a case closed before "
            "records were kept in Avenue Desk (imported), or closed without a step.")
        story.append(Spacer(1, 2 * mm))
        story.append(self.plain(
            "Each period counts the incidents posted between its dates. Open cases and "
            "follow-ups overdue are as they stand on the day the report was prepared. Days "
            "to first response and to removal are counted from the day the school saw the "
            "post (the day it was posted where that is not recorded); a median is shown "
            f"only over {SMALL} or more incidents. Terms run on to the day before the next "
            "period starts, and the summer holiday is a period of its own, so every day of "
            "the year is in one report.", "note"))
        story += self._review()
        if data.audit_fingerprint:  # see SummaryData.audit_fingerprint
            story.append(self.plain(f"Audit fingerprint: {data.audit_fingerprint}", "footer"))
        return story

    def _columns(self) -> list[PeriodCounts]:
        return list(self.data.columns)

    def _header_row(self, first: str) -> list:
        row = [self.para(first, "cell_bold")]
        data = self.data
        for period in self._columns():
            notes = []
            if period is data.current:
                notes.append(f"this {_kind(period)}")
            elif period is data.last_year:
                notes.append("a year before")
            if period.clipped:
                notes.append(period.clipped)
            label = period.short_label + "".join(f"<br/>({n})" for n in notes)
            row.append(self.para(label, "cell_bold"))
        return row

    def _widths(self) -> list[float]:
        columns = len(self._columns())
        return [S.FRAME_WIDTH - columns * COLUMN, *([COLUMN] * columns)]

    def _glance(self) -> list[Flowable]:
        metrics = [
            ("Incidents logged", lambda p: p.shown("glance", "total")),
            ("Open cases", lambda p: p.shown("glance", "open_cases")),
            ("Follow-ups overdue", lambda p: p.shown("glance", "overdue_follow_ups")),
            ("Median days to first response", lambda p: p.median_shown("response")),
            ("Posts confirmed removed", lambda p: p.shown("glance", "removed")),
            ("Median days to removal", lambda p: p.median_shown("removal")),
        ]
        rows = [self._header_row("")]
        for label, value in metrics:
            rows.append(
                [self.para(label, "cell"), *(self.plain(value(p), "cell") for p in self._columns())]
            )
        return [self.para("At a glance", "h2"), self.table(rows, self._widths())]

    def _charts(self) -> list[Flowable]:
        periods = self.data.periods
        if len(periods) < 2 and not self.data.current.total:
            return []
        labels = [p.short_label for p in periods]
        cats = [c.key for c in CATEGORIES]
        series = [[(p.count("by_category", k), p.state("by_category", k)) for k in cats]
                  for p in periods]
        totals = [(p.total, p.state("glance", "total")) for p in periods]
        kind = _kind(self.data.current)
        before = {"term": "the terms before", "holiday": "the summer holidays before",
                  "month": "the months before"}.get(kind, "the same length of time before")
        title = f"Compared with {before}" + (
            f" and the same {kind} a year before" if self.data.last_year is not None else "")
        return [
            self.para(title, "h2"),
            totals_chart(labels, totals, S.FRAME_WIDTH),
            Spacer(1, 5 * mm),
            KeepTogether(
                [
                    grouped_chart(
                        "Incidents by category",
                        [SHORT_CATEGORY[k] for k in cats],
                        labels,
                        series,
                        S.FRAME_WIDTH,
                    ),
                    self.para("Bars marked &lt;3 stand for 1 or 2 incidents; a count not "
                              "shown is marked –.", "note"),
                ]
            ),
        ]

    def _table_section(self, title: str, table: str, rows_spec, note: str = ""
                       ) -> list[Flowable]:
        rows = [self._header_row("")]
        for key, label in rows_spec:
            if not any(p.count(table, key) for p in self._columns()):
                continue
            rows.append([self.para(label, "cell"),
                         *(self.plain(p.shown(table, key), "cell") for p in self._columns())])
        heading = [self.para(title, "h2")]
        if note:
            heading.append(self.plain(note, "note"))
        if len(rows) == 1:
            return [KeepTogether([*heading, self.para("None in these periods.", "body")])]
        return [KeepTogether([*heading, self.table(rows, self._widths())])]

    def _review(self) -> list[Flowable]:
        data = self.data
        edition = get_edition(data.policy_edition)
        status = review_status(edition, data.prepared_on, data.reviewed_on, data.next_review_on)
        named = f"Policy in force: {edition.title} ({policy_date(edition)})."
        story: list[Flowable] = [self.para("Policy review", "h2"), self.plain(named)]
        if not status.overdue:
            story.append(self.plain(status.message))
            return story
        if status.recorded:
            story.append(self.plain(status.message, "alert"))
            story.append(self.plain("Governors are asked to arrange the review, so that the "
                                    "procedure the school follows stays current."))
            return story
        story.append(self.plain(f"The policy's review is overdue. {status.message}", "alert"))
        story.append(self.plain(
            "If governors have reviewed it, the Headteacher records the review in Avenue Desk "
            "(Record review…) and this report will say so; if not, governors are asked to "
            "arrange the review, so that the procedure the school follows stays current."))
        return story
