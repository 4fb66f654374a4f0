"""``avenue-desk sar PERSON_ID -o DIR``, signed in as the Headteacher."""

from __future__ import annotations

from avenue_desk.services.people.records import PersonInput
from tests.helpers.cli import set_up
from tests.helpers.images import write_png
from tests.helpers.records import incident_input


def test_sar_writes_the_folder_and_says_what_to_check(cli, tmp_path):
    data = tmp_path / "data"
    with set_up(data) as services:
        child = services.people.create(PersonInput("Ela Wróbel", "pupil"))
        mum = services.people.create(PersonInput("Łucja Wróbel", "parent",
                                                 linked_pupil_ids=(child.id,)))
        incident = services.incidents.create(incident_input(
            poster_id=mum.id, summary="About Ela Wróbel & <her> teacher."))
        services.evidence.add(incident.id, write_png(tmp_path / "shot.png"))
    out = tmp_path / "SAR Łucja"
    done = cli.signed_in(data, "sar", mum.id, "-o", out,
                         "--received", "2026-11-20")
    assert done.returncode == 0, done.stderr
    assert f"Folder: {out}" in done.stdout
    assert "Reply due by 21 December 2026" in done.stdout
    assert f"check and redact by hand: evidence/incident-{incident.id}/" in done.stdout
    assert "REDACTION-KEY-do-not-send.csv" in done.stdout
    assert (out / "index.pdf").is_file()
    records = (out / "records/incidents.csv").read_text(encoding="utf-8-sig")
    assert "Ela" not in records and "& <her> teacher." in records

    again = cli.signed_in(data, "sar", mum.id, "-o", out)
    assert again.returncode == 1 and "is not empty" in again.stderr
    nobody = cli.signed_in(data, "sar", 999, "-o", tmp_path / "x")
    assert nobody.returncode == 1 and "Person 999 does not exist" in nobody.stderr
    assert not (tmp_path / "x").exists()
