"""Turning encryption on from the window (issue 18; the conversion is
``services/safety/encrypt.py``), for ``app.py``, in the shape of a restore asked for from the
Backups page (``ui/recovery.py``):

1. Settings (or Home's notice) asks the Headteacher to confirm, with their password typed
   again (``dialogs/encrypt_records.py``); ``ask`` then notes the request and the main window
   closes;
2. ``app.py`` sees ``asked`` and ends the session with RESTART: its services are closed;
3. before it opens the records again, ``encrypt_if_asked`` runs the conversion with the data
   folder's lock still held and the records closed, behind a progress window (the work on a
   worker, ``ui/maintenance.run_with_progress``), then shows the new recovery code and the
   other accounts' temporary passwords (or, if it failed, why, in plain words: the school
   stays as it was);
4. the records open again: the conversion remembered their new key in this program, so
   they open as any encrypted school's do after a sign-in, and the sign-in comes next.

The request lives in this module's memory only, never on disk: it holds the Headteacher's
password until the conversion has used it. If Avenue Desk is closed or killed in between,
the request is gone and nothing was changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

TITLE = "Encrypting the records"
FIRST_STEP = "Making a backup of the records and evidence first…"
GUIDE_PAGE = "guide/encryption.md"
# The conversion's refusals and failures that say themselves what became of the records.
SAID_ALREADY = ("not encrypted", "encrypted already", "were encrypted, but")


@dataclass(frozen=True)
class _Request:
    actor: object  # the Headteacher (an Actor), their password checked just now
    password: str
    clock: object
    hashing: object  # the accounts' (None: the real cost; tests give a cheap one)

    def __repr__(self) -> str:  # never the password in a log
        return f"_Request({self.actor!r})"


_asked: dict[Path, _Request] = {}


def _key(paths) -> Path:
    return Path(paths.data_dir).resolve()


def is_plain_file(paths) -> bool:
    """Records in a data folder on this computer, not encrypted (a server's are the trust's
    to protect: docs/server.md)."""
    from avenue_desk.services.core import records_key

    return paths.uses_sqlite_file and not records_key.is_encrypted(paths)


def offered(services) -> bool:
    """Whether the person signed in may turn encryption on here and now."""
    return (services.guard.is_head() and is_plain_file(services.paths)
            and not services.db.read_only)


def ask(paths, actor, password: str, clock=None, hashing=None) -> None:
    """Notes that the records at ``paths`` are to be encrypted when next they are closed."""
    _asked[_key(paths)] = _Request(actor, password, clock, hashing)


def asked(paths) -> bool:
    return _key(paths) in _asked


def cancel(paths) -> None:
    _asked.pop(_key(paths), None)


def encrypt_if_asked(paths) -> bool:
    """Runs the conversion asked for, if any (the records closed, the folder's lock held);
    True if there was one, whatever happened. The request is forgotten first, so a failure
    is said once and never tried again behind the Headteacher's back."""
    request = _asked.pop(_key(paths), None)
    if request is None:
        return False
    from avenue_desk.ui.maintenance import run_with_progress

    result, error = run_with_progress(None, TITLE, FIRST_STEP,
                                      lambda progress: _convert(paths, request, progress))
    if error is not None:
        tell(QMessageBox.Icon.Warning, not_encrypted_text(paths, error))
    else:
        show_results(result)
    return True


def _convert(paths, request: _Request, progress):
    """On the worker: the conversion, its steps said above the bar."""
    from avenue_desk.services.safety import encrypt_records

    return encrypt_records(paths, request.actor, request.password, request.clock,
                           request.hashing, origin="gui", say=progress.say, progress=progress)


def not_encrypted_text(paths, error: BaseException) -> str:
    """What went wrong, for the office. The conversion's own refusals say what became of the
    records already; anything else is said after the swap's journal has put the folder
    right, so that what is said about the records is what is on the disk."""
    from avenue_desk.services.safety import recover_interrupted_restore
    from avenue_desk.ui.operations import problem_text

    text = problem_text(error, "A file could not be written")
    if any(words in text for words in SAID_ALREADY):
        return text
    try:
        recover_interrupted_restore(paths)
    except Exception:  # noqa: BLE001 - the app's next opening tries again, and says why
        pass
    if is_plain_file(paths):
        return (f"The records were not encrypted. {text}\n\nNothing was changed: your "
                "records are as they were, not encrypted.")
    return (f"The records were encrypted, but Avenue Desk could not finish. {text}\n\n"
            "Sign in with your usual password. The new recovery code and the other "
            "accounts' temporary passwords could not be shown: ask whoever looks after the "
            "computer for help.")


def show_results(result) -> None:
    """The new recovery code and the temporary passwords, until the code is kept."""
    from avenue_desk.ui.dialogs.encrypt_records import RecordsEncryptedDialog

    dialog = RecordsEncryptedDialog(result)
    dialog.exec()
    dialog.deleteLater()


def tell(icon, text: str) -> None:
    box = QMessageBox(icon, "Avenue Desk", text)
    box.exec()
