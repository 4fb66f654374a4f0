"""The check reads every record (issue 16, part 12, item 2): one flipped byte inside a
person's name, an action's notes or an excerpt is found and named, with what can still be
read of it; lists still load, showing � where letters were lost; opening that record is
refused in plain words; the export writes what it can and says what it could not."""

from __future__ import annotations

import csv
from contextlib import closing

import pytest

from avenue_desk.paths import AppPaths
from avenue_desk.services.container import open_services
from avenue_desk.services.core import records_key
from avenue_desk.services.core.errors import RecordsDamaged
from avenue_desk.services.incidents import IncidentQuery
from avenue_desk.services.people import PersonInput
from avenue_desk.store import keyring
from tests.helpers.accounts import (
    HEAD_PASSWORD,
    ORIGIN,
    cheap_hashing,
    open_as_head,
    open_signed_in,
)
from tests.helpers.damage import flip_text
from tests.helpers.databases import raw_sql
from tests.helpers.postgres import sqlite_only
from tests.helpers.records import incident_input

# Bytes flipped inside the database file: a server keeps no file of ours to damage.
pytestmark = sqlite_only("damage made inside the SQLite file")


def plain_school(paths, clock) -> None:
    """A school whose records file is not encrypted (every school's, until it is converted
    to encrypted records): only there does one byte flipped inside a record's text leave
    the rest of its page readable. An encrypted file's page fails whole (below)."""
    with open_services(paths, clock, origin=ORIGIN, hashing=cheap_hashing(),
                       encrypt_new=False) as services:
        services.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
    assert not records_key.is_encrypted(paths)


@pytest.fixture
def records(paths, clock):
    """A person, an incident naming nobody, its step with notes; closed."""
    plain_school(paths, clock)
    with open_signed_in(paths, clock) as services:
        person = services.people.create(PersonInput("Neil Fletcher", "parent"))
        incident = services.incidents.create(incident_input(
            excerpt="Everyone should know what happens in Rowan class", poster_id=person.id))
    return person.id, incident.id


def problems(paths, clock) -> list[str]:
    with open_signed_in(paths, clock) as services:
        return [line for line in services.health.check().lines if line.startswith("PROBLEM")]


def test_a_flipped_byte_in_a_name_is_named_and_the_rest_still_reads(paths, clock, records):
    person_id, _ = records
    assert flip_text(paths.database_file, "people", "full_name") == person_id
    assert problems(paths, clock) == [
        f"PROBLEM: Person {person_id}: its full name is damaged (text that can no longer be "
        "read; what can still be read: “N\ufffdil Fletcher”). The rest of the record reads as "
        "it should. Restore the newest good backup to get it back."]
    with open_signed_in(paths, clock) as services:
        listed = [p.full_name for p in services.people.search("Fletcher")]
        assert listed == ["N\ufffdil Fletcher"]  # the list loads, the damage in view
        with pytest.raises(RecordsDamaged, match=f"Person {person_id} is damaged"):
            services.people.get(person_id)
        with pytest.raises(RecordsDamaged, match="is damaged"):
            services.incidents.get(records[1])  # it names that person as the poster


def test_a_flipped_byte_in_an_excerpt_is_not_called_intact_and_exports(paths, clock, records,
                                                                     tmp_path):
    _, incident_id = records
    flip_text(paths.database_file, "incidents", "excerpt")
    found = problems(paths, clock)
    assert found[0].startswith(f"PROBLEM: Incident {incident_id}: its excerpt is damaged")
    assert "“E\ufffderyone should know what happens in Rowan class”" in found[0]
    assert any(line.startswith("PROBLEM: Search index") for line in found)
    assert not any("intact" in line for line in found)  # it is not
    with open_signed_in(paths, clock) as services:
        assert services.transfer.export_incidents(tmp_path / "out.csv") == 1
        (listed,) = services.incidents.page(IncidentQuery(), 0, 10)  # the list still loads
        assert listed.id == incident_id
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert "E\ufffderyone should know" in " ".join(row.values())


def test_a_damaged_date_is_named_too(paths, clock, records):
    _, incident_id = records
    raw_sql(paths, "UPDATE incidents SET created_at = '2026-11-2\u00ff 09:30:00' WHERE id = "
                   f"{incident_id}")
    found = problems(paths, clock)
    assert any(line.startswith(f"PROBLEM: Incident {incident_id}: its created at is damaged "
                               "(date or time that can no longer be read") for line in found)


def test_a_secret_s_fingerprint_is_named_but_never_shown(paths, clock, records):
    stored = raw_sql(paths, "SELECT code_hash FROM recovery_codes")[0][0]
    flip_text(paths.database_file, "recovery_codes", "code_hash")
    (found,) = problems(paths, clock)
    assert found.startswith("PROBLEM: The administrator's recovery code: its code hash is "
                            "damaged")
    assert "not shown" in found and stored[6:20] not in found


def test_a_damaged_page_of_an_encrypted_file_names_its_records_and_the_rest_read(tmp_path,
                                                                                clock):
    """In an encrypted file one flipped byte fails its page's HMAC: that page's records
    cannot be read at all, and the check names them; the other tables still read (each is
    read on a connection that has not met the damage)."""
    paths = AppPaths(tmp_path / "Encrypted school")
    with open_services(paths, clock, origin=ORIGIN, hashing=cheap_hashing()) as services:
        services.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
        services.accounts.authenticate("head", HEAD_PASSWORD)
        person_id = services.people.create(PersonInput("Neil Fletcher", "parent")).id
        services.incidents.create(incident_input(poster_id=person_id))
    assert records_key.is_encrypted(paths)
    with closing(keyring.connect(paths.database_file)) as connection:
        (page,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'people'").fetchone()
        size = int(connection.execute("PRAGMA page_size").fetchone()[0])
    with open(paths.database_file, "r+b") as handle:
        handle.seek((page - 1) * size + size // 2)
        byte = handle.read(1)[0]
        handle.seek(-1, 1)
        handle.write(bytes([byte ^ 1]))
    with open_as_head(paths, clock) as services:
        found = [line for line in services.health.check().lines if line.startswith("PROBLEM")]
    assert "PROBLEM: Person records: SQLite could not read them all (database disk image is " \
           "malformed). Restore the newest good backup." in found
    assert not [line for line in found if line.startswith(("PROBLEM: Incident records",
                                                           "PROBLEM: Account records",
                                                           "PROBLEM: Audit row records"))]
