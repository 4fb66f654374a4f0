"""One person's window layout on this computer: the window's size, splitters, column widths
and the folder documents were last saved to.

Kept in the user's own settings (QSettings: an ini file in their profile, under the
organisation and application names ``app.make_application`` gives), never in the school's
database, which everyone shares: two people at two desks each keep their own, and nothing
about one person's screen travels in a backup.

Only the real program remembers layouts (``app.run_gui`` calls ``remember_layouts``); the
screenshot tool and tests that do not ask for it neither read nor write a person's settings,
so a screenshot always shows the standard layout. Tests point QSettings at a folder of
their own with ``keep_in``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

_SWITCH = "avenueDeskRemembersLayouts"  # a dynamic property of the application
SCHOOL_PC = (1366, 800)  # the first start's size on a large screen
SMALL_SCREEN_WIDTH = 1500  # below this, the first start fills the screen
DOCUMENTS = "documents"  # the folder letters and reports are saved to


def remember_layouts(app, on: bool = True) -> None:
    """From now on windows restore and keep their layout (the real program only)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    app.setProperty(_SWITCH, on)


def keep_in(folder: Path | str) -> None:
    """Keeps the user's settings in ``folder`` instead of their profile (for tests)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def _store() -> QSettings | None:
    app = QCoreApplication.instance()
    if app is None or not app.property(_SWITCH):
        return None
    return QSettings()


# --- the main window -------------------------------------------------------------------


def show_main_window(window: QMainWindow, name: str = "main") -> None:
    """Shows ``window`` as it was last closed (size, place, maximised; kept on the screen),
    or, the first time, filling a small screen and at 1366×800 on a large one."""
    if not restore_window(window, name):
        screen = window.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen else None
        if available is not None and available.width() < SMALL_SCREEN_WIDTH:
            # A 1366×768 school PC: every pixel counts. The geometry first, for desktops
            # where "maximised" means nothing (no window manager).
            window.setGeometry(available)
            window.showMaximized()
            return
        window.resize(*SCHOOL_PC)
    window.show()


def save_window(window: QWidget, name: str) -> None:
    store = _store()
    if store is None:
        return
    store.setValue(f"{name}/geometry", window.saveGeometry())
    if isinstance(window, QMainWindow):
        store.setValue(f"{name}/state", window.saveState())


def restore_window(window: QWidget, name: str) -> bool:
    """True when a saved geometry was put back (and clamped to the screen it is on)."""
    store = _store()
    geometry = store.value(f"{name}/geometry") if store is not None else None
    if not isinstance(geometry, QByteArray) or not window.restoreGeometry(geometry):
        return False
    if not (window.isMaximized() or window.isFullScreen()):
        window.setGeometry(clamped(window.geometry()))
    state = store.value(f"{name}/state")
    if isinstance(window, QMainWindow) and isinstance(state, QByteArray):
        window.restoreState(state)
    return True


def clamped(frame: QRect) -> QRect:
    """``frame`` moved and shrunk to fit the available area of the screen it is (mostly) on,
    or the primary screen's when it is on none now (a second monitor unplugged)."""
    screen = QGuiApplication.screenAt(frame.center()) or QGuiApplication.primaryScreen()
    if screen is None:
        return frame
    area = screen.availableGeometry()
    width, height = min(frame.width(), area.width()), min(frame.height(), area.height())
    x = min(max(frame.x(), area.x()), area.x() + area.width() - width)
    y = min(max(frame.y(), area.y()), area.y() + area.height() - height)
    return QRect(x, y, width, height)


# --- splitters and columns -----------------------------------------------------------------


class _Keeper(QObject):
    """Writes a widget's layout as it changes. A child of the widget, so it goes with it
    (a bound slot, not a lambda: PySide6 can crash deleting a widget whose signal holds a
    lambda that keeps it alive)."""

    def __init__(self, widget: QWidget, store: QSettings, key: str):
        super().__init__(widget)
        self._widget, self._store, self._key = widget, store, key

    def splitter_moved(self, *_args) -> None:
        self._store.setValue(self._key, self._widget.saveState())

    def section_resized(self, column: int, *_sizes) -> None:
        header = self._widget
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
            self._store.setValue(self._key, ",".join(str(header.sectionSize(c))
                                                     for c in range(header.count())))


def remember_splitter(splitter: QSplitter, name: str) -> None:
    """Puts back where the person left the splitter, and keeps each move they make."""
    store = _store()
    if store is None:
        return
    key = f"splitters/{name}"
    state = store.value(key)
    if isinstance(state, QByteArray):
        splitter.restoreState(state)
    splitter.splitterMoved.connect(_Keeper(splitter, store, key).splitter_moved)


def remember_columns(header: QHeaderView, name: str) -> None:
    """The widths of the columns a person can drag (not the stretching ones), put back when
    the table has the same columns, and kept each time one is dragged."""
    store = _store()
    if store is None:
        return
    key = f"columns/{name}"
    saved = [int(w) for w in str(store.value(key, "")).split(",") if w.strip().isdigit()]
    if len(saved) == header.count():
        for column, width in enumerate(saved):
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
                header.resizeSection(column, width)
    header.sectionResized.connect(_Keeper(header, store, key).section_resized)


# --- the last folder -----------------------------------------------------------------------


def last_folder(purpose: str = DOCUMENTS) -> str:
    """The folder this person last saved to for ``purpose``; "" if none, or it is gone."""
    store = _store()
    folder = str(store.value(f"folders/{purpose}", "")) if store is not None else ""
    return folder if folder and Path(folder).is_dir() else ""


def remember_folder(folder: Path | str, purpose: str = DOCUMENTS) -> None:
    store = _store()
    if store is not None:
        store.setValue(f"folders/{purpose}", str(folder))
