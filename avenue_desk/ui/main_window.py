"""The main window: a list of sections on the left, the chosen section on the right.

It only wires things together: each section is its own view, each dialog its own file.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from avenue_desk import __version__
from avenue_desk.ui.views.conduct import ConductView
from avenue_desk.ui.views.home import HomeView
from avenue_desk.ui.views.incidents import IncidentsView
from avenue_desk.ui.views.people import PeopleView
from avenue_desk.ui.views.reports import ReportsView
from avenue_desk.ui.views.settings import SettingsView, database_location

SECTIONS = ("Home", "Incidents", "People", "Staff code of conduct", "Reports", "Settings")
HOME, INCIDENTS, PEOPLE, CONDUCT, REPORTS, SETTINGS = range(len(SECTIONS))

DEMO_TEXT = ("DEMO SCHOOL — fictional data. Nothing here is real; your school's own records "
             "are kept separately.")

NAV_STYLE = """
QListWidget#navigation { background: #eef2f7; border: none; border-right: 1px solid #cfd8e3;
    font-size: 11pt; outline: 0; }
QListWidget#navigation::item { padding: 9px 14px; color: #1d2733; }
QListWidget#navigation::item:selected { background: #1f4e8c; color: white; }
QListWidget#navigation::item:hover:!selected { background: #dde6f1; }
"""


class MainWindow(QMainWindow):
    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.settings = services.settings.load()
        self.editor = None  # the open IncidentEditor, if any
        self.setMinimumSize(QSize(1000, 600))

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.demo_banner = QLabel(DEMO_TEXT)
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_banner.setStyleSheet(
            "background: #ffd23f; color: #1a1a1a; font-weight: 700; font-size: 11pt; "
            "padding: 6px; border-bottom: 2px solid #c79a00;")
        self.demo_banner.setAccessibleName(DEMO_TEXT)
        outer.addWidget(self.demo_banner)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        outer.addLayout(body, 1)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Sections")
        self.nav.setStyleSheet(NAV_STYLE)
        self.nav.setFixedWidth(200)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for number, name in enumerate(SECTIONS, start=1):
            item = QListWidgetItem(name)
            item.setToolTip(f"{name} (Ctrl+{number})")
            self.nav.addItem(item)
        body.addWidget(self.nav)

        self.home = HomeView(services)
        self.incidents = IncidentsView(services)
        self.people = PeopleView(services)
        self.conduct = ConductView(services)
        self.home.show_conduct.connect(
            lambda: (self.go_to(CONDUCT), self.conduct.show_needing_action()))
        self.reports = ReportsView(services)
        self.settings_view = SettingsView(services)
        self.stack = QStackedWidget()
        for page in (self.home, self.incidents, self.people, self.conduct, self.reports,
                     self.settings_view):
            self.stack.addWidget(page)
        body.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.nav.currentRowChanged.connect(self._section_changed)
        self.home.open_incident.connect(self.open_incident)
        self.home.new_incident.connect(self.new_incident)
        self.home.show_list.connect(self._show_list)
        self.incidents.open_incident.connect(self.open_incident)
        self.incidents.new_incident.connect(self.new_incident)
        self.settings_view.saved.connect(self._settings_saved)

        self._build_menus()
        self._build_status_bar()
        self._apply_settings(self.settings)
        self.nav.setCurrentRow(HOME)

    # --- building --------------------------------------------------------------------------

    def _action(self, menu, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_action = self._action(file_menu, "&New incident…", QKeySequence.StandardKey.New,
                                       self.new_incident)
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, "&Quit", "Ctrl+Q", self.close)
        go_menu = bar.addMenu("&Go")
        self.go_actions = []
        for number, name in enumerate(SECTIONS, start=1):
            action = self._action(go_menu, f"&{number} {name}", f"Ctrl+{number}",
                                  lambda _checked=False, row=number - 1: self.go_to(row))
            self.go_actions.append(action)
        go_menu.addSeparator()
        self.find_action = self._action(go_menu, "&Find incidents…", QKeySequence.StandardKey.Find,
                                        self.find_incidents)
        help_menu = bar.addMenu("&Help")
        self.about_action = self._action(help_menu, "&About Avenue Desk", None, self.show_about)

    def _build_status_bar(self) -> None:
        self.school_label = QLabel()
        self.school_label.setAccessibleName("School")
        self.folder_label = QLabel()
        self.folder_label.setAccessibleName("Data folder")
        self.folder_label.setStyleSheet("color: #555555;")
        self.statusBar().addWidget(self.school_label)
        self.statusBar().addPermanentWidget(self.folder_label)
        self.folder_label.setText(f"Data folder: {self.services.paths.data_dir}")
        self.folder_label.setToolTip(f"Database: {database_location(self.services.paths)}")

    def _apply_settings(self, settings) -> None:
        self.settings = settings
        name = settings.school_name or "School details not set: see Settings"
        if settings.is_demo:
            name = f"{settings.school_name or 'Demo school'}: fictional demo data"
        self.school_label.setText(name)
        self.demo_banner.setVisible(settings.is_demo)
        title = "Avenue Desk"
        if settings.school_name:
            title += f" — {settings.school_name}"
        if settings.is_demo:
            title += " — DEMO"
        self.setWindowTitle(title)

    # --- navigation ----------------------------------------------------------------------

    def go_to(self, row: int) -> None:
        self.nav.setCurrentRow(row)

    def _section_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        # Each view reloads when shown, so a save elsewhere is never shown stale.
        if hasattr(page, "on_shown"):
            page.on_shown()

    def find_incidents(self) -> None:
        self.go_to(INCIDENTS)
        self.incidents.focus_search()

    def _show_list(self, kind: str) -> None:
        self.go_to(INCIDENTS)
        self.incidents.show_preset(kind)

    # --- incidents -----------------------------------------------------------------------

    def new_incident(self) -> None:
        self.open_incident(None)

    def open_incident(self, incident_id: int | None) -> None:
        if self.editor is not None:
            self.editor.raise_()
            self.editor.activateWindow()
            return
        from avenue_desk.ui.dialogs.incident_editor import IncidentEditor

        editor = IncidentEditor(self.services, incident_id, parent=self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._incident_saved)
        editor.finished.connect(self._editor_closed)
        self.editor = editor
        # open(): modal to this window, but the event loop (and the tests) keep running.
        editor.open()

    def _incident_saved(self, _incident_id: int) -> None:
        self.incidents.refresh()
        self.home.refresh()

    def _editor_closed(self, *_args) -> None:
        self.editor = None

    # --- the rest ------------------------------------------------------------------------

    def _settings_saved(self, settings) -> None:
        self._apply_settings(settings)

    def about_text(self) -> str:
        paths = self.services.paths
        return (
            f"<h3>Avenue Desk {html.escape(__version__)}</h3>"
            "<p>The school office's record of social media misuse, following the school's "
            "social media policy. It works offline; nothing leaves this computer.</p>"
            f"<p><b>Data folder:</b><br>{html.escape(str(paths.data_dir))}</p>"
            f"<p><b>Database:</b><br>{html.escape(database_location(paths))}</p>"
        )

    def show_about(self) -> None:
        QMessageBox.about(self, "About Avenue Desk", self.about_text())
