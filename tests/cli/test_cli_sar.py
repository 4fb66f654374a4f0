"""``avenue-desk sar PERSON_ID -o DIR``, in a real process signed in as the Headteacher."""

from __future__ import annotations

from avenue_desk.services.people.records import PersonInput
from tests.cli.cli_helpers import run_cli, set_up
from tests.services.helpers import incident_input, write_png


def test_sar_writes_the_folder_and_says_what_to_check(tmp_path):
    data = tmp_path / "data"
    with set_up(data) as services:
        child = services.people.create(PersonInput("Ela Wróbel", "pupil"))
        mum = services.people.create(PersonInput("Łucja Wróbel", "parent",
                                                 linked_pupil_ids=(child.id,)))
        incident = services.incidents.create(incident_input(
            poster_id=mum.id, summary="About Ela Wróbel & <her> teacher."))
        services.evidence.add(incident.id, write_png(tmp_path / "shot.png"))
    out = tmp_path / "SAR Łucja"
    done = run_cli("--data-dir", data, "--user", "head", "sar", mum.id, "-o", out,
                   "--received", "2026-11-20")
    assert done.returncode == 0, done.stderr
    assert f"Folder: {out}" in done.stdout
    assert "Reply due by 21 December 2026" in done.stdout
    assert f"check and redact by hand: evidence/incident-{incident.id}/" in done.stdout
    assert "REDACTION-KEY-do-not-send.csv" in done.stdout
    assert (out / "index.pdf").is_file()
    records = (out / "records/incidents.csv").read_text(encoding="utf-8-sig")
    assert "Ela" not in records and "& <her> teacher." in records

    again = run_cli("--data-dir", data, "--user", "head", "sar", mum.id, "-o", out)
    assert again.returncode == 1 and "is not empty" in again.stderr
    nobody = run_cli("--data-dir", data, "--user", "head", "sar", 999, "-o", tmp_path / "x")
    assert nobody.returncode == 1 and "Person 999 does not exist" in nobody.stderr
    assert not (tmp_path / "x").exists()
