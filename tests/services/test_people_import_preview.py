"""The window's people import in two steps: a preview of what would be added, updated and
refused, with nothing saved; then exactly that imported, or nothing if anything changed."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import func, select

from avenue_desk.services.core.access import PermissionDenied
from avenue_desk.services.core.audit import AuditQuery
from avenue_desk.services.core.errors import Cancelled, ServiceError
from avenue_desk.services.core.import_preview import PreviewOutdated
from avenue_desk.store.models import PersonLink
from tests.helpers.accounts import HEAD_PASSWORD
from tests.helpers.csv_files import write
from tests.helpers.records import person

HEADER = ["Name", "UPN", "Class", "Contact 1 Name", "Contact 1 Relationship",
          "Contact 1 Email"]
ROWS = [
    ["Chen, Lily", "U1", "3C", "Wei Chen", "Father", "wei@example.org"],
    ["Chen, Oscar", "U2", "1A", "Wei Chen", "Father", "wei@example.org"],
    ["", "", "", "Cy Dee", "", ""],  # line 4: no pupil
    ["Amir Khan", "U3", "2B", "Sara Khan", "Mother", "not an email"],  # line 5
    ["Ben Ode", "U4", "4B", "", "", ""],
]
DEVANAGARI = "अनन्या शर्मा"
ARABIC = "محمد العلي"
MARKUP = 'Tom <b>& "Jerry"</b> O\'Neil'


def people_count(services) -> int:
    return services.people.count()


def link_count(services) -> int:
    with services.db.read() as session:
        return session.scalar(select(func.count(PersonLink.id)))


def imports_audited(services) -> list[str]:
    return [row.summary for row in services.audit.page(AuditQuery(action="import"))]


@pytest.fixture
def on_record(services):
    """Lily is already on record (added by hand, in last year's class, no UPN yet)."""
    return person(services, "Lily Chen", "pupil", class_name="2C")


def test_the_preview_says_what_would_be_added_updated_and_refused_and_saves_nothing(
        services, tmp_path, on_record):
    path = write(tmp_path / "mis.csv", ROWS, HEADER)
    before = (people_count(services), link_count(services), services.audit.head())
    preview = services.transfer.preview_people(path)
    assert preview.counts == "3 to add · 1 to update · 2 refused"
    # Amir's row is refused (his mother's email is wrong): neither of them is added.
    assert [(e.line, e.name, e.kind) for e in preview.to_add] == [
        (2, "Wei Chen", "Parent"), (3, "Oscar Chen", "Pupil"), (6, "Ben Ode", "Pupil")]
    (lily,) = preview.to_update
    assert (lily.line, lily.name) == (2, "Lily Chen")
    assert lily.changes_text == "Class: 2C → 3C; MIS id: (blank) → U1"
    assert [(r.line, r.reason) for r in preview.refused] == [
        (4, "Pupil: no name."),
        (5, "Contact 1: “not an email” does not look like an email address."),
    ]
    assert preview.refused[1].cells == tuple(ROWS[3])
    assert preview.importable == 4 and preview.encoding.startswith("UTF-8")
    assert (people_count(services), link_count(services), services.audit.head()) == before


def test_the_preview_counts_each_person_once(services, tmp_path):
    preview = services.transfer.preview_people(write(tmp_path / "mis.csv", ROWS, HEADER))
    assert len(preview.to_add) == 4  # Wei Chen, on two rows, is one person to add
    wei = preview.to_add[1]
    assert wei.name == "Wei Chen"
    assert wei.detail == ("Contact of Lily Chen (Father) · Contact of Oscar Chen (Father) · "
                          "wei@example.org")


def test_importing_the_preview_saves_exactly_what_it_showed(services, tmp_path, on_record):
    path = write(tmp_path / "mis.csv", ROWS, HEADER)
    preview = services.transfer.preview_people(path)
    result = services.transfer.import_people(path, preview=preview)
    assert (result.created, result.updated, result.errors) == (3, 1, ())
    names = {p.full_name for p in services.people.search(limit=100)}
    assert names == {"Lily Chen", "Wei Chen", "Oscar Chen", "Ben Ode"}  # refused rows left out
    lily = services.people.get(on_record.id)
    assert (lily.class_name, lily.mis_id) == ("3C", "U1")
    assert {p.full_name for p in services.people.linked_adults(lily.id)} == {"Wei Chen"}
    (summary,) = imports_audited(services)
    assert summary == result.summary
    assert "3 added, 1 updated" in summary and "2 row(s) left out" in summary
    # Checked again, the same file now has nothing to add or change.
    again = services.transfer.preview_people(path)
    assert (again.importable, again.unchanged, len(again.refused)) == (0, 4, 2)


def test_a_file_changed_after_the_preview_is_checked_again_and_nothing_saved(
        services, tmp_path):
    path = write(tmp_path / "mis.csv", ROWS, HEADER)
    preview = services.transfer.preview_people(path)
    write(path, [*ROWS, ["Zed Ray", "U9", "6A", "", "", ""]], HEADER)
    with pytest.raises(PreviewOutdated, match="“mis.csv” has changed since it was checked"
                       ) as raised:
        services.transfer.import_people(path, preview=preview)
    assert people_count(services) == 0 and imports_audited(services) == []
    fresh = raised.value.preview
    assert fresh.to_add[-1].name == "Zed Ray" and fresh.notice == str(raised.value)
    services.transfer.import_people(path, preview=fresh)
    assert people_count(services) == 5


def test_people_changed_at_another_desk_after_the_preview_stop_the_import(services,
                                                                          tmp_path):
    path = write(tmp_path / "mis.csv", ROWS, HEADER)
    preview = services.transfer.preview_people(path)
    person(services, "Oscar Chen", "pupil")  # now Oscar would be updated, not added
    with pytest.raises(PreviewOutdated, match="The people on record changed") as raised:
        services.transfer.import_people(path, preview=preview)
    assert people_count(services) == 1 and imports_audited(services) == []
    assert [e.name for e in raised.value.preview.to_update] == ["Oscar Chen"]


def test_cancelling_the_import_saves_nothing(services, tmp_path):
    path = write(tmp_path / "mis.csv", [[f"Pupil {n}", f"U{n}", "", "", "", ""]
                                        for n in range(600)], HEADER)
    preview = services.transfer.preview_people(path)

    def cancel(done, total):
        raise Cancelled("Cancelled: nothing was imported.")

    with pytest.raises(Cancelled):
        services.transfer.import_people(path, preview=preview, progress=cancel)
    assert people_count(services) == 0 and imports_audited(services) == []


def test_names_in_any_script_and_markup_arrive_exactly(services, tmp_path):
    rows = [[MARKUP, "U1", "<4B>", ARABIC, "Mother & carer", ""],
            [DEVANAGARI, "U2", "1A", f"{ARABIC}", "Mother & carer", ""]]
    path = write(tmp_path / "mis.csv", rows, HEADER)
    preview = services.transfer.preview_people(path)
    # The two mothers share a name but nothing else (no email, no phone, no sibling): two
    # people, and the match not made is shown (issue 15: strangers are never merged).
    assert [e.name for e in preview.to_add] == [MARKUP, ARABIC, DEVANAGARI, ARABIC]
    assert len(preview.doubtful) == 1 and ARABIC in preview.doubtful[0]
    services.transfer.import_people(path, preview=preview)
    assert sorted(p.full_name for p in services.people.search(limit=10)) == sorted(
        [MARKUP, ARABIC, DEVANAGARI, ARABIC])
    assert services.people.search("<4B>")[0].full_name == MARKUP


def test_a_windows_1252_file_is_read_and_said_so_and_an_unreadable_byte_refuses_its_row(
        services, tmp_path):
    path = tmp_path / "excel.csv"
    lines = [",".join(HEADER), "Zoë Café,U1,3C,Renée Café,Mother,",
             "Bad Byte,U2,3C,Ren\x81e Byte,Mother,", "Ben Ode,U4,4B,,,"]
    path.write_bytes("\r\n".join(lines).encode("latin-1"))  # as cp1252, and byte 0x81
    preview = services.transfer.preview_people(path)
    assert preview.encoding.startswith("Windows-1252")
    assert "is not UTF-8, so it was read as Windows-1252" in preview.warnings[0]
    assert [e.name for e in preview.to_add] == ["Zoë Café", "Renée Café", "Ben Ode"]
    (refused,) = preview.refused
    assert refused.line == 3
    assert "the “Contact 1 Name” cell holds the byte 0x81" in refused.reason
    assert "left out rather than guessed" in refused.reason
    services.transfer.import_people(path, preview=preview)
    assert not services.people.search("Byte")  # damaged text is never matched nor kept


def test_a_utf8_file_from_excel_with_a_byte_order_mark_just_works(services, tmp_path):
    path = write(tmp_path / "mis.csv", [[ARABIC, "U1", "3C", "Łucja Wróbel", "Mother", ""]],
                 HEADER, encoding="utf-8-sig")
    preview = services.transfer.preview_people(path)
    assert preview.warnings == () and preview.refused == ()
    assert [e.name for e in preview.to_add] == [ARABIC, "Łucja Wróbel"]


@pytest.mark.parametrize("content, expected", [
    (b"PK\x03\x04" + b"\x00" * 60, "is an Excel workbook, not a CSV file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 60, "save it as CSV"),
    (b"", "is empty: it has no header row"),
    (b"\r\n\r\n", "is empty: it has no header row"),
    (b"%PDF-1.4\n\x00\x01binary", "is not a CSV file"),
    (b"\xff\xfe" + "Name\r\nAnn".encode("utf-16-le") + b"\x00\xd8", "is not valid UTF-16"),
])
def test_files_that_are_not_people_lists_get_a_plain_message(services, tmp_path, content,
                                                            expected):
    path = tmp_path / "pupils.csv"
    path.write_bytes(content)
    with pytest.raises(ServiceError, match=expected):
        services.transfer.preview_people(path)


def test_a_wrong_header_names_what_is_missing_and_what_was_found(services, tmp_path):
    path = write(tmp_path / "mis.csv", [["Ann", "4B", "2017-01-01"]],
                 ["Forename", "Class", "Date of Birth"])
    with pytest.raises(ServiceError) as raised:
        services.transfer.preview_people(path)
    message = str(raised.value)
    assert "missing a Surname column" in message
    assert ("The header row as understood: “Forename” → pupil's forename; “Class” → class; "
            "“Date of Birth” → not used") in message
    assert "Importing people from your MIS" in message


def test_a_missing_file_and_a_header_alone_are_said_plainly(services, tmp_path):
    with pytest.raises(ServiceError, match="could not be found"):
        services.transfer.preview_people(tmp_path / "nowhere.csv")
    preview = services.transfer.preview_people(write(tmp_path / "mis.csv", [], HEADER))
    assert preview.importable == 0
    assert "has a header row but no rows under it" in preview.warnings[0]


def test_a_row_with_cells_beyond_the_header_is_refused_not_shifted(services, tmp_path):
    path = tmp_path / "mis.csv"
    # "Smith, Jo" unquoted: every cell after the name is one column to the right.
    path.write_text(",".join(HEADER) + "\r\nSmith, Jo,U1,3C,Ann Smith,Mother,a@b.org\r\n",
                    encoding="utf-8")
    preview = services.transfer.preview_people(path)
    assert preview.importable == 0
    assert "1 filled cell(s) beyond the last column" in preview.refused[0].reason


def test_the_refused_rows_are_saved_for_the_office_to_put_right(services, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b"Name,Contact 1 Email\r\nAnn Ok,=bad\r\nRen\x81e,\r\n")
    preview = services.transfer.preview_people(path)
    report = tmp_path / "refused.csv"
    assert services.transfer.save_refused_rows(preview, report) == 2
    with open(report, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Line", "Why it was not imported", "Name", "Contact 1 Email"]
    assert rows[1][0] == "2" and rows[1][3] == "'=bad"  # a formula is kept as text
    assert rows[2][:1] == ["3"] and rows[2][2] == "Ren\ufffde" and "0x81" in rows[2][1]


def test_the_template_has_columns_the_import_understands(services, tmp_path):
    template = tmp_path / "template.csv"
    services.transfer.save_people_template(template)
    preview = services.transfer.preview_people(template)
    assert preview.importable == 0 and preview.refused == ()
    assert not any("Columns not used" in w for w in preview.warnings)


def test_the_office_may_import_people_and_a_governor_may_not(services, services_as,
                                                             tmp_path):
    path = write(tmp_path / "mis.csv", ROWS, HEADER)
    preview = services.transfer.preview_people(path)
    governor = services_as("governor")
    with pytest.raises(PermissionDenied):
        governor.transfer.preview_people(path)
    with pytest.raises(PermissionDenied):
        governor.transfer.import_people(path, preview=preview)
    services.accounts.authenticate("head", HEAD_PASSWORD)
    office = services_as("office")
    preview = office.transfer.preview_people(path)
    assert office.transfer.import_people(path, preview=preview).created == 4


def test_the_preview_of_another_file_is_not_imported(services, tmp_path):
    preview = services.transfer.preview_people(write(tmp_path / "a.csv", ROWS, HEADER))
    other = write(tmp_path / "b.csv", ROWS, HEADER)
    with pytest.raises(ServiceError, match="The file checked was “a.csv”, not “b.csv”"):
        services.transfer.import_people(other, preview=preview)
    assert people_count(services) == 0
