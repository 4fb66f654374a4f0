"""The one way to run slow work off the window's thread, in the shape of Anki's operations.

    BackgroundOp(self, lambda: audit.export_csv(query, path), title="Export the audit trail",
                 success=self._exported, disable=[self.export_button]).start()

The work is a plain function over plain values: never a widget, never an ORM object (the
services open their own SQLite connection on each pool thread). It runs on Qt's thread pool
through ``ui.tasks.Task``; its outcome comes back on the GUI thread, where ``success(result)``,
``failure(error)`` or ``cancelled()`` is called: the only places that may touch widgets.

- The ``disable`` controls are disabled while it runs, so it cannot be started twice.
- ``progress="Exporting…"`` is for long work: if it has not ended after a moment, a small
  window shows a bar (busy until the work reports) and, with ``cancellable``, a Cancel button.
- Without ``failure``, a problem is shown in a message box: a ServiceError's own sentence, an
  OSError as what could not be read or written and why, anything else as a plain apology with
  the traceback on stderr, never on the screen.
- Closing (deleting) the owner while the work runs asks the work to stop and drops the
  callbacks, so nothing touches a deleted widget.

The work is called with a ``Progress`` when the op has a ``progress`` window or ``received``
partial results (``send``, or ``hand_over`` for big ones: one handled a turn); otherwise with
no arguments. Every op is a child of the QApplication until
it has ended, which keeps it from being garbage-collected: ``running_operations()`` lists
them and ``wait_for_operations()`` waits for them (at exit, in tests, in the stall benchmark).
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from avenue_desk.services.core.errors import Cancelled, ServiceError
from avenue_desk.ui.tasks import Task

SHOW_AFTER_MS = 400  # quicker work never flashes a progress window
UNEXPECTED = ("Avenue Desk ran into a problem it did not expect, and this may not have been "
              "done. Please check, and tell whoever looks after the computer what you were "
              "doing when this happened.")


class Progress:
    """What long work is given: ``progress(done, total)`` reports (and raises Cancelled once
    Cancel was pressed); ``say`` changes the sentence above the bar; ``send`` hands a partial
    result to the op's ``received`` callback. Only signals and a flag are touched here."""

    def __init__(self, op: BackgroundOp, report: Callable[[int, int], None],
                 cancelled: Callable[[], bool]):
        self._op = op
        self._report = report
        self._cancelled = cancelled

    def __call__(self, done: int, total: int) -> None:
        if self._cancelled():
            raise Cancelled()
        self._report(done, total)

    def cancelled(self) -> bool:
        return self._cancelled()

    def say(self, text: str) -> None:
        self._op.said.emit(text)

    def send(self, value: object) -> None:
        self._op.partial.emit(value)

    def hand_over(self, value: object) -> None:
        """Like ``send``, but returns only once the window has handled ``value`` and turned
        its event loop: for partial results so big that several handled in one turn would
        freeze it (thousands of table rows). Raises Cancelled if the op is cancelled or
        dropped meanwhile."""
        handled = threading.Event()
        self._op.handed.emit(value, handled)
        while not handled.wait(0.05):
            if self._cancelled():
                raise Cancelled()
        if self._cancelled():
            raise Cancelled()


def problem_text(error: BaseException, doing: str = "") -> str:
    """What to tell the person at the desk about ``error``; an unexpected one is also
    printed (with its traceback) to stderr for whoever looks into it."""
    if isinstance(error, ServiceError):
        return str(error)  # already worded for the office
    if isinstance(error, OSError):
        reason = error.strerror or str(error) or type(error).__name__
        where = f" {error.filename}" if error.filename else ""
        return f"{doing or 'This could not be done'}{where}: {reason}."
    traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    return UNEXPECTED


def show_problem(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A warning that does not block the event loop (the work's outcome arrives in a slot);
    closed with OK. Returned so that callers and tests can reach it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and messages are not markup
    box.open()
    return box


class ProgressWindow(QDialog):
    """A bar and, for work that can stop, a Cancel button; it never closes itself (Escape
    or the window's close button mean Cancel)."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, title: str, label: str, cancellable: bool):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        self._cancellable = cancellable
        self.label = QLabel(label, self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until the work says how far it is
        self.bar.setAccessibleName("Progress")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)

    def show_progress(self, done: int, total: int) -> None:
        if total <= 0:
            self.bar.setRange(0, 0)
            return
        self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))

    def reject(self) -> None:  # Escape, the close button, Cancel
        if self._cancellable and self.cancel_button.isEnabled():
            self.cancel_button.setEnabled(False)
            self.label.setText("Cancelling…")
            self.cancel_requested.emit()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        event.ignore()
        self.reject()


class BackgroundOp(QObject):
    """One run of ``work`` off the GUI thread; see the module's docstring."""

    ended = Signal()  # on the GUI thread, after the callbacks ran (or were dropped)
    said = Signal(str)  # from the work (Progress.say)
    partial = Signal(object)  # from the work (Progress.send)
    handed = Signal(object, object)  # from the work (Progress.hand_over): value, Event

    def __init__(self, owner: QWidget, work: Callable, *, title: str,
                 success: Callable[[object], None] | None = None,
                 failure: Callable[[BaseException], None] | None = None,
                 cancelled: Callable[[], None] | None = None,
                 received: Callable[[object], None] | None = None,
                 disable: Iterable[QWidget] = (), progress: str | None = None,
                 cancellable: bool = False, show_after_ms: int = SHOW_AFTER_MS):
        super().__init__(QCoreApplication.instance())  # kept alive until it has ended
        self.setObjectName(title)
        self.title = title
        self.owner = owner
        self._work = work
        self._success = success
        self._failure = failure
        self._cancelled = cancelled
        self._received = received
        self._disable = [widget for widget in disable if widget is not None]
        self._disabled: list[QWidget] = []
        self._label = progress
        self._cancellable = cancellable
        self._takes_progress = progress is not None or received is not None
        self._last = (0, 0)
        self._handed: list[threading.Event] = []  # parts handled, their work to go on
        self._begin: QTimer | None = None  # with after_pending, until the work starts
        self._dropped = False
        self.running = False
        self.result: object = None
        self.error: BaseException | None = None
        self.was_cancelled = False
        self.window: ProgressWindow | None = None
        self._task = Task(self._run, self)
        self._task.progress.connect(self._progressed)
        self._task.done.connect(self._finish)
        self.said.connect(self._say)
        self.partial.connect(self._deliver)
        self.handed.connect(self._take)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(show_after_ms)
        self._timer.timeout.connect(self._show_window)
        owner.destroyed.connect(self._owner_gone)

    # --- on the GUI thread ------------------------------------------------------------------

    def start(self, *, after_pending: bool = False) -> BackgroundOp:
        """Starts the work. With ``after_pending`` the worker begins only once the events
        already waiting are handled (a window's first layout and paint): a worker running
        Python holds the GIL in turns with the GUI thread and would slow that first paint
        down. Either way the op counts as running from now."""
        self.running = True
        for widget in self._disable:
            if widget.isEnabled():
                widget.setEnabled(False)
                self._disabled.append(widget)
        if self._label is not None:
            self._timer.start()
        if after_pending:
            # A QTimer object at 0 ms (not QTimer.singleShot(0), a queued call that can run
            # before the paint) times out once the window system's queue is empty.
            self._begin = QTimer(self)
            self._begin.setSingleShot(True)
            self._begin.setInterval(0)
            self._begin.timeout.connect(self._begin_work)
            self._begin.start()
        else:
            self._task.start()
        return self

    def _begin_work(self) -> None:
        self._begin = None
        self._task.start()

    def cancel(self) -> None:
        """Asks the work to stop at its next report; ``cancelled`` is called once it has."""
        self._task.cancel()

    def drop(self) -> None:
        """No callbacks any more (the owner no longer wants the outcome); the work is asked
        to stop, and whatever it still does is left to finish out of sight. Work waiting
        for pending events (``after_pending``) never starts."""
        self._dropped = True
        self._task.cancel()
        if self._begin is not None:
            self._begin.stop()
            self._begin = None
            self._task.error = Cancelled()
            self._finish()

    @property
    def cancel_requested(self) -> bool:
        return self._task.is_cancelled

    def _owner_gone(self, *_args) -> None:
        self.drop()

    def _wanted(self) -> bool:
        return not self._dropped and self.owner is not None and isValid(self.owner)

    def _show_window(self) -> None:
        if not self.running or not self._wanted():
            return
        window = ProgressWindow(self.owner.window(), self.title, self._label,
                                self._cancellable)
        window.cancel_requested.connect(self.cancel)
        window.show_progress(*self._last)
        self.window = window
        window.show()

    def _progressed(self, done: int, total: int) -> None:
        self._last = (done, total)
        if self.window is not None and isValid(self.window):
            self.window.show_progress(done, total)

    def _say(self, text: str) -> None:
        if self._label is not None and not self.cancel_requested:
            self._label = text
            if self.window is not None and isValid(self.window):
                self.window.label.setText(text)

    def _deliver(self, value: object) -> None:
        if self._received is not None and self._wanted():
            self._received(value)

    def _take(self, value: object, handled: threading.Event) -> None:
        try:
            self._deliver(value)
        finally:
            # The work goes on once timers have had their turn (a 0 ms single shot would be
            # a posted call, handled with the next value in the same turn). The Event is held
            # here, not connected: a connection to its method would be undone when the work
            # lets go of it, on the worker's thread, which crashes Qt.
            self._handed.append(handled)
            QTimer.singleShot(1, self, self._go_on)

    def _go_on(self) -> None:
        while self._handed:
            self._handed.pop().set()

    def _finish(self) -> None:
        self._timer.stop()
        if self.window is not None and isValid(self.window):
            self.window.hide()
            self.window.deleteLater()
        self.window = None
        for widget in self._disabled:
            if isValid(widget):
                widget.setEnabled(True)  # before the callbacks, which have the last word
        self.result, self.error = self._task.result, self._task.error
        self.was_cancelled = self.error is not None and (
            isinstance(self.error, Cancelled) or self._task.is_cancelled)
        try:
            if self._wanted():
                self._call_back()
        finally:
            self.running = False
            self.ended.emit()
            self._let_go()
            self.deleteLater()  # not now: this slot may be running inside its task's signal

    def _let_go(self) -> None:
        """Drops what the op held once it has ended. The op and its Task hold each other
        (the Task's work is this op's method), a circle only the garbage collector undoes,
        and it may run on a worker thread: if the circle still held the owner (or a callback
        holding it) and that was the last reference, a widget would be freed there, which
        crashes Qt. Breaking the circle here, on the GUI thread, leaves nothing to it."""
        self._task._work = None
        self._work = self._success = self._failure = None
        self._cancelled = self._received = None
        self._disable, self._disabled, self._handed = [], [], []
        self.owner = None

    def _call_back(self) -> None:
        if self.error is None:
            if self._success is not None:
                self._success(self.result)
        elif self.was_cancelled:
            if self._cancelled is not None:
                self._cancelled()
        elif self._failure is not None:
            self._failure(self.error)
        else:
            show_problem(self.owner, self.title, problem_text(self.error))

    # --- on the worker thread: only plain values, signals and the cancel flag ------------------

    def _run(self, report: Callable[[int, int], None], cancelled: Callable[[], bool]):
        if self._takes_progress:
            return self._work(Progress(self, report, cancelled))
        return self._work()


def running_operations(within: QWidget | None = None) -> list[BackgroundOp]:
    """The ops still running; with ``within``, only those owned by it or by anything below
    it (a dialog it opened included)."""
    app = QCoreApplication.instance()
    if app is None:
        return []
    found = [op for op in app.findChildren(BackgroundOp,
                                           options=Qt.FindChildOption.FindDirectChildrenOnly)
             if op.running]
    if within is None:
        return found
    return [op for op in found if _inside(op.owner, within)]


def _inside(widget: QObject, within: QObject) -> bool:
    """Whether ``widget`` is ``within`` or below it, dialogs (own windows) included."""
    while widget is not None and isValid(widget):
        if widget is within:
            return True
        widget = widget.parent()
    return False


def wait_for_operations(within: QWidget | None = None, timeout_ms: int = 120_000) -> bool:
    """Runs the event loop until no op (of ``within``) is running; False if time ran out."""
    expired = []
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: expired.append(True))
    timer.start(timeout_ms)
    while not expired:
        running = running_operations(within)
        if not running:
            return True
        loop = QEventLoop()
        running[0].ended.connect(loop.quit)
        timer.timeout.connect(loop.quit)
        loop.exec()
    return not running_operations(within)
