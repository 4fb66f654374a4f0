"""``avenue-desk policy-review record`` and ``policy-review show``, run through the command's
``main``. The command runs on the real clock, so its dates are counted from today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from avenue_desk.policy.editions import default_next_review, long_date
from tests.helpers.accounts import OWN_PASSWORD, sign_in_as
from tests.helpers.cli import set_up

NOTE = 'FGB <minute 7> & "Łódź"'


@pytest.fixture
def folder(tmp_path):
    data = tmp_path / "data"
    with set_up(data) as services:
        sign_in_as(services, "office", "office")
        sign_in_as(services, "head", "head")  # the Headteacher again, to make the next account
        sign_in_as(services, "governor", "governor")
    return data


def test_record_then_show(cli, folder):
    reviewed = date.today() - timedelta(days=3)
    ran = cli.signed_in(folder, "policy-review", "record", "--reviewed-on",
                        reviewed.isoformat(), "--note", NOTE)
    assert ran.returncode == 0, ran.stderr
    due = default_next_review(reviewed)
    assert ran.stdout.splitlines() == [
        "Recorded: governors reviewed The Avenue Primary School Social Media Policy "
        "(November 2021).",
        f"Reviewed by governors on {long_date(reviewed)}; next review due by {long_date(due)}.",
    ]
    shown = cli.signed_in(folder, "policy-review", "show", user="governor",
                          password=OWN_PASSWORD)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[:3] == [
        "In force: The Avenue Primary School Social Media Policy (November 2021).",
        f"Reviewed by governors on {long_date(reviewed)}; next review due by {long_date(due)}.",
        f"Minutes: {NOTE}",
    ]
    assert "Recorded before (newest first, from the audit trail):" in lines
    assert lines[-1].endswith(f"by head: Governors' review of The Avenue Primary School "
                              f"Social Media Policy (November 2021) recorded: reviewed on "
                              f"{long_date(reviewed)}, next review due by {long_date(due)}. "
                              f"Minutes: {NOTE}")


def test_show_before_any_review_says_none_is_recorded(cli, folder):
    shown = cli.signed_in(folder, "policy-review", "show")
    assert shown.returncode == 0, shown.stderr
    assert ("No review recorded for this edition — governors were due to review it by "
            "November 2022.") in shown.stdout
    assert "Recorded before" not in shown.stdout


def test_the_next_date_can_be_given(cli, folder):
    reviewed = date.today() - timedelta(days=1)
    ran = cli.signed_in(folder, "policy-review", "record", "--reviewed-on",
                        reviewed.isoformat(), "--next", (reviewed + timedelta(days=500))
                        .isoformat())
    assert ran.returncode == 0, ran.stderr
    assert f"next review due by {long_date(reviewed + timedelta(days=500))}." in ran.stdout


def test_the_office_is_refused_with_the_reason(cli, folder):
    ran = cli.signed_in(folder, "policy-review", "record", "--reviewed-on",
                        date.today().isoformat(), user="office", password=OWN_PASSWORD)
    assert ran.returncode == 1
    assert ran.stderr.strip() == (
        "avenue-desk policy-review record: Only the Headteacher's (administrator's) account "
        "can record that governors reviewed the policy.")
    with set_up(folder) as services:
        assert not services.policy_review.current().status.recorded


def test_a_future_date_or_a_date_that_is_not_one_is_refused(cli, folder):
    tomorrow = date.today() + timedelta(days=1)
    ran = cli.signed_in(folder, "policy-review", "record", "--reviewed-on",
                        tomorrow.isoformat())
    assert ran.returncode == 1
    assert f"The review date ({tomorrow.day} {tomorrow:%B %Y}) is in the future" in ran.stderr
    bad = cli.signed_in(folder, "policy-review", "record", "--reviewed-on", "03/12/2026")
    assert bad.returncode == 2 and "is not a date like 2026-09-01" in bad.stderr
    with set_up(folder) as services:
        assert not services.policy_review.current().status.recorded
