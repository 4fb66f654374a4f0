"""``avenue-desk incidents`` (matching incidents as CSV on standard output) and
``avenue-desk history PERSON -o FILE`` (a person's chronology as a PDF or CSV)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from avenue_desk.services.transfer import EXPORT_COLUMNS
from tests.helpers.cli import set_up
from tests.helpers.databases import data_paths, raw_sql
from tests.helpers.letters import parent, posted, set_up_school
from tests.helpers.pdf import pdf_text
from tests.helpers.records import close, person, step

NAME = "Mrs Zoë O'Neil <Smith> & \"Co\" 王秀英"
SAID = "Said the head's plan is <rubbish> & \"unsafe\"; 王 agreed"


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    with set_up(folder) as services:
        set_up_school(services)
        mum = parent(services, NAME)
        pupil = person(services, "Amélie Nowak", role="pupil", class_name="3B")
        own = posted(services, mum.id, posted_on=date(2026, 9, 2), summary=SAID)
        step(services, own.id, "informal_discussion", date(2026, 9, 3), outcome="Asked")
        via = posted(services, None, posted_on=date(2026, 10, 4), poster_account="@zoe_av",
                     summary="Posted as an account", named_person_ids=(pupil.id,))
        services.social_accounts.link(via.account_id, mum.id)
        closed = posted(services, mum.id, posted_on=date(2026, 8, 1), summary="Old one")
        close(services, closed.id)
        posted(services, None, summary="Nothing to do with her")
        ids = {"mum": mum.id, "own": own.id, "via": via.id, "closed": closed.id}
    return folder, ids


def _rows(stdout: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(stdout)))


def test_incidents_by_name_posted_by_and_status(cli, data):
    folder, ids = data
    done = cli.signed_in(folder, "incidents", "--search", "zoe o'neil")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].split(",") == list(EXPORT_COLUMNS)
    rows = _rows(done.stdout)
    assert [int(r["id"]) for r in rows] == [ids["via"], ids["own"], ids["closed"]]
    own = next(r for r in rows if int(r["id"]) == ids["own"])
    assert own["summary"] == SAID  # every character as typed
    assert "3 incident(s) match." in done.stderr
    by_pupil = _rows(cli.signed_in(folder, "incidents", "--search", "AMELIE").stdout)
    assert [int(r["id"]) for r in by_pupil] == [ids["via"]]
    handle = _rows(cli.signed_in(folder, "incidents", "--search", "@zoe_av").stdout)
    assert [int(r["id"]) for r in handle] == [ids["via"]]
    mine = cli.signed_in(folder, "incidents", "--posted-by", ids["mum"], "--status", "open")
    assert [int(r["id"]) for r in _rows(mine.stdout)] == [ids["via"], ids["own"]]
    closed = cli.signed_in(folder, "incidents", "--posted-by", ids["mum"], "--status",
                           "closed")
    assert [r["status"] for r in _rows(closed.stdout)] == ["closed"]
    listed = raw_sql(data_paths(folder.resolve()), "SELECT summary FROM audit_log WHERE "
                     "action = 'export' ORDER BY id DESC LIMIT 1")[0][0]
    assert listed == f"1 incident(s) listed as CSV (posted by person {ids['mum']}; closed only)"


def test_incidents_refuses_an_unknown_person_and_a_wrong_status(cli, data):
    folder, _ids = data
    unknown = cli.signed_in(folder, "incidents", "--posted-by", "9999")
    assert unknown.returncode == 1 and "9999" in unknown.stderr and unknown.stdout == ""
    wrong = cli.signed_in(folder, "incidents", "--status", "pending")
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr


def test_history_as_pdf_and_csv(cli, data, tmp_path):
    folder, ids = data
    pdf = tmp_path / "chronology.pdf"
    done = cli.signed_in(folder, "history", ids["mum"], "-o", pdf)
    assert done.returncode == 0, done.stderr
    assert f"Saved the chronology of {NAME}" in done.stdout
    text = pdf_text(pdf.read_bytes())
    assert NAME in text and SAID in text
    assert "As @zoe_av: Posted as an account" in text
    assert "Incident " + str(ids["closed"]) in text and "@zoe_av (Facebook)" in text
    for line in ("Posted 3 incidents", "Chronology"):
        assert line in text
    out = tmp_path / "chronology.csv"
    assert cli.signed_in(folder, "history", ids["mum"], "-o", out).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert {int(r["incident_id"]) for r in rows} == {ids["own"], ids["via"], ids["closed"]}
    assert any(r["details"] == SAID for r in rows)


def test_history_refuses_another_extension_and_an_unknown_person(cli, data, tmp_path):
    folder, ids = data
    wrong = cli.signed_in(folder, "history", ids["mum"], "-o", tmp_path / "c.docx")
    assert wrong.returncode == 1 and ".pdf or a .csv" in wrong.stderr
    assert not (tmp_path / "c.docx").exists()
    unknown = cli.signed_in(folder, "history", "9999", "-o", tmp_path / "c.pdf")
    assert unknown.returncode == 1 and "9999" in unknown.stderr
