"""`-o` on a removable drive: the command says the copy is not encrypted there, on stderr,
and still writes it (a script that saves to a stick on purpose keeps working).

There is no USB stick on the machine that runs the tests, so the check is replaced: a
folder named "STICK" is the stick (the check's own reading of the mount table and sysfs is
tested in tests/services/test_removable.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from avenue_desk.services.core import removable
from avenue_desk.services.people import PersonInput
from tests.helpers.cli import set_up

WARNING = ("is on a removable drive, such as a USB stick or a memory card. What is saved "
           "there is not encrypted: anyone who has the drive can open and read it.")


@pytest.fixture
def stick(tmp_path, monkeypatch):
    folder = tmp_path / "STICK"
    folder.mkdir()
    monkeypatch.setattr(removable, "is_removable",
                        lambda path: folder in (Path(path), *Path(path).parents))
    return folder


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    set_up(folder).close()
    return folder


def test_an_export_to_a_stick_is_written_with_the_warning_on_stderr(cli, data, stick):
    target = stick / "incidents.csv"
    result = cli.signed_in(data, "export", "incidents", "-o", target)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"avenue-desk export: “{target}” {WARNING}\n"
    assert result.stdout.strip() == f"Exported 0 incident(s) to {target}"  # stdout as ever
    assert target.read_text(encoding="utf-8-sig").startswith("id,")


def test_a_pdf_and_a_subject_access_folder_on_a_stick_are_warned_about_too(cli, data, stick):
    guidance = cli.signed_in(data, "guidance", "-o", stick / "guidance.pdf")
    assert guidance.returncode == 0 and WARNING in guidance.stderr
    assert (stick / "guidance.pdf").read_bytes().startswith(b"%PDF")
    with set_up(data) as services:
        person = services.people.create(PersonInput("Tunde Adebayo", "parent"))
    sar = cli.signed_in(data, "sar", str(person.id), "-o", stick / "SAR")
    assert sar.returncode == 0, sar.stderr
    assert f"avenue-desk sar: “{stick / 'SAR'}” {WARNING}" in sar.stderr


def test_the_office_disk_and_a_backup_to_a_stick_say_nothing(cli, data, stick, tmp_path):
    office = cli.signed_in(data, "export", "incidents", "-o", tmp_path / "incidents.csv")
    assert office.returncode == 0 and office.stderr == ""
    backup = cli.signed_in(data, "backup", "-o", stick / "backup.zip")
    assert backup.returncode == 0, backup.stderr
    assert WARNING not in backup.stderr and (stick / "backup.zip").exists()
