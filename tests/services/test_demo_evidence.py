"""The demo school's evidence is what the police ask for (part 10): its screenshots say when
(date and time), where (the post's web address, where the site has one), which account they
show and who in the office captured them; and one post reported to the platform more than a
week ago is still up, so Home offers the next route."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from avenue_desk.demo.evidence import PLATFORM_REPLY
from avenue_desk.demo.school import fill_demo
from avenue_desk.services.core.clock import FixedClock
from tests.helpers.accounts import open_signed_in
from tests.helpers.databases import data_paths

SITES_WITH_ADDRESSES = ("facebook", "instagram", "x_twitter", "tiktok", "youtube",
                        "school_forum")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    paths = data_paths(tmp_path_factory.mktemp("demo-evidence") / "data")
    services = open_signed_in(paths, FixedClock(datetime(2026, 11, 21, 9, 30)))
    fill_demo(services, incidents=300, seed=2021)
    yield services
    services.close()


def test_each_screenshot_says_when_where_what_account_and_who(demo):
    office = [p.full_name for p in demo.people.search(roles=("staff",), limit=100)
              if p.notes == "Office manager"]
    checked = list(demo.evidence.verify_all())
    assert len(checked) == 6 and all(check.ok for _record, check in checked)
    for record, _check in checked:
        platform = demo.incidents.current(record.incident_id).platform
        assert record.captured_on and record.captured_at is not None
        assert record.original_name.endswith(f"at {record.captured_at:%H.%M}.png")
        assert [record.captured_by] == office
        assert record.url.startswith("https://") == (platform in SITES_WITH_ADDRESSES)
        assert bool(record.account_shown) == (platform not in ("other", "school_forum"))
    assert any(r.account_shown.startswith("@") and r.url for r, _check in checked)


def test_one_report_to_the_platform_is_a_week_old_with_the_post_still_up(demo):
    today = demo.clock.today()
    silent = demo.attention.summary().platform_silent
    assert len(silent) == 1
    case = demo.incidents.current(silent[0].incident_id)
    assert case.phase != "closed" and case.content_still_up
    [report] = demo.platform_reports.for_incident(case.id)
    assert report.made_to == "platform" and report.reference.isdigit()
    assert report.reply == PLATFORM_REPLY and report.reported_on < report.reply_on <= today
    assert report.reported_on < today - timedelta(days=7)
    # It is the report the incident's own "report to the site" step says was made.
    assert report.reported_on in [a.taken_on for a in case.actions
                                  if a.step == "report_to_site"]
