"""Every settings key the code reads or writes is declared in the registry, and only there.

Scans the package's source for the ways a setting is reached (the settings service, the
registry's read/write helpers, the ``settings`` table's model, ``SchoolSettings.extra``),
works out each key (a literal, a module constant, a registry entry) and checks it against
``policy.settings_registry``. Only the generic helpers in services/core/settings.py take a
key they are given.
"""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass
from pathlib import Path

import pytest

import avenue_desk
from avenue_desk.policy import settings_registry as registry

PACKAGE = Path(avenue_desk.__file__).parent
ROOT = PACKAGE.parent
GENERIC = {"avenue_desk/services/core/settings.py", "avenue_desk/policy/settings_registry.py"}
# Calls whose first argument after the session is a setting (an entry or a key).
HELPERS = {"read_setting", "write_setting", "remove_setting", "stored_text", "family_key"}
UNKNOWN = object()
LOOKED_UP = object()  # registry.setting(...) / family_key(...): they raise for an unknown key


@dataclass(frozen=True)
class Use:
    module: str
    line: int
    value: object  # a registry entry, a key, a ("prefix", text) pair, or UNKNOWN


def _dotted(node: ast.AST) -> str:
    return ast.unparse(node) if isinstance(node, (ast.Name, ast.Attribute)) else ""


def _is_settings_receiver(node: ast.AST) -> bool:
    """``services.settings``, ``self._settings``, ``settings``: the settings service."""
    last = _dotted(node).rsplit(".", 1)[-1]
    return last.lstrip("_") == "settings"


def _setting_arguments(call: ast.Call) -> list[ast.AST]:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    args = call.args
    if name in HELPERS:
        return args[1:2] if name != "family_key" else args[:1]
    if name == "setting" and args:  # registry.setting(key): raises for an undeclared key
        return []
    if isinstance(func, ast.Attribute):
        if name == "get" and args and _dotted(args[0]) == "Setting":  # session.get(Setting, k)
            return args[1:2]
        if name == "get" and _dotted(func.value).endswith("extra"):  # settings.extra.get(k)
            return args[:1]
        if _is_settings_receiver(func.value):
            if name in ("get", "set_value"):
                return args[:1]
            if name in ("get_all", "change") and args and isinstance(
                    args[0], (ast.Tuple, ast.List, ast.Set, ast.Dict)):
                return list(args[0].keys if isinstance(args[0], ast.Dict) else args[0].elts)
            if name == "save" and len(args) > 1 and isinstance(args[1], ast.Dict):
                return list(args[1].keys)
    if name == "Setting":
        return [k.value for k in call.keywords if k.arg == "key"]
    return []


def _key_nodes(tree: ast.AST) -> list[ast.AST]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            found.extend(_setting_arguments(node))
        elif isinstance(node, ast.Compare) and _dotted(node.left) in (
                "Setting.key", "Setting.__table__.c.key"):
            found.extend(node.comparators)
        elif isinstance(node, ast.Subscript) and _dotted(node.value).endswith("extra"):
            found.append(node.slice)
    return found


def _resolve(node: ast.AST, namespace: dict) -> object:
    if isinstance(node, ast.Call) and _dotted(node.func).rsplit(".", 1)[-1] in (
            "setting", "family_key"):
        return LOOKED_UP
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        prefix = _resolve(node.left, namespace)
        return ("prefix", prefix) if isinstance(prefix, str) else UNKNOWN
    if _dotted(node):
        try:
            return eval(compile(ast.Expression(node), "<key>", "eval"), namespace)  # noqa: S307
        except Exception:  # noqa: BLE001 - a local variable: not known before running
            return UNKNOWN
    return UNKNOWN


def scan(source: str, module: str, namespace: dict) -> list[Use]:
    tree = ast.parse(source)
    return [Use(module, node.lineno, _resolve(node, namespace)) for node in _key_nodes(tree)]


def problems(uses: list[Use]) -> list[str]:
    found = []
    for use in uses:
        where, value = f"{use.module}:{use.line}", use.value
        if isinstance(value, registry.SettingKey):
            ok = any(value is entry for entry in registry.SETTINGS) and not value.retired
        elif isinstance(value, tuple):  # "template." + kind: a family's member
            family = next((e for e in registry.SETTINGS if e.family and e.key == value[1]), None)
            ok = family is not None
        elif isinstance(value, str):
            ok = registry.is_declared(value) and not registry.setting(value).retired
        else:
            ok = value is LOOKED_UP or use.module in GENERIC
        if not ok:
            found.append(f"{where}: {value!r} is not a live key of the settings registry")
    return found


def package_uses() -> list[Use]:
    uses = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(ROOT).as_posix()
        source = path.read_text(encoding="utf-8")
        if not any(word in source for word in ("Setting", "settings", "extra")):
            continue
        if not _key_nodes(ast.parse(source)):
            continue
        name = module.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        uses.extend(scan(source, module, vars(importlib.import_module(name))))
    return uses


@pytest.fixture(scope="module")
def uses() -> list[Use]:
    return package_uses()


def test_every_key_used_is_declared_in_the_registry(uses):
    assert problems(uses) == []


def test_the_scan_sees_the_services_the_screens_and_the_letters(uses):
    modules = {use.module for use in uses}
    for expected in ("services/accounts/accounts.py", "services/safety/backup.py",
                     "services/safety/health.py", "services/conduct/standing.py",
                     "services/letters/templates.py", "services/privacy/retention.py",
                     "services/incidents/incidents.py", "services/core/school.py",
                     "ui/widgets/school_contacts.py"):
        assert f"avenue_desk/{expected}" in modules, expected
    keys = {use.value.key if isinstance(use.value, registry.SettingKey) else use.value
            for use in uses}
    assert {"lock_idle_minutes", "backup_dir", "full_check_on", "conduct_renewal_months",
            "policy_edition", "school.phone", "school.chair_of_governors", "template."} <= keys


@pytest.mark.parametrize("code", [
    'session.get(Setting, "nobody_declared_this")',
    'services.settings.set_value("letters.save_folder", "/x")',  # retired
    'settings.extra.get("school.fax", "")',
    'session.merge(Setting(key=ROGUE, value=""))',
    'select(Setting.value).where(Setting.key == "rogue")',
    'self._settings.get(unknown_entry)',
])
def test_the_scan_catches_an_undeclared_key(code):
    namespace = {"ROGUE": "rogue", "unknown_entry": object()}
    uses = scan(code, "avenue_desk/services/elsewhere.py", namespace)
    assert len(uses) == 1 and problems(uses), code


def test_no_other_module_declares_a_key_of_its_own():
    """Keys are written as text in the registry only: elsewhere a module names its entry."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(ROOT).as_posix()
        if module in GENERIC:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                    and isinstance(node.value.value, str) and registry.is_declared(
                        node.value.value)):
                found.append(f"{module}:{node.lineno} {ast.unparse(node)}")
    assert found == []
