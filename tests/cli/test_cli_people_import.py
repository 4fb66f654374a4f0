"""`import people --preview / --map` and `export people`, as the office would run them."""

from __future__ import annotations

import csv

from tests.helpers.cli import set_up
from tests.helpers.databases import raw_sql
from tests.helpers.mis_files import (
    LAYOUT_FILES,
    expected_people,
    exported_people,
    school,
    write_layout,
)


def _folder(tmp_path):
    data = tmp_path / "data"
    with set_up(data) as services:
        return data, services.paths


def test_preview_names_the_layout_and_columns_and_saves_nothing(cli, tmp_path):
    data, paths = _folder(tmp_path)
    source = write_layout(tmp_path / "bromcom.csv", "bromcom", school())
    ran = cli.signed_in(data, "import", "people", source, "--preview")
    assert ran.returncode == 0, ran.stderr
    assert "read as UTF-8 (as Excel's “CSV UTF-8” saves it). This looks like a Bromcom " \
           "contacts export." in ran.stdout
    assert "“Contact Name” → the contact's full name" in ran.stdout
    assert "Would add 66, update 0, refuse 0 row(s)" in ran.stdout
    assert "Nothing was saved." in ran.stdout
    assert raw_sql(paths, "SELECT count(*) FROM people") == [(0,)]


def test_an_ambiguous_file_is_refused_naming_the_columns_then_imported_with_map(cli,
                                                                                  tmp_path):
    data, paths = _folder(tmp_path)
    source = write_layout(tmp_path / "arbor.csv", "arbor", school())
    refused = cli.signed_in(data, "import", "people", source)
    assert refused.returncode == 1 and refused.stdout == ""
    assert "“First Name” and “Last Name” could be the pupil's name or the contact's" in (
        refused.stderr)
    assert '--map "contact.forename=First Name"' in refused.stderr
    assert raw_sql(paths, "SELECT count(*) FROM people") == [(0,)]
    done = cli.signed_in(data, "import", "people", source, "--map",
                         "contact.forename=First Name", "--map", "contact.surname=Last Name")
    assert done.returncode == 0, done.stderr
    # Next time, the saved choice: not asked again, nothing added twice.
    again = cli.signed_in(data, "import", "people", source)
    assert again.returncode == 0 and "0 added" in again.stdout
    assert "column choices saved" in again.stdout
    target = tmp_path / "people.csv"
    exported = cli.signed_in(data, "export", "people", "-o", target)
    assert exported.returncode == 0 and exported.stdout.startswith("Exported 66 people")
    assert exported_people(target) == expected_people(school(), LAYOUT_FILES["arbor"].carries)


def test_a_bad_map_is_a_plain_message(cli, tmp_path):
    data, _ = _folder(tmp_path)
    source = write_layout(tmp_path / "arbor.csv", "arbor", school())
    ran = cli.signed_in(data, "import", "people", source, "--map", "contact.shoe=First Name")
    assert ran.returncode == 1 and "“contact.shoe” is not a field" in ran.stderr
    ran = cli.signed_in(data, "import", "people", source, "--map", "contact.forename=Nope")
    assert ran.returncode == 1 and "the file has no column “Nope”" in ran.stderr


def test_problems_are_one_line_a_kind_with_their_lines(cli, tmp_path):
    data, _ = _folder(tmp_path)
    rows = [[f"Pupil{n} Test", "", "contact@example.org", "Mother"] for n in range(2, 78)]
    source = tmp_path / "contacts.csv"
    with open(source, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Parent Name Here", "Email", "Relationship"])
        writer.writerows(rows)
    ran = cli.signed_in(data, "import", "people", source)
    assert ran.returncode == 1
    lines = ran.stderr.splitlines()
    assert lines[0].startswith("Nothing was imported:")
    assert lines[1].startswith("  Contact name missing on lines 2–77:")
    assert "The file has “Parent Name Here”: is that the contact's name?" in lines[1]
    assert len(lines) == 2


def test_export_people_has_the_columns_an_import_is_checked_by(cli, tmp_path):
    data, _ = _folder(tmp_path)
    target = tmp_path / "people.csv"
    assert cli.signed_in(data, "export", "people", "-o", target).returncode == 0
    with open(target, encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    for column in ("id", "role", "title", "forenames", "surname", "full_name", "class_name",
                   "year_group", "mis_id", "email", "phone", "parental_responsibility",
                   "restricted_access", "linked_pupil_ids"):
        assert column in header
