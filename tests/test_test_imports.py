"""No test module imports another test module, a conftest, or a helper kept anywhere but
tests/helpers/: what tests share lives there, named by what it helps with, and fixtures
live in conftest.py files (which pytest loads; nothing imports them).

Every import counts: top level or inside a function, ``import`` or ``from``, absolute or
relative, and a module named in a string (``python -m tests.x``, ``import_module``).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
SHARED = "tests.helpers"
IMPORTERS = {"import_module", "importorskip", "__import__"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(module: str, is_package: bool, target: str | None, level: int) -> str:
    if level == 0:
        return target or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def _allowed(target: str) -> bool:
    return not (target == "tests" or target.startswith("tests.")) or (
        target == SHARED or target.startswith(SHARED + "."))


def _strings(nodes) -> list[str]:
    return [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def forbidden_imports(source: str, module: str, is_package: bool = False) -> list[str]:
    """``line: target`` for each import of a test module, conftest or stray helper."""
    found = []
    for node in ast.walk(ast.parse(source)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, is_package, node.module, node.level)
            # ``from tests.x import y``: y may be a module (tests.x.y) or a name in tests.x;
            # either way tests.x itself is imported, so tests.x is what must be allowed.
            targets = [base] if base != "tests" else [f"tests.{a.name}" for a in node.names]
        elif isinstance(node, ast.Call):  # importlib.import_module("tests.x") and the like
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in IMPORTERS and node.args:
                targets = _strings(node.args[:1])
        elif isinstance(node, ast.List | ast.Tuple):  # [sys.executable, "-m", "tests.x"]
            items = node.elts
            targets = _strings(b for a, b in zip(items, items[1:], strict=False)
                               if isinstance(a, ast.Constant) and a.value == "-m")
        found += [f"{node.lineno}: {t}" for t in targets if not _allowed(t)]
    return found


def test_no_test_imports_another_test_module_or_a_stray_helper():
    problems = []
    for path in sorted(TESTS.rglob("*.py")):
        for problem in forbidden_imports(path.read_text(encoding="utf-8"), module_name(path),
                                         path.name == "__init__.py"):
            problems.append(f"{path.relative_to(ROOT)}:{problem}")
    assert problems == [], ("Import shared code from tests/helpers/ (move it there):\n"
                            + "\n".join(problems))


def test_the_scan_finds_each_kind_of_forbidden_import():
    source = '''
import tests.cli.test_cli_data
from tests.services.test_importing import row
from tests.reports.conftest import pdf_text
from .test_people_view import make
from . import builders
from tests import conftest
from tests.helpers.cli import set_up
from tests.helpers import records
from .conftest import LETTER_DATE


def later():
    from tests.ui.builders import incident
    from ..helpers.pdf import pdf_text
    pytest.importorskip("tests.store.test_engine")
    return ["-m", "tests.services.crash_worker", "-m", "tests.helpers.crash_worker"]
'''
    found = forbidden_imports(source, "tests.ui.test_example")
    assert set(found) == {
        "2: tests.cli.test_cli_data",
        "3: tests.services.test_importing",
        "4: tests.reports.conftest",
        "5: tests.ui.test_people_view",
        "6: tests.ui",
        "7: tests.conftest",
        "10: tests.ui.conftest",
        "14: tests.ui.builders",
        "16: tests.store.test_engine",
        "17: tests.services.crash_worker",
    }
