"""The demo school: realistic, fictional, deterministic, and faithful to the policy's rules."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from avenue_desk.demo.school import NOT_EMPTY, SCHOOL_NAME, fill_demo
from avenue_desk.paths import AppPaths
from avenue_desk.policy import IncidentFacts, Phase, StepRefused, apply_step
from avenue_desk.services.core.clock import FixedClock
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.incidents.escalation import clean_action
from avenue_desk.services.incidents.incidents import clean_incident
from avenue_desk.services.incidents.records import ActionInput, IncidentInput, IncidentQuery
from avenue_desk.services.people.people import clean_person
from avenue_desk.services.people.records import PersonInput
from tests.helpers.accounts import open_signed_in as open_services
from tests.helpers.databases import raw_sql
from tests.helpers.records import person

N = 60
ADULT_ROLES = ("parent", "carer", "relative")
TABLES = ("settings", "people", "person_links", "incidents", "incident_categories",
          "incident_people", "actions", "evidence")


def _clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 21, 9, 30))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One demo school shared by the read-only tests below (filling it once is enough)."""
    calls = []
    services = open_services(AppPaths(tmp_path_factory.mktemp("demo") / "data"), _clock())
    report = fill_demo(services, incidents=N, seed=2021, progress=lambda d, t: calls.append((d, t)))
    yield services, report, calls
    services.close()


def _dump(paths: AppPaths) -> dict[str, list[tuple]]:
    dump = {t: raw_sql(paths, f"SELECT * FROM {t} ORDER BY 1, 2") for t in TABLES}
    if paths.uses_sqlite_file:  # only SQLite keeps a separate search index
        dump["search"] = raw_sql(
            paths, "SELECT rowid, excerpt, summary, notes FROM incident_search ORDER BY rowid")
    return dump


def _fill(tmp_path, name: str, seed: int, incidents: int = 40) -> AppPaths:
    paths = AppPaths(tmp_path / name)
    with open_services(paths, _clock()) as services:
        fill_demo(services, incidents=incidents, seed=seed)
    return paths


def _all_incidents(services):
    for row in services.incidents.page(IncidentQuery(sort_key="id", descending=False), 0, N):
        yield services.incidents.get(row.id)


def test_report_matches_what_was_stored(demo):
    services, report, calls = demo
    count = services.people.count
    assert report.pupils == count(roles=("pupil",)) == 210
    assert report.adults == count(roles=ADULT_ROLES)
    assert 25 <= report.staff == count(roles=("staff",)) <= 30
    assert report.volunteers == count(roles=("volunteer",)) > 0
    assert 9 <= report.governors == count(roles=("governor",)) <= 11
    assert report.incidents == services.incidents.count(IncidentQuery()) == N
    assert str(report).startswith(f"Created the demo school '{SCHOOL_NAME}': 210 pupils, ")
    assert str(report).endswith(f", {N} incidents over three school years.")
    assert calls[-1] == (N, N)


def test_settings_mark_a_set_up_demo_school_run_by_a_member_of_staff(demo):
    services, report, _ = demo
    settings = services.settings.load()
    assert settings.school_name == SCHOOL_NAME and settings.address
    assert settings.is_demo and settings.set_up and settings.policy_edition == "avenue-2021"
    staff = services.people.search(settings.head_name, roles=("staff",))
    assert [p.notes for p in staff] == ["Headteacher"]


def test_seven_classes_and_every_pupil_has_one_or_two_linked_adults(demo):
    services, _, _ = demo
    pupils = services.people.search(roles=("pupil",), limit=1000)
    by_class: dict[str, int] = {}
    for pupil in pupils:
        by_class[pupil.class_name] = by_class.get(pupil.class_name, 0) + 1
        adults = services.people.linked_adults(pupil.id)
        assert 1 <= len(adults) <= 2, pupil
        assert all(a.role in ADULT_ROLES for a in adults)
    assert len(by_class) == 7 and "Oak (Y3)" in by_class
    assert all(25 <= n <= 35 for n in by_class.values())


def test_names_come_from_many_cultures_and_scripts(demo):
    services, _, _ = demo
    names = " ".join(p.full_name for p in services.people.search(limit=10_000))
    for script in (r"[ŁłżźćńśąęóĆŚŻ]", r"[ğışçĞİŞÇ]", r"[ễệơưạảấầậắằặẹẻẽếềểịọỏốồổỗộớờởỡợụủứừửữự]",
                   r"[\u0370-\u03ff]", r"[\u0400-\u04ff]", r"[\u0600-\u06ff]",
                   r"[\u4e00-\u9fff]", r"[ÁÉÍÓÚáéíóú]"):
        assert re.search(script, names), script
    assert "'" in names and "-" in names


def test_every_history_replays_through_the_policy_and_matches_the_stored_state(demo):
    services, _, _ = demo
    today = services.clock.today()
    incidents = list(_all_incidents(services))
    assert len(incidents) == N
    for incident in incidents:
        steps = [a.step for a in incident.actions]
        facts = IncidentFacts(
            Phase.NEW, frozenset(incident.categories), incident.on_school_forum,
            incident.content_still_up or "content_removed" in steps, platform=incident.platform,
        )
        for step in steps:
            try:
                facts = apply_step(facts, step)
            except StepRefused as refused:  # pragma: no cover - the failure message
                pytest.fail(f"incident {incident.id}: {steps}: {refused.reason}")
        assert facts.phase.value == incident.phase
        before = facts.phase_before_close.value if facts.phase_before_close else None
        assert before == incident.phase_before_close
        assert facts.content_still_up == incident.content_still_up
        dates = [a.taken_on for a in incident.actions]
        assert dates == sorted(dates)
        assert all(incident.posted_on <= d <= today for d in dates)
        assert incident.seen_on is None or incident.posted_on <= incident.seen_on <= today
        assert all(a.follow_up_due >= a.taken_on for a in incident.actions if a.follow_up_due)
        pending = [a.follow_up_due for a in incident.actions
                   if a.follow_up_due and not a.follow_up_done]
        assert incident.next_follow_up == (min(pending) if pending else None)


def test_old_cases_are_mostly_closed_and_recent_ones_give_the_home_view_work(demo):
    services, _, _ = demo
    today = services.clock.today()
    incidents = list(_all_incidents(services))
    old = [i for i in incidents if (today - i.posted_on).days > 120]
    assert sum(i.status == "closed" for i in old) >= 0.85 * len(old)
    assert all(not i.content_still_up for i in old if i.status == "closed" and i.actions
               and "content_removed" in [a.step for a in i.actions])
    home = services.attention.summary()
    assert home.open_incidents > 0 and home.still_up_total > 0
    platforms = [i.platform for i in incidents]
    assert platforms.count("facebook") + platforms.count("whatsapp") > N / 3


def test_posters_are_parents_and_named_people_are_pupils_or_staff(demo):
    services, _, _ = demo
    for incident in _all_incidents(services):
        assert incident.poster is not None and incident.poster.role in ADULT_ROLES
        assert all(p.role in ("pupil", "staff") for p in incident.named_people)
        assert incident.excerpt and incident.summary and "{" not in incident.excerpt


def test_every_record_is_already_as_the_services_would_clean_it(demo):
    """Bulk rows skip the services' checks, so check here they would have passed them."""
    services, _, _ = demo
    today = services.clock.today()
    for p in services.people.search(limit=10_000):
        data = PersonInput(p.full_name, p.role, p.class_name, p.year_group, p.email, p.phone,
                           p.address, p.mis_id, p.notes, p.linked_pupil_ids, p.title,
                           p.forenames, p.surname, p.salutation)
        assert clean_person(data) == data
    for incident in _all_incidents(services):
        data = IncidentInput(
            incident.posted_on, incident.platform, incident.categories, incident.seen_on,
            incident.reported_by, incident.location, incident.poster.id,
            tuple(p.id for p in incident.named_people), incident.excerpt, incident.summary,
            incident.content_still_up, incident.on_school_forum, incident.policy_edition,
        )
        assert clean_incident(data, today) == data
        for a in incident.actions:
            step = ActionInput(a.step, a.taken_on, a.taken_by, a.outcome, a.notes,
                               a.follow_up_due, a.removal_confirmed)
            assert clean_action(step, today) == step


def test_search_finds_a_word_from_a_demo_excerpt(demo):
    services, _, _ = demo
    first = services.incidents.get(services.incidents.first_id())
    word = max(re.findall(r"\w+", first.excerpt), key=len)
    query = IncidentQuery(text=word)
    assert services.incidents.count(query) >= 1
    assert first.id in services.incidents.ids(query)


def test_a_few_recent_incidents_have_a_screenshot_that_verifies(demo):
    services, report, _ = demo
    assert report.evidence == services.evidence.count() > 0
    checks = list(services.evidence.verify_all())
    assert checks and all(check.ok for _, check in checks)
    record = checks[0][0]
    assert record.media_type == "image/png" and record.original_name.startswith("Screenshot")


def test_same_seed_same_school_and_different_seed_different_school(tmp_path):
    first = _dump(_fill(tmp_path, "a", seed=7))
    assert first == _dump(_fill(tmp_path, "b", seed=7))
    other = _dump(_fill(tmp_path, "c", seed=8))
    assert other["people"] != first["people"] and other["incidents"] != first["incidents"]


def test_refuses_a_database_that_holds_records_and_leaves_it_unchanged(services):
    person(services, "Jo Bloggs")
    before = _dump(services.paths)
    with pytest.raises(ServiceError) as refused:
        fill_demo(services, incidents=5)
    assert str(refused.value) == NOT_EMPTY
    assert _dump(services.paths) == before


def test_a_demo_school_with_no_incidents(services):
    report = fill_demo(services, incidents=0)
    assert report.incidents == 0 and services.incidents.count(IncidentQuery()) == 0
    assert str(report).endswith("10 governors, no incidents.")
    with pytest.raises(ServiceError, match="already holds records"):
        fill_demo(services, incidents=0)
