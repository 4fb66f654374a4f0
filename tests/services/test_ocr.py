"""The OCR adapter (services/incidents/ocr.py): the real Tesseract program reading a
generated screenshot, and what it says when the program is not there or cannot run."""

from __future__ import annotations

import pytest

from avenue_desk.services.core.errors import Cancelled, ServiceError
from avenue_desk.services.incidents import OcrUnavailable, ScreenshotReader, join_lines
from avenue_desk.services.incidents.ocr import ENGINE_MISSING, tidy
from tests.helpers.ocr import needs_tesseract, post_accuracy, post_screenshot


def test_no_engine_says_how_to_add_it_on_windows_and_linux(tmp_path):
    picture = tmp_path / "post.png"
    post_screenshot(picture)
    reader = ScreenshotReader(tmp_path / "not installed" / "tesseract")
    assert reader.engine() is None
    with pytest.raises(OcrUnavailable) as raised:
        reader.read(picture)
    message = str(raised.value)
    assert message == ENGINE_MISSING
    assert "UB Mannheim" in message and "apt-get install tesseract-ocr" in message


def test_a_file_that_is_not_a_program_is_said_as_no_engine_not_a_traceback(tmp_path):
    not_a_program = tmp_path / "tesseract"
    not_a_program.write_text("not a program\n")  # exists, but cannot be run
    picture = tmp_path / "post.png"
    post_screenshot(picture)
    with pytest.raises(OcrUnavailable, match="could not be run"):
        ScreenshotReader(not_a_program).read(picture)


def test_the_engine_s_text_is_tidied_without_changing_a_letter():
    read = "@angrymum_av  \n3 h · Avenue Parents\n\n\n\nZoë said “no” & <left>\n\f"
    assert tidy(read) == "@angrymum_av\n3 h · Avenue Parents\n\nZoë said “no” & <left>"


def test_joining_lines_keeps_paragraphs():
    assert (join_lines("The trip was\na shambles\n\nŁucja  \nagain\n")
            == "The trip was a shambles\n\nŁucja again")


@needs_tesseract
def test_the_real_engine_reads_a_generated_phone_screenshot(tmp_path):
    picture = tmp_path / "post.png"
    truth = post_screenshot(picture)
    read = ScreenshotReader().read(picture)
    assert "@angrymum_av" in read  # the header is read too: the person deletes it
    assert post_accuracy(truth, read) > 0.9, read


@needs_tesseract
def test_an_unreadable_picture_is_a_sentence(tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really" * 10)
    with pytest.raises(ServiceError, match="could not read this picture"):
        ScreenshotReader().read(broken)


@needs_tesseract
def test_cancel_stops_the_engine(tmp_path):
    picture = tmp_path / "post.png"
    post_screenshot(picture)
    with pytest.raises(Cancelled):
        ScreenshotReader().read(picture, cancelled=lambda: True)



@needs_tesseract
def test_a_read_taking_too_long_is_stopped_and_said(tmp_path):
    picture = tmp_path / "post.png"
    post_screenshot(picture)
    with pytest.raises(ServiceError, match="took more than"):
        ScreenshotReader(timeout_s=0).read(picture)
