"""Evidence: copied in, typed by content, hashed, and checked whenever it is used."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.core.school import SchoolSettings
from tests.helpers.evidence_tamper import (
    change_one_byte,
    remove_content,
    replace_content,
    stored_bytes,
    stored_names,
)
from tests.helpers.images import write_png
from tests.helpers.records import incident_input


@pytest.fixture
def incident(services):
    return services.incidents.create(incident_input())


def test_a_screenshot_is_copied_hashed_and_verified(services, incident, tmp_path):
    source = write_png(tmp_path / "Screenshot 2026-11-02 at 08.15.png")
    record = services.evidence.add(incident.id, source, captured_on=date(2026, 11, 2))
    assert record.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert record.media_type == "image/png"
    assert stored_bytes(services.paths, record) == source.read_bytes()
    source.unlink()  # the original can go: the records hold their own copy
    assert services.evidence.verify(record.id).ok
    assert services.incidents.get(incident.id).evidence[0].original_name == source.name


def test_a_changed_or_missing_file_is_detected(services, incident, tmp_path):
    record = services.evidence.add(incident.id, write_png(tmp_path / "a.png"))
    change_one_byte(services.paths, record)
    check = services.evidence.verify(record.id)
    assert not check.ok and check.problem == "changed"
    remove_content(services.paths, record)
    assert services.evidence.verify(record.id).problem == "missing"


def test_type_is_judged_by_content_not_by_name(services, incident, tmp_path):
    fake = tmp_path / "holiday.png"
    fake.write_text("MZ this is really a program")
    with pytest.raises(ValidationError, match="is not a screenshot or photo"):
        services.evidence.add(incident.id, fake)
    real_pdf = tmp_path / "saved-post.dat"
    real_pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\n1 0 obj <<>> endobj\n%%EOF\n")
    assert services.evidence.add(incident.id, real_pdf).media_type == "application/pdf"
    page = tmp_path / "post.htm"
    page.write_text("<!DOCTYPE html><html><body>Saved post</body></html>")
    assert services.evidence.add(incident.id, page).media_type == "text/html"
    assert services.evidence.count() == 2


def test_size_limit_has_a_clear_message(services, incident, tmp_path):
    settings = services.settings.load()
    services.settings.save(
        SchoolSettings(**{**settings.__dict__, "school_name": "Ash", "head_name": "H",
                          "evidence_limit_mb": 1})
    )
    big = write_png(tmp_path / "big.png")
    with open(big, "ab") as handle:
        handle.write(b"\0" * (1024 * 1024 + 10))
    with pytest.raises(ValidationError, match=r"1\.0 MB; evidence files are limited to 1 MB"):
        services.evidence.add(incident.id, big)
    assert services.evidence.count() == 0


def test_the_same_file_twice_is_refused_and_empty_files_too(services, incident, tmp_path):
    png = write_png(tmp_path / "a.png")
    services.evidence.add(incident.id, png)
    with pytest.raises(ValidationError, match="already attached as “a.png”"):
        services.evidence.add(incident.id, png)
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError, match="is empty"):
        services.evidence.add(incident.id, empty)


def test_future_capture_date_is_refused(services, incident, tmp_path):
    with pytest.raises(ValidationError, match="future"):
        services.evidence.add(incident.id, write_png(tmp_path / "a.png"),
                              captured_on=date(2027, 1, 1))


def test_a_viewing_copy_protects_the_evidence(services, incident, tmp_path):
    record = services.evidence.add(incident.id, write_png(tmp_path / "post.png"))
    copy = services.evidence.viewing_copy(record.id)
    assert copy.read_bytes() == stored_bytes(services.paths, record)
    assert copy != Path(record.path) and copy.name.endswith("post.png")
    # Read-only, so a viewer cannot save over it (checked by mode: root ignores modes).
    assert copy.stat().st_mode & 0o222 == 0
    replace_content(services.paths, record, b"tampered")
    with pytest.raises(ValidationError, match="has changed since it was added"):
        services.evidence.viewing_copy(record.id)


def test_capture_date_and_note_can_be_corrected_but_not_the_file(services, incident, tmp_path):
    record = services.evidence.add(incident.id, write_png(tmp_path / "post.png"))
    changed = services.evidence.update_details(record.id, date(2026, 10, 30), 'From "Mum" <&>')
    assert changed.captured_on == date(2026, 10, 30) and changed.note == 'From "Mum" <&>'
    assert changed.sha256 == record.sha256
    with pytest.raises(ValidationError, match="future"):
        services.evidence.update_details(record.id, date(2027, 1, 1), "")


def test_a_failed_save_leaves_no_file_behind(services, incident, tmp_path):
    # A real database failure at insert time (as a full disk would cause).
    with services.db.begin() as session:
        if services.db.is_sqlite:
            session.execute(text(
                "CREATE TRIGGER refuse_evidence BEFORE INSERT ON evidence "
                "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
            ))
        else:
            session.execute(text(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'database or disk is full'; END $$"))
            session.execute(text("CREATE TRIGGER refuse_evidence BEFORE INSERT ON evidence "
                                 "FOR EACH ROW EXECUTE FUNCTION refuse()"))
    with pytest.raises(DBAPIError, match="disk is full"):
        services.evidence.add(incident.id, write_png(tmp_path / "a.png"))
    assert services.evidence.count() == 0
    assert stored_names(services.paths) == set()
    assert not any(p.is_file() for p in services.paths.evidence_dir.rglob("*"))
