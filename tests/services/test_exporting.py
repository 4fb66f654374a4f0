"""Exporting the incident log: Excel-friendly, formula-safe, atomic, and importable again."""

from __future__ import annotations

import csv
from datetime import datetime

import pytest

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.clock import FixedClock
from avenue_desk.services.core.csvfiles import unguard_formula
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.transfer import exporting
from tests.helpers.accounts import open_signed_in as open_services
from tests.helpers.csv_files import row, write
from tests.helpers.records import incident_input, person
from tests.helpers.text import MARKUP, NAMES_IN_MANY_SCRIPTS

HEADER = "id,date_posted,platform,poster_name,poster_relationship,pupils,categories,where," \
         "excerpt,summary,status"
TRICKY = ['=SUM(A1)', '+1 for this', '-- angry --', '@everyone', "'=quoted", MARKUP,
          'line one\nline two', 'a "quoted" word, and a comma; and a semicolon']


def read(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def without_ids(path) -> list[list[str]]:
    return [r[1:] for r in read(path)]


def fresh_services(tmp_path, name):
    return open_services(AppPaths(tmp_path / name), FixedClock(datetime(2026, 11, 21, 9, 30)))


def test_an_empty_log_exports_a_header_with_a_byte_order_mark(services, tmp_path):
    target = tmp_path / "out.csv"
    assert services.transfer.export_incidents(target) == 0
    assert target.read_bytes() == b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n"


def test_incidents_are_exported_as_keys_in_a_stable_order(services, tmp_path):
    poster = person(services, "Zoë Adams", "carer")
    pupils = [person(services, name, "pupil") for name in ("Zed Young", "Amir Khan")]
    services.incidents.create(incident_input(
        poster_id=poster.id, named_person_ids=tuple(p.id for p in pupils),
        categories=("threat", "complaint", "racist"), platform="whatsapp"))
    target = tmp_path / "out.csv"
    assert services.transfer.export_incidents(target) == 1
    assert read(target)[1] == [
        "1", "2026-11-01", "whatsapp", "Zoë Adams", "carer", "Amir Khan;Zed Young",
        "complaint;racist;threat", "Elm Grove Parents (Facebook group)",
        "This school never listens, the trip was a shambles.",
        "Complaint about the school trip posted in the Year 4 parents' group.", "open"]


def test_formulas_are_guarded_in_the_file(services, tmp_path):
    services.incidents.create(incident_input(excerpt="=HYPERLINK(\"http://x\")",
                                             summary="@SUM(1)", location="-2+3"))
    target = tmp_path / "out.csv"
    services.transfer.export_incidents(target)
    cells = read(target)[1]
    assert cells[7:10] == ["'-2+3", "'=HYPERLINK(\"http://x\")", "'@SUM(1)"]


def test_export_import_export_gives_the_same_file_apart_from_ids(services, tmp_path):
    rows = []
    for number, name in enumerate(NAMES_IN_MANY_SCRIPTS):
        text = TRICKY[number % len(TRICKY)]
        rows.append(row(
            poster_name=f"{name} {text[:8]}", poster_relationship=("Mum", "carer", "")[number % 3],
            pupils=f"{NAMES_IN_MANY_SCRIPTS[-1 - number]};{name} Jr", where=text,
            excerpt=f"{text} {name}", summary=f"{name}: {text}",
            categories=("racist;complaint", "other", "threat")[number % 3],
            status=("open", "closed")[number % 2]))
    rows.append(row(poster_name="", poster_relationship="", pupils="", excerpt=""))
    source = write(tmp_path / "source.csv", rows)
    assert services.transfer.import_incidents(source).errors == ()
    first = tmp_path / "first.csv"
    assert services.transfer.export_incidents(first) == len(rows)

    with fresh_services(tmp_path, "elsewhere") as other:
        # Incidents already there make the ids differ on purpose.
        other.incidents.create(incident_input())
        result = other.transfer.import_incidents(first)
        assert result.errors == () and result.created == len(rows)
        second = tmp_path / "second.csv"
        other.transfer.export_incidents(second)
    exported_again = without_ids(second)
    assert exported_again[0] == without_ids(first)[0]
    assert exported_again[2:] == without_ids(first)[1:]  # row 1 is the incident made above
    assert [r[0] for r in read(second)[2:]] != [r[0] for r in read(first)[1:]]
    # What was stored, then exported, is exactly what the source file said (where one
    # leading quote before "=" is Excel's way of saying "this is text").
    for number, (original, exported) in enumerate(zip(rows, read(first)[1:], strict=True), 1):
        record = services.incidents.get(number)
        where, excerpt, summary = (unguard_formula(cell) for cell in original[6:9])
        assert (record.excerpt, record.summary) == (excerpt, summary)
        assert record.location == " ".join(where.split())  # "where" is one line in the app
        stored = [record.location, record.excerpt, record.summary]
        assert [unguard_formula(cell) for cell in exported[7:10]] == stored


def test_every_text_field_survives_export_and_import_exactly(services, tmp_path):
    tricky = '=SUM(A1) <b>Tom & "Jerry"</b> it\'s'
    rows = [row(poster_name=f"{tricky} {name}", pupils=f"+{name};{tricky} {name}",
                where=f"{tricky} {name}", excerpt=f"{tricky}\n{name}\n", summary=f"@{name}")
            for name in NAMES_IN_MANY_SCRIPTS]
    assert services.transfer.import_incidents(write(tmp_path / "s.csv", rows)).errors == ()
    exported = tmp_path / "exported.csv"
    services.transfer.export_incidents(exported)
    with fresh_services(tmp_path, "elsewhere") as other:
        assert other.transfer.import_incidents(exported).errors == ()
        for number, name in enumerate(NAMES_IN_MANY_SCRIPTS, 1):
            record = other.incidents.get(number)
            assert record.poster.full_name == f"{tricky} {name}"
            assert {p.full_name for p in record.named_people} == {f"+{name}", f"{tricky} {name}"}
            assert record.location == f"{tricky} {name}"
            assert record.excerpt == f"{tricky}\n{name}"  # only the trailing newline trimmed
            assert record.summary == f"@{name}"


def test_large_logs_are_written_batch_by_batch(services, tmp_path, monkeypatch):
    monkeypatch.setattr(exporting, "BATCH", 7)
    source = write(tmp_path / "source.csv", [row(excerpt=f"number {n}") for n in range(30)])
    services.transfer.import_incidents(source)
    calls = []
    target = tmp_path / "out.csv"
    assert services.transfer.export_incidents(target, lambda d, t: calls.append((d, t))) \
        == 30
    assert calls == [(7, 30), (14, 30), (21, 30), (28, 30), (30, 30)]
    assert [r[8] for r in read(target)[1:]] == [f"number {n}" for n in range(30)]


def test_a_failed_export_leaves_the_old_file_and_no_partial_file(services, tmp_path, monkeypatch):
    monkeypatch.setattr(exporting, "BATCH", 2)
    services.transfer.import_incidents(write(tmp_path / "s.csv", [row()] * 5))
    target = tmp_path / "out" / "incidents.csv"
    target.parent.mkdir()
    target.write_text("last week's export", encoding="utf-8")

    def fail(done, total):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        services.transfer.export_incidents(target, fail)
    assert target.read_text(encoding="utf-8") == "last week's export"
    assert [p.name for p in target.parent.iterdir()] == ["incidents.csv"]


def test_exporting_into_a_missing_folder_is_a_plain_error(services, tmp_path):
    with pytest.raises(ServiceError, match="does not exist"):
        services.transfer.export_incidents(tmp_path / "nowhere" / "out.csv")
