"""Evidence captured straight in: a screenshot pasted from the clipboard (Ctrl+V), a
picture dropped from a browser, and the details of each capture kept and shown."""

from __future__ import annotations

import base64
import hashlib
from datetime import date, time

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from avenue_desk.services.core.audit import local_time
from tests.helpers.background import settle
from tests.helpers.databases import raw_sql
from tests.helpers.evidence_panel import plain_incident, shown_panel
from tests.helpers.evidence_tamper import stored_bytes, stored_sha256


def screenshot(width=390, height=844) -> QImage:
    """A phone-sized screenshot with something on it (so its PNG is not trivial)."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#f0f2f5"))
    for y in range(0, height, 40):
        for x in range(20, width - 20):
            image.setPixelColor(x, y, QColor("#1c1e21"))
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return bytes(data.data())


@pytest.fixture
def incident(services):
    return plain_incident(services)


@pytest.fixture
def panel(qtbot, services, incident):
    widget = shown_panel(qtbot, services, incident.id, height=600)
    settle(qtbot, widget)
    return widget


def rows(services):
    return raw_sql(services.paths, "SELECT original_name, media_type, sha256, captured_on, "
                   "captured_at, captured_by, note, stored_name FROM evidence ORDER BY id")


def drop(qtbot, panel, mime) -> QDropEvent:
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, event)
    settle(qtbot, panel)
    return event


def test_ctrl_v_adds_the_clipboard_s_screenshot_hashed_and_captured_now(qtbot, services,
                                                                        panel, clock):
    shot = screenshot()
    QGuiApplication.clipboard().setImage(shot)
    panel.list.setFocus()
    with qtbot.waitSignal(panel.changed, timeout=15_000):
        qtbot.keyClick(panel.list, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, panel)
    [(name, media_type, sha256, captured_on, captured_at, by, _note, stored)] = rows(services)
    now = local_time(clock.now())
    assert name == f"Pasted screenshot {now:%Y-%m-%d %H.%M}.png"
    assert media_type == "image/png" and by == "Mrs Patel"
    assert str(captured_on) == now.date().isoformat()
    assert str(captured_at).startswith(now.strftime("%H:%M"))
    kept = stored_bytes(services.paths, stored)
    assert hashlib.sha256(kept).hexdigest() == sha256  # the stored file's hash
    back = QImage.fromData(kept)
    assert (back.width(), back.height()) == (390, 844)  # the picture itself, as a PNG
    assert back.pixelColor(100, 40) == shot.pixelColor(100, 40)
    text = panel.list.item(0).text()
    assert name in text and "by Mrs Patel" in text and sha256[:12] in text
    # Nothing is left behind where the picture was written before it was added.
    assert not any(p.is_file() for p in (services.paths.data_dir / "incoming").rglob("*"))


def test_ctrl_v_with_nothing_to_paste_says_so(qtbot, services, panel):
    QGuiApplication.clipboard().setText("just words")
    qtbot.keyClick(panel.list, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "no picture or file on the clipboard" in panel.refused_label.text()
    assert panel.refused_label.isVisible() and rows(services) == []


def test_ctrl_v_in_a_text_box_pastes_text_there(qtbot, services, panel, tmp_path):
    QGuiApplication.clipboard().setImage(screenshot(40, 40))
    panel.capture_row.url.setEnabled(True)
    QGuiApplication.clipboard().setText("https://facebook.com/groups/1/posts/2")
    panel.capture_row.setEnabled(True)
    panel.capture_row.url.setFocus()
    qtbot.keyClick(panel.capture_row.url, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert panel.capture_row.url.text() == "https://facebook.com/groups/1/posts/2"
    settle(qtbot, panel)
    assert rows(services) == []


def test_a_picture_dropped_from_a_browser_is_added_with_where_it_came_from(qtbot, services,
                                                                           panel):
    mime = QMimeData()
    mime.setImageData(screenshot(300, 200))
    mime.setUrls([QUrl("https://scontent.example.net/v/t39/photo.jpg?x=1&y=<2>")])
    drop(qtbot, panel, mime)
    [(name, media_type, sha256, *_rest, note, stored)] = rows(services)
    assert name.startswith("Dropped screenshot ") and media_type == "image/png"
    assert note == ("Dropped from a web page: picture address "
                    "https://scontent.example.net/v/t39/photo.jpg?x=1&y=%3C2%3E")
    assert stored_sha256(services.paths, stored) == sha256


def test_a_data_address_dropped_from_a_browser_is_kept_byte_for_byte(qtbot, services, panel):
    content = png_bytes(screenshot(50, 30))
    mime = QMimeData()
    mime.setText("data:image/png;base64," + base64.b64encode(content).decode())
    drop(qtbot, panel, mime)
    [(name, _type, sha256, *_rest)] = rows(services)
    assert name.startswith("Dropped picture ") and name.endswith(".png")
    assert sha256 == hashlib.sha256(content).hexdigest()


def test_a_link_to_a_picture_on_the_internet_is_not_fetched_and_says_why(qtbot, services,
                                                                        panel):
    mime = QMimeData()
    mime.setUrls([QUrl("https://www.facebook.com/photo/?fbid=1")])
    event = drop(qtbot, panel, mime)
    assert event.isAccepted()
    message = panel.refused_label.text()
    assert "“https://www.facebook.com/photo/?fbid=1” is a link to something on the internet" \
        in message and "works offline" in message and "Save image as…" in message
    assert rows(services) == []


def test_a_saved_page_dropped_from_a_folder_is_added_and_a_program_refused(qtbot, services,
                                                                           panel, tmp_path):
    page = tmp_path / "Facebook <post> & “co”.html"
    page.write_text("<!DOCTYPE html><html><script>alert(1)</script>Zoë</html>",
                    encoding="utf-8")
    program = tmp_path / "screenshot.png"
    program.write_bytes(b"MZ\x90\x00" + b"\x00" * 300)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page)), QUrl.fromLocalFile(str(program))])
    drop(qtbot, panel, mime)
    assert [r[:2] for r in rows(services)] == [("Facebook <post> & “co”.html", "text/html")]
    assert "it looks like a Windows program" in panel.refused_label.text()


def test_the_details_of_a_capture_are_kept_and_shown(qtbot, services, panel, tmp_path):
    QGuiApplication.clipboard().setImage(screenshot(60, 60))
    op = panel.paste()
    settle(qtbot, panel)
    assert op.result[0]
    row = panel.capture_row
    assert row.captured_by.text() == "Mrs Patel"
    row.capture_date.set_value(date(2026, 11, 3))
    row.capture_time.edit.setText("9:47pm")
    row.url.setText("https://www.facebook.com/groups/elm/posts/42?a=1&b=<2>")
    row.account.setText("@angrymum_av")
    row.captured_by.setText("Mr Ćwik")
    assert panel.save_capture()
    [record] = services.incidents.get(panel._incident_id).evidence
    assert (record.captured_on, record.captured_at, record.url, record.account_shown,
            record.captured_by) == (date(2026, 11, 3), time(21, 47),
                                    "https://www.facebook.com/groups/elm/posts/42?a=1&b=<2>",
                                    "@angrymum_av", "Mr Ćwik")
    text = panel.list.item(0).text()
    assert "Captured 3 November 2026 at 21:47 by Mr Ćwik" in text
    assert "https://www.facebook.com/groups/elm/posts/42?a=1&b=<2> · @angrymum_av" in text
    row.url.setText("x" * 2001)
    assert not panel.save_capture()
    assert "The web address is 2,001 characters long" in panel.refused_label.text()
    assert stored_sha256(services.paths, record) == record.sha256  # the file is untouched
