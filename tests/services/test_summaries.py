"""Terms, and the governors' report counted by the database and checked by hand here."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from datetime import date, timedelta

import pytest

from avenue_desk.demo.school import fill_demo
from avenue_desk.policy import STEPS
from avenue_desk.policy.report_periods import (
    parse_period,
    period_on,
    recent_periods,
    terms_before,
)
from avenue_desk.policy.terms import (
    TermError,
    easter_sunday,
    parse_term,
    previous_terms,
    recent_terms,
    term,
    term_on,
)
from avenue_desk.reports.summary_data import (
    CLOSED_NO_STEP,
    NO_STEP,
    PeriodCounts,
    SummaryData,
)
from avenue_desk.services.core.access import PermissionDenied
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.incidents.records import ActionInput
from avenue_desk.services.summaries.counting import LADDER
from tests.helpers.csv_files import row, write
from tests.helpers.letters import escalate, set_up_school
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


def test_every_day_of_the_year_is_in_exactly_one_reporting_period():
    """August is the summer holiday's; a school's own term dates leave no gap either."""
    own = {"term.autumn-2026.start": "2026-09-03", "term.autumn-2026.end": "2026-12-18",
           "term.spring-2027.start": "2027-01-05", "term.summer-2026.end": "2026-07-22"}
    for overrides in ({}, own):
        day = date(2026, 1, 1)
        while day <= date(2027, 3, 1):
            found = period_on(day, overrides)
            assert found.start <= day <= found.end, day
            day += timedelta(days=1)
    assert period_on(date(2026, 8, 15)).label == "Summer holiday 2026"
    assert (period_on(date(2026, 8, 15)).start, period_on(date(2026, 8, 15)).end) == (
        date(2026, 8, 1), date(2026, 8, 31))
    holiday = period_on(date(2026, 7, 30), own)
    assert (holiday.key, holiday.start, holiday.end) == (
        "summer-holiday-2026", date(2026, 7, 23), date(2026, 9, 2))
    christmas = period_on(date(2027, 1, 2), own)  # the Christmas holiday: with the autumn
    assert (christmas.key, christmas.start, christmas.end) == (
        "autumn-2026", date(2026, 9, 3), date(2027, 1, 4))
    assert [p.key for p in recent_periods(date(2026, 11, 21), 4)] == [
        "autumn-2026", "summer-holiday-2026", "summer-2026", "spring-2026"]
    # A term is compared with terms, the holiday with holidays.
    assert [p.key for p in terms_before(parse_period("autumn-2026"))] == [
        "summer-2026", "spring-2026"]
    assert [p.key for p in terms_before(parse_period("Summer holiday 2026"))] == [
        "summer-holiday-2025", "summer-holiday-2024"]


def test_a_schools_own_term_dates_come_from_settings(services):
    services.settings.set_value("term.autumn-2026.start", "2026-09-03")
    services.settings.set_value("term.autumn-2026.end", "2026-12-18")
    services.settings.set_value("term.spring-2027.start", "2027-01-05")
    chosen = services.summaries.term("autumn-2026")
    # The school's term, and the Christmas holiday after it: no day falls in no report.
    assert (chosen.start, chosen.end) == (date(2026, 9, 3), date(2027, 1, 4))
    assert term("autumn", 2026, services.summaries._overrides()).end == date(2026, 12, 18)
    data = services.summaries.build(chosen.start, chosen.end)
    assert data.current.term == "autumn" and data.current.label == "Autumn term 2026 to date"
    summer = services.summaries.term("summer-holiday-2026")
    assert (summer.start, summer.end) == (date(2026, 8, 1), date(2026, 9, 2))
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
    days_removed, days_responded = [], []
    for r in inside:
        standing = [a for a in r.actions if a.status == "current"]
        rungs = [ladder[a.step] for a in standing if a.step in ladder]
        if rungs:
            furthest[LADDER[max(rungs)]] += 1
        else:
            furthest[CLOSED_NO_STEP if r.phase == "closed" else NO_STEP] += 1
        seen = r.seen_on or r.posted_on
        removals = [a.taken_on for a in standing if a.removal_confirmed]
        if removals:
            days_removed.append(max(0, (min(removals) - seen).days))
        steps = [a.taken_on for a in standing if a.step in ladder]
        if steps:
            days_responded.append(max(0, (min(steps) - seen).days))

    def median(days):
        return round(float(statistics.median(days)), 1) if days else None

    return {
        "total": len(inside),
        "by_category": Counter(c for r in inside for c in r.categories),
        "by_platform": Counter(r.platform for r in inside),
        "by_furthest_step": furthest,
        "removed": (len(days_removed), median(days_removed)),
        "responded": (len(days_responded), median(days_responded)),
        "open_cases": sum(r.phase != "closed" for r in inside),
        "overdue": sum(r.phase != "closed" and r.next_follow_up is not None
                       and r.next_follow_up < today for r in inside),
    }


def _steps_taken_in_sql(services, start, end) -> dict[str, int]:
    """Steps taken in the period, counted straight from the database file, not through
    the services: every standing step of the ladder dated in the period."""
    from tests.helpers.databases import raw_sql

    return dict(raw_sql(
        services.paths, "SELECT step, COUNT(*) FROM actions WHERE status = 'current' "
        "AND taken_on BETWEEN :start AND :end AND step NOT IN ('close', 'reopen', "
        "'content_removed') GROUP BY step", start=start.isoformat(), end=end.isoformat()))


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
    checked_steps = 0
    for key in ("autumn-2026", "summer-2026", "summer-holiday-2026", "spring-2025"):
        chosen = services.summaries.term(key)
        data = services.summaries.build(chosen.start, chosen.end)
        assert data.current.term == chosen.name and data.current.total > 0
        for period in data.columns:
            want = _independent(records, period.start, period.end, today)
            assert period.total == want["total"]
            assert dict(period.by_category) == want["by_category"]
            assert dict(period.by_platform) == want["by_platform"]
            assert dict(period.by_furthest_step) == want["by_furthest_step"]
            assert (period.removed, period.median_days_to_removal) == want["removed"]
            assert (period.responded, period.median_days_to_first_response) == (
                want["responded"])
            assert period.open_cases == want["open_cases"]
            assert period.overdue_follow_ups == want["overdue"]
            steps = _steps_taken_in_sql(services, period.start, period.end)
            assert dict(period.steps_taken) == steps
            checked_steps += sum(steps.values())
    assert checked_steps > 500


def test_a_term_under_way_is_counted_to_date_and_compared_fairly(demo):
    services, records = demo
    data = services.summaries.build_term("autumn-2026")  # on 21 November 2026
    current = data.current
    assert (current.start, current.end, current.full_end) == (
        date(2026, 9, 1), date(2026, 11, 21), date(2026, 12, 31))
    assert current.label == "Autumn term 2026 to date" and current.to_date
    # The same 82 days of each term it is compared with, and of the same term last year.
    assert [(p.label, p.start, p.end) for p in data.columns[1:]] == [
        ("Summer term 2026, first 82 days", date(2026, 4, 6), date(2026, 6, 26)),
        ("Spring term 2026, first 82 days", date(2026, 1, 1), date(2026, 3, 23)),
        ("Autumn term 2025, first 82 days", date(2025, 9, 1), date(2025, 11, 21)),
    ]
    want = _independent(records, date(2026, 4, 6), date(2026, 6, 26), date(2026, 11, 21))
    assert data.previous[0].total == want["total"]
    text = " ".join(pdf_text(services.summaries.render_data(data)).split())
    assert "Autumn term 2026 to date (1 September 2026 to 21 November 2026)" in text
    assert ("The term is still under way: it is counted to 21 November 2026, its first 82 "
            "days (it runs to 31 December 2026), and each term it is compared with is "
            "counted for its first 82 days too.") in text
    assert "(to date)" in text and "(first 82 days)" in text
    whole = services.summaries.build_term("summer-2026")
    assert "to date" not in whole.current.label and whole.current.full_end is None


def test_a_date_range_is_compared_with_the_two_periods_before_it(demo):
    services, records = demo
    data = services.summaries.build(date(2026, 10, 5), date(2026, 10, 25))
    assert data.current.term is None and data.current.label == "5 October 2026 to 25 October 2026"
    assert [(p.start, p.end) for p in data.previous] == [
        (date(2026, 9, 14), date(2026, 10, 4)), (date(2026, 8, 24), date(2026, 9, 13))]
    assert (data.last_year.start, data.last_year.end) == (date(2025, 10, 5), date(2025, 10, 25))
    want = _independent(records, date(2026, 10, 5), date(2026, 10, 25), date(2026, 11, 21))
    assert data.current.total == want["total"]
    with pytest.raises(ServiceError, match="cannot end"):
        services.summaries.build(date(2026, 10, 31), date(2026, 10, 1))
    month = services.summaries.build_month("2026-10")
    assert month.current.label == "October 2026" and [p.label for p in month.columns] == [
        "October 2026", "September 2026", "August 2026", "October 2025"]


def _fixed_vocabulary(services) -> set[str]:
    """Every word the report prints whatever the data: its headings, labels and notes."""
    from avenue_desk.policy import CATEGORIES, PLATFORMS

    today = date(2026, 11, 21)
    steps = tuple((s.key, 3) for s in STEPS if s.key not in ("close", "reopen"))
    every = PeriodCounts(
        date(2026, 9, 1), today, "autumn", total=len(CATEGORIES) * 3,
        by_category=tuple((c.key, 3) for c in CATEGORIES),
        by_platform=tuple((p.key, 3) for p in PLATFORMS),
        steps_taken=steps,
        by_furthest_step=((NO_STEP, 3), (CLOSED_NO_STEP, 3), *steps),
        full_end=date(2026, 12, 31), to_date=True,
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
    assert data.current.total == 2 and dict(data.current.steps_taken) == {"police": 2}
    pdf = services.summaries.render_data(data)
    text = pdf_text(pdf)
    assert "Incidents logged fewer than 3 0 0 0" in text
    assert "Contact the Police fewer than 3" in text
    assert "Racist comment fewer than 3" in text
    assert ("No review recorded for this edition — governors were due to review it by "
            "November 2022." in text)
    assert len(pdf_pages(pdf)) >= 1
    assert services.summaries.file_name(data) == (
        "Report to governors - Autumn term 2026 to 21 November 2026.pdf")
    whole = services.summaries.build_term("summer-2026")
    assert services.summaries.file_name(whole) == "Report to governors - Summer term 2026.pdf"


def test_an_empty_term_still_makes_a_report(services):
    set_up_school(services)
    data = services.summaries.build(date(2026, 9, 1), date(2026, 12, 31))
    assert data.current.total == 0 and data.current.by_furthest_step == ()
    text = pdf_text(services.summaries.render_data(data))
    assert "Incidents logged 0 0 0 0" in text


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
    text = pdf_text(services.summaries.render_data(data))
    assert "Median days to removal 6.5 days" in text


def test_steps_taken_count_every_warning_not_only_the_furthest_step(services):
    """The first report printed "Written warning 0" for a term with four warnings: each of
    those incidents went on to the Police, so the warning was never the furthest step."""
    set_up_school(services)
    warned = []
    for n in range(5):
        saved = services.incidents.create(incident_input(posted_on=date(2026, 10, 1 + n)))
        escalate(services, saved.id)
        warning = services.escalation.record(
            saved.id, ActionInput("written_warning", date(2026, 11, 11), "Mrs Carter"))
        services.escalation.record(saved.id, ActionInput("police", date(2026, 11, 12)))
        warned.append(warning)
    # One warning was recorded by mistake and withdrawn: it no longer stands.
    services.escalation.withdraw(warned[-1].id, "Recorded on the wrong incident")
    data = services.summaries.build_month("2026-11")
    steps = dict(data.current.steps_taken)
    assert steps["written_warning"] == 4 and steps["police"] == 5
    assert steps == _steps_taken_in_sql(services, date(2026, 11, 1), date(2026, 11, 30))
    term = services.summaries.build_term("autumn-2026")
    assert dict(term.current.by_furthest_step) == {"police": 5}
    text = " ".join(pdf_text(services.summaries.render_data(term)).split())
    taken = text[text.index("Steps taken in the period"):text.index("Furthest step reached")]
    assert "Written warning 4 0 0 0" in taken and "Contact the Police 5 0 0 0" in taken
    assert "Informal discussion with the parent 5" in taken


def test_august_posts_are_in_the_summer_holidays_report(services):
    set_up_school(services)
    for day in (1, 12, 20, 31):
        services.incidents.create(incident_input(posted_on=date(2026, 8, day)))
    holiday = services.summaries.build_term("summer-holiday-2026")
    assert holiday.current.label == "Summer holiday 2026" and holiday.current.total == 4
    assert [p.label for p in holiday.columns] == [
        "Summer holiday 2026", "Summer holiday 2025", "Summer holiday 2024"]
    text = pdf_text(services.summaries.render_data(holiday))
    assert "Summer holiday 2026 (1 August 2026 to 31 August 2026)" in text
    assert "Incidents logged 4 0 0" in text
    assert services.summaries.build_month("2026-08").current.total == 4
    # Each of them in one report, and only one.
    found = [services.summaries.build_term(p.key).current.total
             for p in recent_periods(date(2026, 11, 21), 6)]
    assert sum(found) == 4


def test_imported_closed_cases_are_not_shown_as_waiting_for_a_first_step(services, tmp_path):
    set_up_school(services)
    path = write(tmp_path / "old log.csv", [
        row(date_posted=f"2025-10-{day:02d}", status="closed") for day in (1, 2, 3, 4)] + [
        row(date_posted=f"2025-10-{day:02d}", status="open") for day in (5, 6, 7)])
    assert services.transfer.import_incidents(path).created == 7
    data = services.summaries.build_term("autumn-2025")
    assert dict(data.current.by_furthest_step) == {CLOSED_NO_STEP: 4, NO_STEP: 3}
    text = " ".join(pdf_text(services.summaries.render_data(data)).split())
    assert "No step recorded yet (open) 3 0 0 0" in text
    assert "Closed with no step recorded here 4 0 0 0" in text


def test_a_governor_has_whole_terms_and_months_once_they_are_over(services, services_as):
    set_up_school(services)
    services.incidents.create(incident_input(posted_on=date(2026, 10, 3)))
    services_as("governor")
    summaries = services.summaries
    assert not summaries.any_dates()
    for start, end in ((date(2026, 10, 3), date(2026, 10, 3)),
                       (date(2026, 9, 1), date(2026, 10, 3)),
                       (date(2026, 9, 1), date(2026, 10, 4))):
        with pytest.raises(PermissionDenied, match="whole terms, the summer holiday or whole "
                                                   "months"):
            summaries.build(start, end)
    with pytest.raises(ServiceError, match="Autumn term 2026 is not over yet"):
        summaries.build_term("autumn-2026")
    with pytest.raises(ServiceError, match="October 2026 is part of a term not yet over"):
        summaries.build_month("2026-10")
    assert summaries.build_term("summer-2026").current.total == 0
    assert summaries.build_month("2026-07").current.label == "July 2026"
    # August and the summer holiday are the same dates, and so the same report.
    assert summaries.build_month("2026-08").current.label == "Summer holiday 2026"
    assert [t.key for t in summaries.recent_terms(3)] == [
        "summer-holiday-2026", "summer-2026", "spring-2026"]
    assert summaries.recent_months(2) == (date(2026, 8, 1), date(2026, 7, 1))
    services_as("head", "head")  # the Headteacher again, to make the office's account
    services_as("office")  # the office, like the Headteacher, may choose any dates
    assert services.summaries.build(date(2026, 10, 3), date(2026, 10, 3)).current.total == 1


def _feasible(printed: dict[str, str], whole: int) -> dict[str, set[int]]:
    """Every value each month's line could have, given what the reports print of it and
    the term's printed count (exact): what a reader could work out, by brute force."""
    import itertools

    ranges = []
    for shown in printed.values():
        if shown == "fewer than 3":
            ranges.append((1, 2))
        elif shown == "not shown":
            ranges.append(range(1, whole + 1))
        else:
            ranges.append((int(shown),))
    found = {key: set() for key in printed}
    for values in itertools.product(*ranges):
        if sum(values) == whole:
            for key, value in zip(printed, values, strict=True):
                found[key].add(value)
    return found


def test_reports_a_governor_can_compare_never_give_away_a_small_count(services, services_as):
    """The term's count less its months must not leave a month of 1 or 2 (the first report
    let 35 and 36 be compared): months give way to the term they are part of."""
    set_up_school(services)
    posts = {date(2026, 1, 7): ("facebook", 6), date(2026, 2, 9): ("tiktok", 1),
             date(2026, 3, 4): ("facebook", 5), date(2026, 3, 20): ("whatsapp", 4)}
    for day, (platform, count) in posts.items():
        for _ in range(count):
            services.incidents.create(incident_input(posted_on=day, platform=platform))
    services_as("governor")
    spring = services.summaries.build_term("spring-2026").current
    months = {key: services.summaries.build_month(key).current
              for key in ("2026-01", "2026-02", "2026-03", "2026-04")}
    assert spring.shown("glance", "total") == "16"
    for table, key in (("glance", "total"), ("by_platform", "facebook"),
                       ("by_platform", "tiktok"), ("by_platform", "whatsapp")):
        whole = spring.shown(table, key)
        printed = {m: period.shown(table, key) for m, period in months.items()}
        if whole.isdigit():
            # April's piece of the spring term (1-5 April) is all of April here.
            for month, values in _feasible(printed, int(whole)).items():
                true = months[month].count(table, key)
                if 0 < true < 3:
                    assert len(values) > 1, (table, key, month, printed)
    # February's one TikTok post: "fewer than 3" in February (all of the term's TikTok), and
    # no month's total, since the term's total less January and March would leave it.
    assert months["2026-02"].shown("by_platform", "tiktok") == "fewer than 3"
    assert spring.shown("by_platform", "tiktok") == "fewer than 3"
    assert {m: p.shown("glance", "total") for m, p in months.items()} == {
        "2026-01": "not shown", "2026-02": "not shown", "2026-03": "not shown",
        "2026-04": "0"}


def test_a_total_never_gives_away_a_hidden_line(services):
    """Complementary suppression: one platform of 1 beside a total would be 1 by
    subtraction, so a second platform is not shown either."""
    set_up_school(services)
    for platform, count in (("facebook", 9), ("whatsapp", 4), ("tiktok", 1)):
        for n in range(count):
            services.incidents.create(incident_input(posted_on=date(2025, 10, 1 + n),
                                                     platform=platform))
    data = services.summaries.build_term("autumn-2025")
    current = data.current
    shown = {key: current.shown("by_platform", key) for key in ("facebook", "whatsapp",
                                                                "tiktok")}
    assert current.shown("glance", "total") == "14"
    assert shown == {"facebook": "9", "whatsapp": "not shown", "tiktok": "fewer than 3"}
    text = " ".join(pdf_text(services.summaries.render_data(data)).split())
    assert "WhatsApp group not shown" in text and "TikTok fewer than 3" in text
