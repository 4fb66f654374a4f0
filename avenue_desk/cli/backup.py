"""``avenue-desk backup`` and ``avenue-desk restore``, wired in by ``parser`` and ``commands``.

Like the rest of the command line, nothing here imports Qt, and the services are imported
only when a command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from avenue_desk.cli.arguments import folder_held, progress_printer
from avenue_desk.paths import AppPaths

COMMANDS = ("backup", "restore", "migrate-to")


def add_backup_parsers(subparsers) -> None:
    backup = subparsers.add_parser(
        "backup", help="back up the records and every evidence file to one .zip file")
    backup.add_argument(
        "-o", "--output", type=Path,
        help="the file (or folder) to write; by default, a dated file in the backup folder "
             "chosen in Settings, which keeps 12 daily, 10 weekly and 9 monthly backups")
    restore = subparsers.add_parser(
        "restore", help="restore the records and evidence from a backup file (it is checked "
                        "first, and the data it replaces is kept in the data folder)")
    restore.add_argument("file", type=Path, help="the backup file (.zip)")
    restore.add_argument("--check", action="store_true",
                         help="only check the backup; replace nothing")
    move = subparsers.add_parser(
        "migrate-to", help="move the records and every evidence file to another, empty "
                           "database: a PostgreSQL URL, or a data folder to come back to "
                           "SQLite (rows counted and files hashed on both sides first)")
    move.add_argument("target", help="postgresql+psycopg://USER:PASSWORD@HOST/DATABASE, or "
                                     "a data folder")


def run_backup_command(args: argparse.Namespace, paths: AppPaths) -> int:
    from avenue_desk.services.core.errors import ServiceError

    handler = {"backup": _backup, "restore": _restore, "migrate-to": _migrate}[args.command]
    try:
        return handler(args, paths)
    except ServiceError as error:
        print(f"avenue-desk {args.command}: {error}", file=sys.stderr)
        return 1


def _backup(args, paths: AppPaths) -> int:
    from avenue_desk.cli.sign_in import signed_in

    with signed_in(args, paths) as services:  # which says what is wrong with the records
        if services.db.on_network_share:
            print(f"Warning: {services.db.notices[-1]}", file=sys.stderr)
        info = services.backup.backup(args.output, progress=progress_printer("Backing up"))
    print(f"Backed up {_contents(info)} to {info.path} ({info.size_bytes / 1e6:,.1f} MB).")
    for name in info.missing_evidence:
        print(f"Warning: evidence file {name} was missing, so it is not in the backup.",
              file=sys.stderr)
    if info.database_check != "ok":
        print(f"Warning: the records are damaged, so this backup is not a good one to "
              f"restore: {info.database_check}", file=sys.stderr)
    return 0


def _restore(args, paths: AppPaths) -> int:
    from avenue_desk.services.safety import RestoreRefused, restore_backup, verify_backup

    if args.check:  # reads only the backup file, not the records: no sign-in
        _open_backup_key(args)
        verification = verify_backup(args.file, progress=progress_printer("Checking"))
        if not verification.ok:
            raise RestoreRefused(verification)
        print(f"{args.file} passed every check: {_contents(verification.info)}.")
        for warning in verification.warnings:
            print(f"Warning: {warning}")
        return 0
    username = _may_restore(args, paths)
    _open_backup_key(args)
    with folder_held(paths.data_dir, "nothing was restored"):
        # The restore's audit row goes in with the restored records, in the same step.
        result = restore_backup(paths, args.file, progress=progress_printer("Checking the backup"),
                                requested_by=username, origin="cli")
    for line in result.lines():
        print(line)
    return 0


def _migrate(args, paths: AppPaths) -> int:
    """The Headteacher's, as a restore is; the source's folder locked while it runs, so no
    window saves anything the copy would miss."""
    from avenue_desk.services.core.clock import SystemClock
    from avenue_desk.services.safety import move_records, where_shown

    if args.target.startswith("sqlite:///"):  # a data folder's file: that folder
        target = AppPaths(Path(args.target.removeprefix("sqlite:///")).parent)
    elif "://" in args.target:
        target = AppPaths(paths.data_dir, database_url_override=args.target)
    else:
        target = AppPaths(Path(args.target).expanduser())
    username = _may_restore(args, paths)
    with folder_held(paths.data_dir, "nothing was moved"):
        result = move_records(paths, target, SystemClock(), username)
    for line in result.lines(where_shown(target)):
        print(line)
    if target.uses_sqlite_file:
        print(f"Open them from now on with --data-dir \"{target.data_dir}\".")
    else:
        print("Open them from now on with --database-url (or AVENUE_DESK_DATABASE_URL) "
              "set to that URL, on every PC.")
    return 0


def _open_backup_key(args) -> None:
    """An encrypted backup whose key this program does not hold (a new computer, or records
    whose key changed since): opened with the password one of its accounts had that day."""
    from avenue_desk.cli.sign_in import NO_USER, read_password
    from avenue_desk.services.core.data_key import SecretRefused
    from avenue_desk.services.core.errors import ServiceError
    from avenue_desk.services.safety import backup_key_held, unlock_backup

    if backup_key_held(args.file) is not False:
        return  # plain, or its key is held already (the same school's records)
    if not args.user:
        raise ServiceError("This backup is encrypted. " + NO_USER)
    password = read_password(f"Password for {args.user} (as it was when the backup was "
                             "made): ")
    try:
        unlock_backup(args.file, args.user, password)
    except SecretRefused:
        raise ServiceError("That username and password do not open this backup. Use an "
                           "account's password as it was on the day the backup was "
                           "made.") from None


def _may_restore(args, paths: AppPaths) -> str:
    """Replacing records needs the Headteacher signed in to them; into a folder with no
    records yet (a new computer) there is no one to sign in to. Returns the username."""
    from avenue_desk.cli.sign_in import sign_in, unlock_records
    from avenue_desk.policy.access import Operation
    from avenue_desk.services.container import open_services
    from avenue_desk.services.core.data_key import KeyFileProblem
    from avenue_desk.services.core.database import database_exists

    if not database_exists(paths):
        return args.user or ""
    try:
        password = unlock_records(paths, args.user)
    except KeyFileProblem:
        return args.user or ""  # a lost or damaged key file: as damaged records, restorable
    with open_services(paths, origin="cli") as services:
        if services.db.damaged:
            return args.user or ""  # damaged: its accounts may be unreadable
        if not services.accounts.has_users():
            return args.user or ""
        sign_in(services, args.user, paths, password)
        services.guard.require(Operation.RESTORE)
        return services.guard.actor.username


def _contents(info) -> str:
    return (f"{info.count('incidents'):,} incident(s), {info.count('people'):,} people, "
            f"{info.count('actions'):,} action(s) and {info.evidence_files:,} evidence file(s)")
