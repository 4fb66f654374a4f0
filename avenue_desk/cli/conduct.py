"""``avenue-desk conduct …``: the code of conduct register and forms, from the command line.

    avenue-desk [--data-dir D] [--user NAME] conduct register -o FILE.pdf   (or FILE.csv)
    avenue-desk [--data-dir D] [--user NAME] conduct register --status overdue \
        --status never -o FILE.csv
    avenue-desk [--data-dir D] [--user NAME] conduct form [--person ID] -o FILE.pdf

Kept apart from ``parser`` so it can grow on its own; ``parser`` adds the parser and ``commands``
calls ``run_conduct``. No Qt is imported here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from avenue_desk.paths import AppPaths
from avenue_desk.services.conduct import STATUS_LABELS, STATUSES
from avenue_desk.services.core.errors import ServiceError


def add_conduct_parser(subparsers) -> argparse.ArgumentParser:
    conduct = subparsers.add_parser(
        "conduct", help="the staff code of conduct: the register and the paper form")
    which = conduct.add_subparsers(dest="conduct_command", metavar="WHAT", required=True)
    register = which.add_parser(
        "register", help="everyone the code applies to, with their status (.pdf or .csv)")
    register.add_argument("-o", "--output", type=Path, required=True,
                          help="FILE.pdf or FILE.csv (the extension chooses the format)")
    register.add_argument("--status", action="append", choices=STATUSES, default=[],
                          help="only people with this status (may be given more than once): "
                          + "; ".join(f"{k} = {v.lower()}" for k, v in STATUS_LABELS.items()))
    form = which.add_parser("form", help="the printable acknowledgement form (PDF)")
    form.add_argument("--person", type=int, metavar="ID",
                      help="print this person's name on it (the id is in the register CSV); "
                      "without it the form is blank")
    form.add_argument("-o", "--output", type=Path, required=True)
    return conduct


def run_conduct(args: argparse.Namespace, paths: AppPaths) -> int:
    from avenue_desk.cli.sign_in import signed_in
    from avenue_desk.services.conduct import RegisterQuery, save

    try:
        with signed_in(args, paths) as services:
            documents = services.conduct_documents
            if args.conduct_command == "register":
                query = RegisterQuery(statuses=tuple(dict.fromkeys(args.status)))
                count = documents.write_register(args.output, query)
                print(f"Saved the register ({count} {'person' if count == 1 else 'people'}) "
                      f"to {args.output}")
                return 0
            if args.output.suffix.lower() != ".pdf":
                raise ServiceError(f"“{args.output.name}”: the form is saved as a .pdf file.")
            save(args.output, documents.form_pdf(args.person))
            documents.record_output("saved", args.output.name, document=(
                "Blank code of conduct form" if args.person is None
                else f"Code of conduct form (person {args.person})"))
            whose = "a blank form" if args.person is None else f"the form for person {args.person}"
            print(f"Saved {whose} to {args.output}")
            return 0
    except ServiceError as error:
        print(f"avenue-desk conduct {args.conduct_command}: {error}", file=sys.stderr)
        return 1
