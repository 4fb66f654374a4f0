"""The arrows of docs/architecture.md, kept by reading every import in every module.

Every import counts: top level or inside a function (the lazy ones kept for start-up
speed), relative or absolute, in every module under avenue_desk/ including app.py and the
command line. ``from package import Name`` is followed to the module that defines ``Name``
(a feature package's ``_EXPORTS``), so the graph of files has the edges Python really
walks, and any circle in it is reported with its files.
"""

from __future__ import annotations

import ast
import functools
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "avenue_desk"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
STDLIB = set(sys.stdlib_module_names) | {"__future__"}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # the module (or package) it names, dotted
    name: str  # for ``from X import name``: the name; "" for ``import X``
    line: int


# --- reading the code -------------------------------------------------------------------


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(path): path for path in sorted(package.rglob("*.py"))}


def imports_of(path: Path, modules: dict[str, Path]) -> list[Import]:
    source = module_name(path)
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [Import(source, alias.name, "", node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(source, is_package, node.module, node.level)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in modules:  # ``from package import module``
                    found.append(Import(source, submodule, "", node.lineno))
                else:
                    found.append(Import(source, base, alias.name, node.lineno))
    return found


def _absolute(source: str, is_package: bool, module: str | None, level: int) -> str:
    if not level:
        return module or ""
    parts = source.split(".")
    if not is_package:
        parts.pop()
    parts = parts[: len(parts) - (level - 1)]
    return ".".join(parts + ([module] if module else []))


@functools.cache
def lazy_exports(path: Path) -> dict[str, str]:
    """A package's ``_EXPORTS`` table (public name -> module in the package), if any."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and getattr(node.targets[0], "id", None) == "_EXPORTS"):
            return ast.literal_eval(node.value)
    return {}


def resolved_target(imp: Import, modules: dict[str, Path]) -> str | None:
    """The module file an import makes Python run, following lazy exports."""
    if imp.target not in modules:
        return None  # the standard library or a third-party package
    path = modules[imp.target]
    if imp.name and path.name == "__init__.py":
        module = lazy_exports(path).get(imp.name)
        if module:
            return f"{imp.target}.{module}"
    return imp.target


# --- reading the arrows -----------------------------------------------------------------


@functools.cache
def _block(kind: str) -> list[tuple[list[str], list[str]]]:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    match = re.search(rf"```{kind}\n(.*?)```", text, re.S)
    assert match, f"docs/architecture.md has no ```{kind} block"
    rows = []
    for line in match.group(1).splitlines():
        if line.strip():
            left, right = line.split(":", 1)
            rows.append((left.split(), right.split()))
    return rows


def features(modules: dict[str, Path]) -> frozenset[str]:
    """The feature packages: services' subpackages with public names (core has none)."""
    return _features(tuple(sorted(modules.items())))


@functools.cache
def _features(modules: tuple[tuple[str, Path], ...]) -> frozenset[str]:
    return frozenset(name for name, path in modules
            if name.startswith("avenue_desk.services.") and name.count(".") == 2
            and path.name == "__init__.py" and lazy_exports(path))


def unit_of(module: str, modules: dict[str, Path]) -> str:
    """The package of the arrows a module belongs to (the longest that contains it)."""
    units = [u for (names, _may) in _block("arrows") for u in names]
    candidates = [u for u in units if u != "avenue_desk.services.*"]
    candidates += sorted(features(modules))
    best = ""
    for unit in candidates:
        if (module == unit or module.startswith(unit + ".")) and len(unit) > len(best):
            best = unit
    return best


def may_import(unit: str, modules: dict[str, Path]) -> list[str]:
    rows = dict((names[0], may) for names, may in _block("arrows"))
    if unit in features(modules):
        return rows["avenue_desk.services.*"]
    return rows[unit]


def offence(imp: Import, modules: dict[str, Path]) -> str | None:
    """Why ``imp`` breaks an arrow, or None."""
    unit = unit_of(imp.source, modules)
    top = imp.target.split(".")[0]
    if top != "avenue_desk":
        for names, allowed in _block("third-party"):
            if top in names and not any(unit == a or unit.startswith(a + ".")
                                        for a in allowed):
                return f"{top} is for {', '.join(allowed)} only"
        return None
    may = may_import(unit, modules)
    target_unit = unit_of(imp.target, modules)
    if target_unit == unit:
        return None if "self" in may or imp.target == unit else "imports itself"
    if target_unit in features(modules):
        if "FEATURES" not in may:
            return f"may not import {target_unit}"
        public = lazy_exports(modules[target_unit])
        if imp.target != target_unit or (imp.name and imp.name not in public):
            if imp.target == target_unit and not imp.name:
                return None  # ``import avenue_desk.services.x``: the package itself
            named = f"{imp.target}.{imp.name}" if imp.name else imp.target
            return (f"reaches inside {target_unit} ({named}); use a public name of the "
                    f"package (its _EXPORTS)")
        return None
    return None if target_unit in may else f"may not import {target_unit}"


# --- the checks -------------------------------------------------------------------------


def layering_offences(package: Path = PACKAGE) -> list[str]:
    modules = all_modules(package)
    found = []
    for path in modules.values():
        for imp in imports_of(path, modules):
            why = offence(imp, modules)
            if why:
                found.append(f"{path.relative_to(ROOT)}:{imp.line} imports "
                             f"{imp.target}{'.' + imp.name if imp.name else ''}: {why}")
    return found


def import_circles(package: Path = PACKAGE) -> list[list[str]]:
    """Every set of files that import one another in a circle (Tarjan's algorithm)."""
    modules = all_modules(package)
    graph = {name: sorted({t for imp in imports_of(path, modules)
                           if (t := resolved_target(imp, modules)) and t != name})
             for name, path in modules.items()}
    index, low, on_stack, stack, circles = {}, {}, set(), [], []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in graph:
        if node not in index:
            visit(node)
    return circles


def test_every_import_follows_the_arrows_of_docs_architecture():
    assert layering_offences() == []


def test_no_two_files_import_each_other_even_through_others():
    assert import_circles() == []


def test_the_container_is_opened_only_by_the_app_and_the_command_line():
    modules = all_modules()
    users = {unit_of(imp.source, modules) for path in modules.values()
             for imp in imports_of(path, modules)
             if imp.target == "avenue_desk.services.container"}
    assert users <= {"avenue_desk.app", "avenue_desk.cli"}


def test_every_public_name_of_a_feature_exists():
    modules = all_modules()
    for feature in sorted(features(modules)):
        for name, module in lazy_exports(modules[feature]).items():
            tree = ast.parse(modules[f"{feature}.{module}"].read_text(encoding="utf-8"))
            defined = {getattr(n, "name", None) for n in tree.body}
            defined |= {t.id for n in tree.body if isinstance(n, ast.Assign)
                        for t in ast.walk(n) if isinstance(t, ast.Name)}
            defined |= {a.asname or a.name for n in tree.body
                        if isinstance(n, ast.ImportFrom) for a in n.names}
            assert name in defined, f"{feature}._EXPORTS names {name} in {module}"
            # A submodule of the same name would shadow the name once it is imported.
            assert f"{feature}.{name}" not in modules, f"{feature}.{name} is also a module"


def test_services_has_only_its_packages_the_init_and_the_container():
    loose = sorted(p.name for p in (PACKAGE / "services").glob("*.py"))
    assert loose == ["__init__.py", "container.py"]


# --- the checks catch what they are for (on a throwaway copy of a few files) ------------


def _tree_with(tmp_path: Path, extra: dict[str, str]) -> Path:
    """A copy of avenue_desk/ with ``extra`` files written over it (relative paths)."""
    import shutil

    copy = tmp_path / "avenue_desk"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "forms"))
    for relative, text in extra.items():
        (copy / relative).write_text(text, encoding="utf-8")
    return copy


@pytest.fixture
def copied_root(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    return tmp_path


def test_a_forbidden_import_inside_a_function_is_caught(copied_root):
    evidence = (PACKAGE / "services/incidents/evidence.py").read_text(encoding="utf-8")
    sneaky = evidence + "\n\ndef _peek():\n    from PySide6.QtWidgets import QMessageBox\n"
    tree = _tree_with(copied_root, {"services/incidents/evidence.py": sneaky})
    found = layering_offences(tree)
    assert any("services/incidents/evidence.py" in o and "PySide6" in o for o in found)


def test_reaching_inside_another_feature_is_caught(copied_root):
    text = (PACKAGE / "services/letters/batch.py").read_text(encoding="utf-8")
    text += "\n\ndef _peek():\n    from ..people.people import PeopleService\n"
    tree = _tree_with(copied_root, {"services/letters/batch.py": text})
    found = layering_offences(tree)
    assert any("letters/batch.py" in o and "reaches inside avenue_desk.services.people" in o
               for o in found)


def test_a_circle_closed_inside_a_function_is_caught(copied_root):
    text = (PACKAGE / "services/core/clock.py").read_text(encoding="utf-8")
    text += "\n\ndef _peek():\n    from avenue_desk.services.core import database\n"
    tree = _tree_with(copied_root, {"services/core/clock.py": text})
    circles = import_circles(tree)
    assert ["avenue_desk.services.core.clock", "avenue_desk.services.core.database"] in circles


# --- what the process really loads ------------------------------------------------------


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
