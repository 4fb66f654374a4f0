"""Getting someone signed in, for ``app.py``: the first administrator on a new database,
the sign-in dialog (with the recovery code behind "Forgotten your password?"), and the
forced change of a temporary password. Each dialog is its own file; this only runs them in
order, so tests can answer each one with monkeypatch.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

RECOVERY = 2  # the sign-in dialog's result when the recovery code was asked for


def create_first_admin(services) -> bool:
    """The Headteacher's account on a database with none; True once made and signed in."""
    from avenue_desk.ui.dialogs.first_admin import FirstAdminDialog

    dialog = FirstAdminDialog(services.accounts)
    return dialog.exec() == QDialog.DialogCode.Accepted and services.guard.signed_in


def sign_in(services, username: str = "") -> bool:
    """Until someone is signed in with a password of their own, or the dialog is closed."""
    accounts = services.accounts
    school = services.settings.load().school_name
    while True:
        outcome = ask_sign_in(accounts, school, username)
        if outcome == RECOVERY:
            use_recovery_code(accounts)
            continue
        if outcome != QDialog.DialogCode.Accepted or accounts.signed_in is None:
            return False
        actor = accounts.signed_in
        if not actor.must_change_password or change_temporary_password(accounts, actor):
            return True
        accounts.sign_out()  # the temporary password was not replaced: back to the start
        username = actor.username


def ask_sign_in(accounts, school_name: str, username: str = "") -> int:
    from avenue_desk.ui.dialogs.sign_in import SignInDialog

    dialog = SignInDialog(accounts, school_name, username=username)
    dialog.recovery_requested.connect(dialog.ask_recovery)
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
    if services.accounts.has_users():
        from avenue_desk.ui.dialogs.sign_in import SignInDialog

        return SignInDialog(services.accounts, services.settings.load().school_name)
    from avenue_desk.ui.dialogs.first_admin import FirstAdminDialog

    return FirstAdminDialog(services.accounts)
