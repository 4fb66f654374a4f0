"""Bad input gets a plain message, never a traceback (issue 16, part 6): half a character
(a lone surrogate) in any text, a file whose name says picture but whose bytes do not, a CSV
file saved as UTF-16 without its mark, and a file that is not text at all."""

from __future__ import annotations

import io
import os
import random
from dataclasses import replace

import pytest
from PIL import Image

from avenue_desk.services.accounts.records import SignInRefused
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.people.records import PersonInput
from tests.helpers.accounts import HEAD_PASSWORD, TEMPORARY
from tests.helpers.csv_files import write
from tests.helpers.images import write_png
from tests.helpers.records import incident, incident_input

HALF = "\ud800"  # half of a character: what a damaged paste leaves
ARGV_BYTE = "\udcff"  # how Python keeps the byte 0xFF of a command line that is not UTF-8
NOT_TEXT = "contains a character that is not valid text"


def test_a_person_with_half_a_character_is_refused_beside_the_field(services):
    with pytest.raises(ValidationError) as refused:
        services.people.create(PersonInput(f"Zo{HALF}e Adams", "parent"))
    assert refused.value.errors == {
        "full_name": f"The name {NOT_TEXT} (U+D800); retype it."}
    assert services.people.search("Zo") == []  # nothing half-saved


def test_an_incident_is_refused_naming_the_field_and_others_quote_the_text(services):
    with pytest.raises(ValidationError) as refused:
        services.incidents.create(incident_input(summary=f"Trip {HALF} complaint"))
    assert refused.value.errors == {"summary": f"The summary {NOT_TEXT} (U+D800); retype it."}
    made = incident(services)
    with pytest.raises(ValidationError) as refused:  # a field cleaned without a name
        services.evidence.add(made.id, write_png(services.paths.data_dir.parent / "s.png"),
                              note=f"Screenshot of the group{ARGV_BYTE}")
    assert str(refused.value) == (f"“Screenshot of the group\ufffd” {NOT_TEXT} (U+DCFF); "
                                  "retype it.")
    assert services.evidence.count() == 0


def test_an_evidence_files_odd_name_is_kept_not_refused(services, tmp_path):
    made = incident(services)
    odd = write_png(tmp_path / os.fsdecode(b"old stick \xff.png"))  # a name that is not UTF-8
    item = services.evidence.add(made.id, odd)
    assert item.original_name == "old stick \ufffd.png"


def test_settings_and_searches(services):
    settings = services.settings.load()
    with pytest.raises(ValidationError) as refused:
        services.settings.save(replace(settings, school_name=f"Elm{HALF} Grove"))
    assert refused.value.errors["school_name"] == f"School name {NOT_TEXT} (U+D800); retype it."
    assert services.settings.load().school_name == settings.school_name
    services.people.create(PersonInput("Zoe Adams", "parent"))
    assert services.people.search(f"Zo{HALF}") == []  # finds nothing, fails nothing
    assert [p.full_name for p in services.people.search("Zoe")] == ["Zoe Adams"]


@pytest.mark.no_accounts
def test_signing_in_and_passwords(services):
    accounts = services.accounts
    accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
    for username in ("head", "nobody-here"):  # the same answer whether or not it exists
        with pytest.raises(ValidationError) as refused:
            accounts.authenticate(username, f"Ivy walks{HALF}")
        assert refused.value.errors == {"password": f"The password {NOT_TEXT} (U+D800); "
                                                    "retype it."}
    with pytest.raises(ValidationError, match=f"The username {NOT_TEXT}"):
        accounts.authenticate(f"he{ARGV_BYTE}ad", HEAD_PASSWORD)
    actor = accounts.authenticate("head", HEAD_PASSWORD)
    with pytest.raises(ValidationError) as refused:
        accounts.create_user("office", "Mr Office", "office", f"{TEMPORARY}{HALF}")
    assert refused.value.errors == {"password": f"The password {NOT_TEXT} (U+D800); "
                                                "retype it."}
    with pytest.raises(ValidationError) as refused:
        accounts.change_password(actor, HEAD_PASSWORD, f"A new long pass{HALF}word")
    assert "new_password" in refused.value.errors
    with pytest.raises(SignInRefused):  # still the one password that works
        accounts.authenticate("head", "not it at all")


# --- files that are not what their names say ----------------------------------------------


def _picture(kind: str, mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (5, 4)).save(buffer, kind)
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "seems"), [
    (b"BM is how our minutes start: notes of the meeting\r\n" * 30, "a text file"),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(600), "a Windows program"),
    (b"\x89PNG\r\n\x1a\n" + bytes(40), "a damaged or incomplete picture"),
    (b"PK\x03\x04" + bytes(600), "a ZIP file (or a Word, Excel or PowerPoint document)"),
])
def test_a_png_that_is_not_one_is_refused_naming_what_it_looks_like(services, tmp_path,
                                                                    content, seems):
    made = incident(services)
    fake = tmp_path / "screenshot.png"
    fake.write_bytes(content)
    with pytest.raises(ValidationError) as refused:
        services.evidence.add(made.id, fake)
    assert str(refused.value) == (
        "“screenshot.png” is not a screenshot or photo (PNG, JPEG, GIF, WebP, BMP), a PDF, "
        f"or a saved web page: it looks like {seems} (its name does not change what is "
        "inside). It was not added.")


@pytest.mark.parametrize(("kind", "mode"), [("BMP", "RGB"), ("BMP", "P"), ("BMP", "1"),
                                            ("PNG", "RGB"), ("JPEG", "RGB"),
                                            ("WEBP", "RGB"), ("GIF", "P")])
def test_real_pictures_are_still_taken_whatever_their_name(services, tmp_path, kind, mode):
    made = incident(services)
    picture = tmp_path / "named wrongly.png"
    picture.write_bytes(_picture(kind, mode))
    item = services.evidence.add(made.id, picture)
    assert item.media_type == f"image/{kind.lower()}"


# --- CSV files ------------------------------------------------------------------------------


def _refused(services, path) -> str:
    """The one problem an import of ``path`` reports, having imported nothing; the preview
    (what the window shows first) refuses it in the same words."""
    result = services.transfer.import_people(path)
    assert (result.created, result.updated) == (0, 0)
    (problem,) = result.errors
    with pytest.raises(ServiceError) as refused:
        services.transfer.preview_people(path)
    assert str(refused.value) == problem.message
    return problem.message


def test_a_utf16_csv_without_its_mark_is_named_as_such(services, tmp_path):
    rows = [[f"Pupil {n}, Amy", f"A{n:04d}", "Mother", f"Parent {n}"] for n in range(15)]
    plain = write(tmp_path / "utf8.csv", rows)
    utf16 = tmp_path / "from notepad.csv"
    utf16.write_bytes(plain.read_text(encoding="utf-8").encode("utf-16-le"))  # no mark
    message = _refused(services, utf16)
    assert "is UTF-16 text" in message and "CSV UTF-8 (Comma delimited)" in message
    assert "date" not in message


def test_a_binary_file_is_not_a_text_file_rather_than_mixed_encodings(services, tmp_path):
    noise = tmp_path / "people.csv"
    noise.write_bytes(random.Random(16).randbytes(20_000))
    message = _refused(services, noise)
    assert "is not a CSV file: it holds data that is not text" in message
    assert "mixes" not in message
    without_nul = bytes(b for b in random.Random(17).randbytes(30_000) if b)
    noise.write_bytes(without_nul)  # no NUL byte, still control bytes everywhere
    assert "data that is not text" in _refused(services, noise)
