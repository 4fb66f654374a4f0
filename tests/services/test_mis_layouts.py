"""Issue 15's done-when: files made in each MIS layout, in each encoding Excel saves, import
with every pupil and contact right (``export people`` compared with the truth written down),
or are refused naming the column or the damaged names."""

from __future__ import annotations

import pytest

from avenue_desk.services.people import AmbiguousColumns
from tests.helpers.mis_files import (
    LAYOUT_FILES,
    expected_people,
    exported_people,
    school,
    write_layout,
)

LAYOUTS = sorted(LAYOUT_FILES)


def import_and_export(services, tmp_path, layout, pupils, encoding):
    spec = LAYOUT_FILES[layout]
    path = write_layout(tmp_path / f"{layout}.csv", layout, pupils, encoding)
    result = services.transfer.import_people(path, mapping=spec.mapping)
    assert result.errors == (), [p.message for p in result.errors][:5]
    services.transfer.export_people(tmp_path / "people.csv")
    return result, exported_people(tmp_path / "people.csv")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_imports_every_pupil_and_contact_right(services, tmp_path, layout,
                                                           encoding):
    pupils = school()
    assert len(pupils) >= 30
    _, exported = import_and_export(services, tmp_path, layout, pupils, encoding)
    assert exported == expected_people(pupils, LAYOUT_FILES[layout].carries)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_windows_1252_files_with_names_it_can_hold_import_right(services, tmp_path, layout):
    pupils = school(latin=True)
    _, exported = import_and_export(services, tmp_path, layout, pupils, "cp1252")
    assert exported == expected_people(pupils, LAYOUT_FILES[layout].carries)


@pytest.mark.parametrize("layout", ["sims", "contact_numbered"])
def test_a_windows_1252_file_with_question_marks_is_refused_naming_the_names(
        services, tmp_path, layout):
    path = write_layout(tmp_path / "plain.csv", layout, school(), "cp1252")
    result = services.transfer.import_people(path)
    assert result.errors and services.people.count() == 0
    messages = " ".join(p.summary for p in result.errors)
    assert "“?” where a letter should be" in messages and "CSV UTF-8" in messages
    damaged = {n for p in result.errors for n in p.names}
    assert "Kacper Wi?niewski" in damaged and "????? ???" in damaged


def test_the_damaged_rows_are_left_out_and_nobody_is_merged_on_them(services, tmp_path):
    path = write_layout(tmp_path / "plain.csv", "contact_numbered", school(), "cp1252")
    preview = services.transfer.preview_people(path)
    assert preview.refused and any("Names affected" in line for line in preview.problems)
    services.transfer.import_people(path, preview=preview)
    names = [p.full_name for p in services.people.search(limit=500)]
    assert not [n for n in names if "?" in n]
    # Then the same school exported properly: the right spellings, no one twice.
    good = write_layout(tmp_path / "good.csv", "contact_numbered", school(), "utf-8-sig")
    services.transfer.import_people(good)
    services.transfer.export_people(tmp_path / "people.csv")
    assert exported_people(tmp_path / "people.csv") == expected_people(
        school(), LAYOUT_FILES["contact_numbered"].carries)


def test_a_byte_order_mark_over_a_windows_1252_body_is_refused_naming_the_line(services,
                                                                               tmp_path):
    path = write_layout(tmp_path / "pasted.csv", "sims", school(latin=True), "utf-8-sig")
    with open(path, "ab") as handle:
        handle.write("1,U9,Dubois,Zoë,1A,Year 1,Mrs,Renée,Dubois,Mother,1,Yes,,,No,\r\n"
                     .encode("cp1252"))
    lines = path.read_bytes().count(b"\n")
    result = services.transfer.import_people(path)
    assert [p.line for p in result.errors] == [lines]
    assert f"line {lines} is not UTF-8" in result.errors[0].message
    assert services.people.count() == 0


def test_the_arbor_layout_is_refused_until_its_name_columns_are_chosen_then_remembered(
        services, tmp_path):
    path = write_layout(tmp_path / "arbor.csv", "arbor", school())
    with pytest.raises(AmbiguousColumns) as raised:
        services.transfer.import_people(path)
    message = str(raised.value)
    assert "“First Name” and “Last Name” could be the pupil's name or the contact's" in message
    assert '--map "contact.forename=First Name" --map "contact.surname=Last Name"' in message
    assert services.people.count() == 0
    services.transfer.import_people(path, mapping=LAYOUT_FILES["arbor"].mapping)
    again = services.transfer.import_people(path)  # the saved choice, not asked again
    assert again.created == 0 and "column choices saved" in again.summary


def test_two_surname_columns_are_asked_about_by_position(services, tmp_path):
    from tests.helpers.csv_files import write

    path = write(tmp_path / "two.csv", [["Lee", "Sam", "Jo", "Lee"]],
                 ["Surname", "Forename", "Contact Forename", "Surname"])
    with pytest.raises(AmbiguousColumns) as raised:
        services.transfer.preview_people(path)
    assert "“Surname” is the heading of columns 1 and 4" in str(raised.value)
    preview = services.transfer.preview_people(
        path, mapping=(("pupil.surname", "column 1"), ("contact.surname", "column 4")))
    assert [e.name for e in preview.to_add] == ["Sam Lee", "Jo Lee"]


@pytest.mark.parametrize("layout", ["bromcom", "scholarpack"])
def test_the_preview_names_the_layout_and_the_columns_as_understood(services, tmp_path,
                                                                     layout):
    path = write_layout(tmp_path / "x.csv", layout, school())
    preview = services.transfer.preview_people(path)
    assert preview.layout == f"This looks like {LAYOUT_FILES[layout].named}."
    assert preview.understood and all("→" in line for line in preview.understood)


def test_two_imports_of_the_same_new_file_at_once_leave_one_copy_of_each(services, tmp_path):
    from tests.helpers import two_imports

    pupils = school()
    path = write_layout(tmp_path / "bromcom.csv", "bromcom", pupils)
    go = tmp_path / "go"
    pcs = [two_imports.start(services.paths, go, path) for _ in range(2)]
    go.touch()
    said = sorted(two_imports.outcome(pc) for pc in pcs)
    # One adds everyone; the other waits its turn, then finds them all already there.
    assert said == ["imported 0", "imported 66"], said
    services.transfer.export_people(tmp_path / "people.csv")
    exported = exported_people(tmp_path / "people.csv")
    assert exported == expected_people(pupils, LAYOUT_FILES["bromcom"].carries)
    assert services.people.count() == 66
