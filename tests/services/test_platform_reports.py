"""Reports to the platform: the reference and the reply kept; a week with the post still up
and no removal puts the incident on Home with the next route (Report Harmful Content)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from avenue_desk.policy.platform_routes import REPORT_HARMFUL_CONTENT_ROUTE, next_route_quotes
from avenue_desk.services.core.access import PermissionDenied
from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.incidents import PlatformReportInput
from tests.helpers.records import close, incident_input, step


@pytest.fixture
def incident(services):
    return services.incidents.create(incident_input(posted_on=date(2026, 11, 1)))


def silent(services):
    summary = services.attention.summary()
    return [item.incident_id for item in summary.platform_silent], summary


def test_a_report_is_kept_with_its_reference_and_reply(services, incident):
    reports = services.platform_reports
    made = reports.add(incident.id, PlatformReportInput(
        date(2026, 11, 3), reference=" FB-8812 <case> & co ", made_to="platform"))
    assert (made.reported_on, made.reference, made.reply, made.recorded_by) == (
        date(2026, 11, 3), "FB-8812 <case> & co", "", "Mrs Patel")
    replied = reports.update(made.id, PlatformReportInput(
        date(2026, 11, 3), "FB-8812 <case> & co", "“Doesn't go against our Community "
        "Standards” — Zoë", date(2026, 11, 5)))
    assert replied.reply_on == date(2026, 11, 5) and replied.reply.endswith("— Zoë")
    assert reports.for_incident(incident.id) == [replied]


@pytest.mark.parametrize(("data", "fields"), [
    (PlatformReportInput(None), {"reported_on"}),
    (PlatformReportInput(date(2026, 11, 22)), {"reported_on"}),  # tomorrow
    (PlatformReportInput(date(2026, 10, 31)), {"reported_on"}),  # before it was posted
    (PlatformReportInput(date(2026, 11, 3), reply_on=date(2026, 11, 2), reply="no"),
     {"reply_on"}),
    (PlatformReportInput(date(2026, 11, 3), reply_on=date(2026, 11, 4)), {"reply"}),
    (PlatformReportInput(date(2026, 11, 3), reference="x" * 201), {"reference"}),
    (PlatformReportInput(date(2026, 11, 3), made_to="the moon"), {"made_to"}),
])
def test_what_cannot_be_right_is_refused_beside_its_field(services, incident, data, fields):
    with pytest.raises(ValidationError) as refused:
        services.platform_reports.add(incident.id, data)
    assert set(refused.value.errors) == fields
    assert services.platform_reports.for_incident(incident.id) == []


def test_a_governor_cannot_record_a_report(services_as, incident):
    governor = services_as("governor")
    with pytest.raises(PermissionDenied):
        governor.platform_reports.add(incident.id, PlatformReportInput(date(2026, 11, 3)))


def test_a_week_without_removal_appears_on_home_with_the_next_route(services, clock, incident):
    other = services.incidents.create(incident_input(posted_on=date(2026, 11, 10)))
    reports = services.platform_reports
    reports.add(incident.id, PlatformReportInput(date(2026, 11, 14), reference="FB-8812"))
    reports.add(other.id, PlatformReportInput(date(2026, 11, 15)))
    # 21 November: the first was reported 7 days ago, the second only 6.
    ids, summary = silent(services)
    assert ids == [incident.id] and summary.platform_silent_total == 1
    [item] = summary.platform_silent
    assert item.kind == "platform_silent"
    assert ("reported to Facebook 14 November 2026 (reference FB-8812), 7 days ago, and "
            "still up: Report Harmful Content can step in now.") in item.message
    clock.advance(days=1)
    assert silent(services)[0] == [incident.id, other.id]
    # Removed: no longer on Home. A report to the next route: no longer asked for.
    services.incidents.update(incident.id, incident_input(posted_on=date(2026, 11, 1),
                                                          content_still_up=False))
    reports.add(other.id, PlatformReportInput(clock.today(),
                                              made_to=REPORT_HARMFUL_CONTENT_ROUTE.key))
    assert silent(services)[0] == []


def test_a_closed_case_is_not_chased(services, clock, incident):
    services.platform_reports.add(incident.id, PlatformReportInput(date(2026, 11, 2)))
    assert silent(services)[0] == [incident.id]
    step(services, incident.id, "informal_discussion")
    close(services, incident.id)
    assert silent(services)[0] == []


def test_the_route_is_data_with_the_policy_s_own_words():
    route = REPORT_HARMFUL_CONTENT_ROUTE
    assert route.web_address == "https://reportharmfulcontent.com" and route.after_days == 7
    quotes = [q.text for q in next_route_quotes(route)]
    assert any("'report abuse' section of the network site" in q for q in quotes)
    assert any(q.startswith("Contact the host/provider") for q in quotes)
    assert date.today() - route.checked < timedelta(days=3 * 366)
