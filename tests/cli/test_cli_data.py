"""`import`, `export` and `check` as the office would run them: the command's ``main`` on real
files."""

from __future__ import annotations

import csv
from datetime import date

from tests.helpers.cli import set_up
from tests.helpers.csv_files import row as any_row
from tests.helpers.csv_files import write
from tests.helpers.databases import data_paths
from tests.helpers.evidence_tamper import change_one_byte, in_folder, remove_content
from tests.helpers.images import write_png
from tests.helpers.records import incident_input
from tests.helpers.text import NAMES_IN_MANY_SCRIPTS


def row(**changes) -> list[str]:
    # The command uses the real clock: a date well in the past is never "in the future".
    return any_row(**{"date_posted": "2024-03-02", **changes})


def test_import_then_export_incidents(cli, tmp_path):
    data = tmp_path / "data"
    set_up(data).close()
    source = write(tmp_path / "log.csv", [
        row(poster_name=NAMES_IN_MANY_SCRIPTS[0], excerpt="=SUM(A1) <b>&</b>"),
        row(poster_name=NAMES_IN_MANY_SCRIPTS[5], status="closed", categories="racist;threat"),
    ])
    imported = cli.signed_in(data, "import", "incidents", source)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == ("Imported 2 incident(s) (1 closed) from log.csv; added 3 "
                                       "people not already on record.")

    target = tmp_path / "out.csv"
    exported = cli.signed_in(data, "export", "incidents", "-o", target)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.strip() == f"Exported 2 incident(s) to {target}"
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "id" and len(rows) == 3
    assert rows[1][3:9] == ["Łucja Wróbel", "parent", "Amir Khan", "complaint",
                            "Year 4 parents' group", "'=SUM(A1) <b>&</b>"]
    assert rows[2][3] == "محمد العلي" and rows[2][6] == "racist;threat"


def test_a_bad_incident_file_imports_nothing_and_lists_each_line(cli, tmp_path):
    data = tmp_path / "data"
    set_up(data).close()
    source = write(tmp_path / "log.csv", [row(), row(date_posted="31/02/2026"), row(),
                                          row(platform="Myspace", status="pending")])
    result = cli.signed_in(data, "import", "incidents", source)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"Nothing was imported: {source} has 3 problem(s)."
    assert lines[1] == "  line 3: The date posted “31/02/2026” is not a real date."
    assert lines[2].startswith("  line 5: The platform “Myspace” is not one the app knows")
    assert lines[3] == "  line 5: The status “pending” must be open or closed."
    exported = cli.signed_in(data, "export", "incidents", "-o", tmp_path / "out.csv")
    assert exported.stdout.strip().startswith("Exported 0 incident(s)")


def test_a_missing_file_is_a_plain_message(cli, tmp_path):
    set_up(tmp_path / "data").close()
    result = cli.signed_in(tmp_path / "data", "import", "incidents", tmp_path / "nowhere.csv")
    assert result.returncode == 1
    assert result.stderr.startswith("avenue-desk import: “")
    assert "could not be found" in result.stderr and "Traceback" not in result.stderr


def test_import_people(cli, tmp_path):
    source = write(tmp_path / "sims.csv", [["Wróbel, Millie", "A1", "Mother", "Łucja Wróbel"]],
                   header=["Name", "UPN", "Contact 1 Relationship", "Contact 1 Name"])
    set_up(tmp_path / "data").close()
    first = cli.signed_in(tmp_path / "data", "import", "people", source)
    assert first.returncode == 0, first.stderr
    assert "1 pupil(s) and 1 contact(s); 2 added" in first.stdout
    again = cli.signed_in(tmp_path / "data", "import", "people", source)
    assert "0 added, 0 updated, 2 already up to date" in again.stdout


def test_check_passes_then_fails_when_evidence_is_edited_or_deleted(cli, tmp_path):
    data = tmp_path / "data"
    with set_up(data) as services:
        incident = services.incidents.create(incident_input())
        record = services.evidence.add(incident.id, write_png(tmp_path / "screenshot.png"),
                                       captured_on=date(2026, 11, 2))
    passed = cli.signed_in(data, "check")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert passed.stdout.splitlines()[-1] == "Result: PASSED, all checks passed."
    assert "Evidence files: 1 checked, all present and unchanged." in passed.stdout

    paths = data_paths(data)
    change_one_byte(paths, record)
    edited = cli.signed_in(data, "check")
    assert edited.returncode == 1
    assert "Evidence 1 (screenshot.png, incident 1): the file has been changed" in edited.stdout
    name = f"000001/{record.sha256}.png"
    assert (f"It is evidence/{name};" if in_folder(paths)
            else f"It is in the database ({name});") in edited.stdout
    assert edited.stdout.splitlines()[-1].startswith("Result: FAILED, 1 problem(s) found.")

    remove_content(paths, record)
    deleted = cli.signed_in(data, "check")
    assert deleted.returncode == 1
    assert "Evidence 1 (screenshot.png, incident 1): the file is missing" in deleted.stdout
