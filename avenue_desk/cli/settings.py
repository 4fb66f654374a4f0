"""``avenue-desk settings …``: every setting the school keeps, listed and set by its key.

    avenue-desk [--data-dir D] --user NAME settings list
    avenue-desk [--data-dir D] --user NAME settings set KEY VALUE

``list`` shows each setting of ``policy.settings_registry`` with its value (marked when it
is the default) and where the window changes it. ``set`` checks the value as the window
does (the same limits and messages) and writes an audit row; letter wording
(``template.KIND``) is checked by the letters' own rules, and term dates
(``term.autumn-2027.start``) must be dates. Changing a setting is the Headteacher's. No Qt
is imported here.
"""

from __future__ import annotations

import argparse
import sys

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.errors import ServiceError, ValidationError


def add_settings_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "settings", help="the school's settings: list, set KEY VALUE (Headteacher)")
    which = parser.add_subparsers(dest="settings_command", metavar="WHAT", required=True)
    which.add_parser("list", help="every setting with its value and where it is changed")
    change = which.add_parser("set", help="set one setting, checked as the window checks it")
    change.add_argument("key", help="as `settings list` shows it, e.g. follow_up_days")
    change.add_argument("value", help="the new value (quote text with spaces)")
    return parser


def run_settings(args: argparse.Namespace, paths: AppPaths) -> int:
    from avenue_desk.cli.sign_in import signed_in

    try:
        with signed_in(args, paths) as services:
            if args.settings_command == "list":
                return _list(services)
            return _set(services, args.key, args.value)
    except ValidationError as error:
        print(f"avenue-desk settings set {args.key}: refused. {error}", file=sys.stderr)
        return 1
    except ServiceError as error:
        print(f"avenue-desk settings {args.settings_command}: {error}", file=sys.stderr)
        return 1


def _list(services) -> int:
    lines = services.settings.lines()
    width = max(len(line.key) for line in lines)
    for line in lines:
        value = line.value.replace("\n", " ⏎ ")
        if len(value) > 60:
            value = value[:57] + "…"
        note = " (default)" if line.is_default else ""
        where = f"  [{line.screen}]" if line.screen else "  [kept by Avenue Desk]"
        print(f"{line.key:<{width}}  {line.label}: {value or '(empty)'}{note}{where}")
    return 0


def _set(services, key: str, value: str) -> int:
    from avenue_desk.policy.settings_registry import LETTER_WORDING

    if key.startswith(LETTER_WORDING.key):
        services.letters.templates.save(key[len(LETTER_WORDING.key):], value)
        print(f"{key}: the school's wording is saved.")
        return 0
    stored = services.settings.set_from_text(key, value)
    if isinstance(stored, bool):
        stored = "yes" if stored else "no"
    print(f"{key} is now {'(empty)' if stored in (None, '') else stored}.")
    return 0
