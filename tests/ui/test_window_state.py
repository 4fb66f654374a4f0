"""One person's window layout is kept in their own settings (QSettings, here a test folder)
and comes back at the next start; none of it is in the school's database."""

from __future__ import annotations

import configparser

from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter

from avenue_desk.store import keyring
from avenue_desk.ui import window_state
from avenue_desk.ui.dialogs import document_dialog
from avenue_desk.ui.dialogs.document_dialog import DocumentDialog
from avenue_desk.ui.main_window import MainWindow
from avenue_desk.ui.models.incident_table import COL_PLATFORM
from avenue_desk.ui.views.incidents import IncidentsView
from avenue_desk.ui.views.letter_templates import LetterWordingDialog

# The offscreen screen is 800×800, smaller than the window's 1000×600 minimum: the tests
# let the window be smaller so that what is kept is the person's size, not the minimum.
SMALL = QSize(300, 200)


def start(qtbot, services) -> MainWindow:
    """The window as app.py shows it at a start."""
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.setMinimumSize(SMALL)
    window_state.show_main_window(window)
    qtbot.waitExposed(window)
    return window


def ini(folder) -> configparser.ConfigParser:
    """The user's settings file as it is on disk (what the next start reads)."""
    files = list(folder.rglob("*.ini")) + list(folder.rglob("*.conf"))
    assert len(files) == 1, files
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(files[0], encoding="utf-8")
    return parser


def school_database_text(services) -> str:
    with keyring.connect(services.paths.database_file) as connection:
        return repr(connection.execute("SELECT key, value FROM settings").fetchall())


def test_the_window_comes_back_at_the_size_and_place_it_was_left(qtbot, services,
                                                                 remembers_layouts):
    first = start(qtbot, services)
    first.showNormal()
    first.setGeometry(60, 40, 640, 480)
    qtbot.waitUntil(lambda: first.geometry().size() == QSize(640, 480))
    first.close()
    assert ini(remembers_layouts).has_option("main", "geometry")
    again = start(qtbot, services)  # the next start
    assert again.geometry() == QRect(60, 40, 640, 480)
    assert "geometry" not in school_database_text(services)


def test_a_window_bigger_than_the_screen_is_brought_back_onto_it(qtbot, services,
                                                                 remembers_layouts):
    first = start(qtbot, services)
    first.showNormal()
    first.setGeometry(-300, -200, 1700, 1300)  # left on a bigger monitor, since unplugged
    first.close()
    again = start(qtbot, services)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert area.contains(again.geometry()), (again.geometry(), area)


def test_the_first_start_fills_a_small_screen(qtbot, services, remembers_layouts):
    window = start(qtbot, services)
    assert window.isMaximized()


def test_the_clamp_keeps_a_window_on_the_screen():
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert window_state.clamped(QRect(5000, 5000, 400, 300)) == QRect(
        area.right() - 399, area.bottom() - 299, 400, 300)
    assert window_state.clamped(QRect(10, 20, 300, 200)) == QRect(10, 20, 300, 200)


def test_the_last_folder_survives_a_restart_and_is_not_in_the_school_database(
        qtbot, services, tmp_path, monkeypatch, remembers_layouts):
    dialog = DocumentDialog(services, "Guidance", "guidance.pdf", make=lambda: b"%PDF-1.4 x")
    qtbot.addWidget(dialog)
    dialog.pdf = b"%PDF-1.4 x"
    target = tmp_path / "Letters home" / "Spring term"
    target.mkdir(parents=True)
    monkeypatch.setattr(document_dialog, "choose_save_path",
                        lambda _parent, _suggested: str(target / "guidance.pdf"))
    dialog.save()  # written in the background; the folder is kept once it is saved
    qtbot.waitUntil(lambda: "Saved" in dialog.status.text())
    assert (target / "guidance.pdf").read_bytes() == b"%PDF-1.4 x"
    assert ini(remembers_layouts).get("folders", "documents") == str(target)
    assert str(target) not in school_database_text(services)
    assert "letters.save_folder" not in school_database_text(services)

    suggested = []
    monkeypatch.setattr(document_dialog, "choose_save_path",
                        lambda _parent, path: suggested.append(path) or "")
    later = DocumentDialog(services, "Guidance", "guidance.pdf", make=lambda: b"%PDF-1.4 x")
    qtbot.addWidget(later)
    later.pdf = b"%PDF-1.4 x"
    later.save()
    assert suggested == [target / "guidance.pdf"]


def test_a_folder_since_removed_is_not_suggested(tmp_path, remembers_layouts):
    gone = tmp_path / "USB stick"
    gone.mkdir()
    window_state.remember_folder(gone)
    assert window_state.last_folder() == str(gone)
    gone.rmdir()
    assert window_state.last_folder() == ""


def test_column_widths_and_splitters_come_back(qtbot, services, remembers_layouts):
    view = IncidentsView(services)
    qtbot.addWidget(view)
    view.table.horizontalHeader().resizeSection(COL_PLATFORM, 233)
    wording = LetterWordingDialog(services)
    qtbot.addWidget(wording)
    wording.show()
    split = wording.findChild(QSplitter)
    standard = split.sizes()
    split.moveSplitter(standard[0] + 90, 1)  # as a drag of the first handle does
    sizes = split.sizes()
    assert sizes != standard

    again = IncidentsView(services)
    qtbot.addWidget(again)
    assert again.table.horizontalHeader().sectionSize(COL_PLATFORM) == 233
    wording_again = LetterWordingDialog(services)
    qtbot.addWidget(wording_again)
    wording_again.show()
    assert wording_again.findChild(QSplitter).sizes() == sizes


def test_without_remembering_nothing_is_read_or_written(qtbot, services, own_user_settings):
    """The screenshot tool and every other test: the standard layout, and no file left."""
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    window.close()
    view = IncidentsView(services)
    qtbot.addWidget(view)
    view.table.horizontalHeader().resizeSection(COL_PLATFORM, 233)
    window_state.remember_folder("/")
    assert window_state.last_folder() == ""
    QSettings().sync()
    assert not any(own_user_settings.rglob("*"))
