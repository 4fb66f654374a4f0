"""The ``avenue-desk`` command. With no command it opens the window; the rest run headless.

    avenue-desk [--data-dir D] [--user NAME] COMMAND ...

Every command that reads or changes records signs in as ``--user``, with the password
asked for (without echo) or taken from ``AVENUE_DESK_PASSWORD`` for scripts. ``init`` makes
a new database with its administrator; ``demo`` fills an empty one with a fictional school
and its four accounts.

Nothing here imports Qt at module level: the headless commands must run on a server with
no display. ``screenshot`` and the GUI import ``avenue_desk.ui`` only when asked for.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from avenue_desk import __version__
from avenue_desk.cli.arguments import iso_date, meeting_time, positive_int
from avenue_desk.cli.backup import add_backup_parsers
from avenue_desk.cli.conduct import add_conduct_parser
from avenue_desk.cli.encrypt import add_encrypt_parser
from avenue_desk.cli.evidence import add_evidence_parser
from avenue_desk.cli.history import add_history_parsers
from avenue_desk.cli.platform_reports import add_platform_report_parser
from avenue_desk.cli.policy_review import add_policy_review_parser
from avenue_desk.cli.retention import add_retention_parser
from avenue_desk.cli.server import add_server_parser
from avenue_desk.cli.settings import add_settings_parser
from avenue_desk.cli.step import add_step_parser
from avenue_desk.cli.subject_access import add_sar_parser
from avenue_desk.paths import AppPaths

SCREENS = ("home", "incidents", "incident", "people", "reports", "settings", "first-run",
           "conduct-wizard", "conduct-register", "login", "lock", "audit", "accounts",
           "retention", "help", "people-import", "step-correct", "policy-review",
           "chronology", "social-accounts", "course-of-conduct", "evidence-capture",
           "platform-reports")
LETTER_KINDS = ("removal-request", "meeting", "warning", "forum-restriction", "host-takedown",
                "police-referral")  # the same as services.letters.KINDS (kept Qt- and DB-free)


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
    parser.add_argument("--user", metavar="NAME", help="your username: the password is asked "
                        "for, or read from AVENUE_DESK_PASSWORD")
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser(
        "init", help="set up a new database with its administrator (the Headteacher's) "
        "account; prints the one-time recovery code")
    init.add_argument("--school", required=True, metavar="NAME", help="the school's name")
    init.add_argument("--head", required=True, metavar="NAME", help="the Headteacher's name")
    init.add_argument("--admin-user", required=True, metavar="NAME",
                      help="the administrator's username")

    demo = commands.add_parser(
        "demo", help="fill an empty database with a fictional school and its accounts "
        "(head, office, governor, staff)")
    demo.add_argument("--incidents", type=positive_int, default=300)
    demo.add_argument("--seed", type=int, default=2021)

    imp = commands.add_parser("import", help="import people or incidents from a CSV file")
    imp.add_argument("kind", choices=("people", "incidents"))
    imp.add_argument("file", type=Path)
    imp.add_argument("--preview", action="store_true",
                     help="people: say what would be added, updated and refused (the layout "
                     "recognised, the columns as understood); save nothing")
    imp.add_argument("--map", action="append", default=[], metavar='"FIELD=COLUMN"',
                     help="people: what a column means where the header does not settle it, "
                     'e.g. --map "contact.forename=First Name" or --map '
                     '"pupil.surname=column 2"; saved for the school and used again')

    exp = commands.add_parser("export", help="export incidents, or everyone on record, to a "
                              "CSV file")
    exp.add_argument("kind", choices=("incidents", "people"))
    exp.add_argument("-o", "--output", type=Path, required=True)

    commands.add_parser("check", help="check the database and every evidence file's hash")

    letter = commands.add_parser(
        "letter", help="write a letter about an incident to a PDF (and record it on the "
        "incident's timeline, as printing it in the window does)")
    letter.add_argument("incident", type=int, metavar="INCIDENT_ID")
    letter.add_argument("--kind", choices=LETTER_KINDS, required=True)
    letter.add_argument("--meeting", type=meeting_time, metavar='"YYYY-MM-DD HH:MM"',
                        help="date and time of the meeting (needed for --kind meeting)")
    letter.add_argument("--place", metavar="ROOM", help="where the meeting is (--kind meeting)")
    letter.add_argument("--months", type=positive_int, metavar="N",
                        help="how long a forum restriction lasts (--kind forum-restriction; "
                        "default 3)")
    letter.add_argument("--confirm", action="append", default=[], metavar="CHECK",
                        choices=("no-address", "post-removed", "school-holiday"),
                        help="answer a check, as the window's tick box does: no-address (it "
                        "will be handed over), post-removed (send it all the same), "
                        "school-holiday (meet in the holidays all the same); repeatable")
    letter.add_argument("-o", "--output", type=Path, required=True)

    guidance = commands.add_parser("guidance", help="the guidance sheet for parents, as a PDF")
    guidance.add_argument("-o", "--output", type=Path, required=True)

    summary = commands.add_parser("summary", help="the report to governors for a term, the "
                                  "summer holiday, a month or (Headteacher and office) any dates")
    when = summary.add_mutually_exclusive_group(required=True)
    when.add_argument("--term", metavar="TERM-YEAR",
                      help="e.g. autumn-2026, spring-2027, summer-holiday-2026")
    when.add_argument("--month", metavar="YYYY-MM", help="a whole month, e.g. 2026-10")
    when.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD")
    summary.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD")
    summary.add_argument("-o", "--output", type=Path, required=True)

    audit = commands.add_parser("audit", help="export the audit trail to a CSV file "
                                "(Headteacher only)")
    audit.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD")
    audit.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD")
    audit.add_argument("-o", "--output", type=Path, required=True)

    add_backup_parsers(commands)
    add_conduct_parser(commands)
    add_encrypt_parser(commands)
    add_evidence_parser(commands)
    add_history_parsers(commands)
    add_platform_report_parser(commands)
    add_policy_review_parser(commands)
    add_retention_parser(commands)
    add_sar_parser(commands)
    add_server_parser(commands)
    add_settings_parser(commands)
    add_step_parser(commands)

    shot = commands.add_parser("screenshot", help="render a screen to a PNG (1366×768)")
    shot.add_argument("screen", choices=SCREENS)
    shot.add_argument("-o", "--output", type=Path, required=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "summary" and args.date_from is not None and args.date_to is None:
        parser.error("summary: --from needs --to (or use --term autumn-2026 or --month 2026-10)")
    if args.command == "summary" and args.date_from is None and args.date_to is not None:
        parser.error("summary: give either --term, --month or --from and --to, not both")
    paths = AppPaths.resolve(args.data_dir, args.database_url)
    if args.command is None:
        from avenue_desk.app import run_gui

        return run_gui(paths, smoke_test=args.smoke_test)
    from avenue_desk.cli import commands

    try:
        return commands.run(args, paths)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
