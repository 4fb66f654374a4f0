"""Upkeep that runs in the background: automatic backups and the weekly health check; and
``run_with_progress`` for the work done while no window is open.

The upkeep runs as a ``ui.tasks.Task`` (what ``ui.operations`` stands on) on Qt's thread
pool and reports back through signals, which Qt delivers on the GUI thread: the work itself
never touches a widget (Anki's rule). It belongs to no screen: it has no progress window
or callbacks, only a signal for the status bar or for a failed check.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from avenue_desk.services.safety import BackupCancelled
from avenue_desk.ui.labels import uk_date
from avenue_desk.ui.operations import BackgroundOp, wait_for_operations
from avenue_desk.ui.tasks import Task

TICK_MS = 3 * 60_000  # how often the timer asks whether a backup is due
CHECK_DELAY_MS = 60_000  # the weekly check waits a minute after start, to stay out of the way


def background(work: Callable, parent: QObject | None = None) -> Task:
    """A Task running ``work(progress)``, where ``progress`` raises BackupCancelled once the
    task is cancelled (the services stop at their next progress report)."""

    def run(progress, cancelled):
        def report(done: int, total: int) -> None:
            if cancelled():
                raise BackupCancelled()
            progress(done, total)

        return work(report)

    return Task(run, parent)


def wait_for(task: Task | None) -> None:
    """Lets a running task finish (its signals still arrive) before going on."""
    if task is None or not task.running:
        return
    loop = QEventLoop()
    task.done.connect(loop.quit)
    if task.running:
        loop.exec()


def run_with_progress(parent, title: str, label: str, work: Callable,
                      cancellable: bool = False, show_after_ms: int = 700):
    """Runs ``work(progress)`` as a ``BackgroundOp`` (its progress window appearing only if it
    takes more than a moment) and waits for it, the event loop turning meanwhile. Returns
    ``(result, error)``; at least one is None.

    For the work done while there is no window to come back to: the restore and the search
    for a good backup before the main window opens, the backup once it has closed. The next
    step waits for the outcome, so nothing else could run meanwhile anyway; with a window,
    use ``BackgroundOp`` and its callbacks."""
    owner = parent if parent is not None else QWidget()  # stands in for the missing window
    op = BackgroundOp(owner, work, title=title, progress=label, cancellable=cancellable,
                      show_after_ms=show_after_ms, failure=_kept, cancelled=_nothing).start()
    wait_for_operations(owner, timeout_ms=24 * 3600_000)  # a restore takes what it takes
    if owner is not parent:
        owner.deleteLater()
    return op.result, op.error


def _kept(_error: BaseException) -> None:
    """The caller words the error (``op.error``), not a message box here."""


def _nothing() -> None:
    """Cancelled: ``op.error`` says so to the caller."""


class AutoBackup(QObject):
    """Every few minutes: if something was saved and the last backup is 30 minutes old, a
    backup in the background. Problems (a USB stick not plugged in) go to ``status``."""

    status = Signal(str)

    def __init__(self, backup_service, interval_ms: int = TICK_MS, parent=None):
        super().__init__(parent)
        self._service = backup_service
        self._task: Task | None = None
        self._last_message = ""
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        self._service.data_changed()  # the starting point for "has anything changed?"

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        """Stops the timer and waits for a backup in progress (before the exit backup)."""
        self.timer.stop()
        wait_for(self._task)

    @property
    def busy(self) -> bool:
        return self._task is not None

    def tick(self) -> None:
        due = self._service.backup_due(self._service.data_changed())
        if not due or self._task is not None:
            return
        task = background(
            lambda progress: self._service.backup(progress=progress, automatic=True), self)
        # Only ``done`` is used (the task holds the result or the error by then): a task
        # deleted in one slot must not leave another slot of the same signal waiting.
        task.done.connect(self._finished)
        self._task = task
        task.start()

    def _finished(self) -> None:
        from avenue_desk.policy.backup_rotation import local_time

        task, self._task = self._task, None
        if task is None:
            return
        if task.error is not None:
            self._say(str(task.error))
        else:
            self._say(f"Backed up at {local_time(task.result.created_at):%H:%M}.")
        task.deleteLater()  # owned by self until now

    def _say(self, message: str) -> None:
        if message != self._last_message:
            self._last_message = message
            self.status.emit(message)



class WeeklyCheck(QObject):
    """The full health check, once a week, a minute after start; speaks up only on failure."""

    failed_check = Signal(object)  # the CheckReport
    passed_check = Signal(object)

    def __init__(self, services, delay_ms: int = CHECK_DELAY_MS, parent=None):
        super().__init__(parent)
        self._services = services
        self._task: Task | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.run_if_due)
        self.timer.start(delay_ms)

    def run_if_due(self) -> None:

        if self._task is not None or not self._services.health.full_check_due():
            return
        self._task = background(lambda progress: self._services.health.run_full_check(), self)
        self._task.done.connect(self._report)
        self._task.start()

    def _report(self) -> None:
        report = self._task.result
        if report is not None:  # a check that could not run at all is tried next time
            (self.passed_check if report.ok else self.failed_check).emit(report)

    def stop(self) -> None:
        self.timer.stop()
        wait_for(self._task)


def last_check_text(services) -> str:

    last = services.health.last_full_check()
    return f"Last full check: {uk_date(last)}." if last else "No full check has run yet."
