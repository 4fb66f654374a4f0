"""``avenue-desk sar PERSON_ID -o DIR``: a subject access export from the command line.

    avenue-desk [--data-dir D] --user NAME sar 287 -o "SAR Tunde Adebayo" [--received 2026-11-20]

Everything held about one person, other people's names replaced, into a new (or empty)
folder with a PDF index (``services.subject_access``). The Headteacher's account only.
Kept apart from cli/parser.py, which adds the parser, and cli/commands.py, which calls ``run_sar``.
No Qt is imported here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from avenue_desk.cli.arguments import iso_date
from avenue_desk.paths import AppPaths


def add_sar_parser(subparsers) -> argparse.ArgumentParser:
    sar = subparsers.add_parser(
        "sar", help="subject access request: everything held about one person, other "
        "people's names marked for redaction, into a new folder with a PDF index "
        "(Headteacher only)")
    sar.add_argument("person", type=int, metavar="PERSON_ID",
                     help="the person's number (in the People list and the exports)")
    sar.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                     help="a new folder, or an empty one")
    sar.add_argument("--received", type=iso_date, metavar="YYYY-MM-DD",
                     help="the day the request arrived (default: today); the reply is due "
                     "one calendar month later")
    return sar


def run_sar(args: argparse.Namespace, paths: AppPaths) -> int:
    from avenue_desk.cli.sign_in import signed_in
    from avenue_desk.services.core.errors import ServiceError
    from avenue_desk.services.privacy import KEY_FILE

    try:
        with signed_in(args, paths) as services:
            result = services.subject_access.export(args.person, args.output,
                                           received_on=args.received)
    except ServiceError as error:
        print(f"avenue-desk sar: {error}", file=sys.stderr)
        return 1
    print(result.summary())
    for name in result.by_hand:
        print(f"  check and redact by hand: {name}")
    for problem in result.not_copied:
        print(f"Warning: evidence not copied: {problem}", file=sys.stderr)
    print(f"Take {KEY_FILE} out of the folder before sending it.")
    print(f"Folder: {result.folder}")
    return 0
