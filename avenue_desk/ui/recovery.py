"""The start-up and closing steps that keep the records safe, for ``app.py``.

- a restore asked for from the Backups page, run while the database is closed;
- a damaged database: a plain message, and the newest good backup offered;
- other warnings about where the records are (a network drive);
- the backup on exit, behind a progress dialog if it takes more than a moment;
- the weekly check's verdict when it fails.

Each question is a small function, so tests can answer it with monkeypatch.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from avenue_desk.services.core.errors import Cancelled, ServiceError
from avenue_desk.ui.maintenance import run_with_progress
from avenue_desk.ui.views.backups import choose_backup_file, contents, when

RESTORE, READ_ONLY, QUIT = "restore", "read-only", "quit"


def restore_if_asked(paths) -> bool:
    """Runs a restore the Backups page asked for; True if there was one (whatever happened).
    The restore writes its own audit row, into the restored records as they go in."""
    from avenue_desk.services.safety import pending_restore, run_pending_restore

    if pending_restore(paths) is None:
        return False
    result, error = run_with_progress(
        None, "Avenue Desk", "Checking the backup, then restoring it…",
        lambda progress: run_pending_restore(paths, progress=progress))
    if error is not None:
        tell(QMessageBox.Icon.Warning, _worded(error))
    else:
        tell(QMessageBox.Icon.Information, "\n\n".join(result.lines()))
    return True


def ask_about_damage(services, newest) -> tuple[str, Path | None]:
    """What to do with a damaged database: (RESTORE, backup file), (READ_ONLY, None) or
    (QUIT, None)."""
    text = services.db.notices[0]
    if newest is not None:
        text += (f"\n\nThe newest good backup was made on {when(newest)} and holds "
                 f"{contents(newest.counts, newest.evidence_files)}. Restoring it keeps the "
                 "damaged file aside, in the data folder.")
    else:
        text += (f"\n\nNo backup that passes its checks was found in "
                 f"{services.backup.folder()}. If your backups are on a USB stick, plug it "
                 "in and choose “Restore from a file…”.")
    box = QMessageBox(QMessageBox.Icon.Critical, "Avenue Desk: the records file is damaged",
                      text)
    newest_button = (box.addButton("Restore the newest backup",
                                   QMessageBox.ButtonRole.AcceptRole) if newest else None)
    file_button = box.addButton("Restore from a file…", QMessageBox.ButtonRole.ActionRole)
    look_button = (box.addButton("Open read-only", QMessageBox.ButtonRole.RejectRole)
                   if services.db.readable else None)
    box.addButton("Quit", QMessageBox.ButtonRole.DestructiveRole)
    box.exec()
    clicked = box.clickedButton()
    if newest_button is not None and clicked is newest_button:
        return RESTORE, newest.path
    if clicked is file_button:
        name = choose_backup_file(None, str(services.backup.folder()))
        return (RESTORE, Path(name)) if name else (QUIT, None)
    if look_button is not None and clicked is look_button:
        return READ_ONLY, None
    return QUIT, None


def handle_damage(services) -> str:
    """Asks what to do about a damaged database; RESTORE means a restore is now pending."""
    newest, _error = run_with_progress(None, "Avenue Desk", "Looking for a good backup…",
                                       lambda progress: services.backup.newest_good_backup())
    choice, source = ask_about_damage(services, newest)
    if choice == RESTORE:
        try:
            services.backup.request_restore(source)
        except ServiceError as error:
            tell(QMessageBox.Icon.Warning, str(error))
            return QUIT
    return choice


def backup_on_exit(services) -> None:
    """The backup made as the app closes (skipped when nothing changed since the last one)."""
    backup = services.backup
    if not backup.exit_backup_due():
        return
    _result, error = run_with_progress(
        None, "Avenue Desk", "Backing up the records before closing…",
        lambda progress: backup.backup(progress=progress, automatic=True), cancellable=True)
    if error is not None and not _cancelled(error):
        tell(QMessageBox.Icon.Warning, "No backup was made as Avenue Desk closed.\n\n"
             + _worded(error))


def report_failed_check(parent, report) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, "Avenue Desk: weekly health check",
                      "The weekly health check found problems with the records. Restore the "
                      "newest good backup (Settings › Backups), or ask for help.\n\n"
                      + report.lines[-1], parent=parent)
    box.setDetailedText("\n".join(report.lines))
    box.exec()


def tell(icon, text: str, parent=None) -> None:
    QMessageBox(icon, "Avenue Desk", text, parent=parent).exec()


def _cancelled(error) -> bool:
    return isinstance(error, Cancelled)  # Cancel pressed (BackupCancelled is one too)


def _worded(error: BaseException) -> str:
    if isinstance(error, ServiceError):
        return str(error)
    return f"Something went wrong that Avenue Desk did not expect: {error}"
