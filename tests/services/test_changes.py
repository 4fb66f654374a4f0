"""``services.changes``: the window's cheap question "has anything been saved since I last
looked?", on SQLite's data_version and, where there is no such pragma (PostgreSQL), on the
newest audit row."""

from __future__ import annotations

import time

import pytest

from avenue_desk.paths import DATABASE_FILE, AppPaths
from avenue_desk.services.container import open_services
from avenue_desk.services.core.changes import ChangeMonitor
from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.incidents import IncidentQuery
from avenue_desk.services.people.records import PersonInput
from tests.helpers.accounts import HEAD_PASSWORD, cheap_hashing, open_signed_in
from tests.helpers.postgres import ON_POSTGRES
from tests.helpers.records import incident, person


def test_a_save_in_this_process_moves_the_stamp_and_reading_does_not(services):
    changes = services.changes
    assert changes.cheap == services.paths.uses_sqlite_file  # SQLite's pragma: no query
    before = changes.stamp()
    assert before is not None
    services.incidents.count(IncidentQuery())
    services.people.search("", ())
    services.attention.summary(limit=20)
    assert changes.stamp() == before  # reading is no change: a refresh sets off no other
    incident(services)
    # On a server the change is heard as a notification, which arrives a moment after the
    # commit (the window's next look, a second and a half later, finds it).
    deadline = time.monotonic() + 5
    while (after := changes.stamp()) == before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert after != before
    assert changes.stamp() == after  # asked again, nothing new


def test_the_audit_row_way_sees_every_change_and_no_reads(services):
    """The PostgreSQL way, run on SQLite, where the query reads the same."""
    changes = ChangeMonitor(services.db, use_pragma=False)
    assert not changes.cheap
    before = changes.stamp()
    assert isinstance(before, int)
    services.people.search("", ())
    assert changes.stamp() == before
    person(services, "Zoë O'Brien <&>")
    deadline = time.monotonic() + 5  # on a server, heard a moment after the commit
    while changes.stamp() == before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert changes.stamp() != before
    changes.close()


def test_closed_records_are_not_opened_again_by_a_late_look(services):
    changes = services.changes
    assert changes.stamp() is not None
    services.db.close()
    assert changes.stamp() is None  # "cannot tell": nothing is refreshed on it
    assert services.db._watcher is None


def test_a_database_outside_the_data_folder_is_the_one_watched(tmp_path):
    elsewhere = tmp_path / "shared drive" / "records.sqlite3"
    elsewhere.parent.mkdir()
    paths = AppPaths(tmp_path / "data", f"sqlite:///{elsewhere.as_posix()}")
    with open_services(paths, hashing=cheap_hashing()) as services:
        services.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
        services.accounts.authenticate("head", HEAD_PASSWORD)
        before = services.changes.stamp()
        incident(services)
        assert services.changes.stamp() != before
    assert not (paths.data_dir / DATABASE_FILE).exists()


@pytest.mark.skipif(not ON_POSTGRES, reason="needs make test-postgres's server")
def test_on_a_server_another_pcs_change_is_heard_and_reads_are_not(services, paths, clock):
    """LISTEN/NOTIFY: the audit writer announces each committed change; the monitor reads
    what has arrived without a query."""
    changes = services.changes
    changes.stamp()
    assert changes._listener._raw is not None  # listening, not asking the audit table
    other = open_signed_in(paths, clock)  # its sign-in is a change, heard in a moment
    try:
        time.sleep(0.5)
        before = changes.stamp()
        other.people.search("", ())
        assert changes.stamp() == before
        with pytest.raises(ValidationError):
            other.people.create(PersonInput("", "parent"))  # refused: nothing committed
        assert changes.stamp() == before
        person(other, "Zoë O'Brien <&>")
        deadline = time.monotonic() + 5
        while changes.stamp() == before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert changes.stamp() != before
    finally:
        other.close()
