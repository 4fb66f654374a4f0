"""The school's settings: saved, reloaded, and checked."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError

from avenue_desk.policy.settings_registry import (
    IDLE_LOCK,
    LETTERS_SAVE_FOLDER,
    SCHOOL_DETAILS,
    UnknownSetting,
)
from avenue_desk.services.conduct import ConductPeriods
from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.core.school import SchoolSettings
from tests.helpers.databases import raw_sql


def test_settings_round_trip(services):
    assert services.settings.load().set_up is False
    saved = services.settings.save(
        SchoolSettings(
            school_name="St Mary & St John's <Primary>",
            address="1 Elm Road\nLeeds LS1 1AA",
            head_name="Dr Zoë Łukasik",
            policy_edition="parental-2019",
            follow_up_days=10,
            set_up=True,
        )
    )
    assert saved.school_name == "St Mary & St John's <Primary>"
    assert saved.address == "1 Elm Road\nLeeds LS1 1AA"
    assert saved.head_name == "Dr Zoë Łukasik"
    assert saved.policy_edition == "parental-2019"
    assert saved.follow_up_days == 10 and saved.set_up is True


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"school_name": " "}, "school_name"),
        ({"head_name": ""}, "head_name"),
        ({"policy_edition": "2030"}, "policy_edition"),
        ({"evidence_limit_mb": 0}, "evidence_limit_mb"),
        ({"follow_up_days": 400}, "follow_up_days"),
    ],
)
def test_bad_settings_are_refused_and_nothing_changes(services, changes, field):
    good = SchoolSettings(school_name="Ash", head_name="H")
    services.settings.save(good)
    bad = SchoolSettings(**{**good.__dict__, **changes})
    with pytest.raises(ValidationError) as caught:
        services.settings.save(bad)
    assert field in caught.value.errors
    assert services.settings.load().school_name == "Ash"


# --- one registry, one transaction per Save (issue 11, part 6) ---------------------------

GOOD = SchoolSettings(school_name="Ash Grove Primary", head_name="Mr Okafor", set_up=True)


def stored_rows(services) -> dict[str, str]:
    """The settings table as another program would read it from the database."""
    return dict(raw_sql(services.paths, "SELECT key, value FROM settings"))


def audit_summaries(services) -> list[str]:
    return [row.summary for row in reversed(services.audit.page(limit=20))
            if row.action == "settings"]


def refuse_writes_to(services, key: str) -> None:
    """A trigger in the real database that fails any write of ``key`` (as a full disk
    would)."""
    if services.paths.uses_sqlite_file:
        raw_sql(services.paths, *(
            f"CREATE TRIGGER refuse_{event.lower()} BEFORE {event} ON settings "
            f"WHEN NEW.key = '{key}' BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            for event in ("INSERT", "UPDATE")))
    else:
        raw_sql(services.paths,
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'disk full'; END $$",
                "CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON settings FOR EACH ROW "
                f"WHEN (NEW.key = '{key}') EXECUTE FUNCTION refuse()")


def test_a_save_that_fails_part_way_writes_nothing(services):
    services.settings.save(GOOD)
    before_rows, before_audit = stored_rows(services), services.audit.head()
    refuse_writes_to(services, IDLE_LOCK.key)  # the last thing the Save writes
    with pytest.raises(DBAPIError, match="disk full"):
        services.settings.save(replace(GOOD, school_name="Birch Lane Primary",
                                       follow_up_days=21), {IDLE_LOCK: 15})
    assert stored_rows(services) == before_rows  # not the name, not the follow-up days
    assert services.audit.head() == before_audit  # and no audit row claims it was saved
    assert services.settings.load().school_name == "Ash Grove Primary"
    assert services.accounts.idle_lock_minutes() == 5


def test_one_save_is_one_transaction_with_an_audit_row_per_change(services):
    commits = []
    event.listen(services.db.sessions, "after_commit", commits.append)
    services.settings.save(GOOD, {IDLE_LOCK: 12})
    assert len(commits) == 1
    assert services.accounts.idle_lock_minutes() == 12
    assert audit_summaries(services)[-2:] == ["School details and settings saved",
                                              "Screen locks after 12 idle minutes"]
    services.settings.save(GOOD, {IDLE_LOCK: 12})  # the lock unchanged: no row for it
    assert audit_summaries(services)[-2:] == ["Screen locks after 12 idle minutes",
                                              "School details and settings saved"]


def test_every_problem_is_named_before_anything_is_written(services):
    services.settings.save(GOOD)
    before = stored_rows(services)
    with pytest.raises(ValidationError) as caught:
        services.settings.save(replace(GOOD, head_name=" "), {IDLE_LOCK: 500})
    assert caught.value.errors == {
        "head_name": "Enter the headteacher's name.",
        "lock_idle_minutes": "Lock the screen after 1 to 120 idle minutes."}
    assert stored_rows(services) == before


def test_a_database_from_before_the_registry_reads_and_saves_the_same(services):
    """The keys and the text stored are the ones the app has always written."""
    rows = [
        ("school_name", "Ash Grove Primary"), ("head_name", "Mr Okafor"),
        ("policy_edition", "parental-2019"), ("evidence_limit_mb", "40"),
        ("follow_up_days", "9"), ("is_demo", "0"), ("set_up", "1"),
        ("address", "1 Ash Grove"), ("lock_idle_minutes", "7"),
        ("school.phone", "0113 000"), ("template.warning", "Subject: x\n\nWords"),
        ("letters.save_folder", "/old/folder"), ("conduct_renewal_months", "24"),
        ("retention_months.person", "18"), ("backup_dir", ""),
        ("full_check_on", "2026-11-14"), ("full_check_result", "passed"),
    ]
    for key, value in rows:
        raw_sql(services.paths, "INSERT INTO settings (key, value) VALUES (:key, :value)",
                key=key, value=value)
    before = stored_rows(services)
    loaded = services.settings.load()
    assert (loaded.school_name, loaded.policy_edition, loaded.evidence_limit_mb,
            loaded.follow_up_days, loaded.is_demo, loaded.set_up) == (
        "Ash Grove Primary", "parental-2019", 40, 9, False, True)
    assert services.accounts.idle_lock_minutes() == 7
    assert services.conduct_register.periods().renewal_months == 24
    assert services.backup.folder() == services.backup.default_folder()
    assert services.letters.templates.is_custom("warning")
    assert {p.kind: p.months for p in services.retention.periods()}["person"] == 18
    services.settings.save(loaded)  # saved unchanged from the page: the same rows
    assert stored_rows(services) == before


def test_the_old_last_save_folder_is_left_alone_and_nothing_writes_it(services):
    with pytest.raises(UnknownSetting):
        services.settings.set_value(LETTERS_SAVE_FOLDER.key, "/somewhere")
    with pytest.raises(UnknownSetting):
        services.settings.set_value("a key nobody declared", "x")
    assert LETTERS_SAVE_FOLDER.key not in stored_rows(services)


def test_the_code_of_conduct_periods_are_one_change(services):
    commits = []
    event.listen(services.db.sessions, "after_commit", commits.append)
    saved = services.conduct_register.set_periods(ConductPeriods(18, 45))
    assert saved == ConductPeriods(18, 45) and len(commits) == 1
    assert audit_summaries(services)[-1] == ("Code of conduct renewed every 18 months, "
                                             "reminders 45 days before")
    assert stored_rows(services)["conduct_renewal_months"] == "18"
    with pytest.raises(ValidationError) as caught:
        services.conduct_register.set_periods(ConductPeriods(0, 200))
    assert caught.value.errors == {
        "renewal_months": "Renewal must be every 1 to 60 months.",
        "due_soon_days": "“Due soon” must start 0 to 180 days before renewal."}
    assert services.conduct_register.periods() == ConductPeriods(18, 45)


def test_the_school_details_default_as_the_registry_declares():
    for entry in SCHOOL_DETAILS:
        assert getattr(SchoolSettings(), entry.key) == entry.default
