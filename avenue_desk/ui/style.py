"""The window's look: one stylesheet, and the roles widgets take in it.

``resources/qss/avenue.qss`` holds every colour, font size and padding the window chooses;
``app.make_application`` loads it once (``load_stylesheet``). A widget says what it is (an
error message, a heading, the demo banner) with its ``role`` property (``set_role``), and
the stylesheet says how that looks, so one red means "error" everywhere. Item models and
painters, which a stylesheet cannot reach, read a role's colours with ``role_colours``.

No other module under ui/ names a colour or calls setStyleSheet: tests/ui/test_style.py
fails when one does.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QSpinBox, QWidget

from avenue_desk.paths import resource_path

ROLE = "role"
STYLESHEET = ("qss", "avenue.qss")
Widget = TypeVar("Widget", bound=QWidget)


def load_stylesheet(app: QApplication) -> bool:
    """Puts the stylesheet on the whole application: the one setStyleSheet of the window.

    A stylesheet that cannot be read leaves the window plain rather than not starting: every
    message still says what it says (``make dist-smoke`` checks the bundle ships it).
    """
    path = resource_path(*STYLESHEET)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        print(f"Avenue Desk could not read its stylesheet ({error}); the window is drawn "
              "without it.", file=sys.stderr)
        return False
    app.setStyleSheet(text + _spin_box_rule(app, text))
    return True


def _spin_box_rule(app: QApplication, text: str) -> str:
    """Keeps spin boxes and date fields as tall as the platform draws them.

    Under any stylesheet Qt sizes a spin box to its text alone (19 px high instead of 23
    with Fusion, shorter than the line edits beside it). A min-height puts the platform's
    height back; measured here because it differs between platforms, and because QSS adds
    the frame to a min-height.
    """
    app.setStyleSheet("")
    native = QSpinBox().sizeHint().height()
    rule = "\n/* Added by style.load_stylesheet. */\nQAbstractSpinBox {{ min-height: {}px; }}\n"
    app.setStyleSheet(text + rule.format(native))
    probe = QSpinBox()
    probe.ensurePolished()
    frame = probe.minimumHeight() - native
    return rule.format(max(native - frame, 0))


def set_role(widget: Widget, role: str | None) -> Widget:
    """Gives ``widget`` its role in the stylesheet (None: none) and returns it.

    Called again while the widget is on screen (a status turning from "success" to
    "error"), it re-polishes the widget: Qt does not re-read a stylesheet when a property
    changes.
    """
    return set_style_property(widget, ROLE, role)


def set_style_property(widget: Widget, name: str, value, descendants: bool = False) -> Widget:
    """A property the stylesheet selects on (``role``, ``answered``, ``largeText``).

    ``descendants``: also re-polish the widgets inside, for rules such as
    ``[largeText="true"] QWidget`` that style children by their parent's property.
    """
    if widget.property(name) != value:
        widget.setProperty(name, value)
        repolish(widget, descendants)
    return widget


def repolish(widget: QWidget, descendants: bool = False) -> None:
    """Applies the stylesheet again to a widget already styled (one not yet shown is styled
    when it first is, with its properties as they are then)."""
    widgets = [widget, *widget.findChildren(QWidget)] if descendants else [widget]
    for each in widgets:
        if each.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
            style = each.style()
            style.unpolish(each)
            style.polish(each)
            each.update()
    if descendants:
        widget.updateGeometry()


@dataclass(frozen=True)
class RoleColours:
    """A role's text colour and background, as the stylesheet gives them."""

    foreground: QColor
    background: QColor


def role_colours(role: str) -> RoleColours:
    """The colours of ``role``, for what the stylesheet cannot style itself: the cells of an
    item model, a painted icon, a coloured word in rich text.

    Read from a label given the role and polished, so only once the QApplication is made
    (as it is before any window or model). Callers keep what they need: a model reads its
    colours once, not per cell.
    """
    if QApplication.instance() is None:  # a widget now would abort the process
        raise RuntimeError("role_colours() needs the QApplication: make it first.")
    probe = QLabel()
    probe.setProperty(ROLE, role)
    probe.ensurePolished()
    palette = probe.palette()
    return RoleColours(QColor(palette.color(QPalette.ColorRole.WindowText)),
                       QColor(palette.color(QPalette.ColorRole.Window)))


def in_role(text_html: str, role: str, tag: str = "span") -> str:
    """Rich text (already escaped) in a role's colour, for words inside a label whose other
    words keep the label's own look (``tag="div"`` around a list). Bold stays the caller's
    ``<b>``: the words around decide it."""
    colour = role_colours(role).foreground.name()
    return f"<{tag} style='color: {colour}'>{text_html}</{tag}>"
