"""Terms, and the governors' report counted by the database and checked by hand here."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from datetime import date, timedelta

import pytest

from avenue_desk.demo.school import fill_demo
from avenue_desk.policy import STEPS
from avenue_desk.policy.terms import (
    TermError,
    easter_sunday,
    parse_term,
    previous_terms,
    recent_terms,
    term,
    term_on,
)
from avenue_desk.reports.summary_data import NO_STEP, PeriodCounts, SummaryData
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.incidents.records import ActionInput
from avenue_desk.services.summaries.summaries import LADDER, LEGAL_STEPS
from tests.helpers.letters import set_up_school
from tests.helpers.pdf import pdf_pages, pdf_text
from tests.helpers.records import incident_input


@pytest.mark.parametrize(("year", "easter"), [
    (2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)),
    (2027, date(2027, 3, 28)), (2000, date(2000, 4, 23)), (2038, date(2038, 4, 25)),
])
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


@pytest.mark.parametrize(("key", "start", "end"), [
    ("autumn-2026", date(2026, 9, 1), date(2026, 12, 31)),
    ("spring-2025", date(2025, 1, 1), date(2025, 4, 20)),
    ("summer-2025", date(2025, 4, 21), date(2025, 7, 31)),
    ("Spring 2026", date(2026, 1, 1), date(2026, 4, 5)),
    ("summer-2026", date(2026, 4, 6), date(2026, 7, 31)),
    ("spring-2027", date(2027, 1, 1), date(2027, 3, 28)),
    ("SUMMER-2027", date(2027, 3, 29), date(2027, 7, 31)),
])
def test_term_dates(key, start, end):
    found = parse_term(key)
    assert (found.start, found.end) == (start, end)


@pytest.mark.parametrize("bad", ["winter-2026", "autumn", "2026", "autumn-26", ""])
def test_a_term_that_is_not_one_is_refused_with_the_form_to_use(bad):
    with pytest.raises(TermError, match="autumn-2026"):
        parse_term(bad)


def test_the_two_terms_before():
    keys = lambda t: [p.key for p in previous_terms(parse_term(t))]  # noqa: E731
    assert keys("autumn-2026") == ["summer-2026", "spring-2026"]
    assert keys("spring-2027") == ["autumn-2026", "summer-2026"]
    assert keys("summer-2026") == ["spring-2026", "autumn-2025"]


def test_the_term_of_a_day_and_the_recent_terms():
    assert term_on(date(2026, 4, 5)).key == "spring-2026"
    assert term_on(date(2026, 4, 6)).key == "summer-2026"
    assert term_on(date(2026, 8, 15)).key == "summer-2026"  # the holiday: the term just ended
    assert [t.key for t in recent_terms(date(2026, 11, 21), 4)] == [
        "autumn-2026", "summer-2026", "spring-2026", "autumn-2025"]


def test_a_schools_own_term_dates_come_from_settings(services):
    services.settings.set_value("term.autumn-2026.start", "2026-09-03")
    services.settings.set_value("term.autumn-2026.end", "2026-12-18")
    chosen = services.summaries.term("autumn-2026")
    assert (chosen.start, chosen.end) == (date(2026, 9, 3), date(2026, 12, 18))
    data = services.summaries.build(chosen.start, chosen.end)
    assert data.current.term == "autumn" and data.current.label == "Autumn term 2026"
    services.settings.set_value("term.spring-2026.end", "Easter")
    with pytest.raises(ServiceError, match="not a date"):
        services.summaries.term("spring-2026")
    with pytest.raises(TermError):
        term("autumn", 2026, {"term.autumn-2026.end": "2026-08-01"})


def _independent(records, start, end, today) -> dict:
    """The report's numbers, counted here from the incident records one by one."""
    inside = [r for r in records if start <= r.posted_on <= end]
    ladder = {key: n for n, key in enumerate(LADDER)}
    furthest = Counter()
    days = []
    for r in inside:
        rungs = [ladder[a.step] for a in r.actions if a.step in ladder]
        furthest[LADDER[max(rungs)] if rungs else NO_STEP] += 1
        removals = [a.taken_on for a in r.actions if a.removal_confirmed]
        if removals:
            days.append((min(removals) - r.posted_on).days)
    return {
        "total": len(inside),
        "by_category": Counter(c for r in inside for c in r.categories),
        "by_platform": Counter(r.platform for r in inside),
        "by_furthest_step": furthest,
        "removed": len(days),
        "median": round(float(statistics.median(days)), 1) if days else None,
        "open_cases": sum(r.phase != "closed" for r in inside),
        "overdue": sum(r.phase != "closed" and r.next_follow_up is not None
                       and r.next_follow_up < today for r in inside),
        "police": sum(any(a.step == "police" for a in r.actions) for r in inside),
        "legal": sum(any(a.step in LEGAL_STEPS for a in r.actions) for r in inside),
    }


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from datetime import datetime

    from avenue_desk.paths import AppPaths
    from avenue_desk.services.core.clock import FixedClock
    from tests.helpers.accounts import open_signed_in as open_services

    services = open_services(AppPaths(tmp_path_factory.mktemp("demo")),
                             FixedClock(datetime(2026, 11, 21, 9, 30)))
    fill_demo(services, incidents=500, seed=7)
    last = services.incidents.first_id() + 499
    records = [services.incidents.get(i) for i in range(services.incidents.first_id(), last + 1)]
    yield services, records
    services.close()


def test_the_counts_equal_counts_made_independently(demo):
    services, records = demo
    today = services.clock.today()
    for key in ("autumn-2026", "summer-2026", "spring-2025"):
        chosen = services.summaries.term(key)
        data = services.summaries.build(chosen.start, chosen.end)
        periods = [data.current, *data.previous]
        assert [p.term for p in periods] == [t.name for t in (chosen, *previous_terms(chosen))]
        assert data.current.total > 0
        for period in periods:
            want = _independent(records, period.start, period.end, today)
            assert period.total == want["total"]
            assert dict(period.by_category) == want["by_category"]
            assert dict(period.by_platform) == want["by_platform"]
            assert dict(period.by_furthest_step) == want["by_furthest_step"]
            assert (period.removed, period.median_days_to_removal) == (
                want["removed"], want["median"])
            assert period.open_cases == want["open_cases"]
            assert period.overdue_follow_ups == want["overdue"]
            assert period.police_referrals == want["police"]
            assert period.legal_referrals == want["legal"]


def test_a_date_range_is_compared_with_the_two_periods_before_it(demo):
    services, records = demo
    data = services.summaries.build(date(2026, 10, 1), date(2026, 10, 31))
    assert data.current.term is None and data.current.label == "1 October 2026 to 31 October 2026"
    assert [(p.start, p.end) for p in data.previous] == [
        (date(2026, 8, 31), date(2026, 9, 30)), (date(2026, 7, 31), date(2026, 8, 30))]
    want = _independent(records, date(2026, 10, 1), date(2026, 10, 31), date(2026, 11, 21))
    assert data.current.total == want["total"]
    with pytest.raises(ServiceError, match="cannot end"):
        services.summaries.build(date(2026, 10, 31), date(2026, 10, 1))


def _fixed_vocabulary(services) -> set[str]:
    """Every word the report prints whatever the data: its headings, labels and notes."""
    from avenue_desk.policy import CATEGORIES, PLATFORMS

    today = date(2026, 11, 21)
    every = PeriodCounts(
        date(2026, 9, 1), today, "autumn", total=len(CATEGORIES) * 3,
        by_category=tuple((c.key, 3) for c in CATEGORIES),
        by_platform=tuple((p.key, 3) for p in PLATFORMS),
        by_furthest_step=tuple((s.key, 3) for s in STEPS if s.key not in ("close", "reopen")),
    )
    before = (PeriodCounts(date(2026, 4, 6), date(2026, 7, 31), "summer"),
              PeriodCounts(date(2026, 1, 1), date(2026, 4, 5), "spring"))
    text = pdf_text(services.summaries.render_data(SummaryData(every, today, before)))
    return {w.lower() for w in re.findall(r"\w+", text)}


def test_the_report_names_nobody_and_quotes_nothing(demo):
    services, records = demo
    chosen = services.summaries.term("autumn-2026")
    text = pdf_text(services.summaries.render(chosen.start, chosen.end))
    people = services.people.search(limit=10_000)
    assert len(people) > 100
    for someone in people:
        assert someone.full_name not in text
    allowed = _fixed_vocabulary(services)
    words = {w for r in records for w in re.findall(r"\w+", r.excerpt + " " + r.summary)
             if len(w) > 6}
    assert len(words) > 50
    found = set(re.findall(r"\w+", text.lower()))
    leaked = {w for w in words if w.lower() in found and w.lower() not in allowed}
    assert leaked == set()


def test_small_counts_print_as_fewer_than_three_and_the_review_is_overdue(services):
    set_up_school(services)
    for day in (date(2026, 9, 10), date(2026, 10, 2)):
        saved = services.incidents.create(incident_input(posted_on=day, categories=("racist",)))
        services.escalation.record(saved.id, ActionInput("police", day))
    data = services.summaries.build_term("autumn-2026")
    assert data.current.total == 2 and data.current.police_referrals == 2
    pdf = services.summaries.render_data(data)
    text = pdf_text(pdf)
    assert "Incidents logged fewer than 3 0 0" in text
    assert "Referred to the Police fewer than 3" in text
    assert "Racist comment fewer than 3" in text
    assert ("No review recorded for this edition — governors were due to review it by "
            "November 2022." in text)
    assert len(pdf_pages(pdf)) >= 1
    assert services.summaries.file_name(data) == "Report to governors - Autumn term 2026.pdf"


def test_an_empty_term_still_makes_a_report(services):
    set_up_school(services)
    data = services.summaries.build(date(2026, 9, 1), date(2026, 12, 31))
    assert data.current.total == 0 and data.current.by_furthest_step == ()
    text = pdf_text(services.summaries.render_data(data))
    assert "Incidents logged 0 0 0" in text


def test_removal_days_and_the_median(services):
    set_up_school(services)
    start = date(2026, 9, 1)
    for n, wait in enumerate((2, 4, 9, 30)):
        posted_on = start + timedelta(days=n)
        saved = services.incidents.create(incident_input(posted_on=posted_on))
        services.escalation.record(saved.id, ActionInput("content_removed",
                                                         posted_on + timedelta(days=wait)))
    data = services.summaries.build_term("autumn-2026")
    assert data.current.removed == 4 and data.current.median_days_to_removal == 6.5
    assert dict(data.current.by_furthest_step) == {NO_STEP: 4}
