"""The evidence tab: adding files, refusals, thumbnails and spotting tampered files."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSize, Qt, QThread, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
)
from PySide6.QtWidgets import QApplication, QFileDialog

from avenue_desk.services.core.evidence_store import (
    DatabaseEvidenceStore,
    FolderEvidenceStore,
)
from avenue_desk.ui.widgets import evidence_panel, evidence_thumbnails
from avenue_desk.ui.widgets.evidence_panel import (
    CHANGED,
    CHECKING,
    MATCHES,
    MISSING,
    EvidencePanel,
)
from tests.helpers.background import settle
from tests.helpers.evidence_panel import plain_incident, shown_panel
from tests.helpers.evidence_tamper import change_one_byte, remove_content, stored_bytes


def write_png(path: Path, width=200, height=100, fmt="PNG") -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    assert image.save(str(path), fmt)
    return path


@pytest.fixture
def incident(services):
    return plain_incident(services)


@pytest.fixture
def panel(qtbot, services, incident):
    return shown_panel(qtbot, services, incident.id)


def item_texts(panel: EvidencePanel) -> list[str]:
    return [panel.list.item(r).text() for r in range(panel.list.count())]


def add_and_wait(qtbot, panel: EvidencePanel, paths):
    """Adds the files (copied and hashed in the background); what was added, and refused."""
    op = panel.add_files(paths)
    settle(qtbot, panel)
    return op.result


def test_add_files_adds_a_png_with_a_thumbnail(qtbot, services, panel, incident, tmp_path,
                                               monkeypatch):
    png = write_png(tmp_path / "Screenshot <Łucja> & co.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(png)], "Evidence"))
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    [record] = services.incidents.get(incident.id).evidence
    [text] = item_texts(panel)
    assert "Screenshot <Łucja> & co.png" in text
    assert f"Captured {record.captured_on.day} {record.captured_on:%B %Y}" in text
    assert record.sha256[:12] in text and record.sha256[:13] not in text
    assert "bytes" in text or "KB" in text
    icon = panel.list.item(0).icon()
    assert not icon.isNull()
    # Scaled to the thumbnail, keeping the 2:1 shape of the screenshot.
    assert icon.availableSizes()[0] == QSize(96, 48)
    assert "Added 1 file" in panel.added_label.text()


def test_each_refused_file_gets_its_own_message(qtbot, services, panel, incident, tmp_path):
    good = write_png(tmp_path / "good.png")
    fake = tmp_path / "notes.png"
    fake.write_text("this is really a text file")
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    added, refused = add_and_wait(qtbot, panel, [str(fake), str(good), str(empty)])
    assert [r.original_name for r in added] == ["good.png"]
    assert len(refused) == 2
    message = panel.refused_label.text()
    assert "“notes.png” is not a screenshot or photo" in message
    assert "“empty.png” is empty" in message
    assert panel.refused_label.isVisible()
    assert len(services.incidents.get(incident.id).evidence) == 1
    assert panel.list.count() == 1


def test_a_drag_without_files_is_not_accepted(panel):
    mime = QMimeData()
    mime.setText("just text")
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, enter)
    assert not enter.isAccepted()


def test_dropping_files_onto_the_panel_adds_them(qtbot, services, panel, incident, tmp_path):
    first = write_png(tmp_path / "one.png")
    second = write_png(tmp_path / "two.jpg", 300, 300, "JPEG")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(first)), QUrl.fromLocalFile(str(second))])
    # Qt only delivers a drop to a widget that accepted the drag entering it.
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(panel.changed):
        QApplication.sendEvent(panel, event)
    assert event.isAccepted()
    names = sorted(r.original_name for r in services.incidents.get(incident.id).evidence)
    assert names == ["one.png", "two.jpg"]
    assert panel.list.count() == 2


def test_a_tampered_file_is_marked_when_shown_again(qtbot, services, panel, incident,
                                                   tmp_path):
    record = add_and_wait(qtbot, panel, [str(write_png(tmp_path / "shot.png"))])[0][0]
    assert panel.list.item(0).foreground().color() != QColor("#b00020")
    change_one_byte(services.paths, record)  # someone edits the stored copy
    panel.hide()
    panel.show()
    settle(qtbot, panel)
    item = panel.list.item(0)
    assert CHANGED in item.text()
    assert item.foreground().color() == QColor("#b00020")
    assert panel.warning_label.isVisible()
    assert "can no longer be relied on" in panel.warning_label.text()


def test_a_missing_file_is_marked_and_cannot_be_opened(qtbot, services, panel, tmp_path):
    record = add_and_wait(qtbot, panel, [str(write_png(tmp_path / "shot.png"))])[0][0]
    remove_content(services.paths, record)
    panel.refresh()
    settle(qtbot, panel)
    assert MISSING in panel.list.item(0).text()
    assert not panel.open_button.isEnabled()
    assert panel.copy_button.isEnabled()


def test_open_and_copy_the_hash(qtbot, services, panel, tmp_path, monkeypatch):
    record = add_and_wait(qtbot, panel, [str(write_png(tmp_path / "shot.png"))])[0][0]
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    panel.list.setCurrentRow(0)
    panel.open_selected()
    settle(qtbot, panel)
    # A read-only copy is opened, never the stored evidence file itself.
    assert len(opened) == 1
    shown = Path(opened[0].toLocalFile())
    assert shown != Path(record.path)
    assert shown.read_bytes() == stored_bytes(services.paths, record)
    assert shown.stat().st_mode & 0o222 == 0
    panel.copy_hash()
    assert QGuiApplication.clipboard().text() == record.sha256


def test_pdfs_get_an_icon_and_huge_pngs_are_not_decoded(qtbot, services, panel, tmp_path,
                                                       monkeypatch):
    pdf = tmp_path / "saved.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    # Pretend every PNG is too big to decode whole: it must get an icon, not a thumbnail.
    monkeypatch.setattr(evidence_thumbnails, "MAX_FULL_DECODE_PIXELS", 100)
    png = write_png(tmp_path / "big.png", 400, 100)
    jpg = write_png(tmp_path / "photo.jpg", 400, 100, "JPEG")
    add_and_wait(qtbot, panel, [str(pdf), str(png), str(jpg)])
    sizes = [panel.list.item(r).icon().availableSizes()[0] for r in range(3)]
    assert sizes[0] == sizes[1] == QSize(96, 96)  # the page icons
    assert sizes[2] == QSize(96, 24)  # JPEG decodes at thumbnail size


def test_evidence_already_kept_is_shown_with_its_thumbnail(qtbot, services, incident,
                                                          tmp_path):
    services.evidence.add(incident.id, write_png(tmp_path / "shot.png"))
    panel = EvidencePanel(services, incident.id)  # drawn by the check as it is shown
    qtbot.addWidget(panel)
    panel.show()
    settle(qtbot, panel)
    assert MATCHES in item_texts(panel)[0]
    assert panel.list.item(0).icon().availableSizes()[0] == QSize(96, 48)  # not a badge


def test_a_thumbnail_is_read_from_the_store_not_from_the_record_s_path(services, incident,
                                                                      tmp_path):
    # On a server the bytes are in the database, and record.path names no file on this PC.
    record = services.evidence.add(incident.id, write_png(tmp_path / "shot.png"))
    in_database = DatabaseEvidenceStore(services.db)  # the store a server's records use
    in_database.put(None, record.stored_name, [stored_bytes(services.paths, record)],
                    record.sha256)
    Path(record.path).unlink(missing_ok=True)  # nothing there, as on another PC
    image = evidence_thumbnails.thumbnail_image(record, in_database)
    assert image is not None and image.size() == QSize(96, 48)
    # The copy it was read from is private and checked, in the data folder's cache.
    (copy,) = (services.paths.data_dir / "evidence-cache").iterdir()
    assert copy.name == f"{record.sha256}.png"
    in_folder = FolderEvidenceStore(services.paths.evidence_dir)
    assert evidence_thumbnails.thumbnail_image(record, in_folder) is None  # gone: a badge


def test_each_file_reads_checking_until_its_verdict_comes(qtbot, services, panel, tmp_path):
    kept, edited = add_and_wait(qtbot, panel, [str(write_png(tmp_path / "kept.png")),
                                               str(write_png(tmp_path / "edited.png", 300))])[0]
    change_one_byte(services.paths, edited)
    panel.refresh()  # what showing the panel again does
    # Listed at once, before any file was read again: nothing is a verdict yet.
    first, second = item_texts(panel)
    assert f"SHA-256 {kept.sha256[:12]}… · {CHECKING}" in first
    assert f"· {CHECKING}" in second and CHANGED not in second
    assert not panel.warning_label.isVisible()
    settle(qtbot, panel)
    first, second = item_texts(panel)
    assert f"SHA-256 {kept.sha256[:12]}… · {MATCHES}" in first and CHANGED not in first
    assert CHECKING not in second and MATCHES not in second and CHANGED in second
    assert panel.list.item(1).foreground().color() == QColor("#b00020")
    assert "One of these files" in panel.warning_label.text()


class ThreadNoting(evidence_panel.IncidentEvidence):
    """The incident's evidence, noting the thread each file was read on."""

    def __init__(self, services):
        super().__init__(services)
        self.threads = []

    def verify(self, evidence_id: int):
        self.threads.append(QThread.currentThread())
        return super().verify(evidence_id)

    def add(self, owner_id: int, path):
        self.threads.append(QThread.currentThread())
        return super().add(owner_id, path)


def test_files_are_hashed_and_copied_off_the_window_s_thread(qtbot, services, incident,
                                                            tmp_path):
    source = ThreadNoting(services)
    panel = EvidencePanel(services, incident.id, source=source)
    qtbot.addWidget(panel)
    panel.show()
    add_and_wait(qtbot, panel, [str(write_png(tmp_path / "shot.png"))])
    panel.hide()
    panel.show()
    settle(qtbot, panel)
    assert MATCHES in item_texts(panel)[0]
    assert len(source.threads) == 2  # added, then checked when shown again
    assert all(thread is not panel.thread() for thread in source.threads)


class SlowDisk(evidence_panel.IncidentEvidence):
    """The incident's evidence on a disk that takes its time over the first file."""

    def __init__(self, services):
        super().__init__(services)
        self.go_on = threading.Event()

    def add(self, owner_id: int, path):
        self.go_on.wait(10)
        return super().add(owner_id, path)


def test_adding_shows_progress_and_cancel_stops_before_the_next_file(qtbot, services,
                                                                     incident, tmp_path):
    source = SlowDisk(services)
    panel = EvidencePanel(services, incident.id, source=source)
    qtbot.addWidget(panel)
    panel.show()
    adding = panel.add_files([write_png(tmp_path / "one.png"), write_png(tmp_path / "two.png")])
    assert not panel.add_button.isEnabled()
    qtbot.waitUntil(lambda: adding.window is not None and adding.window.isVisible())
    assert adding.window.label.text().startswith("Adding “one.png”")
    adding.window.cancel_button.click()
    source.go_on.set()
    settle(qtbot, panel)
    added, refused = adding.result
    assert [r.original_name for r in added] == ["one.png"]
    assert refused == ["“two.png” was not added: cancelled."]
    assert "Added 1 file: one.png" in panel.added_label.text()
    assert [r.original_name for r in services.incidents.get(incident.id).evidence] == ["one.png"]
    assert panel.add_button.isEnabled() and panel.list.count() == 1
