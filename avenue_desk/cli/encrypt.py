"""``avenue-desk --user HEAD encrypt-records``: encryption turned on for an existing school,
wired in by ``parser`` and ``commands``.

The Headteacher signs in (the password from ``AVENUE_DESK_PASSWORD`` or asked for, then
typed again to confirm), the records are closed and converted with the data folder locked
(``services/safety/encrypt.py``), and opened again with the new key. The new recovery code
and the other accounts' temporary passwords are printed once, with what to do with them.
No Qt here, and the services are imported only when the command runs.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from avenue_desk.cli.arguments import folder_held, progress_printer
from avenue_desk.paths import AppPaths

COMMAND = "encrypt-records"


def add_encrypt_parser(subparsers) -> None:
    subparsers.add_parser(
        COMMAND, help="encrypt the records and every evidence file, for good (Headteacher: a "
                      "backup is made first, a new recovery code is issued and the other "
                      "accounts get temporary passwords)")


def run_encrypt(args: argparse.Namespace, paths: AppPaths) -> int:
    from avenue_desk.cli.sign_in import PASSWORD_ENV, read_password, require_database
    from avenue_desk.services.core.errors import ServiceError
    from avenue_desk.services.safety import encrypt_records, refuse_unless_plain

    refuse_unless_plain(paths)
    require_database(paths)
    with folder_held(paths.data_dir, "nothing was changed"):
        password = read_password(f"Password for {args.user or 'your account'}: ")
        actor = _headteacher(args, paths, password)
        if not _confirmed(password, PASSWORD_ENV):
            raise ServiceError("The two passwords are not the same. Nothing was changed.")
        result = encrypt_records(paths, actor, password, origin="cli", say=_say,
                                 progress=progress_printer("  done"))
    counts = _opened_again(args, paths, password)
    for line in result.lines():
        print(line)
    print(f"\nThe encrypted records opened: {counts['incidents']:,} incident(s), "
          f"{counts['people']:,} people and {counts['evidence']:,} evidence file(s). Sign in "
          "as before, in the window and with --user.")
    return 0


def _headteacher(args, paths: AppPaths, password: str):
    """The signed-in Headteacher (``Actor``), from the plain records, closed again after."""
    from avenue_desk.cli.damaged import meet_damage
    from avenue_desk.cli.sign_in import sign_in
    from avenue_desk.services.container import open_services
    from avenue_desk.services.core.errors import ServiceError

    with open_services(paths, origin="cli", encrypt_new=False) as services:
        meet_damage(services)
        sign_in(services, args.user, paths, password)
        if not services.guard.is_head():
            raise ServiceError("Only a Headteacher can turn encryption on. Nothing was changed.")
        return services.guard.actor


def _confirmed(password: str, password_env: str) -> bool:
    """Typed again, at a terminal; a script's ``AVENUE_DESK_PASSWORD`` is its own."""
    import os

    if os.environ.get(password_env):
        return True
    print("This encrypts the records for good: your password and a new recovery code will be "
          "the Headteacher's ways in, and every other account gets a temporary password.",
          file=sys.stderr)
    return getpass.getpass("Type your password again to go ahead: ") == password


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _opened_again(args, paths: AppPaths, password: str) -> dict[str, int]:
    """The new records opened as any command opens them (the key is remembered)."""
    from avenue_desk.cli.sign_in import sign_in
    from avenue_desk.services.container import open_services

    with open_services(paths, origin="cli") as services:
        sign_in(services, args.user, paths, password)
        return services.backup.live_counts()
