"""The layering of ARCHITECTURE.md, kept by scanning imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "avenue_desk"
FORBIDDEN = {
    "policy": ("sqlalchemy", "alembic", "reportlab", "PySide6", "avenue_desk.store",
               "avenue_desk.services", "avenue_desk.ui", "avenue_desk.reports"),
    "store": ("PySide6", "reportlab", "avenue_desk.services", "avenue_desk.ui"),
    "reports": ("PySide6", "sqlalchemy", "avenue_desk.store", "avenue_desk.services",
                "avenue_desk.ui"),
    "services": ("PySide6", "avenue_desk.ui"),
    "ui": ("sqlalchemy", "alembic", "reportlab", "avenue_desk.store"),
}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer):
    offences = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in _imports(path):
            if name.startswith(FORBIDDEN[layer]):
                offences.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offences == []


def test_the_command_line_does_not_load_qt_for_headless_commands():
    code = (
        "import sys; from avenue_desk.cli import commands, parser; "
        "import avenue_desk.services.container; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_importing_the_package_does_nothing():
    code = (
        "import avenue_desk, sys; "
        "print(sorted(m for m in sys.modules if m.startswith('avenue_desk')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "['avenue_desk']"
