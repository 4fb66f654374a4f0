"""The ``avenue-desk`` command. With no command it opens the window; the rest run headless.

Nothing here imports Qt at module level: the headless commands must run on a server with
no display. ``screenshot`` and the GUI import ``avenue_desk.ui`` only when asked for.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from avenue_desk import __version__
from avenue_desk.paths import AppPaths

SCREENS = ("home", "incidents", "incident", "people", "settings", "first-run")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="avenue-desk",
        description="Avenue Desk: the school office's record of social media misuse.",
    )
    parser.add_argument("--version", action="version", version=f"Avenue Desk {__version__}")
    parser.add_argument("--data-dir", help="folder for the database and evidence "
                        "(default: your user data folder; env AVENUE_DESK_DATA_DIR)")
    parser.add_argument("--database-url", help="SQLAlchemy URL of another database "
                        "(env AVENUE_DESK_DATABASE_URL)")
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="fill an empty database with a fictional school")
    demo.add_argument("--incidents", type=_positive_int, default=300)
    demo.add_argument("--seed", type=int, default=2021)

    imp = commands.add_parser("import", help="import people or incidents from a CSV file")
    imp.add_argument("kind", choices=("people", "incidents"))
    imp.add_argument("file", type=Path)

    exp = commands.add_parser("export", help="export incidents to a CSV file")
    exp.add_argument("kind", choices=("incidents",))
    exp.add_argument("-o", "--output", type=Path, required=True)

    commands.add_parser("check", help="check the database and every evidence file's hash")

    shot = commands.add_parser("screenshot", help="render a screen to a PNG (1366×768)")
    shot.add_argument("screen", choices=SCREENS)
    shot.add_argument("-o", "--output", type=Path, required=True)
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = AppPaths.resolve(args.data_dir, args.database_url)
    if args.command is None:
        from avenue_desk.app import run_gui

        return run_gui(paths, smoke_test=args.smoke_test)
    from avenue_desk import commands

    try:
        return commands.run(args, paths)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
