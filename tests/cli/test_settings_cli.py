"""``avenue-desk settings list`` and ``settings set KEY VALUE``: every setting in the
registry, checked as the window checks it, audited, and the Headteacher's to change."""

from __future__ import annotations

import pytest

from avenue_desk.policy.settings_registry import FOLLOW_UP_DAYS, SETTINGS
from tests.helpers.accounts import OWN_PASSWORD, sign_in_as
from tests.helpers.cli import set_up


@pytest.fixture
def folder(tmp_path):
    data = tmp_path / "data"
    with set_up(data) as services:
        sign_in_as(services, "office", "office")
    return data


def stored(folder, entry):
    with set_up(folder) as services:
        return services.settings.get(entry)


def test_list_shows_every_setting_a_person_keeps_with_its_value(cli, folder):
    ran = cli.signed_in(folder, "settings", "list")
    assert ran.returncode == 0, ran.stderr
    for entry in SETTINGS:
        if not entry.family and not entry.retired:
            assert entry.key in ran.stdout
    assert "follow_up_days" in ran.stdout and "7 (default)" in ran.stdout
    assert "[kept by Avenue Desk]" in ran.stdout  # the demo flag, the last full check


def test_set_checks_the_value_as_the_window_does_and_audits_it(cli, folder):
    ran = cli.signed_in(folder, "settings", "set", "follow_up_days", "10")
    assert ran.returncode == 0, ran.stderr
    assert "follow_up_days is now 10." in ran.stdout
    assert stored(folder, FOLLOW_UP_DAYS) == 10
    refused = cli.signed_in(folder, "settings", "set", "follow_up_days", "400")
    assert refused.returncode == 1
    assert "Follow-ups must be 1 to 365 days ahead." in refused.stderr
    words = cli.signed_in(folder, "settings", "set", "follow_up_days", "ten")
    assert "must be a whole number, not “ten”" in words.stderr
    assert stored(folder, FOLLOW_UP_DAYS) == 10
    listed = cli.signed_in(folder, "settings", "list").stdout
    assert "Follow up after: 10  [" in listed
    with set_up(folder) as services:
        summaries = [row.summary for row in services.audit.page(limit=50)]
    assert "Follow up after changed" in summaries, summaries


def test_text_with_markup_is_kept_exactly(cli, folder):
    text = 'Ash & Oak <Primary> "The Avenue"'
    ran = cli.signed_in(folder, "settings", "set", "school.chair_of_governors", text)
    assert ran.returncode == 0, ran.stderr
    assert text in cli.signed_in(folder, "settings", "list").stdout


def test_the_school_s_contact_details_are_listed_and_checked(cli, folder):
    listed = cli.signed_in(folder, "settings", "list").stdout
    for key, label in (("school.phone", "Phone"), ("school.email", "Email"),
                       ("school.website", "Website"),
                       ("school.chair_of_governors", "Chair of Governors"),
                       ("school.complaints_procedure", "Complaints procedure is"),
                       ("school.head_title", "Signature line: Headteacher (default)")):
        assert f"{key}" in listed and label in listed, key
    ok = cli.signed_in(folder, "settings", "set", "school.phone", "+44 (0)113 496 0000")
    assert ok.returncode == 0, ok.stderr
    refused = cli.signed_in(folder, "settings", "set", "school.email", "office at school")
    assert refused.returncode == 1
    assert "“office at school” does not look like an email address" in refused.stderr
    empty = cli.signed_in(folder, "settings", "set", "school.head_title", " ")
    assert "Enter the line printed under the headteacher's name" in empty.stderr
    with set_up(folder) as services:
        extra = services.settings.load().extra
    assert extra["school.phone"] == "+44 (0)113 496 0000" and "school.email" not in extra


def test_term_dates_must_be_dates_under_a_term_key(cli, folder):
    ok = cli.signed_in(folder, "settings", "set", "term.autumn-2027.start", "2027-09-02")
    assert ok.returncode == 0, ok.stderr
    assert "term.autumn-2027.start" in cli.signed_in(folder, "settings", "list").stdout
    not_a_date = cli.signed_in(folder, "settings", "set", "term.autumn-2027.end", "soon")
    assert "A term date must be a date like 2026-09-03, not “soon”." in not_a_date.stderr
    not_a_term = cli.signed_in(folder, "settings", "set", "term.winter-2027.start",
                               "2027-01-04")
    assert not_a_term.returncode == 1
    assert "is not a term date" in not_a_term.stderr


def test_unknown_and_app_kept_settings_are_refused_plainly(cli, folder):
    unknown = cli.signed_in(folder, "settings", "set", "colour", "red")
    assert "There is no setting “colour”" in unknown.stderr
    kept = cli.signed_in(folder, "settings", "set", "is_demo", "yes")
    assert kept.returncode == 1 and "kept by Avenue Desk itself" in kept.stderr


def test_only_the_headteacher_changes_settings(cli, folder):
    ran = cli.signed_in(folder, "settings", "set", "follow_up_days", "3", user="office",
                        password=OWN_PASSWORD)
    assert ran.returncode == 1
    assert "Headteacher" in ran.stderr, ran.stderr
    assert stored(folder, FOLLOW_UP_DAYS) == 7


def test_letter_wording_goes_through_the_letters_rules(cli, folder):
    ran = cli.signed_in(folder, "settings", "set", "template.warning", "Dear {nonsense}")
    assert ran.returncode == 1
    assert "nonsense" in ran.stderr
