"""The stage every screenshot is drawn on: an application sized like the school PC's
1366×768 screen (offscreen when there is no display), and dialogs drawn centred over the
window behind them, as the user sees them."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

SIZE = (1366, 768)


def application():
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
        config = screen_config()
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    from avenue_desk.app import make_application

    try:
        return make_application()
    finally:
        if config is not None:
            os.environ["QT_QPA_PLATFORM"] = platform
            config.unlink(missing_ok=True)


def screen_config() -> Path:
    width, height = SIZE
    screen = {"name": "school-pc", "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    handle, name = tempfile.mkstemp(prefix="avenue-desk-screen-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump({"screens": [screen]}, file)
    return Path(name)


def settle(app, rounds: int = 5) -> None:
    from avenue_desk.ui.operations import wait_for_operations

    wait_for_operations()  # what a screen reads or checks in the background is shown
    # Layouts, polish and deferred resizes all arrive as posted events.
    for _ in range(rounds):
        app.processEvents()


def with_dialog(app, background, dialog, over=None):
    """The window with the dialog drawn over it, centred, as it would appear. ``over(front)``,
    if given, draws on the dialog's picture once it is shown at its size (a menu opened on
    it, say)."""
    from PySide6.QtGui import QPainter

    from avenue_desk.ui.style import role_colours

    width, height = SIZE
    hint = dialog.sizeHint()
    dialog.resize(min(max(hint.width(), dialog.width()), width - 40),
                  min(max(hint.height(), dialog.height()), height - 40))
    dialog.show()
    settle(app)
    front = dialog.grab()
    if over is not None:
        over(front)
    shade = role_colours("screenshot-shade").background
    shade.setAlpha(40)
    painter = QPainter(background)
    painter.fillRect(background.rect(), shade)  # the window behind, dimmed
    x = (background.width() - front.width()) // 2
    y = (background.height() - front.height()) // 2
    painter.setPen(role_colours("screenshot-desktop").foreground)  # the dialog's edge
    painter.drawRect(x - 1, y - 1, front.width() + 1, front.height() + 1)
    painter.drawPixmap(x, y, front)
    painter.end()
    return background
