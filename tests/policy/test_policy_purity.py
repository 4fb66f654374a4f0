"""policy/ stays pure: standard library only, no I/O, small modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import avenue_desk.policy

PACKAGE = Path(avenue_desk.policy.__file__).parent
MODULES = sorted(PACKAGE.glob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_imports_only_the_standard_library(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            roots = [(node.module or "").split(".")[0]]
        else:
            continue
        for root in roots:
            assert root in sys.stdlib_module_names or root == "__future__", (
                f"{path.name} imports {root}"
            )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_does_no_io_and_stays_small(path):
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    attrs = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert not names & {"open", "print", "input"}, path.name
    assert not attrs & {"read_text", "read_bytes", "write_text", "open"}, path.name
    assert len(source.splitlines()) < 300, path.name


def test_importing_the_package_pulls_in_no_heavy_dependency():
    code = (
        "import sys, avenue_desk.policy; "
        "heavy = [m for m in ('PySide6', 'sqlalchemy', 'reportlab', 'alembic') "
        "if m in sys.modules]; print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_public_names_are_exported():
    for name in avenue_desk.policy.__all__:
        assert hasattr(avenue_desk.policy, name), name
