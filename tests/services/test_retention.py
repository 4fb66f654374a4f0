"""Retention with an injected clock: what is due when, what is never due, and destruction
(rows, evidence files on disk, an audit row that names no one)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime

import pytest

from avenue_desk.services.conduct.records import BreachInput
from avenue_desk.services.core.access import PermissionDenied
from avenue_desk.services.core.errors import NotFound, ServiceError, ValidationError
from avenue_desk.services.incidents.records import ActionInput
from avenue_desk.services.people.records import PersonInput
from avenue_desk.services.privacy.retention import parse_key
from tests.helpers.accounts import HEAD_PASSWORD
from tests.helpers.conduct import answers
from tests.helpers.csv_files import write
from tests.helpers.databases import raw_sql
from tests.helpers.evidence_tamper import stored_names
from tests.helpers.images import write_png
from tests.helpers.postgres import sqlite_only
from tests.helpers.records import incident_input

THEN = datetime(2019, 1, 7, 10, 0)  # when the records were made
CLOSED = date(2020, 3, 1)  # six years on: 1 March 2026
NAME = 'Siobhán O\'Neill & "Co" <Smith>'
SUMMARY = 'Posted <b>lies</b> & "rumours" about Mr Jones\'s class'


def at(clock, day: date) -> None:
    clock.current = datetime.combine(day, datetime.min.time()).replace(hour=9)


@pytest.fixture
def case(services, clock, tmp_path):
    """A parent, her child (named in the post) and a case with evidence, closed in 2020."""
    clock.current = THEN
    child = services.people.create(PersonInput("Ela O'Neill", "pupil", class_name="3B"))
    mum = services.people.create(PersonInput(NAME, "parent", linked_pupil_ids=(child.id,)))
    incident = services.incidents.create(incident_input(
        poster_id=mum.id, named_person_ids=(child.id,), posted_on=date(2019, 1, 5),
        summary=SUMMARY, excerpt=f"{NAME} wrote: <script>&amp;"))
    evidence = services.evidence.add(incident.id, write_png(tmp_path / "shot.png"),
                                     captured_on=date(2019, 1, 5), note=SUMMARY)
    at(clock, CLOSED)
    services.escalation.record(incident.id, ActionInput(
        "informal_discussion", date(2019, 1, 10), "Head", "Agreed",
        notes=f"Met {NAME} & agreed on Quillwort Lane"))
    services.escalation.record(incident.id, ActionInput("close", CLOSED, "Head", "Resolved"))
    return incident.id, evidence, mum.id, child.id


def due(services) -> list[str]:
    return [r.key for r in services.retention.review()]


def count(services, table: str) -> int:
    return raw_sql(services.paths, f"SELECT count(*) FROM {table}")[0][0]


def test_a_closed_case_is_due_six_years_after_it_was_closed(services, clock, case):
    incident_id = case[0]
    at(clock, date(2026, 2, 28))
    assert due(services) == []
    at(clock, date(2026, 3, 1))
    (record,) = services.retention.review()
    assert record.key == f"incident:{incident_id}"
    assert record.counted_from == CLOSED and record.due_on == date(2026, 3, 1)
    assert record.evidence_files == 1
    assert record.reference == f"Incident {incident_id}, posted 5 January 2019"
    assert NAME not in record.reference and "lies" not in record.reference


def test_a_period_ending_in_a_shorter_month_ends_on_its_last_day(services, clock):
    at(clock, date(2019, 8, 31))
    closed = services.incidents.create(incident_input(posted_on=date(2019, 8, 30)))
    services.escalation.record(closed.id, ActionInput("close", date(2019, 8, 31), "Head",
                                                      "Resolved"))
    services.retention.save_periods({"incident": 6})
    at(clock, date(2020, 2, 28))
    assert f"incident:{closed.id}" not in due(services)
    at(clock, date(2020, 2, 29))  # six months after 31 August
    assert f"incident:{closed.id}" in due(services)


def test_an_open_case_is_never_due(services, clock, case):
    at(clock, date(2026, 3, 1))
    services.escalation.record(case[0], ActionInput("reopen", date(2026, 3, 1), "Head",
                                                    "Posted again"))
    opened = services.incidents.create(incident_input(posted_on=date(2019, 1, 5)))
    at(clock, date(2090, 1, 1))
    assert due(services) == []  # neither case, nor the people on them
    assert opened.id


def test_a_case_reopened_after_it_was_listed_is_not_destroyed(services, clock, case):
    at(clock, date(2026, 3, 1))
    listed = services.retention.review()
    services.escalation.record(case[0], ActionInput("reopen", date(2026, 3, 1), "Head",
                                                    "Posted again"))
    with pytest.raises(ServiceError, match="Nothing was destroyed"):
        services.retention.destroy([(r.kind, r.record_id) for r in listed])
    assert services.incidents.get(case[0]).id == case[0]
    assert case[1].path and count(services, "evidence") == 1


def test_destruction_removes_the_rows_the_files_and_names_no_one(services, clock, case):
    incident_id, evidence, mum, child = case
    at(clock, date(2026, 3, 2))
    services.evidence.viewing_copy(evidence.id)  # a read-only copy left in viewing/
    viewing = services.paths.data_dir / "viewing"
    assert any(viewing.iterdir())
    stored = f"{incident_id:06d}/"
    assert stored_names(services.paths, stored) == {evidence.stored_name}
    before = services.audit.head()[0]

    result = services.retention.destroy([("incident", incident_id)])

    assert (result.records, result.evidence_files, result.files_left) == (1, 1, ())
    with pytest.raises(NotFound):
        services.incidents.get(incident_id)
    for table in ("incidents", "actions", "evidence", "incident_people",
                  "incident_categories"):
        assert count(services, table) == 0, table
    assert stored_names(services.paths, stored) == set() and list(viewing.iterdir()) == []
    assert not (services.paths.evidence_dir / stored).exists()  # nor its folder
    cache = services.paths.data_dir / "evidence-cache"  # a server's private copies
    assert not (cache.is_dir() and any(cache.iterdir()))
    rows = [r for r in services.audit.page(limit=20) if r.id > before]
    (row,) = [r for r in rows if r.action == "destroy"]
    assert (row.entity, row.entity_id, row.username) == ("incident", str(incident_id), "head")
    assert row.summary == (f"Incident {incident_id} destroyed at the end of its retention "
                           "period (parents' incidents: 6 years from 1 March 2020)")
    for r in rows:
        for column in fields(r):
            value = str(getattr(r, column.name))
            for personal in (NAME, "O'Neill", SUMMARY, "lies", "Ela"):
                assert personal not in value, (column.name, value)
    assert services.audit.verify() == []
    report = services.health.check()
    assert report.ok, report.lines
    assert not any("no record refers to" in line for line in report.lines)


def test_the_people_go_once_no_kept_record_names_them(services, clock, case):
    incident_id, _evidence, mum, child = case
    services.accounts.create_user("kept", "Mr Kept", "staff", "k7qx-2mfr-9tza",
                                  person_id=services.people.create(
                                      PersonInput("Mr Kept", "staff")).id)
    lone = services.people.create(PersonInput("Mr Nobody", "parent")).id
    at(clock, date(2021, 2, 28))
    assert due(services) == []
    at(clock, date(2021, 3, 1))
    assert due(services) == [f"person:{lone}"]  # a year after his details were entered
    at(clock, date(2026, 3, 1))
    assert due(services) == [f"incident:{incident_id}", f"person:{lone}"]
    services.retention.destroy([("incident", incident_id), ("person", lone)])
    # The mother posted, the child was named, and she is his parent: kept until now.
    assert set(due(services)) == {f"person:{mum}", f"person:{child}"}
    services.retention.destroy([parse_key(f"person:{mum}"), ("person", child)])
    assert services.people.count() == 1  # Mr Kept has an account
    assert count(services, "person_links") == 0
    assert due(services) == []


def test_breach_records_and_the_forms_they_cite(services, clock, tmp_path):
    clock.current = THEN
    staff = services.people.create(PersonInput(NAME, "staff")).id
    old_form = services.conduct.record_paper(staff, answers(), date(2019, 1, 2), "Office").id
    clock.current = datetime(2019, 6, 3, 9)
    breach = services.breaches.create(BreachInput(staff, ("na_images",), SUMMARY,
                                                  date(2019, 6, 1))).id
    services.breach_evidence.add(breach, write_png(tmp_path / "b.png"),
                                 captured_on=date(2019, 6, 1))
    new_form = services.conduct.record_paper(staff, answers(), date(2019, 6, 3), "Office").id
    at(clock, date(2030, 1, 1))
    # The breach has no outcome: never due; the form it cites is kept with it.
    assert due(services) == [f"form:{new_form}"]
    services.breaches.set_outcome(breach, "no_case", date(2029, 12, 1))
    assert due(services) == [f"form:{new_form}"]
    at(clock, date(2035, 12, 1))
    assert due(services) == [f"breach:{breach}", f"form:{new_form}"]
    folder = f"conduct/{breach:06d}/"
    assert len(stored_names(services.paths, folder)) == 1
    result = services.retention.destroy([("breach", breach)])
    assert (result.records, result.evidence_files) == (1, 1)
    assert stored_names(services.paths, folder) == set()
    assert not (services.paths.evidence_dir / folder).exists()
    assert count(services, "conduct_breach_items") == count(services, "conduct_breaches") == 0
    assert due(services) == [f"form:{old_form}", f"form:{new_form}"]  # no longer cited
    services.retention.destroy([("form", old_form), ("form", new_form)])
    assert count(services, "conduct_acknowledgement_items") == 0
    # Staff stay on the code of conduct register until removed by hand.
    assert due(services) == []
    rows = services.audit.page(limit=3)
    assert {r.entity for r in rows} == {"acknowledgement", "breach"}
    assert not any(NAME in r.summary or "lies" in r.summary for r in services.audit.page())


def test_the_school_sets_its_own_periods(services, clock, case):
    at(clock, date(2021, 3, 1))
    assert due(services) == []
    periods = services.retention.save_periods({"incident": 12, "person": 18})
    assert {p.kind: p.months for p in periods}["incident"] == 12
    assert periods[0].period_label == "1 year" and periods[0].default_months == 72
    assert due(services) == [f"incident:{case[0]}"]
    (row,) = services.audit.page(limit=1)
    assert row.action == "settings"
    assert row.summary == ("Retention periods changed: incidents 6 years -> 1 year; "
                           "persons 1 year -> 1 year and 6 months")
    with pytest.raises(ValidationError) as refused:
        services.retention.save_periods({"incident": 0, "letters": 12})
    assert set(refused.value.errors) == {"incident", "letters"}
    assert services.retention.periods()[0].months == 12


@pytest.mark.parametrize("role", ["office", "governor", "staff"])
def test_only_the_headteacher_reviews_destroys_or_changes_periods(services, services_as,
                                                                  clock, case, role):
    at(clock, date(2026, 3, 1))
    services_as(role)
    for refused in (services.retention.review, services.retention.periods,
                    lambda: services.retention.destroy([("incident", case[0])]),
                    lambda: services.retention.save_periods({"incident": 1})):
        with pytest.raises(PermissionDenied):
            refused()
    services.accounts.authenticate("head", HEAD_PASSWORD)
    assert due(services) == [f"incident:{case[0]}"]
    assert services.retention.periods()[0].months == 72


def test_a_record_named_badly_on_the_command_line(services):
    assert parse_key(" incident:12 ") == ("incident", 12)
    for text in ("incident", "letters:3", "person:x", "12"):
        with pytest.raises(ServiceError, match="not a record as the review lists it"):
            parse_key(text)


@sqlite_only("what a destroyed record leaves in the file's free pages")
def test_nothing_of_a_destroyed_record_is_left_in_the_database_file(services, clock, case):
    """SQLite keeps deleted rows in free pages (and the search index keeps words) unless told
    otherwise: the words of a destroyed record must not be readable in the file."""
    at(clock, date(2026, 3, 2))
    services.retention.destroy([("incident", case[0])])
    services.retention.destroy([("person", case[2]), ("person", case[3])])
    folder = services.paths.data_dir
    raw = b"".join(p.read_bytes() for p in folder.glob("*.sqlite3*"))
    for personal in (NAME, "rumours", "Ela O'Neill", "Quillwort"):
        assert personal.encode() not in raw, personal


def test_an_import_from_the_mis_confirms_the_people_it_lists(services, clock, tmp_path):
    """A family still listed by the MIS is still at the school; a leaver's family comes up a
    year after the last import that listed them."""
    staying = [["Wróbel, Millie", "A1", "Mother", "Ola Wróbel"]]
    leaving = [["Nowak, Paweł", "A2", "Father", "Jan Nowak"]]
    header = ["Name", "UPN", "Contact 1 Relationship", "Contact 1 Name"]
    at(clock, date(2024, 9, 2))
    write(tmp_path / "autumn.csv", staying + leaving, header=header)
    services.transfer.import_people(tmp_path / "autumn.csv")
    at(clock, date(2025, 9, 1))
    write(tmp_path / "next.csv", staying, header=header)  # the Nowaks have left
    services.transfer.import_people(tmp_path / "next.csv")
    at(clock, date(2025, 9, 2))
    listed = {r.reference for r in services.retention.review()}
    assert any("Paweł Nowak" in label for label in listed)
    assert any("Jan Nowak" in label for label in listed)
    assert not any("Wróbel" in label for label in listed)
    at(clock, date(2026, 9, 1))
    assert any("Wróbel" in label for label in
               (r.reference for r in services.retention.review()))
