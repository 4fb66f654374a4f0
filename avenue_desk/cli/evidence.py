"""``avenue-desk evidence add``: a file added to an incident's evidence with the window's
checks (its type judged by what is inside, the size limit, the SHA-256 taken as it is
copied in).

    avenue-desk --user NAME evidence add INCIDENT FILE [--captured "YYYY-MM-DD HH:MM"]
        [--url URL] [--account @NAME] [--note TEXT]

Without ``--captured`` the file's own time stamp gives when it was captured, as the
window's "Add files…" does; who captured it is the person signed in. No Qt is imported.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from avenue_desk.cli.arguments import meeting_time
from avenue_desk.paths import AppPaths


def add_evidence_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("evidence", help="add a file to an incident's evidence")
    actions = parser.add_subparsers(dest="evidence_command", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add", help="copy a screenshot, PDF or saved web page into the incident's evidence, "
        "checked and fingerprinted as the window does")
    add.add_argument("incident", type=int, metavar="INCIDENT", help="the incident's number")
    add.add_argument("file", type=Path, metavar="FILE")
    add.add_argument("--captured", type=meeting_time, metavar='"YYYY-MM-DD HH:MM"',
                     help="when it was captured (default: the file's own time stamp)")
    add.add_argument("--url", default="", metavar="URL", help="the web address captured")
    add.add_argument("--account", default="", metavar="@NAME",
                     help="the account the capture shows, as the site shows it")
    add.add_argument("--note", default="", metavar="TEXT")
    return parser


def run_evidence(args: argparse.Namespace, paths: AppPaths) -> int:
    """A refusal (not evidence, too big, already attached, no such incident) is one
    sentence on stderr, exit code 1; nothing is added."""
    from avenue_desk.cli.sign_in import signed_in
    from avenue_desk.services.core.errors import NotFound, ValidationError
    from avenue_desk.services.core.validation import uk_date

    captured = args.captured
    with signed_in(args, paths) as services:
        try:
            record = services.evidence.add(
                args.incident, args.file,
                captured_on=captured.date() if captured else None,
                captured_at=captured.time() if captured else None,
                note=args.note, url=args.url, account_shown=args.account)
        except (ValidationError, NotFound) as error:
            print(f"avenue-desk evidence add: not added. {error}", file=sys.stderr)
            return 1
    when = uk_date(record.captured_on) if record.captured_on else "date not known"
    if record.captured_at is not None:
        when += f" at {record.captured_at:%H:%M}"
    print(f"Added “{record.original_name}” to incident {record.incident_id} as evidence "
          f"{record.id}: {record.media_type}, captured {when} by {record.captured_by}.")
    print(f"SHA-256 {record.sha256}")
    return 0
