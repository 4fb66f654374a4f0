"""Signing in to an encrypted school whose records are not open yet, for ``app.py``.

An encrypted school's records (docs/encryption.md) open only with a key that an account's
password, or the Headteacher's recovery code, unwraps from ``records-key.json``. So when
the program starts (or comes to the demo school made in an earlier run), the sign-in comes
before the records: the password opens the key on a worker (argon2id, slow on purpose), the
app then opens the records behind the same dialog, and the same password signs in as usual
(the accounts' lockout, the audit row, a temporary password's change), typed once.

A wrong password here is refused in the accounts' own words and opens nothing. It is
counted as the accounts count one (five, then a fifteen-minute wait), in a small file beside
the key file, since the account's own row is in the records still closed; once they open,
what was counted goes into their audit trail (services/accounts/unlocking.py). Every
sign-in after that goes through the accounts with their own lockout.

Qt and the standard library only at import: the first screen is painted before the key
code (argon2, cryptography, SQLCipher) is loaded, on the worker that first needs it.
"""

from __future__ import annotations

import traceback
from contextlib import contextmanager

from PySide6.QtCore import QEventLoop

from avenue_desk.ui import sign_in_flow

UNLOCKED, OPENED, QUIT, DEMO = "unlocked", "opened", "quit", "demo"

BACKUPS_HINT = ("Each backup holds a copy of the key file: whoever looks after this "
                "computer can restore the newest backup (in {folder}) with the command "
                "avenue-desk restore FILE, or put the key file back from one.")


def needs_unlocking(paths) -> bool:
    """Encrypted records that nobody has opened in this program yet. A new school's key file
    with no account in it yet is not: opening the records sets it up afresh."""
    from avenue_desk.services.core import records_key

    return records_key.is_locked(paths) and not records_key.is_unfinished(paths)


def password_unlocker(paths):
    """``unlock(username, password)`` for the sign-in dialog, run on its worker."""

    def unlock(username: str, password: str) -> None:
        from avenue_desk.services.accounts import unlock_records

        with _worded_key_file_problem(paths):
            unlock_records(paths, username, password)  # wrong ones counted, and worded

    return unlock


def note_wrong_passwords(services) -> None:
    """Once locked records are open: the wrong passwords typed before, into their audit
    trail. Never in the way of the records opening (a damaged file is noted nothing)."""
    from avenue_desk.services.accounts import note_unlock_failures

    try:
        note_unlock_failures(services)
    except Exception:  # noqa: BLE001 - a note for the trail; the sign-in goes on
        traceback.print_exc()


def recovery_code_opener(paths, open_records):
    """``open(code)`` for the recovery code dialog, run on its worker: the code opens the
    records' key, then ``open_records(paths)`` the records."""

    def open_with_code(code: str):
        from avenue_desk.services.accounts import normalise_recovery_code
        from avenue_desk.services.core import records_key

        with _worded_key_file_problem(paths):
            records_key.unlock_with_recovery_code(paths, normalise_recovery_code(code))
        return open_records(paths)

    return open_with_code


@contextmanager
def _worded_key_file_problem(paths):
    """A key file missing, damaged or changed: its own words, then what can be done."""
    from avenue_desk.services.core.records_key import KeyFileProblem

    try:
        yield
    except KeyFileProblem as problem:
        hint = BACKUPS_HINT.format(folder=paths.backups_dir)
        raise KeyFileProblem(f"{problem}\n\n{hint}") from None


def open_locked(paths, first, open_behind, open_records, in_demo: bool = False):
    """The locked records opened through their sign-in: (services, the sign-in still
    waiting to sign in with the password that opened them, or None), or (QUIT or DEMO,
    None) when the sign-in was left for that. ``open_behind(paths)`` opens them while the
    window waits; ``open_records(paths)`` on a worker (see ``sign_in_to_open``)."""
    how, got = sign_in_to_open(paths, first, open_records,
                               sign_in_flow.demo_choice(paths, in_demo))
    if how == UNLOCKED:
        try:
            services = open_behind(paths)
        except BaseException:
            sign_in_flow.discard(got)
            raise
        note_wrong_passwords(services)
        return services, got
    if how == OPENED:  # with the recovery code: the sign-in comes next, as usual
        note_wrong_passwords(got)
        return got, None
    return how, None


def sign_in_to_open(paths, first, open_records, demo: str = "") -> tuple[str, object]:
    """The sign-in of locked records, until their key is open or the person goes elsewhere.

    ``first`` is the first screen if it is still waiting (used when it is this sign-in,
    else closed); ``open_records(paths)`` opens the records on a worker (for the recovery
    code, whose dialog opens them itself); ``demo`` is what the sign-in says of the demo
    school (``sign_in_flow.demo_choice``). Returns (UNLOCKED, the sign-in dialog: still
    up, its password to sign in with once the app has opened the records),
    (OPENED, services: opened with the recovery code, nobody signed in yet), (DEMO, None)
    or (QUIT, None)."""
    from avenue_desk.ui.dialogs.sign_in import SignInDialog

    dialog = None
    if first is not None:
        if (type(first) is SignInDialog and sign_in_flow.is_waiting(first)
                and first.opens_records):
            dialog = first
        else:
            sign_in_flow.discard(first)
    while True:
        if dialog is None:
            dialog = sign_in_flow.show_first_screen(True, "", password_unlocker(paths))
        dialog.offer_demo(demo)
        if _until_unlocked(dialog):
            return UNLOCKED, dialog
        result = dialog.result()
        sign_in_flow.discard(dialog)
        dialog = None
        if result == sign_in_flow.RECOVERY:
            services = use_recovery_code(paths, open_records)
            if services is not None:
                return OPENED, services
            continue  # cancelled: the sign-in again
        return (DEMO if result == sign_in_flow.OPEN_DEMO else QUIT), None


def _until_unlocked(dialog) -> bool:
    """Runs the window until the dialog's password has opened the key (True) or the
    dialog is closed: Quit, the recovery code or the demo school asked for (False)."""
    loop = QEventLoop()
    dialog.records_unlocked.connect(loop.quit)
    dialog.finished.connect(loop.quit)
    try:
        # Either may have come already: Enter pressed while the screen was first painted.
        if dialog.isVisible() and not dialog.key_opened:
            loop.exec()
    finally:
        dialog.records_unlocked.disconnect(loop.quit)
        dialog.finished.disconnect(loop.quit)
    return dialog.key_opened and not dialog.isHidden()  # not Quit just after it opened


def use_recovery_code(paths, open_records):
    """The recovery code dialog for locked records: the records it opened (whether or not
    the password was then set), or None when it was closed before they were."""
    from avenue_desk.ui.dialogs.recovery_code import RecoveryCodeDialog

    dialog = RecoveryCodeDialog(None, open_records=recovery_code_opener(paths, open_records))
    try:
        dialog.exec()
        return dialog.services
    finally:
        dialog.deleteLater()
