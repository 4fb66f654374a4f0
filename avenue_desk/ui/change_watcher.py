"""Every screen current: a timer asks the records, every second and a half, whether anything
was saved since it last looked (``services.changes``: SQLite's data_version, a few
microseconds), and says ``changed`` when it was, whoever saved it: this window, the command
line, or another computer sharing the database. The main window then refreshes what is in
view.

It asks only while its window is on screen (not minimised): a change made meanwhile is
found at the first look after. Where the answer needs the network (PostgreSQL), it is asked
off the GUI thread (``BackgroundOp``), one question at a time.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from avenue_desk.ui.operations import BackgroundOp

POLL_MS = 1500


class ChangeWatcher(QObject):
    changed = Signal()

    def __init__(self, monitor, window: QWidget, interval_ms: int = POLL_MS):
        super().__init__(window)
        self._monitor = monitor
        self._window = window
        self._asking: BackgroundOp | None = None
        # Where the screens start from: their first load was after this (or about now).
        self._seen = monitor.stamp() if monitor.cheap else None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        """One look (the timer's; a test may call it too)."""
        if not self._window.isVisible() or self._window.isMinimized():
            return
        if self._monitor.cheap:
            self._compare(self._monitor.stamp())
        elif self._asking is None:
            self._asking = BackgroundOp(self._window, self._monitor.stamp,
                                        title="Checking for changes", success=self._compare,
                                        failure=self._unknown)
            self._asking.ended.connect(self._asked)
            self._asking.start()

    def _asked(self) -> None:
        self._asking = None

    def _unknown(self, _error: BaseException) -> None:
        """Could not tell this time: nothing is refreshed on a guess; the next look asks again."""

    def _compare(self, stamp: int | None) -> None:
        if stamp is None:
            return
        if self._seen is None:
            self._seen = stamp  # the first answer is the starting point
            return
        if stamp != self._seen:
            self._seen = stamp
            self.changed.emit()
