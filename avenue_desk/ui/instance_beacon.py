"""A second start on a data folder asks the copy that has it to come forward.

The folder's lock (``services.safety.instance_lock``) says only that another copy holds it,
and which process. That copy listens on a local socket named after the folder; a second
start asks it to bring its windows to the front and answers whether one is really on the
screen now. So the second start never says "switch to the open window" when there is none
to switch to: with no answer, or no window, it says so, and which process to end.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication

SHOWN, NO_WINDOW = b"shown", b"no window"
ANSWER_WAIT_MS = 2_500  # the first copy may be busy for a moment (a backup, a big list)
EXPOSE_WAIT_MS = 300  # for a window brought back from the taskbar to be on screen again


def beacon_name(data_dir: Path) -> str:
    """One name per folder (and per user, as the socket lives in the user's space)."""
    folder = str(Path(data_dir).resolve())
    return "avenue-desk-" + hashlib.sha256(folder.encode("utf-8")).hexdigest()[:20]


class Beacon(QObject):
    """Kept by the copy holding the folder's lock, for as long as it holds it."""

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.server = QLocalServer(self)
        name = beacon_name(data_dir)
        # A socket file left by a copy that was killed: safe to remove, the lock is ours.
        QLocalServer.removeServer(name)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.listening = self.server.listen(name)
        self.server.newConnection.connect(self._asked)

    def _asked(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            bring_forward()
            # Answered once the window system has had a moment to show what was raised.
            QTimer.singleShot(EXPOSE_WAIT_MS, socket, lambda s=socket: _answer(s))

    def close(self) -> None:
        self.server.close()


def _answer(socket: QLocalSocket) -> None:
    socket.write(SHOWN if on_screen() else NO_WINDOW)
    socket.flush()
    socket.disconnectFromServer()
    socket.deleteLater()


def _windows() -> list:
    """This copy's windows a person could be looking at, the one in charge first."""
    passing = (Qt.WindowType.ToolTip, Qt.WindowType.Popup)
    shown = [w for w in QApplication.topLevelWidgets()
             if w.isVisible() and w.isWindow() and w.windowType() not in passing]
    modal = QApplication.activeModalWidget()
    if modal is not None and modal in shown:
        shown.remove(modal)
        shown.insert(0, modal)
    return shown


def bring_forward() -> None:
    for window in reversed(_windows()):  # the one in charge raised last, so on top
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()


def on_screen() -> bool:
    """True if a window of this copy is on the screen (not merely "visible" to Qt: a
    window whose native window went away is no longer exposed)."""
    for window in _windows():
        handle = window.windowHandle()
        if handle is not None and handle.isExposed():
            return True
    return False


def ask_to_come_forward(data_dir: Path, wait_ms: int = ANSWER_WAIT_MS) -> bytes | None:
    """Asks the copy holding ``data_dir`` to come forward: SHOWN, NO_WINDOW, or None when
    nothing answered (it is on another computer, or not responding)."""
    socket = QLocalSocket()
    socket.connectToServer(beacon_name(data_dir))
    if not socket.waitForConnected(wait_ms):
        return None
    answer = b""
    while socket.state() == QLocalSocket.LocalSocketState.ConnectedState and \
            socket.waitForReadyRead(wait_ms):
        answer += bytes(socket.readAll().data())
        if answer in (SHOWN, NO_WINDOW):
            break
    answer += bytes(socket.readAll().data())
    socket.abort()
    return answer if answer in (SHOWN, NO_WINDOW) else None
