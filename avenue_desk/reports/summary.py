"""The termly summary for governors: counts, comparisons, outcomes and the policy review.

Anonymous by design: it is drawn from ``SummaryData``, which holds only counts and policy
keys, and every count of 1 or 2 prints as "fewer than 3" (``suppress_small``); so does a
median taken over fewer than three removals.
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
from .summary_data import NO_STEP, SMALL, PeriodCounts, SummaryData, suppress_small

SHORT_CATEGORY = {
    "allegation": "Allegations",
    "complaint": "Complaints",
    "defamatory": "Defamatory",
    "offensive": "Offensive",
    "racist": "Racist",
    "threat": "Threats",
    "other": "Other",
}


def median_text(period: PeriodCounts) -> str:
    if period.removed < SMALL or period.median_days_to_removal is None:
        return "not shown (fewer than 3 removals)" if period.removed else "none removed"
    days = period.median_days_to_removal
    shown = f"{days:.1f}".removesuffix(".0")
    return f"{shown} day" if shown == "1" else f"{shown} days"


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
        story.append(
            self.para(
                f"{current.label} ({current.dates}) · prepared on {uk_date(data.prepared_on)}",
                "meta",
            )
        )
        story.append(
            self.para(
                "This report contains counts only: no names of parents, pupils or staff, no "
                "excerpts and no free text. Any count of 1 or 2 is shown as “fewer than 3” so that "
                "no family can be identified.",
                "note",
            )
        )
        story += self._glance()
        story += self._charts()
        story += self._table_section(
            "By category", "by_category", [(c.key, c.label) for c in CATEGORIES]
        )
        story += self._table_section(
            "By platform", "by_platform", [(p.key, p.label) for p in PLATFORMS]
        )
        steps = [(NO_STEP, "No step recorded yet")]
        steps += [(s.key, s.label) for s in STEPS if s.key not in ("close", "reopen")]
        story += self._table_section("Furthest step reached", "by_furthest_step", steps)
        story += self._review()
        return story

    def _columns(self) -> list[PeriodCounts]:
        return [self.data.current, *self.data.previous]

    def _header_row(self, first: str) -> list:
        row = [self.para(first, "cell_bold")]
        for n, period in enumerate(self._columns()):
            label = f"{period.short_label}<br/>(this term)" if n == 0 else period.short_label
            row.append(self.para(label, "cell_bold"))
        return row

    def _widths(self) -> list[float]:
        columns = len(self._columns())
        first = S.FRAME_WIDTH - columns * 30 * mm
        return [first, *([30 * mm] * columns)]

    def _glance(self) -> list[Flowable]:
        metrics = [
            ("Incidents logged", lambda p: suppress_small(p.total)),
            ("Open cases", lambda p: suppress_small(p.open_cases)),
            ("Follow-ups overdue", lambda p: suppress_small(p.overdue_follow_ups)),
            ("Posts confirmed removed", lambda p: suppress_small(p.removed)),
            ("Median days to removal", median_text),
            ("Referred to the Police", lambda p: suppress_small(p.police_referrals)),
            ("Legal advice or action", lambda p: suppress_small(p.legal_referrals)),
        ]
        rows = [self._header_row("")]
        for label, value in metrics:
            rows.append(
                [self.para(label, "cell"), *(self.para(value(p), "cell") for p in self._columns())]
            )
        return [self.para("At a glance", "h2"), self.table(rows, self._widths())]

    def _charts(self) -> list[Flowable]:
        periods = self.data.periods
        if len(periods) < 2 and not self.data.current.total:
            return []
        labels = [p.short_label for p in periods]
        cats = [c.key for c in CATEGORIES]
        series = [[p.count("by_category", k) for k in cats] for p in periods]
        title = (
            "Compared with the two previous terms"
            if len(periods) == 3
            else "Compared with the previous term"
            if len(periods) == 2
            else "This term"
        )
        return [
            self.para(title, "h2"),
            totals_chart(labels, [p.total for p in periods], S.FRAME_WIDTH),
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
                    self.para("Bars marked &lt;3 stand for 1 or 2 incidents.", "note"),
                ]
            ),
        ]

    def _table_section(self, title: str, table: str, rows_spec) -> list[Flowable]:
        rows = [self._header_row("")]
        for key, label in rows_spec:
            counts = [p.count(table, key) for p in self._columns()]
            if not any(counts):
                continue
            rows.append(
                [self.para(label, "cell"), *(self.para(suppress_small(n), "cell") for n in counts)]
            )
        if len(rows) == 1:
            return [self.para(title, "h2"), self.para("No incidents in these terms.", "body")]
        return [self.para(title, "h2"), self.table(rows, self._widths())]

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
