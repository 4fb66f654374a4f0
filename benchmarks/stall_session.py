"""The scripted session of the stall benchmark: the real window, driven as a person would.

Each step clicks the real buttons (``QTest``), types into the real boxes and waits, by
running the event loop, until what a person would wait for is on the screen and no
background work is left. Only the file choosers and the message boxes are answered here
(their statics, and the two module seams the tests answer: the retention confirmation and
the subject access "done" box), so that nothing blocks.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox
from shiboken6 import isValid

from benchmarks.common import BENCH_PASSWORD, BENCH_USER
from benchmarks.stall_monitor import SLOT_ERRORS, PaintWatcher, StallMonitor, StepStall, wait_until


@dataclass(frozen=True)
class Plan:
    """What the setup prepared for the session."""

    incident_id: int  # first on the home screen, with the big evidence files
    evidence_files: int  # already attached
    added_file: Path  # the one "Add files…" chooses
    destroy: int  # records to tick in the retention review
    person_name: str  # whose subject access export is made
    out_dir: Path  # where saved letters and exports go


@contextmanager
def patched(target, name: str, value) -> Iterator[None]:
    old = target.__dict__.get(name, getattr(target, name))
    setattr(target, name, value)
    try:
        yield
    finally:
        setattr(target, name, old)


def click(button) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def place_like_app(window) -> None:
    """Sized and shown as ``app._show_window`` shows the main window the first time (this
    benchmark never reads or writes a person's remembered layout)."""
    from avenue_desk.ui.window_state import show_main_window

    show_main_window(window)


def bare_window_paint() -> float:
    """Seconds from creating a bare QMainWindow to its first paint (the anchor)."""
    start = time.perf_counter()
    window = QMainWindow()
    watcher = PaintWatcher(window)
    place_like_app(window)
    wait_until("the bare window's paint", lambda: watcher.painted, timeout=60)
    seconds = watcher.at - start
    window.close()
    window.deleteLater()
    return seconds


def open_main_window(services):
    """The main window as ``app._show_window`` makes it (its idle lock attached), before
    ``app.exec()``; the background upkeep (automatic backup, weekly check) is not started:
    its timers are minutes away and would only add noise. Returns (window, lock)."""
    from avenue_desk.ui.main_window import MainWindow
    from avenue_desk.ui.widgets.lock_screen import IdleLock

    window = MainWindow(services)
    lock = IdleLock(window, services.accounts, services.accounts.idle_lock_minutes())
    window.attach_lock(lock)
    return window, lock


def _text_of(widget) -> str:
    return widget.text() if widget is not None and isValid(widget) else ""


class Session:
    def __init__(self, services, plan: Plan, monitor: StallMonitor):
        self.services = services
        self.plan = plan
        self.monitor = monitor
        self.window = None
        self.lock = None
        self.sign_in_seconds = 0.0
        self.bare_seconds: list[float] = []
        self.patches = ExitStack()

    # --- the whole session ---------------------------------------------------------------

    def run(self) -> None:
        out = str(self.plan.out_dir)
        self.patches.enter_context(patched(
            QMessageBox, "question", staticmethod(
                lambda *_a, **_k: QMessageBox.StandardButton.Discard)))
        self.patches.enter_context(patched(
            QFileDialog, "getExistingDirectory", staticmethod(
                lambda *_a, **_k: str(Path(out) / "subject-access"))))
        self.patches.enter_context(SLOT_ERRORS)
        try:
            self.sign_in()  # the rest needs the window
            for step in (self.open_incident, self.add_evidence, self.letter,
                         self.governors_summary, self.export_audit, self.export_register,
                         self.retention, self.subject_access):
                self._try(step)
        finally:
            self.patches.close()
            if self.window is not None:
                self.lock.stop()
                self.window.close()
                self.window.deleteLater()

    def _try(self, step) -> None:
        """Runs one step; if it fails, says why in its row and tidies up for the next."""
        before = len(self.monitor.steps)
        try:
            step()
        except Exception as error:  # noqa: BLE001 - reported in the step's row
            import traceback

            traceback.print_exc()
            why = f"{type(error).__name__}: {error}"
            if len(self.monitor.steps) > before:
                self.monitor.steps[-1].failed = why
            else:
                self.monitor.steps.append(StepStall(step.__name__, failed=why))
            self._close_dialogs()

    def _close_dialogs(self) -> None:
        from PySide6.QtWidgets import QApplication

        for top in QApplication.topLevelWidgets():
            if isinstance(top, QDialog) and top.isVisible():
                top.done(0)
        wait_until("the dialogs closed", lambda: self.window.editor is None, timeout=30)

    def go(self, section: int):
        """Clicks a section in the list on the left and waits until it is painted (a
        person clicks only what they see; before the layout is done, a click lands on
        whatever was there). Returns the section's view."""
        self.window.go_to(section)
        page = self.window.stack.widget(section)
        painted = PaintWatcher(page)
        page.update()
        wait_until(f"section {section} painted", lambda: painted.painted)
        painted.deleteLater()
        return page

    def _save_as(self, name: str):
        path = str(self.plan.out_dir / name)
        return patched(QFileDialog, "getSaveFileName",
                       staticmethod(lambda *_a, **_k: (path, "")))

    # --- the steps -----------------------------------------------------------------------

    def sign_in(self) -> None:
        from avenue_desk.ui.dialogs.sign_in import SignInDialog

        school = self.services.settings.load().school_name
        dialog = SignInDialog(self.services.accounts, school)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)  # as exec() makes it
        watcher = PaintWatcher(dialog)
        dialog.show()
        wait_until("the sign-in dialog's paint", lambda: watcher.painted, timeout=60)
        # The anchor, in the same process and the same state: a bare window's first paint.
        self.bare_seconds = [bare_window_paint() for _ in range(3)]
        with self.monitor.unmeasured():
            dialog.username.setText(BENCH_USER)
            dialog.password.setText(BENCH_PASSWORD)
        with self.monitor.step("sign in (to the home screen painted)"):
            start = time.perf_counter()
            click(dialog.sign_in_button)
            wait_until("signing in", lambda: dialog.isHidden()
                       and dialog.result() == QDialog.DialogCode.Accepted)
            # app._session: once the sign-in dialog returns, the main window is made.
            self.window, self.lock = open_main_window(self.services)
            home = PaintWatcher(self.window.home)
            place_like_app(self.window)
            wait_until("the home screen's paint", lambda: home.painted)
            self.sign_in_seconds = home.at - start
        dialog.deleteLater()

    def open_incident(self) -> None:
        home = self.window.home
        section = next(s for s in (home.overdue, home.due_today, home.still_up)
                       if s.list.count())
        with self.monitor.unmeasured():
            section.list.setCurrentRow(0)
            section.list.setFocus()
        with self.monitor.step(f"open an incident with {self.plan.evidence_files} big "
                               "evidence files"):
            QTest.keyClick(section.list, Qt.Key.Key_Return)
            editor = self.window.editor
            if editor is None or editor.incident_id != self.plan.incident_id:
                raise RuntimeError(f"Expected incident {self.plan.incident_id} to open.")
            painted = PaintWatcher(editor)
            wait_until("the incident editor's paint", lambda: painted.painted)
            editor.ui.tabs.setCurrentWidget(editor.ui.evidence_tab)
            self._wait_for_evidence(self.plan.evidence_files)

    def _wait_for_evidence(self, count: int) -> None:
        panel = self.window.editor.evidence_panel

        def verdicts_shown() -> bool:
            if panel.list.count() != count:
                return False
            texts = [panel.list.item(row).text() for row in range(count)]
            texts.append(panel.warning_label.text())
            return not any("checking" in text.lower() for text in texts)

        wait_until(f"{count} evidence files checked", verdicts_shown)

    def add_evidence(self) -> None:
        panel = self.window.editor.evidence_panel
        chosen = str(self.plan.added_file)
        size = self.plan.added_file.stat().st_size / 1024 / 1024
        with patched(QFileDialog, "getOpenFileNames",
                     staticmethod(lambda *_a, **_k: ([chosen], ""))), \
                self.monitor.step(f"add a {size:.0f} MB evidence file"):
            click(panel.add_button)
            self._wait_for_evidence(self.plan.evidence_files + 1)
            if "Added 1 file" not in panel.added_label.text():
                raise RuntimeError(f"The file was not added: {panel.refused_label.text()}")

    def letter(self) -> None:
        editor = self.window.editor
        with self.monitor.step("preview and save a letter"):
            editor.ui.tabs.setCurrentWidget(editor.ui.escalation_tab)
            painted = PaintWatcher(editor.ui.escalation_tab)
            wait_until("the Escalation tab", lambda: painted.painted)
            panel = editor.escalation_panel
            menu = panel.letters_button.menu()
            menu.aboutToShow.emit()  # what opening the "Letters…" menu does
            wait_until("the letters menu", lambda: bool(menu.actions()))  # then a click
            action = next(a for a in menu.actions() if a.text().endswith("…"))
            action.trigger()
            letter = panel.letter_dialog
            wait_until("the letter's preview", lambda: letter.pdf is not None
                       and letter.save_button.isEnabled())
            with self._save_as(letter.file_name):
                click(letter.save_button)
                wait_until("the letter saved", lambda: "Saved" in _text_of(letter.status))
            click(letter.close_button)
            QTest.keyClick(editor, Qt.Key.Key_Escape)  # closes the incident
            wait_until("the incident closed", lambda: self.window.editor is None)

    def governors_summary(self) -> None:
        from avenue_desk.ui.main_window import REPORTS

        with self.monitor.step("make the governors' summary"):
            reports = self.go(REPORTS)
            click(reports.summary_button)
            wait_until("the governors' summary", lambda: reports.dialog is not None
                       and reports.dialog.pdf is not None
                       and reports.dialog.save_button.isEnabled())
            click(reports.dialog.close_button)
            wait_until("the summary closed", lambda: reports.dialog is None)

    def _export(self, step: str, section: int, view, button, file_name: str) -> None:
        target = self.plan.out_dir / file_name
        with self._save_as(file_name), self.monitor.step(step):
            self.go(section)
            click(button)
            wait_until(step, lambda: target.is_file() and bool(_text_of(view.message)))
        if not target.stat().st_size:
            raise RuntimeError(f"{step}: {target.name} is empty ({_text_of(view.message)}).")

    def export_audit(self) -> None:
        from avenue_desk.ui.main_window import AUDIT

        audit = self.window.audit_view
        self._export("export the audit trail", AUDIT, audit, audit.export_button,
                     "audit-trail.csv")

    def export_register(self) -> None:
        from avenue_desk.ui.main_window import CONDUCT

        register = self.window.conduct.register
        self._export("export the conduct register", CONDUCT, register, register.csv_button,
                     "conduct-register.csv")

    def retention(self) -> None:
        from avenue_desk.ui.main_window import SETTINGS
        from avenue_desk.ui.views import retention

        count = self.plan.destroy
        with patched(retention, "confirm_destruction", lambda *_a: True), \
                self.monitor.step(f"destroy {count:,} records in the retention review"):
            self.go(SETTINGS)
            click(self.window.settings_view.retention_button)
            dialog = self.window.settings_view.findChild(retention.RetentionDialog)
            wait_until("the retention review", lambda: dialog.table.rowCount() >= count)
            with self.monitor.unmeasured():  # a person ticking them one by one
                for row in range(count):
                    dialog.table.item(row, 0).setCheckState(Qt.CheckState.Checked)
            click(dialog.destroy_button)
            wait_until("the records destroyed",
                       lambda: _text_of(dialog.status).startswith("Destroyed"))
            done = _text_of(dialog.status)
            click(dialog.close_button)
        if not done.startswith(f"Destroyed {count} record"):
            raise RuntimeError(f"Retention: {done}")

    def subject_access(self) -> None:
        from avenue_desk.ui.dialogs import subject_access
        from avenue_desk.ui.main_window import PEOPLE

        people = self.window.people
        made = []
        with patched(subject_access, "show_done", lambda _parent, result: made.append(result)), \
                self.monitor.step("a subject access export"):
            self.go(PEOPLE)
            people.search.setText(self.plan.person_name)
            QTest.keyClick(people.search, Qt.Key.Key_Return)
            wait_until("the person found", lambda: people.model.rowCount() > 0 and
                       people.model.person(0).full_name == self.plan.person_name)
            people.table.selectRow(0)
            click(people.sar_button)
            wait_until("the subject access export", lambda: bool(made))
        if not (made[0].folder / "index.pdf").is_file():
            raise RuntimeError(f"No index.pdf in {made[0].folder}")
