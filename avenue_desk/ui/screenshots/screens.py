"""``avenue-desk screenshot SCREEN -o FILE``: one screen drawn at 1366×768, for the user guide.

It runs without a display (offscreen), so the guide's pictures can be remade anywhere.
Dialogs (an incident, the first-run set-up) are drawn centred over the main window, the
way the user sees them. ``login`` is the sign-in dialog, before anyone signs in; every
other screen is drawn for the account ``sign_in(services)`` signs in (``audit`` needs the
Headteacher's), so a screenshot never shows what that account may not see.
"""

from __future__ import annotations

from contextlib import ExitStack, nullcontext
from pathlib import Path

from avenue_desk.policy.access import Operation
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.ui.screenshots.dialogs import DIALOG_SCREENS, open_dialog
from avenue_desk.ui.screenshots.evidence import EVIDENCE_SCREENS, open_evidence_screen
from avenue_desk.ui.screenshots.poster import POSTER_SCREENS, open_poster_screen
from avenue_desk.ui.screenshots.stage import SIZE, application, settle, with_dialog

SCREENS = ("home", "incidents", "incident", "people", "reports", "settings", "first-run",
           "conduct-wizard", "conduct-register", "login", "lock", "audit", "accounts",
           "retention", *DIALOG_SCREENS, *POSTER_SCREENS, *EVIDENCE_SCREENS)

def render_screen(paths, screen: str, output, sign_in=None, *, open_services) -> Path:
    """``sign_in(services)`` signs someone in (not needed for ``login``);
    ``open_services(paths, origin=...)`` is the container's, handed in by the command line
    (the window is given services, it never builds them)."""
    if screen not in SCREENS:
        raise ServiceError(f"Unknown screen “{screen}”: choose one of {', '.join(SCREENS)}.")
    if screen == "login":
        return _render_login(paths, output, open_services)
    if screen.startswith("conduct-"):
        from avenue_desk.ui.screenshots.conduct import render_conduct_screen

        return render_conduct_screen(paths, screen, output, sign_in=sign_in,
                                     open_services=open_services)
    app = application()
    from avenue_desk.ui.main_window import (
        ACCOUNTS,
        AUDIT,
        INCIDENTS,
        PEOPLE,
        REPORTS,
        SETTINGS,
        MainWindow,
    )

    output = Path(output)
    with open_services(paths, origin="cli") as services:
        if sign_in is not None:
            sign_in(services)
        services.guard.require(Operation.SCREENSHOT)
        window = MainWindow(services)
        window.resize(*SIZE)
        window.show()
        settle(app)
        dialog = lock = over = None
        cleanup = ExitStack()  # what a dialog needed while drawn (the people-import's file)
        try:
            sections = {"incidents": INCIDENTS, "people": PEOPLE, "reports": REPORTS,
                        "settings": SETTINGS, "audit": AUDIT, "accounts": ACCOUNTS}
            if screen in sections:
                if not window.may_see(sections[screen]):
                    raise ServiceError(f"The account signed in does not see the {screen} "
                                       "screen: sign in with one that does (--user).")
                window.go_to(sections[screen])
            elif screen == "incident":
                dialog = _incident_editor(services, window)
            elif screen == "retention":  # the Headteacher's, over Settings
                from avenue_desk.ui.views.retention import RetentionDialog

                window.go_to(SETTINGS)
                dialog = RetentionDialog(services, window)
            elif screen == "first-run":
                from avenue_desk.ui.dialogs.first_run import FirstRunDialog

                dialog = FirstRunDialog(services, window)
            elif screen in DIALOG_SCREENS:
                dialog, over = open_dialog(screen, services, window, cleanup)
            elif screen in POSTER_SCREENS:
                dialog = open_poster_screen(screen, services, window, app)
            elif screen in EVIDENCE_SCREENS:
                dialog = open_evidence_screen(screen, services, window, app)
            elif screen == "lock":
                from avenue_desk.ui.widgets.lock_screen import IdleLock

                lock = IdleLock(window, services.accounts)
                lock.lock()
            settle(app)
            picture = lock.screen.grab() if lock is not None else window.grab()
            if dialog is not None:
                picture = with_dialog(app, picture, dialog, over)
            output.parent.mkdir(parents=True, exist_ok=True)
            if not picture.save(str(output), "PNG"):
                raise ServiceError(f"Could not write {output}.")
        finally:
            cleanup.close()
            if lock is not None:
                lock.stop()
                lock.screen.close()
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()
            window.close()
            window.deleteLater()
            settle(app)
    return output


def _render_login(paths, output, open_services) -> Path:
    """The sign-in dialog as it first appears, over a plain backdrop (no window behind it:
    nobody is signed in yet)."""
    app = application()
    from PySide6.QtGui import QPixmap

    from avenue_desk.services.core import records_key
    from avenue_desk.ui.dialogs.sign_in import SignInDialog
    from avenue_desk.ui.style import role_colours

    output = Path(output)
    # Encrypted records not yet opened by anyone: the sign-in as it first appears then,
    # without the school's name (which is inside them), as the window paints it.
    locked = records_key.is_locked(paths)
    with nullcontext() if locked else open_services(paths, origin="cli") as services:
        dialog = (SignInDialog(None, "") if locked else
                  SignInDialog(services.accounts, services.settings.load().school_name))
        if locked:  # ready to type into, as the window has it; nothing is opened here
            dialog.open_records_with(lambda _username, _password: None)
        dialog.adjustSize()  # its own size, as it opens, not a default one
        try:
            backdrop = QPixmap(*SIZE)
            backdrop.fill(role_colours("screenshot-desktop").background)  # a plain desktop
            picture = with_dialog(app, backdrop, dialog)
            output.parent.mkdir(parents=True, exist_ok=True)
            if not picture.save(str(output), "PNG"):
                raise ServiceError(f"Could not write {output}.")
        finally:
            dialog.close()
            dialog.deleteLater()
            settle(app)
    return output


def _incident_editor(services, window):
    incident_id = services.incidents.first_id()
    if incident_id is None:
        raise ServiceError(
            "There are no incidents to show. Log one first, or make a demo data set with "
            "“avenue-desk --data-dir FOLDER demo”."
        )
    from avenue_desk.ui.dialogs.incident_editor import IncidentEditor
    from avenue_desk.ui.dialogs.record_opener import open_record

    return IncidentEditor(services, incident_id, parent=window, record_opener=open_record)
