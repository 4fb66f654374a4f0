"""Subject access export: all of one person's data, nothing else unmarked (issue 6)."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from avenue_desk.policy.subject_access import reply_due
from avenue_desk.services.conduct.records import BreachInput
from avenue_desk.services.core.access import PermissionDenied
from avenue_desk.services.core.audit import AuditQuery
from avenue_desk.services.core.errors import NotFound, ServiceError
from avenue_desk.services.core.evidence_files import sha256_of
from avenue_desk.services.incidents.records import ActionInput
from avenue_desk.services.people.records import PersonInput
from avenue_desk.services.privacy.subject_access import KEY_FILE
from tests.helpers.conduct import sign
from tests.helpers.evidence_tamper import remove_content
from tests.helpers.images import write_png
from tests.helpers.letters import parent, set_up_school
from tests.helpers.records import incident_input

# Every other person's name, as it may be written: must appear only in the key.
OTHERS = ("zoë", "zoe", "smith", "nguyễn", "nguyen", "hương", "huong", "ela", "محمد",
          "العلي", "dafydd", "hughes", "carter", "patel", "okafor")


def people(services):
    set_up_school(services)
    mum = parent(services)  # Mrs Łucja Wróbel, mother of Ela Wróbel
    zoe = services.people.create(PersonInput("Zoë Smith", "pupil", class_name="3B"))
    other = services.people.create(PersonInput("Nguyễn Thị Hương", "parent",
                                               linked_pupil_ids=(zoe.id,)))
    services.people.create(PersonInput("محمد العلي", "parent"))
    staff = services.people.create(PersonInput("Mr Dafydd Hughes", "staff"))
    return mum, zoe, other, staff


@pytest.fixture
def school(services, tmp_path):
    mum, zoe, other, staff = people(services)
    posted = services.incidents.create(incident_input(
        poster_id=mum.id, named_person_ids=(zoe.id,),
        excerpt='Zoë Smith & <b>her</b> mum NGUYỄN Thị Hương are "liars" <img src="x">',
        summary="Mrs Wróbel posted about Zoë; Ela Wróbel's classmate. Seen by Mrs Okafor."))
    services.escalation.record(posted.id, ActionInput(
        "informal_discussion", date(2026, 11, 5), taken_by="Mr Dafydd Hughes",
        notes="Spoke to Mrs Wróbel; she said nguyen thi huong started it & <it> went on.",
        outcome="Agreed to remove it"))
    services.escalation.record(posted.id, ActionInput(
        "police", date(2026, 11, 6), notes="Police told about the threat to محمد العلي."))
    services.letters.record_sent(posted.id, "removal-request", "saved",
                                 file_name="removal.pdf")
    shot = services.evidence.add(posted.id, write_png(tmp_path / "shot.png"),
                                 note="Screenshot sent by Zoë's mum")
    gone = services.evidence.add(posted.id, write_png(tmp_path / 'Zoë Smith & "<x>".png',
                                                      width=9))
    remove_content(services.paths, gone)  # a missing file is reported, never copied
    named = services.incidents.create(incident_input(
        poster_id=other.id, named_person_ids=(mum.id,),
        location="=cmd|' /C calc'!A0", summary="About Łucja Wróbel, posted by Hương."))
    unrelated = services.incidents.create(incident_input(
        poster_id=other.id, named_person_ids=(staff.id,),
        summary="UNRELATED-MARKER: about Mr Hughes only."))
    return dict(mum=mum, posted=posted.id, named=named.id, unrelated=unrelated.id,
                shot=shot, zoe=zoe)


def read_csv(path: Path) -> list[dict[str, str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 as such
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def texts(folder: Path) -> dict[str, str]:
    """Every text the export holds (CSV files and the index's words), by file."""
    found = {str(p.relative_to(folder)): p.read_text(encoding="utf-8-sig")
             for p in folder.rglob("*.csv")}
    pdf = PdfReader(folder / "index.pdf")
    found["index.pdf"] = "\n".join(page.extract_text() for page in pdf.pages)
    return found


def named_in(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text.casefold()) is not None


def test_the_export_holds_all_of_their_data_and_nobody_else_unmarked(services, school,
                                                                     tmp_path):
    mum = school["mum"]
    result = services.subject_access.export(mum.id, tmp_path / "sar")
    folder = tmp_path / "sar"
    assert result.folder == folder and result.person_name == "Mrs Łucja Wróbel"
    written = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert result.files == len(written)
    assert {"index.pdf", KEY_FILE, "records/person.csv", "records/incidents.csv",
            "records/actions.csv", "records/letters.csv", "records/evidence.csv"} <= set(written)

    incidents = read_csv(folder / "records/incidents.csv")
    assert [int(r["Incident no."]) for r in incidents] == [school["posted"], school["named"]]
    posted, named = incidents
    assert posted["How it concerns them"] == "posted it"
    assert named["How it concerns them"] == "named in it"
    assert posted["Posted by"] == "Mrs Łucja Wróbel"
    assert posted["Words of the post"].endswith('are "liars" <img src="x">')
    assert "<b>her</b> mum [REDACTED: other person" in posted["Words of the post"]
    assert posted["Summary"].startswith("Mrs Wróbel posted about [REDACTED: other person")
    assert named["Where"] == "'=cmd|' /C calc'!A0"  # guarded: Excel never runs it
    assert named["Summary"].startswith("About Łucja Wróbel, posted by [REDACTED: other person")

    actions = read_csv(folder / "records/actions.csv")
    steps = {r["Step"]: r for r in actions}
    talk = next(r for r in actions if r["Outcome"] == "Agreed to remove it")
    assert talk["Notes"].startswith("Spoke to Mrs Wróbel; she said [REDACTED: other person")
    assert talk["Notes"].endswith("started it & <it> went on.")
    assert talk["Taken by"].startswith("[REDACTED: other person")
    police = next(r for r in actions if "Police told" in r["Notes"])
    assert police["Check before sending"].startswith("Legal advice or the Police")
    assert len(steps) >= 3
    (letter,) = read_csv(folder / "records/letters.csv")
    assert letter["Letter"] == "Request to remove the post" and letter["To"] == mum.full_name

    person = {r["Field"]: r["Value"] for r in read_csv(folder / "records/person.csv")}
    assert person["Name"] == "Mrs Łucja Wróbel" and "Żaneta Court" in person["Address"]
    assert person["Linked pupil"].startswith("[REDACTED: other person")

    everything = texts(folder)
    key = everything.pop(KEY_FILE)
    for file, text in everything.items():
        assert "UNRELATED-MARKER" not in text, file
        for name in OTHERS:
            assert not named_in(text, name), (file, name)
    assert "Łucja Wróbel" in everything["index.pdf"]
    assert "Reply due by" in everything["index.pdf"] and "21 December 2026" in \
        everything["index.pdf"]
    for name in ("Zoë Smith", "Nguyễn Thị Hương", "Ela Wróbel", "محمد العلي",
                 "Mr Dafydd Hughes", "Mrs Helen Carter", "Mrs Okafor"):
        assert name in key, name
    assert "Łucja" not in key  # the person's own name is never a placeholder


def test_evidence_is_copied_checked_and_listed_for_redacting_by_hand(services, school,
                                                                     tmp_path):
    result = services.subject_access.export(school["mum"].id, tmp_path / "sar")
    folder = tmp_path / "sar"
    (copied,) = result.by_hand
    assert sha256_of(folder / copied) == school["shot"].sha256
    assert len(result.not_copied) == 1 and "missing" in result.not_copied[0]
    rows = read_csv(folder / "records/evidence.csv")
    assert {r["SHA-256 fingerprint"] for r in rows} >= {school["shot"].sha256}
    assert all(r["Redact by hand"].startswith("Yes") for r in rows)
    index = texts(folder)["index.pdf"]
    assert "check and redact" in index and copied in index.replace("\n", "")
    assert "Not copied: [REDACTED: other person" in index and '& "<x>".png' in index


def test_the_export_is_audited_without_its_content(services, school, tmp_path):
    result = services.subject_access.export(school["mum"].id, tmp_path / "sar")
    (row,) = services.audit.page(AuditQuery(action="subject_access"))
    assert (row.entity, row.entity_id) == ("person", str(school["mum"].id))
    assert f"{result.files} file(s)" in row.summary
    assert "Wróbel" not in row.summary and "Zoë" not in row.summary
    assert row.username == "head" and services.audit.verify() == []


def test_a_staff_members_conduct_records_are_theirs(services, tmp_path):
    mum, zoe, other, staff = people(services)
    sign(services, staff)
    services.breaches.create(BreachInput(staff.id, ("na_images",), "Photos of Zoë Smith.",
                                         date(2026, 11, 20), reported_by="Nguyễn Thị Hương"))
    services.subject_access.export(staff.id, tmp_path / "sar")
    folder = tmp_path / "sar"
    (breach,) = read_csv(folder / "records/conduct-breaches.csv")
    assert breach["What happened"].startswith("Photos of [REDACTED: other person")
    assert breach["Reported by"].startswith("[REDACTED: other person")
    forms = read_csv(folder / "records/conduct-forms.csv")
    assert forms and forms[0]["Signed as"] == "Mr Dafydd Hughes"


@pytest.mark.parametrize("role", ["office", "governor", "staff"])
def test_only_the_headteacher_may_export(services_as, services, school, tmp_path, role):
    services_as(role)
    with pytest.raises(PermissionDenied):
        services.subject_access.export(school["mum"].id, tmp_path / "sar")
    assert not (tmp_path / "sar").exists()


def test_a_folder_that_is_not_empty_is_refused(services, school, tmp_path):
    folder = tmp_path / "sar"
    folder.mkdir()
    (folder / "old.txt").write_text("something else")
    with pytest.raises(ServiceError, match="not empty"):
        services.subject_access.export(school["mum"].id, folder)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    empty = tmp_path / "empty"
    empty.mkdir()
    assert services.subject_access.export(school["mum"].id, empty).files > 3
    with pytest.raises(NotFound):
        services.subject_access.export(9999, tmp_path / "nobody")


def test_a_cancelled_export_leaves_nothing_behind(services, school, tmp_path):
    with pytest.raises(ServiceError, match="Cancelled"):
        services.subject_access.export(school["mum"].id, tmp_path / "sar",
                              cancelled=lambda: True)
    assert list(tmp_path.glob("*sar*")) == []


def test_the_reply_is_due_one_calendar_month_after_receipt():
    assert reply_due(date(2026, 11, 21)) == date(2026, 12, 21)
    assert reply_due(date(2026, 1, 31)) == date(2026, 3, 2)  # 28 Feb is a Saturday
    assert reply_due(date(2027, 10, 30)) == date(2027, 11, 30)


@pytest.mark.parametrize(("received", "due"), [
    (date(2026, 12, 1), date(2027, 1, 4)),  # New Year's Day (a Friday), then the weekend
    (date(2026, 11, 25), date(2026, 12, 29)),  # Christmas Day is a Friday; Boxing Day moves
    (date(2027, 4, 29), date(2027, 6, 1)),  # 31 May 2027: Spring bank holiday
    (date(2026, 7, 31), date(2026, 9, 1)),  # 31 August 2026: Summer bank holiday
])
def test_a_reply_due_on_a_bank_holiday_moves_to_the_next_working_day(received, due):
    assert reply_due(received) == due


def test_the_index_states_its_rule_and_keeps_to_it(services, tmp_path):
    mum, *_others = people(services)
    services.clock.advance(days=11)  # 2 December 2026
    result = services.subject_access.export(mum.id, tmp_path / "sar",
                                            received_on=date(2026, 12, 1))
    assert result.reply_due == date(2027, 1, 4)
    index = " ".join(texts(tmp_path / "sar")["index.pdf"].split())
    assert "Reply due by 4 January 2027" in index
    assert "1 January 2027" not in index
    assert ("When that date falls on a Saturday, a Sunday or an England and Wales bank "
            "holiday, the reply is due on the next working day." in index)


def test_the_demo_school_exports_completely(services, tmp_path):
    from avenue_desk.demo.school import fill_demo

    fill_demo(services, incidents=60)
    busiest = max(services.people.search("", limit=1000),
                  key=lambda p: services.people.incident_count(p.id))
    result = services.subject_access.export(busiest.id, tmp_path / "sar")
    assert (result.folder / "index.pdf").read_bytes()[:4] == b"%PDF"
    assert read_csv(result.folder / "records/incidents.csv")
