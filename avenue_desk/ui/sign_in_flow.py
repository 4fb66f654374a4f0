"""Getting someone signed in, for ``app.py``: the first administrator on a new database,
the sign-in dialog (with the recovery code behind "Forgotten your password?"), and the
forced change of a temporary password. Each dialog is its own file; this only runs them in
order, so tests can answer each one with monkeypatch.

The first of them is painted before the records are open (``show_first_screen``, for
``app.py``), so that the window appears at once while SQLAlchemy, the migrations and the
services load behind it. That dialog waits, its button disabled, until ``records_opened``
gives it the accounts; then ``sign_in`` or ``create_first_admin`` carries on in it, with
whatever was typed meanwhile, instead of opening another.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from shiboken6 import isValid

RECOVERY = 2  # the sign-in dialog's result when the recovery code was asked for
OPEN_DEMO = 3  # its result (and ``sign_in``'s) when the demo school was asked for
WAITING = "avenueFirstScreen"  # the Qt property marking the first screen, until it is used


def needs_first_admin(services) -> bool:
    """A new database: its first account (the Headteacher's) is made before anything."""
    return not services.accounts.has_users() and not services.db.read_only


def show_first_screen(has_users: bool, school_name: str, unlock=None) -> QDialog:
    """The sign-in dialog (or, on a new folder, the first administrator's form), shown
    before the records are open; ``records_opened`` makes it usable. With ``unlock`` (an
    encrypted school's records, locked: see ``ui/unlocking.py``) the sign-in is usable at
    once, and its password opens the records' key first."""
    if has_users:
        from avenue_desk.ui.dialogs.sign_in import SignInDialog

        dialog = SignInDialog(None, school_name)
        if unlock is not None:
            dialog.open_records_with(unlock)
    else:
        from avenue_desk.ui.dialogs.first_admin import FirstAdminDialog

        dialog = FirstAdminDialog(None)
    dialog.setProperty(WAITING, True)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)  # as exec() will make it
    dialog.show()
    return dialog


def records_opened(dialog: QDialog, services) -> None:
    """Gives the first screen its accounts if it is the screen these records need (the
    first administrator's form on a database with no account, the sign-in otherwise);
    closes it if it is not, so that the right one opens in its place."""
    from avenue_desk.ui.dialogs.first_admin import FirstAdminDialog
    from avenue_desk.ui.dialogs.sign_in import SignInDialog

    right = FirstAdminDialog if needs_first_admin(services) else SignInDialog
    if dialog.property(WAITING) and type(dialog) is right:
        dialog.set_accounts(services.accounts)
    else:
        discard(dialog)


def is_waiting(dialog: QDialog) -> bool:
    """True while the first screen is up and not yet used (nor closed as the wrong one)."""
    return isValid(dialog) and bool(dialog.property(WAITING))


def discard(dialog: QDialog) -> None:
    """Closes the first screen when it is not (or no longer) wanted."""
    if not isValid(dialog):
        return  # deleted already
    dialog.setProperty(WAITING, False)
    dialog.close()
    dialog.deleteLater()


def _first_screen(kind):
    """The first screen, if it is a ``kind`` and still waiting to be used (it is then taken,
    so it is used once). None otherwise: the caller opens a dialog of its own.

    Found among the application's windows (marked by ``WAITING``) rather than passed down,
    so ``sign_in``, ``ask_sign_in`` and ``create_first_admin`` keep their signatures and
    tests can still answer any of them with monkeypatch."""
    for widget in QApplication.topLevelWidgets():
        if type(widget) is kind and widget.property(WAITING):
            widget.setProperty(WAITING, False)
            return widget
    return None


def create_first_admin(services) -> bool:
    """The Headteacher's account on a database with none; True once made and signed in."""
    from avenue_desk.ui.dialogs.first_admin import FirstAdminDialog

    dialog = _first_screen(FirstAdminDialog)
    if dialog is None:
        dialog = FirstAdminDialog(services.accounts)
    elif dialog.isHidden():
        return False  # closed with "Quit" while the records were opening
    else:
        dialog.set_accounts(services.accounts)
    return dialog.exec() == QDialog.DialogCode.Accepted and services.guard.signed_in


def sign_in(services, username: str = "") -> bool | int:
    """Until someone is signed in with a password of their own (True), or the dialog is
    closed (False), or the demo school is asked for instead (``OPEN_DEMO``)."""
    accounts = services.accounts
    settings = services.settings.load()
    demo = demo_choice(services.paths, settings.is_demo)
    while True:
        outcome = ask_sign_in(accounts, settings.school_name, username, demo=demo)
        if outcome == RECOVERY:
            use_recovery_code(accounts)
            continue
        if outcome == OPEN_DEMO:
            return OPEN_DEMO
        if outcome != QDialog.DialogCode.Accepted or accounts.signed_in is None:
            return False
        actor = accounts.signed_in
        if not actor.must_change_password or change_temporary_password(accounts, actor):
            return True
        accounts.sign_out()  # the temporary password was not replaced: back to the start
        username = actor.username


def demo_choice(paths, is_demo: bool) -> str:
    """What the sign-in says of the demo school: "inside" it, "offer" it from a school whose
    demo school is made already (a way back to it), or "" (no demo school yet)."""
    if is_demo:
        return "inside"
    return "offer" if paths.demo().database_file.exists() else ""


def ask_sign_in(accounts, school_name: str, username: str = "", demo: str = "") -> int:
    from avenue_desk.ui.dialogs.sign_in import SignInDialog

    dialog = None if username else _first_screen(SignInDialog)
    if dialog is None:
        dialog = SignInDialog(accounts, school_name, username=username)
    elif dialog.isHidden():
        return dialog.result()  # closed with "Quit" while the records were opening
    else:
        dialog.set_accounts(accounts)
    dialog.recovery_requested.connect(dialog.ask_recovery)
    dialog.offer_demo(demo)
    return dialog.exec()


def use_recovery_code(accounts) -> bool:
    from avenue_desk.ui.dialogs.recovery_code import RecoveryCodeDialog

    return RecoveryCodeDialog(accounts).exec() == QDialog.DialogCode.Accepted


def change_temporary_password(accounts, actor) -> bool:
    from avenue_desk.ui.dialogs.change_password import ChangePasswordDialog

    dialog = ChangePasswordDialog(accounts, actor, forced=True)
    return dialog.exec() == QDialog.DialogCode.Accepted


def sign_in_dialog_for_smoke_test(services):
    """What the smoke test paints: the first screen a person would see, signing no one in
    (the first administrator's form on a new database, the sign-in dialog otherwise)."""
    if not needs_first_admin(services):
        from avenue_desk.ui.dialogs.sign_in import SignInDialog

        return SignInDialog(services.accounts, services.settings.load().school_name)
    from avenue_desk.ui.dialogs.first_admin import FirstAdminDialog

    return FirstAdminDialog(services.accounts)
