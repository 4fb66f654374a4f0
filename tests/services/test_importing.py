"""Importing CSV files: the incident log and the MIS's pupils and contacts, all or nothing."""

from __future__ import annotations

from contextlib import closing
from datetime import date

import pytest
from sqlalchemy import select

from avenue_desk.services.core.csvfiles import (
    guard_formula,
    header_key,
    open_table,
    sniff_delimiter,
    unguard_formula,
)
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.incidents.records import IncidentQuery
from avenue_desk.services.people.mis_import import contact_role
from avenue_desk.services.transfer import bulk, importing
from avenue_desk.store import keyring
from avenue_desk.store.models import PersonLink
from tests.helpers.csv_files import HEADER, row, write
from tests.helpers.postgres import sqlite_only
from tests.helpers.records import incident_input, person
from tests.helpers.text import NAMES_IN_MANY_SCRIPTS


def count(services) -> int:
    return services.incidents.count(IncidentQuery())


# --- the shared CSV reading ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=SUM(A1)", "+44 7700", "-3", "@cmd", "\tx", "\rx",
                                  "'=already", "''=twice", "'plain", "plain", ""])
def test_the_formula_guard_round_trips_exactly(text):
    guarded = guard_formula(text)
    assert unguard_formula(guarded) == text
    assert guarded[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_header_names_ignore_case_spaces_and_punctuation():
    assert {header_key(h) for h in ("date_posted", "Date Posted", "DATE-POSTED", "date.posted",
                                    " Date_Posted ")} == {"dateposted"}
    assert header_key("Forename(s)") == "forenames"


@pytest.mark.parametrize("line, expected", [("a,b;c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"),
                                            ('"x;y;z",b', ","), ("single", ",")])
def test_the_delimiter_is_taken_from_the_header(line, expected):
    assert sniff_delimiter(line) == expected


def test_rows_keep_their_file_line_numbers_across_multi_line_cells_and_blank_lines(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text('a,b\n1,"two\nlines"\n\n2,x\n,\n3,"y"\n', encoding="utf-8")
    with open_table(path) as table:
        assert [(r.line, r.cells) for r in table.rows] == [
            (2, ("1", "two\nlines")), (5, ("2", "x")), (7, ("3", "y"))]


# --- incidents: a good file -------------------------------------------------------------------


def test_a_good_log_is_imported_with_people_matched_or_added(services, tmp_path):
    existing = person(services, "Zoë Adams", "parent")
    path = write(tmp_path / "log.csv", [
        row(poster_name="  zoë   ADAMS "),
        row(date_posted="05/11/2019", platform="X", poster_name="Dan Brown",
            poster_relationship="", pupils="Amir Khan; Lily Chen", categories="racist;threat",
            status="closed"),
        row(poster_name="", poster_relationship="", pupils="", platform="school forum"),
    ])
    result = services.transfer.import_incidents(path)
    assert result.errors == () and result.created == 3 and result.updated == 0
    assert result.summary.startswith("Imported 3 incident(s) (1 closed) from log.csv")
    first, second, third = (services.incidents.get(i) for i in
                            services.incidents.ids(IncidentQuery(sort_key="id",
                                                                 descending=False)))
    assert first.poster.id == existing.id  # matched by name, not added again
    assert first.platform == "facebook" and first.phase == "new" and first.status == "open"
    assert first.policy_edition == "avenue-2021"
    assert second.posted_on == date(2019, 11, 5) and second.platform == "x_twitter"
    assert second.poster.full_name == "Dan Brown" and second.poster.role == "parent"
    assert second.categories == ("racist", "threat")
    assert second.phase == "closed" and second.phase_before_close == "new"
    assert second.policy_edition == "parental-2019"  # the edition in force on that date
    assert [p.full_name for p in second.named_people] == ["Amir Khan", "Lily Chen"]
    assert all(p.role == "pupil" for p in second.named_people)
    assert first.named_people[0].id == second.named_people[0].id  # one Amir Khan
    assert third.poster is None and third.on_school_forum
    assert services.people.count(roles=("pupil",)) == 2


def test_an_imported_excerpt_can_be_found_by_search(services, tmp_path):
    path = write(tmp_path / "log.csv", [row(excerpt="Absolutely disgraceful supervision"),
                                        row(excerpt="Nothing to see")])
    assert services.transfer.import_incidents(path).created == 2
    assert len(services.incidents.ids(IncidentQuery(text="disgraceful"))) == 1


def test_an_export_with_its_id_column_and_other_header_spellings_imports(services, tmp_path):
    header = ["ID", "Date Posted", "Platform", "Poster Name", "Poster-Relationship", "PUPILS",
              "Categories", "Where", "Excerpt", "Summary", "Status"]
    path = write(tmp_path / "log.csv", [["99", *row()]], header=header)
    assert services.transfer.import_incidents(path).created == 1


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_separated_files_import(services, tmp_path, delimiter):
    path = write(tmp_path / "log.csv", [row(categories="complaint;racist")], delimiter=delimiter)
    assert services.transfer.import_incidents(path).created == 1
    assert services.incidents.get(1).categories == ("complaint", "racist")


def test_a_windows_1252_file_keeps_its_accents_and_pound_signs(services, tmp_path):
    path = write(tmp_path / "log.csv", [row(poster_name="Zoë Café",
                                            excerpt="The café charged £5 – outrageous")],
                 encoding="cp1252")
    assert services.transfer.import_incidents(path).created == 1
    record = services.incidents.get(1)
    assert record.poster.full_name == "Zoë Café"
    assert record.excerpt == "The café charged £5 – outrageous"


def test_a_file_mixing_utf8_and_windows_1252_is_refused_not_garbled(services, tmp_path):
    path = write(tmp_path / "log.csv", [row(poster_name="Łucja Wróbel"), row()])
    with open(path, "ab") as handle:
        handle.write(",".join(row(poster_name="Zoë")).encode("cp1252") + b"\r\n")
    result = services.transfer.import_incidents(path)
    assert [p.line for p in result.errors] == [4]
    assert "mixes two kinds of text encoding" in result.errors[0].message
    assert "line 4 is not UTF-8" in result.errors[0].message
    assert count(services) == 0


def test_a_utf8_file_with_a_byte_order_mark_imports(services, tmp_path):
    path = write(tmp_path / "log.csv", [row(poster_name=NAMES_IN_MANY_SCRIPTS[3])],
                 encoding="utf-8-sig")
    assert services.transfer.import_incidents(path).created == 1
    assert services.incidents.get(1).poster.full_name == "Γιώργος Παπαδόπουλος"


def test_names_in_many_scripts_and_markup_arrive_exactly(services, tmp_path):
    text = '<b>Tom & "Jerry"</b> =SUM(A1) ' + " ".join(NAMES_IN_MANY_SCRIPTS)
    rows = [row(poster_name=name, pupils=f"{name} Jr", excerpt=text, summary=name, where=text)
            for name in NAMES_IN_MANY_SCRIPTS]
    path = write(tmp_path / "log.csv", rows)
    assert services.transfer.import_incidents(path).created == len(NAMES_IN_MANY_SCRIPTS)
    for number, name in enumerate(NAMES_IN_MANY_SCRIPTS, 1):
        record = services.incidents.get(number)
        assert (record.poster.full_name, record.summary) == (name, name)
        assert record.excerpt == text and record.location == text


# --- incidents: problems ----------------------------------------------------------------------


@pytest.mark.parametrize("changes, expected", [
    ({"date_posted": "31/02/2026"}, "The date posted “31/02/2026” is not a real date."),
    ({"date_posted": "March 2nd"}, "is not a date in the form YYYY-MM-DD"),
    ({"date_posted": ""}, "Enter the date the content was posted"),
    ({"date_posted": "2026-11-22"}, "The date posted (22 November 2026) is in the future."),
    ({"platform": "Myspace"}, "The platform “Myspace” is not one the app knows; use one of: "
                              "facebook, x_twitter"),
    ({"categories": "complaint;rude"}, "The category “rude” is not one the app knows"),
    ({"categories": ""}, "Choose at least one kind of inappropriate use"),
    ({"categories": " ; "}, "Choose at least one kind of inappropriate use"),
    ({"status": "pending"}, "The status “pending” must be open or closed."),
    ({"excerpt": "x" * 5_000_000}, "The excerpt is 5,000,000 characters long; the limit is "
                                   "20,000."),
    ({"excerpt": "", "summary": ""}, "Write a summary of what was posted"),
    ({"poster_relationship": "landlord"}, "The poster relationship “landlord” is not one"),
    ({"poster_name": "", "poster_relationship": "Mother"}, "but poster_name is empty"),
    ({"poster_name": "N" * 201}, "The name is 201 characters long; the limit is 200."),
])
def test_each_bad_row_is_reported_on_its_line_and_nothing_is_imported(
    services, tmp_path, changes, expected
):
    path = write(tmp_path / "log.csv", [row(), row(**changes), row()])
    result = services.transfer.import_incidents(path)
    assert result.created == 0
    assert len(result.errors) == 1, result.errors
    assert result.errors[0].line == 3
    assert expected in result.errors[0].message
    assert result.summary.startswith("Nothing was imported")
    assert count(services) == 0 and services.people.count() == 0


def test_every_problem_in_the_file_is_listed_at_once(services, tmp_path):
    path = write(tmp_path / "log.csv", [
        row(excerpt="three\nline\nexcerpt"),  # lines 2-4
        row(date_posted="yesterday", platform="Myspace"),  # line 5: two problems
        row(),
        row(status="maybe"),  # line 7
    ] + [row()] * 2500 + [row(categories="")])  # the last one after a bulk insert would run
    result = services.transfer.import_incidents(path)
    assert [(p.line, p.message.split(" ")[1]) for p in result.errors] == [
        (5, "date"), (5, "platform"), (7, "status"), (2508, "at")]
    assert count(services) == 0 and services.people.count() == 0


@pytest.mark.parametrize("header, named", [
    (HEADER[:-1], "missing status"),
    ([*HEADER, "notes"], "not expected notes"),
    (["Date", *HEADER[1:]], "missing date_posted; not expected Date"),
    ([*HEADER, "status"], "repeated status"),
])
def test_a_wrong_header_is_one_problem_on_line_1_naming_the_columns(
    services, tmp_path, header, named
):
    path = write(tmp_path / "log.csv", [row()[: len(header)]], header=header)
    result = services.transfer.import_incidents(path)
    assert [p.line for p in result.errors] == [1]
    assert named in result.errors[0].message
    assert "date_posted,platform,poster_name" in result.errors[0].message
    assert count(services) == 0


def test_a_stray_quote_or_extra_cells_are_problems_on_their_line(services, tmp_path):
    path = write(tmp_path / "log.csv", [row()])
    with open(path, "a", encoding="utf-8", newline="") as handle:
        handle.write(",".join(row()) + ",surprise\r\n")
        handle.write('2026-01-01,facebook,A "quoted" name,,"x"y,complaint,,e,s,open\r\n')
    result = services.transfer.import_incidents(path)
    assert [(p.line, p.message[:20]) for p in result.errors] == [
        (3, "This row has 1 fille"), (4, "This row cannot be r")]


def test_files_that_are_not_csv_are_refused_plainly(services, tmp_path):
    workbook = tmp_path / "log.xlsx"
    workbook.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    result = services.transfer.import_incidents(workbook)
    assert "is an Excel workbook" in result.errors[0].message
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "is empty" in services.transfer.import_incidents(empty).errors[0].message
    with pytest.raises(ServiceError, match="could not be found"):
        services.transfer.import_incidents(tmp_path / "nowhere.csv")


def test_the_portable_insert_path_gives_the_same_result(services, tmp_path, monkeypatch):
    # Other databases get their keys back from INSERT ... RETURNING; SQLite can do that too.
    monkeypatch.setattr(bulk.BulkWriter, "DRIVER_DIALECTS", ())
    services.incidents.create(incident_input())
    path = write(tmp_path / "log.csv", [row(pupils="A B;C D"), row(poster_name="New Person")])
    assert services.transfer.import_incidents(path).created == 2
    assert [p.full_name for p in services.incidents.get(2).named_people] == ["A B", "C D"]
    assert services.incidents.get(3).poster.full_name == "New Person"
    assert len(services.incidents.ids(IncidentQuery(text="shambles"))) == 3


@sqlite_only("keys are counted from max(id) under SQLite's write lock; a server's sequences "
             "hand them out")
def test_keys_are_handed_out_only_once_the_write_lock_is_held(services):
    with services.db.begin() as session:
        bulk.BulkWriter(session)
        with closing(keyring.connect(services.paths.database_file, timeout=0)) as other:
            with pytest.raises(keyring.OPERATIONAL_ERRORS, match="locked"):
                other.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")


def test_progress_is_reported(services, tmp_path):
    path = write(tmp_path / "log.csv", [row()] * (importing.CHUNK + 5))
    calls = []
    services.transfer.import_incidents(path, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (1000, 1000) and len(calls) == 2
    assert count(services) == importing.CHUNK + 5


# --- pupils and contacts from the MIS ---------------------------------------------------------


ONE_CONTACT_A_ROW = (
    ["Legal Forename", "Preferred Forename", "Legal Surname", "UPN", "Reg Group", "Year Group",
     "Contact Name", "Relationship", "Contact Email", "Contact Phone", "Date of Birth"],
    [
        ["Amelia", "Millie", "Wróbel", "A123", "4B", "Year 4", "Mrs Łucja Wróbel", "Mother",
         "lucja@example.org", "07700 900001", "2017-01-01"],
        ["Amelia", "Millie", "Wróbel", "A123", "4B", "Year 4", "Piotr Wróbel", "Step-father",
         "", "07700 900002", "2017-01-01"],
        ["Kemal", "", "Yılmaz", "B456", "2A", "Year 2", "Çağrı Yılmaz", "Foster Carer", "", "",
         "2019-05-05"],
    ],
)
NUMBERED = (
    ["Name", "Admission Number", "Class", "NC Year", "Contact 1 Name", "Contact 1 Relationship",
     "Contact 1 Email", "Priority 2 Contact Name", "Priority 2 Contact Relationship",
     "Priority 2 Contact Phone"],
    [
        ["Chen, Lily", "1001", "3C", "3", "Wei Chen", "Father", "wei@example.org",
         "王小明", "Grandmother", "020 7946 0000"],
        ["Chen, Oscar", "1002", "1A", "1", "Wei Chen", "Father", "wei@example.org", "", "", ""],
    ],
)


def links(services) -> list[tuple[str, str, str]]:
    with services.db.read() as session:
        found = session.execute(select(PersonLink)).scalars().all()
        names = {p.id: p.full_name for p in services.people.search(limit=100)}
        return sorted((names[k.adult_id], names[k.pupil_id], k.relationship_label) for k in found)


def test_pupils_with_one_contact_a_row_are_imported_and_linked(services, tmp_path):
    header, rows = ONE_CONTACT_A_ROW
    result = services.transfer.import_people(write(tmp_path / "sims.csv", rows, header))
    assert result.errors == () and result.created == 5 and result.updated == 0
    assert "2 pupil(s) and 3 contact(s)" in result.summary
    assert "Columns not used: Date of Birth" in result.summary
    millie = services.people.search("Millie Wróbel")[0]
    assert (millie.role, millie.mis_id, millie.class_name, millie.year_group) == (
        "pupil", "A123", "4B", "Year 4")
    adults = {p.full_name: p for p in services.people.linked_adults(millie.id)}
    assert adults["Łucja Wróbel"].role == "parent"  # "Mrs" dropped so names match incidents
    assert adults["Łucja Wróbel"].email == "lucja@example.org"
    assert adults["Piotr Wróbel"].role == "parent"
    assert services.people.search("Çağrı")[0].role == "carer"
    assert links(services) == [("Piotr Wróbel", "Millie Wróbel", "Step-father"),
                               ("Çağrı Yılmaz", "Kemal Yılmaz", "Foster Carer"),
                               ("Łucja Wróbel", "Millie Wróbel", "Mother")]


def test_numbered_contacts_and_surname_first_names_are_understood(services, tmp_path):
    header, rows = NUMBERED
    result = services.transfer.import_people(write(tmp_path / "arbor.csv", rows, header))
    assert result.errors == () and result.created == 4  # Wei Chen is one person for two pupils
    lily = services.people.search("Lily Chen")[0]
    assert (lily.mis_id, lily.class_name, lily.year_group) == ("1001", "3C", "3")
    assert {(p.full_name, p.role) for p in services.people.linked_adults(lily.id)} == {
        ("Wei Chen", "parent"), ("王小明", "relative")}
    oscar = services.people.search("Oscar Chen")[0]
    assert [p.full_name for p in services.people.linked_adults(oscar.id)] == ["Wei Chen"]


@pytest.mark.parametrize("sample", [ONE_CONTACT_A_ROW, NUMBERED])
def test_importing_the_same_file_again_updates_instead_of_duplicating(services, tmp_path, sample):
    header, rows = sample
    path = write(tmp_path / "mis.csv", rows, header)
    first = services.transfer.import_people(path)
    people, linked = services.people.count(), links(services)
    again = services.transfer.import_people(path)
    assert (again.created, again.updated, again.errors) == (0, 0, ())
    assert f"{first.created} already up to date" in again.summary
    assert services.people.count() == people and links(services) == linked
    moved = [[cell.replace("4B", "5B").replace("3C", "4C") for cell in r] for r in rows]
    third = services.transfer.import_people(write(tmp_path / "next.csv", moved, header))
    assert (third.created, third.updated) == (0, 1) and services.people.count() == people


def test_a_pupil_added_by_an_incident_import_is_adopted_by_the_mis_import(services, tmp_path):
    services.transfer.import_incidents(write(tmp_path / "log.csv",
                                                   [row(pupils="Millie Wróbel")]))
    header, rows = ONE_CONTACT_A_ROW
    result = services.transfer.import_people(write(tmp_path / "sims.csv", rows, header))
    assert result.updated == 1  # given her UPN and class, not added twice
    assert services.people.count(roles=("pupil",)) == 2


@pytest.mark.parametrize("written, stored", [
    ("Mrs Łucja Wróbel", "Łucja Wróbel"), ("Dr. Ama Owusu", "Ama Owusu"),
    ("MR  Tom Hill", "Tom Hill"), ("Alexandr Dr Petrov", "Alexandr Dr Petrov"),
    ("Mrsa Khan", "Mrsa Khan"), ("Owusu, Ama", "Ama Owusu"),
])
def test_a_title_before_a_contacts_name_is_dropped(services, tmp_path, written, stored):
    path = write(tmp_path / "p.csv", [["Ann Ok", written]], ["Name", "Contact Name"])
    assert services.transfer.import_people(path).errors == ()
    assert [p.full_name for p in services.people.search(roles=("other_associate",))] == [stored]


def test_namesakes_with_different_ids_or_emails_stay_apart(services, tmp_path):
    header = ["Forename", "Surname", "UPN", "Contact 1 Name", "Contact 1 Email"]
    rows = [["Sam", "Lee", "U1", "Jo Lee", "jo1@example.org"],
            ["Sam", "Lee", "U2", "Jo Lee", "jo2@example.org"]]
    result = services.transfer.import_people(write(tmp_path / "p.csv", rows, header))
    assert result.created == 4
    assert services.people.count(roles=("pupil",)) == 2


def test_bad_people_rows_are_listed_and_nothing_is_imported(services, tmp_path):
    header = ["Forename", "Surname", "Contact 1 Name", "Contact 1 Email", "Contact 2 Phone"]
    rows = [["Ann", "Ok", "Bo Ok", "bo@example.org", ""],
            ["", "", "", "", ""],  # blank: skipped
            ["", "", "Cy Dee", "", ""],
            ["Eve", "Fay", "Gus Fay", "not an email", "0123"]]
    result = services.transfer.import_people(write(tmp_path / "p.csv", rows, header))
    assert [(p.line, p.message) for p in result.errors] == [
        (4, "Pupil: no name."),
        (5, "Contact 1: “not an email” does not look like an email address."),
        (5, "Contact 2: details but no name."),
    ]
    assert services.people.count() == 0


def test_a_people_file_without_a_name_column_is_refused(services, tmp_path):
    path = write(tmp_path / "p.csv", [["Ann", "4B"]], ["Forename", "Class"])
    result = services.transfer.import_people(path)
    assert [p.line for p in result.errors] == [1] and "pupil's name" in result.errors[0].message


@pytest.mark.parametrize("word, role", [
    ("Mother", "parent"), ("Father", "parent"), ("Step-father", "parent"),
    ("Stepmother", "parent"), ("Parent/Carer", "parent"), ("Carer", "carer"),
    ("Foster carer", "carer"), ("Foster Mother", "carer"), ("Legal Guardian", "carer"),
    ("Grandmother", "relative"), ("Step-grandfather", "relative"), ("Aunt", "relative"),
    ("Uncle", "relative"), ("Brother", "relative"), ("Stepsister", "relative"),
    ("Other Relative", "relative"), ("Godmother", "other_associate"),
    ("Childminder", "other_associate"), ("Family friend", "other_associate"),
    ("", "other_associate"), ("Teacher", "other_associate"),
])
def test_relationship_words_map_to_roles(word, role):
    assert contact_role(word) == role
