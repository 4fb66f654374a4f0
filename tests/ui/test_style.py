"""One stylesheet (resources/qss/avenue.qss) for the whole window, roles instead of colours.

The window tests' application has the stylesheet loaded, as ``app.make_application`` loads
it for the program (tests/ui/conftest.py).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QDateEdit, QLabel, QLineEdit, QSpinBox

from avenue_desk.paths import resource_path
from avenue_desk.ui.style import (
    STYLESHEET,
    in_role,
    load_stylesheet,
    role_colours,
    set_role,
)

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "avenue_desk" / "ui"
LOADER = UI / "style.py"  # the one module that may call setStyleSheet
ERROR_RED = QColor("#b00020")

# --- no inline colours -------------------------------------------------------------------

HEX = re.compile(r"(?<![\w&])#(?:[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?|[0-9a-fA-F]{3,4})\b")
FUNCTION = re.compile(r"\b(?:rgba?|hsla?|hsva?)\s*\(", re.IGNORECASE)
# A colour declared in a style string: "color: red", "background:#fff", "border: 1px solid".
DECLARATION = re.compile(
    r"(?:^|[\s;{'\"])(?:color|background(?:-color)?|border(?:-[a-z]+)*|outline-color|"
    r"selection(?:-background)?-color|alternate-background-color|gridline-color)\s*:",
    re.IGNORECASE)
SAFE_GLOBAL_COLOURS = {"transparent", "color0", "color1"}


def _strings(node: ast.AST):
    """Every string literal under ``node``, f-strings' literal parts included."""
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            yield child


def colour_offences(source: str, loader: bool = False) -> list[str]:
    """What in a module's source names a colour, or styles a widget outside the loader."""
    tree = ast.parse(source)
    docstrings = {id(body[0].value) for body in
                  (getattr(n, "body", None) for n in ast.walk(tree))
                  if isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                  and isinstance(body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name == "setStyleSheet" and not loader:
                found.append(f"line {node.lineno}: setStyleSheet (give the widget a role)")
            if name == "QColor" and any(isinstance(a, ast.Constant) for a in node.args):
                found.append(f"line {node.lineno}: QColor of a literal colour")
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
              and node.value.attr == "GlobalColor" and node.attr not in SAFE_GLOBAL_COLOURS):
            found.append(f"line {node.lineno}: Qt.GlobalColor.{node.attr}")
    for string in _strings(tree):
        if id(string) in docstrings:
            continue  # words about colours, not colours
        text = string.value
        if HEX.search(text):
            found.append(f"line {string.lineno}: hex colour {HEX.search(text).group()}")
        if FUNCTION.search(text):
            found.append(f"line {string.lineno}: colour function in {text[:40]!r}")
        if DECLARATION.search(text) and not loader:
            found.append(f"line {string.lineno}: inline style {text[:40]!r}")
    return found


def ui_modules() -> list[Path]:
    # The generated forms are scanned too: a styleSheet property in a .ui file belongs in
    # the stylesheet, as a role.
    return sorted(UI.rglob("*.py")) + [ROOT / "avenue_desk" / "app.py"]


@pytest.mark.parametrize("path", ui_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_of_the_window_names_a_colour(path):
    offences = colour_offences(path.read_text(encoding="utf-8"), loader=path == LOADER)
    assert offences == [], f"{path.relative_to(ROOT)}: {offences}"


@pytest.mark.parametrize("source", [
    'label.setStyleSheet("font-weight: 600;")',
    'ERROR = "color: #b3261e; font-weight: 600;"',
    'x = "#c00"',
    'x = "#AABBCC"',
    "x = 'rgb(10, 20, 30)'",
    'x = "background: white; padding: 8px"',
    'x = f"<span style=\'color:{c}\'>late</span>"',
    "brush = QColor('#fde7e9')",
    "brush = QColor(0, 0, 0, 40)",
    "pen = QColor(Qt.GlobalColor.red)",
    'STYLE = """\nQLabel[kind="error"] { color: #b00020; }\n"""',
])
def test_the_scan_finds_each_kind_of_inline_colour(source):
    assert colour_offences(source)


@pytest.mark.parametrize("source", [
    'set_role(label, "error")',
    'text = f"Incident #{number} · row #12"',
    "pixmap.fill(Qt.GlobalColor.transparent)",
    "label = QLabel(\"<ul style='margin-left: -20px'>\")",
    'def f():\n    """Drawn in the colour: red, as the stylesheet says."""',
])
def test_the_scan_leaves_words_and_roles_alone(source):
    assert colour_offences(source) == []


# --- the stylesheet ----------------------------------------------------------------------

def test_the_stylesheet_ships_in_resources_and_qt_parses_it(qtbot, qtlog, qapp):
    sheet = resource_path(*STYLESHEET)
    assert sheet.is_file()
    assert load_stylesheet(qapp)
    assert qapp.styleSheet().startswith(sheet.read_text(encoding="utf-8"))
    label = QLabel("Parsed")
    qtbot.addWidget(label)
    label.setStyleSheet(qapp.styleSheet())  # Qt warns here when it cannot parse it
    label.ensurePolished()
    label.show()
    qtbot.waitExposed(label)
    assert [record.message for record in qtlog.records] == []


@pytest.mark.qt_log_ignore("Could not parse")
def test_a_stylesheet_qt_cannot_parse_is_noticed(qtbot, qtlog, qapp):
    # The check above can fail: a sheet with a brace missing makes Qt say so.
    label = QLabel("Broken")
    qtbot.addWidget(label)
    label.setStyleSheet(qapp.styleSheet().replace("}", "", 1))
    label.ensurePolished()
    assert any("Could not parse" in record.message for record in qtlog.records)


def _used_roles() -> set[str]:
    """Every role named in the window's code and .ui forms."""
    roles = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            position = {"set_role": 1, "role_colours": 0, "in_role": 1, "badge_icon": 1}.get(name)
            if name == "setProperty" and node.args and getattr(node.args[0], "value",
                                                                None) == "role":
                position = 1  # widget.setProperty("role", ...), as the generated forms do
            if position is not None and len(node.args) > position:
                roles |= {s.value for s in _strings(node.args[position])}
    for form in (ROOT / "forms").glob("*.ui"):
        roles |= set(re.findall(r'<property name="role" stdset="0">\s*<string[^>]*>([^<]+)<',
                                form.read_text(encoding="utf-8")))
    return roles


def test_every_role_the_window_uses_is_in_the_stylesheet():
    sheet = resource_path(*STYLESHEET).read_text(encoding="utf-8")
    defined = set(re.findall(r'\[role="([\w-]+)"\]', sheet))
    used = _used_roles()
    assert {"error", "warning", "notice", "banner", "muted", "heading"} <= used
    assert used - defined == set()


def test_spin_boxes_and_date_fields_stay_as_tall_as_a_line_edit(qtbot):
    # Under a stylesheet Qt would size them to their text alone (19 px against 22 here).
    line = QLineEdit()
    qtbot.addWidget(line)
    line.ensurePolished()
    for box in (QSpinBox(), QDateEdit()):
        qtbot.addWidget(box)
        box.ensurePolished()
        height = max(box.sizeHint().height(), box.minimumHeight())
        assert height >= line.sizeHint().height(), type(box).__name__


# --- the one red, and contrast ------------------------------------------------------------

def test_a_label_with_the_error_role_is_drawn_in_the_one_red(qtbot):
    label = set_role(QLabel("\u2588\u2588\u2588\u2588"), "error")  # full blocks: solid ink
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    assert label.palette().color(QPalette.ColorRole.WindowText) == ERROR_RED
    assert label.font().bold()
    image = label.grab().toImage()
    ink = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    assert ink.count(ERROR_RED) > 20


def test_every_kind_of_error_and_lateness_uses_the_same_red():
    for role in ("error", "problems", "overdue", "refusal", "overdue-heading"):
        assert role_colours(role).foreground == ERROR_RED, role
    for role in ("banner", "badge-broken"):
        assert role_colours(role).background == ERROR_RED, role
    assert "#b00020" in in_role("late", "overdue")


def test_a_role_changed_on_screen_shows_at_once(qtbot):
    label = set_role(QLabel("Saved."), "success")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    assert label.palette().color(QPalette.ColorRole.WindowText) == QColor("#1e6b2f")
    set_role(label, "error")
    assert label.palette().color(QPalette.ColorRole.WindowText) == ERROR_RED
    set_role(label, None)
    assert label.palette().color(QPalette.ColorRole.WindowText) not in (ERROR_RED,
                                                                        QColor("#1e6b2f"))


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(one: QColor, other: QColor) -> float:
    """WCAG 2 contrast ratio (1 to 21)."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_sum_is_right():
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21)
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)


TEXT_ROLES = ("error", "problems", "warning", "success", "muted", "quote", "recorded",
              "overdue-heading", "due-heading", "demo-banner", "banner", "notice", "all-clear",
              "refusal", "aside", "read-only", "overdue", "serious", "due-soon", "current",
              "badge-pdf", "badge-web", "badge-image", "badge-broken", "logo-frame")


@pytest.mark.parametrize("role", TEXT_ROLES)
def test_text_in_each_role_meets_wcag_aa_on_its_background(role):
    colours = role_colours(role)  # the background is the window's when the role sets none
    assert contrast(colours.foreground, colours.background) >= 4.5


def test_text_roles_meet_wcag_aa_on_white_too():
    # Item views draw their cells on white (the base), not on the window's grey.
    for role in ("muted", "quote", "error", "warning", "success"):
        assert contrast(role_colours(role).foreground, QColor("white")) >= 4.5, role
    preview = role_colours("preview-message")
    assert contrast(preview.foreground, role_colours("preview-desk").background) >= 4.5
