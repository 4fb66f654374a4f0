"""The main window: a list of sections on the left, the chosen section on the right.

It only wires things together: each section is its own view, each dialog its own file.
The sections shown depend on who is signed in (``sections.py``); the services refuse the
rest in any case. The Account menu blanks the screen (Ctrl+L), changes the password and
signs out.
"""

from __future__ import annotations

import html
from functools import partial

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWhatsThis,
    QWidget,
)

from avenue_desk import __version__
from avenue_desk.policy.access import Operation
from avenue_desk.services.core.errors import RecordsDamaged
from avenue_desk.ui.change_watcher import ChangeWatcher
from avenue_desk.ui.damage_notice import damaged_page, refreshed_or_said
from avenue_desk.ui.sections import (  # noqa: F401 - the section numbers are used from here
    ACCOUNTS,
    AUDIT,
    CONDUCT,
    HOME,
    INCIDENTS,
    PEOPLE,
    REPORTS,
    SECTIONS,
    SETTINGS,
    build_section,
    section_allowed,
    section_title,
)
from avenue_desk.ui.style import set_role
from avenue_desk.ui.views.settings import database_location
from avenue_desk.ui.window_state import save_window

DEMO_TEXT = ("DEMO SCHOOL — fictional data. Nothing here is real; your school's own records "
             "are kept separately.")


APP_NAME = "Avenue Desk"


def window_title(school_name: str, is_demo: bool) -> str:
    """The school first, the program's name once, last. Qt adds the application's display
    name ("Avenue Desk", app.py) to every title that does not already end with it, so a
    title with the name first read "Avenue Desk — <school> — Avenue Desk"."""
    parts = [school_name] if school_name else []
    if is_demo:
        parts.append("DEMO")
    return " — ".join([*parts, APP_NAME])


class MainWindow(QMainWindow):
    """``signed_out`` is True once closed by "Sign out" (app.py then asks for a sign-in)."""

    sign_out_requested = Signal()

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.guard = services.guard
        self.settings = services.settings.load()
        self.editor = None  # the open IncidentEditor, if any
        self.lock = None  # the IdleLock, once attached
        self.signed_out = False
        self.password_dialog = None
        self.whats_new = None  # the What's new dialog, once opened
        self.setMinimumSize(QSize(1000, 600))

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.demo_banner = QLabel(DEMO_TEXT)
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.demo_banner, "demo-banner")
        self.demo_banner.setAccessibleName(DEMO_TEXT)
        outer.addWidget(self.demo_banner)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        outer.addLayout(body, 1)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Sections")
        set_role(self.nav, "navigation")
        self.nav.setFixedWidth(200)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for number, row in enumerate(range(len(SECTIONS)), start=1):
            name = section_title(self.guard, row)
            item = QListWidgetItem(name)
            item.setToolTip(f"{name} (Ctrl+{number})")
            self.nav.addItem(item)
            item.setHidden(not self.may_see(row))
        body.addWidget(self.nav)

        self.stack = QStackedWidget()
        # Each section's view is built the first time it is wanted (``page``), not all eight
        # at sign-in: that kept the window frozen on every view's queries (over a second at
        # 100,000 incidents). Until then an empty placeholder holds its place in the stack.
        self._built: dict[int, QWidget] = {}
        for _row in range(len(SECTIONS)):
            self.stack.addWidget(QWidget())
        body.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.nav.currentRowChanged.connect(self._section_changed)
        self._build_menus()
        self._build_status_bar()
        self._apply_settings(self.settings)
        self.nav.setCurrentRow(next((row for row in range(len(SECTIONS))
                                     if self.may_see(row)), HOME))
        # Every screen current: whatever is saved, here or on another computer, shows.
        self.watcher = ChangeWatcher(services.changes, self)
        self.watcher.changed.connect(self._data_changed)

    def may_see(self, row: int) -> bool:
        return section_allowed(self.guard, row)

    def page(self, row: int) -> QWidget:
        """The section's view, built and wired the first time it is wanted."""
        view = self._built.get(row)
        if view is None:
            try:
                view = build_section(row, self.services)
            except RecordsDamaged as error:  # said in its place; tried again when next chosen
                return damaged_page(self.stack, row, error)
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, view)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built[row] = view
            self._connect_view(row, view)
        return view

    home = property(lambda self: self.page(HOME))
    incidents = property(lambda self: self.page(INCIDENTS))
    people = property(lambda self: self.page(PEOPLE))
    conduct = property(lambda self: self.page(CONDUCT))
    reports = property(lambda self: self.page(REPORTS))
    settings_view = property(lambda self: self.page(SETTINGS))
    accounts_view = property(lambda self: self.page(ACCOUNTS))
    audit_view = property(lambda self: self.page(AUDIT))

    def _connect_view(self, row: int, view: QWidget) -> None:
        if not self.may_see(row):
            return  # an empty page: it has no signals
        if row == HOME:
            view.open_incident.connect(self.open_incident)
            view.open_follow_up.connect(partial(self.open_incident, at_escalation=True))
            view.new_incident.connect(self.new_incident)
            view.show_list.connect(self._show_list)
            view.show_conduct.connect(self._show_conduct_needing_action)
        elif row == INCIDENTS:
            view.open_incident.connect(self.open_incident)
            view.new_incident.connect(self.new_incident)
        elif row == SETTINGS:
            view.saved.connect(self._settings_saved)
            view.idle_minutes_changed.connect(self._idle_minutes_changed)

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
        self.new_action.setVisible(self.guard.allowed(Operation.INCIDENT_CREATE))
        self.new_action.setEnabled(self.new_action.isVisible())
        self.import_people_action = self._action(file_menu, "&Import people from a file…",
                                                 None, self.import_people)
        self.import_people_action.setVisible(self.may_see(PEOPLE) and
                                             self.guard.allowed(Operation.DATA_IMPORT))
        self.import_people_action.setEnabled(self.import_people_action.isVisible())
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, "&Quit", "Ctrl+Q", self.close)
        go_menu = bar.addMenu("&Go")
        self.go_actions = []
        for number, row in enumerate(range(len(SECTIONS)), start=1):
            action = self._action(go_menu, f"&{number} {section_title(self.guard, row)}",
                                  f"Ctrl+{number}",
                                  lambda _checked=False, r=row: self.go_to(r))
            action.setVisible(self.may_see(row))
            action.setEnabled(self.may_see(row))
            self.go_actions.append(action)
        go_menu.addSeparator()
        self.find_action = self._action(go_menu, "&Find incidents…", QKeySequence.StandardKey.Find,
                                        self.find_incidents)
        self.find_action.setVisible(self.may_see(INCIDENTS))
        self.find_action.setEnabled(self.may_see(INCIDENTS))
        self.account_menu = bar.addMenu("&Account")
        self.password_action = self._action(self.account_menu, "&Change my password…", None,
                                            self.change_password)
        self.sign_out_action = self._action(self.account_menu, "&Sign out", None,
                                            self.sign_out)
        self.sign_out_action.setToolTip("For someone else to sign in")
        help_menu = bar.addMenu("&Help")
        # F1 in the dialogs, which have no menu, is heard by ui/help_keys.py.
        self.guide_action = self._action(help_menu, "&User guide",
                                         QKeySequence.StandardKey.HelpContents, self.show_guide)
        self.whats_this_action = QWhatsThis.createAction(self)  # Shift+F1, then click a field
        help_menu.addAction(self.whats_this_action)
        help_menu.addSeparator()
        self.whats_new_action = self._action(help_menu, "&What's new", None, self.show_whats_new)
        self.about_action = self._action(help_menu, "&About Avenue Desk", None, self.show_about)

    def _build_status_bar(self) -> None:
        actor = self.guard.actor
        self.user_label = QLabel(f"Signed in as {actor.display_name} · {actor.role_label}"
                                 if actor else "Nobody signed in")
        if actor:
            self.user_label.setToolTip(f"Username: {actor.username}. Account › Sign out, for "
                                       "someone else to sign in.")
        self.user_label.setAccessibleName("Signed in")
        set_role(self.user_label, "signed-in")
        self.statusBar().addWidget(self.user_label)
        self.school_label = QLabel()
        self.school_label.setAccessibleName("School")
        self.folder_label = QLabel()
        self.folder_label.setAccessibleName("Data folder")
        set_role(self.folder_label, "muted")
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
        self.setWindowTitle(window_title(settings.school_name, settings.is_demo))

    # --- navigation ----------------------------------------------------------------------

    def go_to(self, row: int) -> None:
        if self.may_see(row):
            self.nav.setCurrentRow(row)

    def _section_changed(self, row: int) -> None:
        if row < 0:
            return
        fresh = row not in self._built
        page = self.page(row)
        self.stack.setCurrentIndex(row)
        # Each view reloads when shown, so a save elsewhere is never shown stale (a view
        # built just now has just loaded).
        if not fresh and hasattr(page, "on_shown"):
            refreshed_or_said(self, page.on_shown)

    def import_people(self) -> None:
        if self.import_people_action.isVisible():
            self.go_to(PEOPLE)
            self.people.import_from_file()

    def find_incidents(self) -> None:
        if self.may_see(INCIDENTS):
            self.go_to(INCIDENTS)
            self.incidents.focus_search()

    def _show_conduct_needing_action(self) -> None:
        self.go_to(CONDUCT)
        if hasattr(self.conduct, "show_needing_action"):
            self.conduct.show_needing_action()

    def _show_list(self, kind: str) -> None:
        self.go_to(INCIDENTS)
        self.incidents.show_preset(kind)

    # --- incidents -----------------------------------------------------------------------

    def new_incident(self) -> None:
        if self.guard.allowed(Operation.INCIDENT_CREATE):
            self.open_incident(None)

    def open_incident(self, incident_id: int | None, at_escalation: bool = False) -> None:
        if self.editor is not None:
            self.editor.raise_()
            self.editor.activateWindow()
            return
        from avenue_desk.ui.dialogs.incident_editor import IncidentEditor
        from avenue_desk.ui.dialogs.record_opener import open_record

        editor = IncidentEditor(self.services, incident_id, parent=self,
                                record_opener=open_record)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._incident_saved)
        editor.finished.connect(self._editor_closed)
        # A menu's shortcut is heard only while its own window is active: given to the
        # incident's window too, Ctrl+Q quits from there (after the editor has asked).
        editor.addAction(self.quit_action)
        self.editor = editor
        if at_escalation and incident_id is not None:
            editor.ui.tabs.setCurrentWidget(editor.ui.escalation_tab)
        # open(): modal to this window, but the event loop (and the tests) keep running.
        editor.open()

    def _incident_saved(self, _incident_id: int) -> None:
        for view in (self._built.get(INCIDENTS), self._built.get(HOME)):
            if hasattr(view, "refresh"):  # a view not built yet will load when shown
                view.refresh()

    def _editor_closed(self, *_args) -> None:
        self.editor = None

    def _data_changed(self) -> None:
        """Something was saved (``ChangeWatcher``): the page in view reads it again, keeping
        the person's place; the other pages read it as they are next shown (``on_shown``);
        an open incident takes it in, or offers to if something there is being edited."""
        page = self.stack.currentWidget()
        if hasattr(page, "on_data_changed"):
            refreshed_or_said(self, page.on_data_changed)
        if self.editor is not None:
            self.editor.on_data_changed()

    # --- the rest ------------------------------------------------------------------------

    def _settings_saved(self, settings) -> None:
        self._apply_settings(settings)

    # --- the account ---------------------------------------------------------------------

    def attach_lock(self, lock) -> None:
        """The IdleLock (app.py makes it): "Blank screen now" goes first in the Account menu,
        and its "Sign out" signs out here."""
        self.lock = lock
        first = self.account_menu.actions()[0]
        self.account_menu.insertAction(first, lock.lock_action)
        self.account_menu.insertSeparator(first)
        lock.sign_out_requested.connect(self.sign_out)

    def _idle_minutes_changed(self, minutes: int) -> None:
        if self.lock is not None:
            self.lock.set_idle_minutes(minutes)

    def change_password(self) -> None:
        from avenue_desk.ui.dialogs.change_password import ChangePasswordDialog

        actor = self.guard.actor
        if actor is None or self.password_dialog is not None:
            return
        dialog = ChangePasswordDialog(self.services.accounts, actor, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._password_dialog_closed)
        self.password_dialog = dialog
        dialog.open()

    def _password_dialog_closed(self, result: int) -> None:
        self.password_dialog = None
        if result:
            self.statusBar().showMessage("Your password is changed.", 8000)

    def sign_out(self) -> None:
        """Signs out and closes the window (anything not saved is lost, as the menu says);
        app.py then shows the sign-in."""
        for top in QApplication.topLevelWidgets():
            if top is not self and top.isVisible() and self._owns(top):
                # An open incident or letter: closed without asking, nothing of it stays.
                top.done(0) if isinstance(top, QDialog) else top.close()
        self.services.accounts.sign_out()
        self.signed_out = True
        self.sign_out_requested.emit()
        self.close()

    def _owns(self, widget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self:
                return True
            parent = parent.parentWidget()
        return False

    def about_text(self) -> str:
        paths = self.services.paths
        return (
            f"<h3>Avenue Desk {html.escape(__version__)}</h3>"
            "<p>The school office's record of social media misuse, following the school's "
            "social media policy. It works offline; nothing leaves this computer.</p>"
            f"<p><b>Data folder:</b><br>{html.escape(str(paths.data_dir))}</p>"
            f"<p><b>Database:</b><br>{html.escape(database_location(paths))}</p>"
        )

    def show_guide(self) -> None:
        """F1: the user guide, at the section for the page in view (or the part of it with
        the keyboard focus)."""
        from avenue_desk.ui.help_window import show_help_for

        page, focus = self.stack.currentWidget(), QApplication.focusWidget()
        show_help_for(focus if focus is not None and page.isAncestorOf(focus) else page)

    def show_about(self) -> None:
        QMessageBox.about(self, "About Avenue Desk", self.about_text())

    def show_whats_new(self) -> None:
        """Help › What's new: every version's changes, newest first."""
        from avenue_desk.ui.dialogs.whats_new import every_version

        self.whats_new = every_version(self)
        self.whats_new.open()

    def offer_whats_new(self) -> None:
        """After an update, the first time this person sees the window: what changed since
        the version they last used, once (``app._show_window`` calls it)."""
        from avenue_desk.ui.dialogs.whats_new import offer_after_update

        self.whats_new = offer_after_update(self)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self.editor is not None and not self.signed_out:
            # Quitting with an incident open: the editor asks about unsaved changes first
            # (Save, Discard or Cancel); Cancel keeps both windows open.
            self.editor.reject()
            if self.editor is not None and self.editor.isVisible():
                event.ignore()
                return
        save_window(self, "main")  # this person's size and place, for the next start
        super().closeEvent(event)
