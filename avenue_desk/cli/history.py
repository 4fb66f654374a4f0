"""``avenue-desk incidents`` and ``avenue-desk history``: finding a poster's incidents, and a
person's chronology, from the command line.

    avenue-desk [--data-dir D] --user NAME incidents [--search TEXT] [--posted-by PERSON_ID]
        [--status open|closed]          (CSV on standard output, the export's columns)
    avenue-desk [--data-dir D] --user NAME history PERSON_ID -o FILE.pdf   (or FILE.csv)

The search is the incident list's: the words of the post, its summary and steps' notes, and
the names of the poster, the people named and the posting account, accents ignored.
Kept apart from cli/parser.py, which adds the parsers, and cli/commands.py, which calls
``run_incidents`` and ``run_history``. No Qt is imported here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from avenue_desk.cli.arguments import positive_int
from avenue_desk.paths import AppPaths


def add_history_parsers(subparsers) -> None:
    listing = subparsers.add_parser(
        "incidents", help="list matching incidents as CSV on standard output (the export's "
        "columns), newest first")
    listing.add_argument("--search", default="", metavar="TEXT",
                         help="words of the post, or a name: the poster, a pupil or member of "
                         "staff named, a social media account (accents ignored)")
    listing.add_argument("--posted-by", type=positive_int, metavar="PERSON_ID",
                         help="only incidents this person posted (directly, or through a "
                         "social media account linked to them)")
    listing.add_argument("--status", choices=("open", "closed"))
    history = subparsers.add_parser(
        "history", help="a person's chronology: every incident they posted, were named in "
        "or reported, its steps and letters, their code of conduct records (.pdf or .csv)")
    history.add_argument("person", type=positive_int, metavar="PERSON_ID",
                         help="the person's number (in the People list and the exports)")
    history.add_argument("-o", "--output", type=Path, required=True,
                         help="FILE.pdf or FILE.csv (the extension chooses the format)")


def _asked(args) -> str:
    """What was asked for, in words, for the audit trail."""
    parts = []
    if args.search.strip():
        parts.append(f"search “{args.search.strip()}”")
    if args.posted_by is not None:
        parts.append(f"posted by person {args.posted_by}")
    if args.status:
        parts.append(f"{args.status} only")
    return "; ".join(parts) or "every incident"


def run_incidents(args: argparse.Namespace, paths: AppPaths) -> int:
    from avenue_desk.cli.sign_in import signed_in
    from avenue_desk.services.incidents import IncidentQuery
    from avenue_desk.services.transfer import write_incidents_csv

    query = IncidentQuery(status=args.status, text=args.search, posted_by=args.posted_by)
    with signed_in(args, paths) as services:
        if args.posted_by is not None:
            services.people.get(args.posted_by)  # NotFound: "No person with id …"
        ids = services.incidents.ids(query)
        _utf8(sys.stdout)
        count = write_incidents_csv(services.transfer, ids, sys.stdout, _asked(args))
    sys.stdout.flush()
    print(f"{count} incident(s) match.", file=sys.stderr)
    return 0


def run_history(args: argparse.Namespace, paths: AppPaths) -> int:
    from avenue_desk.cli.sign_in import signed_in

    with signed_in(args, paths) as services:
        chronology = services.history.write(args.person, args.output)
    lines = len(chronology.lines)
    print(f"Saved the chronology of {chronology.person.full_name} "
          f"({lines} line{'' if lines == 1 else 's'}) to {args.output}")
    return 0


def _utf8(stream) -> None:
    """Names in any script reach a pipe as written: never a character replaced."""
    encoding = (getattr(stream, "encoding", "") or "").replace("-", "").lower()
    if encoding != "utf8" and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8")
