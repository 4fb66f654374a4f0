"""Slow work off the GUI thread, with progress, cancelling, and results back on the GUI thread.

Like Anki's operations: the work is a plain function that never touches a widget; it is
given ``progress(done, total)`` and ``cancelled()`` and returns a value. ``Task`` runs it on
Qt's global thread pool and emits ``progress``, ``finished`` (the value) or ``failed`` (the
exception) as queued signals, which arrive on the thread that made the Task: the GUI's.
Any database work in the function opens its own sessions through the services (each pool
thread gets its own SQLite connection).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], object]


class Task(QObject):
    """One run of ``work``; keep a reference to it until ``done`` is emitted."""

    progress = Signal(int, int)
    finished = Signal(object)  # the work's return value
    failed = Signal(object)  # the exception it raised
    done = Signal()  # after finished or failed, whichever came

    def __init__(self, work: Work, parent: QObject | None = None):
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self.running = False
        self.result: object = None
        self.error: BaseException | None = None
        self.finished.connect(self._store_result)
        self.failed.connect(self._store_error)

    def start(self, pool: QThreadPool | None = None) -> None:
        self.running = True
        runner = _Runner(self)
        (pool or QThreadPool.globalInstance()).start(runner)

    def cancel(self) -> None:
        """Asks the work to stop at its next check; it ends by raising, reported via failed."""
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _store_result(self, value) -> None:
        self.result = value
        self.running = False
        self.done.emit()

    def _store_error(self, error) -> None:
        self.error = error
        self.running = False
        self.done.emit()

    # Called on the worker thread: only signal emission and the Event are touched there.
    def _run(self) -> None:
        try:
            value = self._work(lambda d, t: self.progress.emit(d, t), self._cancel.is_set)
        except Exception as error:  # noqa: BLE001 - handed to the GUI thread to show
            self.failed.emit(error)
        else:
            self.finished.emit(value)


class _Runner(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self._task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self._task._run()
