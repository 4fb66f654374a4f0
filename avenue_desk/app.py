"""Wiring for the window: paths -> QApplication -> first screen -> services -> MainWindow.

Nothing happens on import; ``cli.main()`` calls ``run_gui`` with the paths it resolved.

The first screen (the sign-in, or the first administrator's form on a new folder) is
painted before SQLAlchemy, Alembic, the services or ReportLab are imported: this module and
the dialogs import only PySide6 and the standard library until then, and
``services.first_look`` reads the two facts the screen needs with plain ``sqlite3``. The
records are then opened (migrations, the quick check) on a worker thread while the screen
is up; its button waits for them. An encrypted school's records cannot open before someone
signs in: there the sign-in's password opens their key first, then the records open behind
it (``ui/unlocking.py``).
"""

from __future__ import annotations

import gc
import os
import sys
import traceback

from avenue_desk import __version__
from avenue_desk.paths import AppPaths, resource_path

ORGANISATION = "Avenue Desk"
PASSWORD_ENV = "AVENUE_DESK_PASSWORD"  # the demo accounts' password, when set
GIL_TURN_SECONDS = 0.0005  # see make_application


def _ensure_platform(smoke_test: bool) -> None:
    # With no display and no platform chosen, creating the QApplication aborts the process.
    # Only the smoke test may fall back to offscreen: a real user needs to see an error.
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if (smoke_test and sys.platform.startswith("linux") and no_display
            and not os.environ.get("QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def make_application():
    """The QApplication (created once), named so Windows groups its windows properly."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from avenue_desk.ui.help_keys import install_help_keys
    from avenue_desk.ui.style import load_stylesheet

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Avenue Desk")
    app.setApplicationDisplayName("Avenue Desk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANISATION)
    icon_file = resource_path("icons", "avenue-desk.svg")
    if icon_file.exists():
        app.setWindowIcon(QIcon(str(icon_file)))
    load_stylesheet(app)  # every colour and font size of the window (resources/qss)
    install_help_keys(app)  # F1 (the user guide) and Shift+F1 in every window, sign-in on
    # Work in the background holds Python's GIL in turns with the window's thread, which
    # needs it for every Qt event that reaches Python (event filters, our widgets' methods).
    # Python's default turn of 5 ms made a small window that appeared while a worker ran take
    # 130 ms to show instead of 8; at 0.5 ms it takes about 25.
    sys.setswitchinterval(GIL_TURN_SECONDS)
    return app


def install_excepthook():
    """An error in a slot shows a plain message instead of vanishing (or killing the app).

    The traceback still goes to stderr for whoever looks into it. Returns the old hook.
    """
    previous = sys.excepthook

    def hook(kind, value, tb):
        traceback.print_exception(kind, value, tb, file=sys.stderr)
        if issubclass(kind, KeyboardInterrupt):
            return
        show_error(value)

    sys.excepthook = hook
    return previous


READ_ONLY_TEXT = ("Nothing can be saved: the records file is damaged, so Avenue Desk opened it "
                  "read-only. Restore the newest good backup from Settings › Backups.")
DAMAGED_TEXT = ("This could not be read because the records file is damaged. Restore the "
                "newest good backup from Settings › Backups.")


def show_error(error: BaseException) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from avenue_desk.services.core.errors import ServiceError

    if QApplication.instance() is None:
        return
    if isinstance(error, ServiceError):
        text = str(error)  # already worded for the person at the desk
    elif "readonly database" in str(error):
        text = READ_ONLY_TEXT
    elif "malformed" in str(error):
        text = DAMAGED_TEXT
    else:
        text = ("Avenue Desk ran into a problem it did not expect, and what you were just "
                "doing may not have been saved. Please check it, and tell whoever looks after "
                "the computer what you were doing when this happened.")
    box = QMessageBox(QMessageBox.Icon.Warning, "Avenue Desk", text)
    box.setDetailedText(f"{type(error).__name__}: {error}")
    box.exec()


RESTART, DEMO, SIGN_OUT = -1, -2, -3  # a session's outcomes besides an exit code


def run_gui(paths: AppPaths, smoke_test: bool = False) -> int:
    """One instance per data folder: the lock is taken before anything is opened."""
    _ensure_platform(smoke_test)
    from contextlib import ExitStack

    from avenue_desk.ui.window_state import remember_layouts

    app = make_application()
    previous_hook = install_excepthook()
    remember_layouts(app)  # this person's window sizes, splitters and last folder
    try:
        with ExitStack() as locks:
            if not _lock(locks, paths, smoke_test):
                return 1
            return _run_locked(app, paths, locks, smoke_test)
    finally:
        remember_layouts(app, False)
        sys.excepthook = previous_hook
        gc.unfreeze()  # see _open_and_load_layouts


def _lock(locks, paths: AppPaths, smoke_test: bool) -> bool:
    """Takes the data folder's lock (kept until ``locks`` closes), or says who has it."""
    from PySide6.QtWidgets import QMessageBox

    from avenue_desk.services.safety import AlreadyOpen, InstanceLock

    try:
        locks.enter_context(InstanceLock(paths.data_dir))
    except AlreadyOpen as refusal:
        text = _already_open_text(refusal, paths)
        print(text or "Avenue Desk is already open with this data folder: its window was "
                      "brought to the front.", file=sys.stderr)
        if text and not smoke_test:
            QMessageBox.warning(None, "Avenue Desk", text)
        return False
    except Exception as refusal:  # a folder that cannot be written
        print(refusal, file=sys.stderr)
        if not smoke_test:
            QMessageBox.warning(None, "Avenue Desk", str(refusal))
        return False
    return True


def _listen(locks, paths: AppPaths) -> None:
    """From now until ``locks`` closes, a later start on this folder can ask this copy to
    come forward (see ``ui.instance_beacon``). Started once the first screen is painted:
    QtNetwork is not loaded before it."""
    from avenue_desk.ui.instance_beacon import Beacon

    beacon = Beacon(paths.data_dir)
    locks.callback(beacon.close)


def _already_open_text(refusal, paths: AppPaths) -> str:
    """What to tell a second start, or "" when the open copy has just come to the front
    (nothing to say: its window is what the person sees). Never "switch to the open
    window" when that copy shows none."""
    from avenue_desk.services.safety import without_window_text
    from avenue_desk.ui.instance_beacon import SHOWN, ask_to_come_forward

    answer = ask_to_come_forward(paths.data_dir)
    if answer == SHOWN:
        return ""
    return without_window_text(refusal, answered=answer is not None)


def open_records(paths: AppPaths):
    """The services, once a restore the process died in is put right and what killed work
    left behind is cleared (safe only with the folder's lock held: nobody else has it)."""
    from avenue_desk.services.container import open_services
    from avenue_desk.services.safety import recover_interrupted_restore

    recover_interrupted_restore(paths)
    services = open_services(paths)
    try:
        services.backup.clear_leftovers()
    except Exception:  # noqa: BLE001 - tidying must never stop the records opening
        traceback.print_exc()
    return services


def _run_locked(app, paths: AppPaths, locks, smoke_test: bool) -> int:
    from avenue_desk.ui.startup import paint_first_screen

    first = paint_first_screen(paths, smoke_test)
    _listen(locks, paths)
    try:
        return _run_sessions(app, paths, locks, smoke_test, first)
    finally:
        if first is not None:
            _discard(first)  # already closed, unless it was never used


def _run_sessions(app, paths: AppPaths, locks, smoke_test: bool, first) -> int:

    opened = None  # services already open (the demo school, just made and signed in)
    in_demo = False  # came to the demo school from the school's own
    while True:
        try:
            if opened is not None:
                services, opened = opened, None
            else:
                services, first = _open_for_session(paths, first, smoke_test, in_demo)
        except Exception as error:  # a too-new database, a folder that cannot be written
            from avenue_desk.ui.startup import records_not_opened

            if first is not None:
                _discard(first)
            records_not_opened(paths, error, show=not smoke_test)
            return 1
        if isinstance(services, int):  # a locked school's sign-in closed: nothing opened
            outcome, first = services, None
        else:
            try:
                outcome = _session(app, services, smoke_test, first)
            finally:
                first = None
                services.close()
        if outcome == DEMO:
            if not _lock(locks, paths.demo(), smoke_test):
                return 1
            _listen(locks, paths.demo())
            opened = _open_demo(paths)  # filled, with its accounts, the first time
            paths, in_demo = paths.demo(), True
        elif outcome != RESTART:
            return outcome


def _open_for_session(paths: AppPaths, first, smoke_test: bool, in_demo: bool):
    """(the services, the first screen still waiting for them or None). An encrypted
    school's records open only once someone has signed in: instead of services, the
    outcome (0 for Quit, DEMO) when that sign-in was left without opening them."""
    from avenue_desk.ui import unlocking

    if first is not None and not getattr(first, "opens_records", False):
        # No restore was waiting when the first screen was chosen (it would not have
        # been painted), and the lock keeps it so: open the records behind it.
        return _open_behind(paths), first
    if first is None:
        from avenue_desk.services.safety import recover_interrupted_restore

        if not smoke_test:
            from avenue_desk.ui import encrypting, recovery

            recovery.restore_if_asked(paths)
            encrypting.encrypt_if_asked(paths)  # asked for from Settings: see ui/encrypting.py
        recover_interrupted_restore(paths)  # before the key file is read: see open_records
        if not unlocking.needs_unlocking(paths):
            return open_records(paths), None
    if smoke_test:  # the locked sign-in painted, and nothing opened: it needs a password
        from avenue_desk.ui.startup import paint_locked_sign_in

        return (0 if first is not None else paint_locked_sign_in(paths)), None
    from avenue_desk.ui.startup import behind, finished

    warming = behind(_warm_up)  # while the password is typed
    try:
        services, first = unlocking.open_locked(paths, first, _open_behind,
                                                _open_and_load_layouts, in_demo)
    finally:
        finished(warming)
    if services in (unlocking.QUIT, unlocking.DEMO):
        return (DEMO if services == unlocking.DEMO else 0), None
    return services, first


def _session(app, services, smoke_test: bool, first=None) -> int:
    """From opened records to a closed window: the exit code, DEMO, or RESTART when the
    records must be reopened (a restore was asked for). Signing in comes after the damage
    check (a damaged file's accounts may be unreadable) and again after signing out.
    ``first`` is the first screen, painted before the records were opened, or None."""
    from PySide6.QtWidgets import QMessageBox

    from avenue_desk.policy.access import Operation
    from avenue_desk.ui import encrypting, recovery, sign_in_flow

    if first is not None:
        if services.db.damaged:
            _discard(first)  # the damage is dealt with first
        else:
            sign_in_flow.records_opened(first, services)  # closed if it is the wrong one
    if smoke_test:
        if first is not None and sign_in_flow.is_waiting(first):
            return 0  # the right screen was painted already (and said so)
        from avenue_desk.ui.startup import paint_sign_in

        return paint_sign_in(services)
    if services.db.damaged:
        choice = recovery.handle_damage(services)
        if choice != recovery.READ_ONLY:
            return RESTART if choice == recovery.RESTORE else 0
    else:
        for notice in services.db.notices:
            QMessageBox.warning(None, "Avenue Desk", notice)
    windows = 0
    while True:
        signed = services.guard.signed_in or _sign_in(services)
        if not signed or signed == sign_in_flow.OPEN_DEMO:  # the sign-in's "demo school"
            if windows:
                recovery.backup_on_exit(services)  # what was done before signing out
            return DEMO if signed == sign_in_flow.OPEN_DEMO else 0
        setting_up = not services.settings.load().set_up and not services.db.read_only
        if setting_up and services.guard.allowed(Operation.SETTINGS_EDIT):
            choice = _first_run(services)
            if choice is None or choice == "demo":
                services.accounts.sign_out()
                return 0 if choice is None else DEMO
        try:
            windows += 1
            code = _show_window(app, services, smoke_test)
        except Exception:
            if not services.db.read_only:
                raise
            # The damage lies where the window reads first: only a backup can help now.
            traceback.print_exc()
            recovery.tell(QMessageBox.Icon.Critical, DAMAGED_TEXT.replace(
                " from Settings › Backups", ""))
            services.db.readable = False
            return RESTART if recovery.handle_damage(services) == recovery.RESTORE else 0
        if services.backup.pending_restore() is not None or encrypting.asked(services.paths):
            return RESTART
        if code == SIGN_OUT:
            if services.guard.signed_in:  # the window signs out itself; just in case
                services.accounts.sign_out()
            continue
        recovery.backup_on_exit(services)
        services.accounts.sign_out()
        return code


def _sign_in(services) -> bool:
    """The first administrator's account on a new database, else the sign-in dialog."""
    from avenue_desk.ui import sign_in_flow

    if not services.accounts.has_users() and not services.db.read_only:
        return sign_in_flow.create_first_admin(services)
    return sign_in_flow.sign_in(services)


def _first_run(services) -> str | None:
    """The set-up dialog: "school" (details saved), "demo", or None when it was closed."""
    from PySide6.QtWidgets import QDialog

    from avenue_desk.ui.dialogs.first_run import FirstRunDialog

    dialog = FirstRunDialog(services)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice


def open_demo_services(paths, clock=None, password: str | None = None, hashing=None,
                       progress=None):
    """The demo school's services, and the demo accounts if they were made just now.

    The first time, the demo folder is filled with fictional data and its four accounts
    (``head``, ``office``, ``governor``, ``staff``), and the services come back signed in as
    ``head``. If the demo folder already holds data it is opened as it is (nobody signed
    in), so a second visit finds the incidents the user was trying things out on. It takes
    seconds the first time: the window runs it on a worker, saying so (``_open_demo``).
    """
    from avenue_desk.demo.accounts import make_demo
    from avenue_desk.services.container import open_services
    from avenue_desk.ui.dialogs.first_run import DEMO_INCIDENTS

    services = open_services(paths.demo(), clock, hashing=hashing)
    made = None
    try:
        if not services.accounts.has_users():
            _report, made = make_demo(services, password, incidents=DEMO_INCIDENTS,
                                      progress=progress)
    except BaseException:
        services.close()
        raise
    return services, made


def _open_demo(paths: AppPaths):
    """The demo school's services: signed in as its Headteacher when made just now (its
    accounts' password is shown once), else waiting for someone to sign in."""
    from avenue_desk.services.safety import recover_interrupted_restore
    from avenue_desk.ui.dialogs.first_run import show_demo_accounts, with_progress
    from avenue_desk.ui.unlocking import needs_unlocking

    recover_interrupted_restore(paths.demo())  # its lock is held: see open_records
    if needs_unlocking(paths.demo()):
        return None  # made in an earlier run: its own sign-in opens it (_open_for_session)
    password = os.environ.get(PASSWORD_ENV) or None
    services, made = with_progress(paths.demo(), lambda progress: open_demo_services(
        paths, password=password, progress=progress))
    if made is not None:
        show_demo_accounts(made)
    return services


def _show_window(app, services, smoke_test: bool) -> int:
    """The main window until it closes: its exit code, or SIGN_OUT."""
    from avenue_desk.ui.main_window import MainWindow
    from avenue_desk.ui.operations import wait_for_operations
    from avenue_desk.ui.widgets.lock_screen import IdleLock
    from avenue_desk.ui.window_state import show_main_window

    window = MainWindow(services)
    lock = IdleLock(window, services.accounts, services.accounts.idle_lock_minutes())
    window.attach_lock(lock)
    if services.db.read_only:
        from avenue_desk.ui.startup import mark_read_only

        mark_read_only(window)
    show_main_window(window)  # as this person left it, or sized for the screen
    if not smoke_test:
        window.offer_whats_new()  # after an update, once: what changed since last time
    upkeep = _start_upkeep(window, services)
    try:
        code = app.exec()
    finally:
        lock.stop()
        for job in upkeep:
            job.stop()  # waits for a backup or check still running
        # An export or a destruction still running finishes before the records close.
        wait_for_operations()
    return SIGN_OUT if window.signed_out else code


def _open_and_load_layouts(paths: AppPaths):
    """On the worker: the records, then the letters' layouts (ReportLab), while the person
    types their password, rather than on the window's thread at the first letter."""
    services = open_records(paths)
    _warm_up()
    # What is loaded by now (Qt's wrappers, SQLAlchemy, ReportLab, the services) lives as
    # long as the program: the garbage collector's full passes need not walk it. Each pass
    # over it held every thread, the window's included, for 70 ms or more, whichever thread
    # set it off. ``run_gui`` gives it back at the end.
    gc.freeze()
    return services


def _warm_up() -> None:
    """On a worker: the letters' layouts and the window's code, loaded ahead of need (and,
    while a locked school's sign-in waits for its password, the records' code too)."""
    try:
        import avenue_desk.services.container  # noqa: F401
        from avenue_desk.services.letters import load_layouts

        load_layouts()
        from avenue_desk.ui.startup import load_window_code

        load_window_code()
    except Exception:  # noqa: BLE001 - only a head start: a letter would say what is wrong
        traceback.print_exc()


def _open_behind(paths: AppPaths):
    """The services, opened on a worker thread while the first screen stays responsive."""
    from avenue_desk.ui.startup import behind, finished

    return finished(behind(lambda: _open_and_load_layouts(paths)))


def _discard(first) -> None:
    from avenue_desk.ui import sign_in_flow

    sign_in_flow.discard(first)


def _start_upkeep(window, services):
    """Automatic backups while changes are made, and the weekly full check."""
    from avenue_desk.ui.maintenance import AutoBackup, WeeklyCheck
    from avenue_desk.ui.recovery import report_failed_check

    auto = AutoBackup(services.backup, parent=window)
    auto.status.connect(window.statusBar().showMessage)
    auto.start()
    check = WeeklyCheck(services, parent=window)
    check.failed_check.connect(lambda report: report_failed_check(window, report))
    return auto, check
