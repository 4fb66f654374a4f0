"""What start-up shows around the main window: the first screen painted before the records
open, waiting for a window's first paint (the smoke test and the first screen), the smoke
test's line, and the read-only banner.

Qt is imported inside the functions: ``app.py`` calls these before and after the first
paint, and importing this module must cost nothing.
"""

from __future__ import annotations

import sys
import traceback

SMOKE_TIMEOUT_MS = 20_000


def paint_first_screen(paths, smoke_test: bool):
    """The first screen, shown and painted before the records are opened; None when it
    cannot be chosen without opening them (see ``services.first_look``). An encrypted
    school's sign-in is usable at once: its password opens the records (``ui/unlocking``).
    The smoke test says here that it was painted; ``app._session`` checks it was the right
    one."""
    from avenue_desk.services.safety import first_look

    look = first_look(paths)
    if look is None:
        return None
    from avenue_desk.ui import sign_in_flow
    from avenue_desk.ui.unlocking import password_unlocker

    unlock = password_unlocker(paths) if look.locked else None
    dialog = sign_in_flow.show_first_screen(look.has_users, look.school_name, unlock)
    if look.locked:  # usable at once, the way to the demo school included
        dialog.offer_demo(sign_in_flow.demo_choice(paths, is_demo=False))
    # Waited for so that loading the rest cannot slow the paint; never long, for real.
    painted = wait_for_first_paint(dialog, SMOKE_TIMEOUT_MS if smoke_test else 2_000)
    if smoke_test:
        if not painted:  # the old way decides, and says so
            sign_in_flow.discard(dialog)
            return None
        say_painted(painted)
    return dialog


def paint_sign_in(services) -> int:
    """The smoke test: the first screen a person would see, painted, then closed. Nobody is
    signed in and nothing is written, so it is safe on any data folder."""
    from avenue_desk.ui.sign_in_flow import sign_in_dialog_for_smoke_test

    dialog = sign_in_dialog_for_smoke_test(services)
    dialog.show()
    painted = wait_for_first_paint(dialog)
    dialog.close()
    dialog.deleteLater()
    return say_painted(painted)


def paint_locked_sign_in(paths) -> int:
    """The smoke test on locked records with no first screen painted yet (a restore was
    waiting): the sign-in painted, then closed, nobody signed in and nothing opened."""
    from avenue_desk.ui import sign_in_flow
    from avenue_desk.ui.unlocking import password_unlocker

    dialog = sign_in_flow.show_first_screen(True, "", password_unlocker(paths))
    try:
        return say_painted(wait_for_first_paint(dialog))
    finally:
        sign_in_flow.discard(dialog)


def mark_read_only(window) -> None:
    from PySide6.QtWidgets import QLabel

    from avenue_desk.ui.style import set_role

    label = QLabel("READ-ONLY: the records file is damaged, so nothing can be saved. "
                   "Restore a backup in Settings › Backups.")
    label.setObjectName("readOnlyBanner")
    set_role(label, "banner")
    window.statusBar().addPermanentWidget(label)
    window.setWindowTitle(window.windowTitle() + " — READ-ONLY")


def wait_for_first_paint(window, timeout_ms: int = SMOKE_TIMEOUT_MS) -> bool:
    """Runs a local event loop until the window has painted once (True), or gives up.

    A local QEventLoop rather than app.exec(): quitting the application would leave it
    unable to run timers afterwards, which matters when this runs inside a test process.
    """
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    loop = QEventLoop()

    class FirstPaint(QObject):
        painted = False

        def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint and not self.painted:
                self.painted = True
                QTimer.singleShot(0, loop.quit)
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.timeout.connect(loop.quit)
    timeout.start(timeout_ms)
    if not watcher.painted:
        loop.exec()
    timeout.stop()
    window.removeEventFilter(watcher)
    return watcher.painted


def say_painted(painted: bool) -> int:
    """The smoke test's line (the start-up benchmark times the process up to it)."""
    if not painted:
        print("Smoke test: the sign-in screen was never painted.", file=sys.stderr, flush=True)
        return 1
    print("Smoke test: the sign-in screen opened and painted.", file=sys.stderr, flush=True)
    return 0


def records_not_opened(paths, error: BaseException, show: bool) -> None:
    """The records could not be opened: said on stderr (a worded ServiceError as it is, such
    as a server out of reach; anything else with its traceback, for whoever supports the
    school) and, unless ``show`` is False (the smoke test), in a message box naming where
    the records are (the data folder, or the server's database, which the message names)."""

    from PySide6.QtWidgets import QMessageBox

    from avenue_desk.services.core.errors import ServiceError

    if isinstance(error, ServiceError):
        print(error, file=sys.stderr)
    else:
        traceback.print_exception(error)
    if show:
        where = f" in {paths.data_dir}" if paths.uses_sqlite_file else ""
        QMessageBox.critical(None, "Avenue Desk",
                             f"Avenue Desk could not open its records{where}.\n\n{error}")


# --- work behind the first screen (app.py) --------------------------------------------------

def load_window_code() -> None:
    """Imports the main window's code (and the incident editor's), so that signing in does
    not wait for it. Safe on a worker: these modules make no Qt object when imported."""
    import avenue_desk.ui.dialogs.incident_editor  # noqa: F401
    import avenue_desk.ui.main_window  # noqa: F401
    import avenue_desk.ui.views.home  # noqa: F401
    import avenue_desk.ui.widgets.lock_screen  # noqa: F401


def behind(work):
    """``work()`` started on a worker thread (``ui.tasks.Task``); ``finished`` waits."""
    from avenue_desk.ui.tasks import Task

    task = Task(lambda _progress, _cancelled: work())
    task.start()
    return task


def finished(task):
    """The task's result once it has ended, the window responsive meanwhile (or raises)."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    task.done.connect(loop.quit)  # queued to this thread: it cannot arrive before exec()
    while task.running:
        loop.exec()
    if task.error is not None:
        raise task.error
    return task.result
