"""``avenue-desk screenshot SCREEN -o FILE``: one screen drawn at 1366×768, for the user guide.

It runs without a display (offscreen), so the guide's pictures can be remade anywhere.
Dialogs (an incident, the first-run set-up) are drawn centred over the main window, the
way the user sees them. ``login`` is the sign-in dialog, before anyone signs in; every
other screen is drawn for the account ``sign_in(services)`` signs in (``audit`` needs the
Headteacher's), so a screenshot never shows what that account may not see.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from avenue_desk.policy.access import Operation
from avenue_desk.services.core.errors import ServiceError

SIZE = (1366, 768)
SCREENS = ("home", "incidents", "incident", "people", "reports", "settings", "first-run",
           "conduct-wizard", "conduct-register", "login", "lock", "audit", "accounts",
           "retention")
BACKDROP = "#3b5f8f"  # behind the sign-in dialog: a plain desktop


def _application():
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        return QApplication.instance()
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if sys.platform.startswith("linux") and not platform and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        platform = "offscreen"
    config = None
    if platform == "offscreen":
        # The offscreen screen is 800×800 unless told otherwise, and dialogs size themselves
        # to the screen: describe the school PC's 1366×768 so they look as they will there.
        config = _screen_config()
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    from avenue_desk.app import make_application

    try:
        return make_application()
    finally:
        if config is not None:
            os.environ["QT_QPA_PLATFORM"] = platform
            config.unlink(missing_ok=True)


def _screen_config() -> Path:
    width, height = SIZE
    screen = {"name": "school-pc", "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    handle, name = tempfile.mkstemp(prefix="avenue-desk-screen-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump({"screens": [screen]}, file)
    return Path(name)


def _settle(app, rounds: int = 5) -> None:
    # Layouts, polish and deferred resizes all arrive as posted events.
    for _ in range(rounds):
        app.processEvents()


def render_screen(paths, screen: str, output, sign_in=None) -> Path:
    """``sign_in(services)`` signs someone in (not needed for ``login``)."""
    if screen not in SCREENS:
        raise ServiceError(f"Unknown screen “{screen}”: choose one of {', '.join(SCREENS)}.")
    if screen == "login":
        return _render_login(paths, output)
    if screen.startswith("conduct-"):
        from avenue_desk.ui.conduct_screens import render_conduct_screen

        return render_conduct_screen(paths, screen, output, sign_in=sign_in)
    app = _application()
    from avenue_desk.services.container import open_services
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
        _settle(app)
        dialog = lock = None
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
            elif screen == "lock":
                from avenue_desk.ui.widgets.lock_screen import IdleLock

                lock = IdleLock(window, services.accounts)
                lock.lock()
            _settle(app)
            picture = lock.screen.grab() if lock is not None else window.grab()
            if dialog is not None:
                picture = _with_dialog(app, picture, dialog)
            output.parent.mkdir(parents=True, exist_ok=True)
            if not picture.save(str(output), "PNG"):
                raise ServiceError(f"Could not write {output}.")
        finally:
            if lock is not None:
                lock.stop()
                lock.screen.close()
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()
            window.close()
            window.deleteLater()
            _settle(app)
    return output


def _render_login(paths, output) -> Path:
    """The sign-in dialog as it first appears, over a plain backdrop (no window behind it:
    nobody is signed in yet)."""
    app = _application()
    from PySide6.QtGui import QColor, QPixmap

    from avenue_desk.services.container import open_services
    from avenue_desk.ui.dialogs.sign_in import SignInDialog

    output = Path(output)
    with open_services(paths, origin="cli") as services:
        dialog = SignInDialog(services.accounts, services.settings.load().school_name)
        dialog.adjustSize()  # its own size, as it opens, not a default one
        try:
            backdrop = QPixmap(*SIZE)
            backdrop.fill(QColor(BACKDROP))
            picture = _with_dialog(app, backdrop, dialog)
            output.parent.mkdir(parents=True, exist_ok=True)
            if not picture.save(str(output), "PNG"):
                raise ServiceError(f"Could not write {output}.")
        finally:
            dialog.close()
            dialog.deleteLater()
            _settle(app)
    return output


def _incident_editor(services, window):
    incident_id = services.incidents.first_id()
    if incident_id is None:
        raise ServiceError(
            "There are no incidents to show. Log one first, or make a demo data set with "
            "“avenue-desk --data-dir FOLDER demo”."
        )
    from avenue_desk.ui.dialogs.incident_editor import IncidentEditor

    return IncidentEditor(services, incident_id, parent=window)


def _with_dialog(app, background, dialog):
    """The window with the dialog drawn over it, centred, as it would appear."""
    from PySide6.QtGui import QColor, QPainter

    width, height = SIZE
    hint = dialog.sizeHint()
    dialog.resize(min(max(hint.width(), dialog.width()), width - 40),
                  min(max(hint.height(), dialog.height()), height - 40))
    dialog.show()
    _settle(app)
    front = dialog.grab()
    painter = QPainter(background)
    painter.fillRect(background.rect(), QColor(0, 0, 0, 40))  # the window behind, dimmed
    x = (background.width() - front.width()) // 2
    y = (background.height() - front.height()) // 2
    painter.setPen(QColor("#555555"))
    painter.drawRect(x - 1, y - 1, front.width() + 1, front.height() + 1)
    painter.drawPixmap(x, y, front)
    painter.end()
    return background
