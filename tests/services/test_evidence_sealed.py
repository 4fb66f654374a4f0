"""Evidence in an encrypted school: every file in the data folder's ``evidence/`` is sealed
with the data key (services/core/sealed_files.py), so a copy of the folder shows nothing of
it, while its SHA-256 stays that of the original: the records, the check, the police pack
and the file names keep the same fingerprints. A plain school keeps plain files.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from datetime import date

import pytest

from avenue_desk.paths import AppPaths
from avenue_desk.services.conduct.records import BreachInput
from avenue_desk.services.container import open_services
from avenue_desk.services.core import records_key
from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.core.evidence_store import evidence_store
from avenue_desk.services.core.sealed_files import is_sealed
from avenue_desk.services.letters.context import verified_evidence
from tests.helpers.accounts import HEAD_PASSWORD, ORIGIN, cheap_hashing
from tests.helpers.conduct import staff
from tests.helpers.evidence_tamper import change_one_byte, stored_bytes
from tests.helpers.letters import parent, posted, set_up_school
from tests.helpers.records import incident_input

PATTERN = b"Mr Cwik's class list, seen by nobody else 7f3a9c"


def screenshot_with_words(path, words: bytes = PATTERN):
    """A real PNG carrying ``words`` as they are (a tEXt chunk), to look for on disk."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80\x40\x20" * 4 for _ in range(3))
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 3, 8, 2, 0, 0, 0))
                     + chunk(b"tEXt", b"Comment\x00" + words)
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def _new_school(folder, encrypt: bool, clock):
    """A school made from nothing on a SQLite file, signed in as the Headteacher."""
    made = open_services(AppPaths(folder), clock, origin=ORIGIN, hashing=cheap_hashing(),
                         encrypt_new=encrypt)
    made.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
    made.accounts.authenticate("head", HEAD_PASSWORD)
    return made


@pytest.fixture
def school(services, tmp_path, clock):
    """An encrypted school: the ``services`` fixture's, or one made here while it is not."""
    if records_key.is_encrypted(services.paths):
        yield services
        return
    made = _new_school(tmp_path / "Encrypted school", True, clock)
    yield made
    made.close()


@pytest.fixture
def added(school, tmp_path):
    assert records_key.is_encrypted(school.paths)
    incident = school.incidents.create(incident_input())
    source = screenshot_with_words(tmp_path / "Screenshot of the post.png")
    record = school.evidence.add(incident.id, source, captured_on=date(2026, 11, 2))
    return source.read_bytes(), record


def test_the_file_on_disk_is_sealed_and_shows_nothing_of_the_screenshot(school, added):
    original, record = added
    on_disk = school.paths.evidence_dir / record.stored_name
    assert is_sealed(on_disk)
    assert PATTERN not in on_disk.read_bytes() and original not in on_disk.read_bytes()
    # The fingerprint is the original's: in the record and in the file's own name.
    digest = hashlib.sha256(original).hexdigest()
    assert record.sha256 == digest and record.stored_name == f"000001/{digest}.png"
    assert evidence_store(school.db).digest(record.stored_name) == digest
    assert stored_bytes(school.paths, record) == original
    assert school.evidence.verify(record.id).ok


def test_a_viewing_copy_and_an_export_give_the_original_back(school, tmp_path):
    mum = parent(school)
    case = posted(school, mum.id)
    source = screenshot_with_words(tmp_path / "post.png")
    record = school.evidence.add(case.id, source)
    assert school.evidence.viewing_copy(record.id).read_bytes() == source.read_bytes()
    result = school.subject_access.export(mum.id, tmp_path / "sar")
    (copied,) = result.by_hand
    assert (result.folder / copied).read_bytes() == source.read_bytes()  # plain, on purpose
    assert not result.not_copied


def test_the_check_passes_and_a_flipped_byte_is_reported_as_changed(school, added):
    original, record = added
    assert school.health.check().ok
    change_one_byte(school.paths, record)  # as someone without the key could change it
    assert school.evidence.verify(record.id).problem == "changed"
    report = school.health.check()
    assert not report.ok
    assert any(line.startswith("PROBLEM: Evidence 1 (Screenshot of the post.png, incident 1):"
                               " the file has been changed since it was added")
               for line in report.lines)
    with pytest.raises(ValidationError, match="has changed since it was added"):
        school.evidence.viewing_copy(record.id)


def test_the_police_pack_draws_the_original_and_says_when_it_no_longer_opens(school,
                                                                              tmp_path):
    set_up_school(school)
    case = posted(school, parent(school).id)
    source = screenshot_with_words(tmp_path / "post.png")
    school.evidence.add(case.id, source, date(2026, 11, 2))
    context = school.letters.context(case.id, with_evidence=True)
    (item,) = verified_evidence(context, evidence_store(school.db))
    assert item.verified and item.path.read_bytes() == source.read_bytes()
    assert item.path.parent == school.paths.data_dir / "evidence-cache"  # private, plain
    (record,) = school.incidents.get(case.id).evidence
    change_one_byte(school.paths, record)
    (item,) = verified_evidence(context, evidence_store(school.db))
    assert not item.verified and item.problem == "changed" and item.path is None
    school.incidents.record_referral(case.id, "Repeated posts about staff.", "harassment")
    assert school.letters.render(case.id, "police-referral")  # drawn, saying so


def test_a_plain_file_left_in_an_encrypted_folder_is_read_and_named(school, added):
    original, record = added
    store = evidence_store(school.db)
    on_disk = school.paths.evidence_dir / record.stored_name
    on_disk.write_bytes(original)  # as an old plain copy left by a conversion would be
    assert school.evidence.verify(record.id).ok
    assert school.evidence.viewing_copy(record.id).read_bytes() == original
    assert store.unsealed() == [record.stored_name]
    store.seal_plain(record.stored_name)
    assert is_sealed(on_disk) and store.unsealed() == []
    assert school.evidence.verify(record.id).ok
    stray = school.paths.evidence_dir / "000001" / "copied-by-hand.png"
    stray.write_bytes(b"not a sealed file")
    assert store.unsealed() == ["000001/copied-by-hand.png"]
    assert school.health.check().ok  # a note about the file no record refers to, no crash


def test_a_breach_file_is_sealed_too(school, tmp_path):
    breach = school.breaches.create(BreachInput(
        person_id=staff(school).id, item_keys=("na_images",), what="Photos posted.",
        occurred_on=date(2026, 11, 20), reported_by="A parent"))
    source = screenshot_with_words(tmp_path / "post.png")
    record = school.breach_evidence.add(breach.id, source)
    on_disk = school.paths.evidence_dir / record.stored_name
    assert is_sealed(on_disk) and PATTERN not in on_disk.read_bytes()
    assert school.breach_evidence.verify(record.id).ok
    assert school.breach_evidence.viewing_copy(record.id).read_bytes() == source.read_bytes()


def test_a_plain_school_keeps_plain_files(tmp_path, clock):
    plain = _new_school(tmp_path / "Plain school", False, clock)
    try:
        assert not records_key.is_encrypted(plain.paths)
        incident = plain.incidents.create(incident_input())
        source = screenshot_with_words(tmp_path / "post.png")
        record = plain.evidence.add(incident.id, source)
        on_disk = plain.paths.evidence_dir / record.stored_name
        assert on_disk.read_bytes() == source.read_bytes() and not is_sealed(on_disk)
        assert evidence_store(plain.db).local_file(record.stored_name) == on_disk
        assert plain.health.check().ok
    finally:
        plain.close()
