"""The governor summary: counts only, small counts hidden, the policy review stated plainly."""

from __future__ import annotations

import dataclasses
import random
import typing
from collections import Counter
from datetime import date

import pytest

from avenue_desk.policy import UnknownPolicyKey
from avenue_desk.reports.summary import GovernorSummary
from avenue_desk.reports.summary_data import PeriodCounts, SummaryData, suppress_small
from tests.helpers.pdf import pdf_pages, pdf_text

PREPARED = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("n", "shown"), [(0, "0"), (1, "fewer than 3"), (2, "fewer than 3"), (3, "3"), (117, "117")]
)
def test_suppress_small(n, shown):
    assert suppress_small(n) == shown


def _period(term, start, end, incidents) -> PeriodCounts:
    """Counts made here, independently of the renderer, from (category, platform) pairs."""
    cats = Counter(c for c, _ in incidents)
    plats = Counter(p for _, p in incidents)
    return PeriodCounts(
        start,
        end,
        term,
        total=len(incidents),
        by_category=tuple(cats.items()),
        by_platform=tuple(plats.items()),
        by_furthest_step=(("informal_discussion", len(incidents)),),
        steps_taken=(("informal_discussion", len(incidents)), ("legal_advice", 5)),
        removed=len(incidents) // 2,
        median_days_to_removal=4.0,
        responded=len(incidents),
        median_days_to_first_response=1.0,
        open_cases=2,
        overdue_follow_ups=1,
    )


@pytest.fixture
def data() -> SummaryData:
    rng = random.Random(7)
    cats = ["allegation", "complaint", "complaint", "complaint", "racist", "offensive"]
    plats = ["facebook", "facebook", "whatsapp", "x_twitter"]
    current = [(rng.choice(cats), rng.choice(plats)) for _ in range(23)]
    current += [("threat", "tiktok")]  # exactly one: must print as "fewer than 3"
    summer = [(rng.choice(cats), "facebook") for _ in range(9)]
    spring = [(rng.choice(cats), "instagram") for _ in range(5)]
    return SummaryData(
        _period("autumn", date(2026, 9, 1), date(2026, 12, 18), current),
        PREPARED,
        (
            _period("summer", date(2026, 4, 13), date(2026, 7, 22), summer),
            _period("spring", date(2026, 1, 5), date(2026, 3, 27), spring),
        ),
    )


def _row(text: str, label: str, periods) -> str:
    return " ".join([label, *(suppress_small(n) for n in periods)])


def test_counts_printed_equal_counts_made_independently(school, data):
    pdf = GovernorSummary(school, data).render()
    text = pdf_text(pdf)
    periods = [data.current, *data.previous]
    assert _row(text, "Incidents logged", [p.total for p in periods]) in text
    assert "Open cases fewer than 3 fewer than 3 fewer than 3" in text
    assert "Legal advice or legal action 5 5 5" in text
    for key, label in (
        ("complaint", "Complaint about the school or staff"),
        ("threat", "Threat of violence"),
        ("racist", "Racist comment"),
    ):
        counts = [p.count("by_category", key) for p in periods]
        if any(counts):
            assert _row(text, label, counts) in text
    assert "Threat of violence fewer than 3 0 0" in text
    assert "TikTok fewer than 3 0 0" in text
    assert "Autumn term 2026 (1 September 2026 to 18 December 2026)" in text
    for n, page in enumerate(pdf_pages(pdf), 1):
        assert f"Page {n} of {len(pdf_pages(pdf))}" in page


def test_no_count_of_one_or_two_is_ever_printed(school, data):
    from avenue_desk.policy import CATEGORIES, PLATFORMS, STEPS

    text = pdf_text(GovernorSummary(school, data).render()).replace("fewer than 3", "<3")
    labels = [
        "Incidents logged",
        "Open cases",
        "Follow-ups overdue",
        "Posts confirmed removed",
    ]
    labels += [c.label for c in CATEGORIES] + [p.label for p in PLATFORMS]
    labels += [s.label for s in STEPS]
    checked = 0
    for label in labels:
        at = text.find(f" {label} ")
        if at < 0:
            continue
        values = text[at + len(label) + 2 :].split()[:3]
        assert not {"1", "2"} & set(values), f"{label}: {values}"
        checked += 1
    assert checked >= 12
    # The charts label their bars the same way.
    assert "<3" in text


def test_a_median_over_fewer_than_three_removals_is_not_shown(school):
    period = PeriodCounts(
        date(2026, 9, 1),
        date(2026, 12, 18),
        "autumn",
        total=4,
        removed=2,
        median_days_to_removal=3.0,
    )
    text = pdf_text(GovernorSummary(school, SummaryData(period, PREPARED)).render())
    assert "Median days to removal not shown (fewer than 3 removals)" in text
    assert "3 days" not in text


def test_overdue_review_is_said_plainly(school, data):
    text = pdf_text(GovernorSummary(school, data).render())
    assert "Policy in force: The Avenue Primary School Social Media Policy (November 2021)." in text
    assert (
        "The policy's review is overdue. No review recorded for this edition — governors were "
        "due to review it by November 2022." in text
    )
    assert "the Headteacher records the review in Avenue Desk (Record review" in text


def test_a_recorded_review_is_reported_with_the_next_date(school, data):
    reviewed = dataclasses.replace(data, reviewed_on=date(2026, 11, 3),
                                   next_review_on=date(2027, 11, 3))
    text = pdf_text(GovernorSummary(school, reviewed).render())
    assert ("Reviewed by governors on 3 November 2026; next review due by 3 November 2027."
            in text)
    assert "overdue" not in text.split("Policy review", 1)[1]


def test_a_recorded_review_can_fall_due_again(school, data):
    late = dataclasses.replace(data, reviewed_on=date(2025, 10, 1),
                               next_review_on=date(2026, 10, 1))
    text = pdf_text(GovernorSummary(school, late).render())
    assert ("Review overdue since 1 October 2026. Governors last reviewed it on 1 October 2025."
            in text)
    assert "No review recorded" not in text


def test_summary_data_has_no_free_text_field():
    """Every string in the records is a policy key or a term key, checked on construction."""
    allowed_strings = {("PeriodCounts", "term"), ("SummaryData", "policy_edition"),
                       ("PeriodCounts", "withheld"),
                       ("SummaryData", "audit_fingerprint")}  # a row number and hash only
    for cls in (PeriodCounts, SummaryData):
        hints = typing.get_type_hints(cls)
        for field in dataclasses.fields(cls):
            hint = str(hints[field.name])
            if "str" in hint and "tuple[tuple[str, int]" not in hint:
                assert (cls.__name__, field.name) in allowed_strings, field.name
    start, end = date(2026, 9, 1), date(2026, 12, 18)
    with pytest.raises(UnknownPolicyKey):
        PeriodCounts(start, end, by_category=(("Łucja Wróbel", 1),))
    with pytest.raises(UnknownPolicyKey):
        PeriodCounts(start, end, by_platform=(("Mr Ćwik", 1),))
    with pytest.raises(UnknownPolicyKey):
        PeriodCounts(start, end, by_furthest_step=(("Kuba Nowak", 1),))
    with pytest.raises(ValueError):
        PeriodCounts(start, end, term="Nowak family")
    with pytest.raises(ValueError):
        PeriodCounts(start, end, total="3")  # type: ignore[arg-type]
    with pytest.raises(UnknownPolicyKey):
        PeriodCounts(start, end, steps_taken=(("Mrs Okafor", 1),))
    with pytest.raises(ValueError):  # "not shown" names a count, never anything else
        PeriodCounts(start, end, withheld=(("Nowak family", "total"),))
    with pytest.raises(ValueError):
        PeriodCounts(start, end, withheld=(("glance", "Kuba Nowak"),))


def test_the_summary_names_nobody(school, data):
    text = pdf_text(GovernorSummary(school, data).render())
    assert school.head_name not in text


def test_a_count_not_shown_is_said_so_and_its_number_is_nowhere(school, data):
    withheld = dataclasses.replace(data.current, withheld=(
        ("glance", "total"), ("by_platform", "facebook"), ("by_category", "complaint")))
    pdf = GovernorSummary(school, dataclasses.replace(data, current=withheld)).render()
    text = " ".join(pdf_text(pdf).split())
    assert "Incidents logged not shown 9 5" in text
    facebook = data.current.count("by_platform", "facebook")
    assert f"Facebook not shown {data.previous[0].count('by_platform', 'facebook')}" in text
    assert f"Facebook {facebook}" not in text
    assert "a count not shown is marked –" in text


def test_the_legend_reads_in_the_order_of_the_bars(school, data):
    """Both read oldest first: the legend from left to right, each group from the top."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart

    from avenue_desk.reports.summary_charts import grouped_chart

    periods = data.periods
    series = [[(p.count("by_category", "complaint"), "exact")] for p in periods]
    drawing = grouped_chart("By category", ["Complaints"], [p.short_label for p in periods],
                            series, 400)
    chart = next(c for c in drawing.contents if isinstance(c, HorizontalBarChart))
    legend = next(c for c in drawing.contents if hasattr(c, "colorNamePairs"))
    names = [name for _colour, name in legend.colorNamePairs]
    assert names == ["Spring 2026", "Summer 2026", "Autumn 2026"]  # oldest first
    # HorizontalBarChart draws series 0 lowest in a group: the newest must be series 0.
    values = [row[0] for row in chart.data]
    assert values == [float(p.count("by_category", "complaint")) for p in reversed(periods)]
    colours = {name: colour for colour, name in legend.colorNamePairs}
    assert [chart.bars[i].fillColor for i in range(3)] == [
        colours[p.short_label] for p in reversed(periods)]
