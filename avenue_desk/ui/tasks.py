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
import weakref
from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], object]


class Task(QObject):
    """One run of ``work``; keep a reference to it until ``done`` is emitted."""

    progress = Signal(int, int)
    finished = Signal(object)  # the work's return value
    failed = Signal(object)  # the exception it raised
    done = Signal()  # after finished or failed, whichever came

    # Tasks between start() and the worker letting go of them. A Task must never be
    # destroyed on the worker thread: if the caller dropped its reference first, the
    # worker's would be the last, and a QObject of the GUI thread deleted there (with its
    # result still queued to the GUI) crashes the app now and then. Holding it here until
    # the GUI thread has seen the worker finish makes the GUI thread the one that lets go.
    _running: ClassVar[set[Task]] = set()

    def __init__(self, work: Work, parent: QObject | None = None):
        super().__init__(parent)
        self._work = work
        self._released = threading.Event()  # set by the worker once it holds no reference
        self._cancel = threading.Event()
        self.running = False
        self.result: object = None
        self.error: BaseException | None = None
        self.finished.connect(self._store_result)
        self.failed.connect(self._store_error)

    def start(self, pool: QThreadPool | None = None) -> None:
        self.running = True
        Task._running.add(self)
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
        self._finish()

    def _store_error(self, error) -> None:
        self.error = error
        self._finish()

    def _finish(self) -> None:
        self.running = False
        # The worker emitted the result as its last use of this Task and lets go of it at
        # once; wait (microseconds) for that, so the last reference is dropped here.
        self._released.wait(5)
        Task._running.discard(self)
        self.done.emit()

    # Called on the worker thread: only signal emission and the Event are touched there.
    def _run(self) -> None:
        try:
            value = self._work(_Reporter(self), self._cancel.is_set)
        except Exception as error:  # noqa: BLE001 - handed to the GUI thread to show
            # The traceback goes on from the work's own frames: this one holds the Task, and
            # a Task -> error -> traceback -> Task circle would be left to the garbage
            # collector, which may run on a worker thread (see ``_running``).
            error.__traceback__ = error.__traceback__.tb_next
            self.failed.emit(error)
        else:
            self.finished.emit(value)


class _Reporter:
    """``progress(done, total)`` for the work, holding the Task only weakly (the work's
    frames, kept by a traceback, must not keep the Task alive)."""

    def __init__(self, task: Task):
        self._task = weakref.ref(task)

    def __call__(self, done: int, total: int) -> None:
        task = self._task()
        if task is not None:
            task.progress.emit(done, total)


class _Runner(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self._task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        task, self._task = self._task, None
        released = task._released
        try:
            task._run()
        finally:
            del task  # the worker's last reference, dropped before the GUI thread may
            released.set()  # let go of the Task (see Task._running)
