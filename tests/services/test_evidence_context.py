"""Evidence with its context (the web address captured, who captured it, the account it
shows), and saved web pages and PDFs kept with the same checks as screenshots."""

from __future__ import annotations

import hashlib
from datetime import date, time
from pathlib import Path

import pytest

from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.incidents import EvidenceDetails
from tests.helpers.evidence_tamper import stored_bytes
from tests.helpers.images import write_png
from tests.helpers.records import incident_input

SAVED_PAGE = (
    "\ufeff<!-- saved from url=(0042)https://www.facebook.com/groups/1/posts/2 -->\n"
    "<!DOCTYPE html><html lang=\"pl\"><head><meta charset=\"utf-8\"><title>Łucja & “co”"
    "</title><script>alert('never run')</script></head><body>Zoë said…</body></html>\n")
MHTML_PAGE = (
    "From: <Saved by Blink>\r\n"
    f"Snapshot-Content-Location: https://x.com/angrymum_av/status/{'9' * 1200}\r\n"
    "Subject: =?utf-8?Q?Post_by_=40angrymum=5Fav?=\r\n"
    "Date: Sat, 21 Nov 2026 09:12:00 -0000\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/related;\r\n"
    "\ttype=\"text/html\";\r\n"
    "\tboundary=\"----MultipartBoundary--abc----\"\r\n\r\n"
    "------MultipartBoundary--abc----\r\nContent-Type: text/html\r\n\r\n<html></html>\r\n")
PDF_DOC = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def incident(services):
    return services.incidents.create(incident_input())


def test_the_person_signed_in_captured_it_unless_someone_else_is_named(services, incident,
                                                                       tmp_path):
    shot = write_png(tmp_path / "shot.png")
    record = services.evidence.add(incident.id, shot, date(2026, 11, 2), captured_at=time(8, 15),
                                   url="  https://facebook.com/groups/1/posts/2?a=1&b=<2>  ",
                                   account_shown="@angrymum_av")
    assert (record.url, record.account_shown, record.captured_by) == (
        "https://facebook.com/groups/1/posts/2?a=1&b=<2>", "@angrymum_av", "Mrs Patel")
    other = services.evidence.add(incident.id, write_png(tmp_path / "b.png", 5, 5),
                                  captured_by="Mr Ćwik (Year 4)")
    assert other.captured_by == "Mr Ćwik (Year 4)"
    kept = services.incidents.get(incident.id).evidence
    assert [e.captured_by for e in kept] == ["Mrs Patel", "Mr Ćwik (Year 4)"]


def test_details_are_corrected_together_and_the_file_never_changes(services, incident,
                                                                   tmp_path):
    record = services.evidence.add(incident.id, write_png(tmp_path / "shot.png"))
    details = EvidenceDetails(date(2026, 11, 3), time(21, 47), "https://x.com/a/status/1",
                              "Mrs Shah", "@أم_غاضبة", "Seen on a parent's phone")
    fixed = services.evidence.set_details(record.id, details)
    assert (fixed.captured_on, fixed.captured_at, fixed.url, fixed.captured_by,
            fixed.account_shown, fixed.note) == tuple(vars(details).values())
    assert fixed.sha256 == record.sha256 and services.evidence.verify(record.id).ok
    with pytest.raises(ValidationError) as refused:
        services.evidence.set_details(record.id, EvidenceDetails(
            None, time(9, 0), url="x" * 2001))
    assert set(refused.value.errors) == {"captured_at", "url"}
    with pytest.raises(ValidationError, match="in the future"):
        services.evidence.set_details(record.id, EvidenceDetails(date(2026, 11, 22)))
    assert services.evidence.get(record.id) == fixed  # nothing saved from a refusal


def test_the_time_captured_now_is_local_to_the_minute(services):
    from avenue_desk.services.core.audit import local_time

    day, at = services.evidence.captured_now()
    now = local_time(services.clock.now())
    assert (day, at) == (now.date(), now.time().replace(second=0, microsecond=0))


@pytest.mark.parametrize(("name", "content", "media_type", "extension"), [
    ("Facebook post.html", SAVED_PAGE.encode("utf-8"), "text/html", ".html"),
    ("post.mhtml", MHTML_PAGE.encode("ascii"), "multipart/related", ".mhtml"),
    ("Saved as PDF.pdf", PDF_DOC, "application/pdf", ".pdf"),
    ("page-with-no-extension", SAVED_PAGE.encode("utf-8"), "text/html", ".html"),
])
def test_saved_pages_and_pdfs_are_kept_and_hashed_like_screenshots(services, incident,
                                                                   tmp_path, name, content,
                                                                   media_type, extension):
    source = tmp_path / name
    source.write_bytes(content)
    record = services.evidence.add(incident.id, source, url="https://x.com/a")
    assert record.media_type == media_type
    assert record.sha256 == hashlib.sha256(content).hexdigest()
    assert Path(record.stored_name).suffix == extension  # the name says what it really is
    assert stored_bytes(services.paths, record) == content
    copy = services.evidence.viewing_copy(record.id)  # opened as a read-only copy, outside
    assert copy.read_bytes() == content and not copy.stat().st_mode & 0o222


@pytest.mark.parametrize(("name", "content", "looks"), [
    ("post.html", b"MZ\x90\x00\x03\x00\x00\x00<html>" + b"\x00" * 100, "a Windows program"),
    ("post.mhtml", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "a program"),
    ("post.pdf", b"PK\x03\x04" + b"\x00" * 100, "a ZIP file"),
    ("page.html", b"<html><body>" + b"\x00\x01\x02" * 50, ""),  # binary behind a tag
    ("mail.mhtml", b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello", "a text"),
])
def test_a_disguised_program_or_archive_is_refused(services, incident, tmp_path, name,
                                                   content, looks):
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(ValidationError, match="is not a screenshot or photo") as refused:
        services.evidence.add(incident.id, source)
    assert looks in str(refused.value)
    assert services.incidents.get(incident.id).evidence == ()
