"""``avenue-desk policy-review …``: the governors' review of the policy in force.

    avenue-desk [--data-dir D] --user NAME policy-review show
    avenue-desk [--data-dir D] --user NAME policy-review record --reviewed-on 2026-12-03 \
        [--next 2027-12-03] [--note "Full governing body, minute 7"]

``show`` says where the review of the edition in force stands and lists the reviews recorded
before (from the audit trail); governors and the office may see it. ``record`` is the
Headteacher's, checked as the window checks it (not in the future, the next review after
it, a year on when ``--next`` is left out). Kept apart from cli/parser.py, which adds the
parser, and cli/commands.py, which calls ``run_policy_review``. No Qt is imported here.
"""

from __future__ import annotations

import argparse
import sys

from avenue_desk.cli.arguments import iso_date
from avenue_desk.paths import AppPaths


def add_policy_review_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "policy-review", help="the governors' review of the policy: show, record "
        "(recording is the Headteacher's)")
    which = parser.add_subparsers(dest="review_command", metavar="WHAT", required=True)
    which.add_parser("show", help="where the review stands, and the reviews recorded before")
    record = which.add_parser("record", help="governors reviewed the edition in force")
    record.add_argument("--reviewed-on", type=iso_date, required=True, metavar="YYYY-MM-DD",
                        help="the day governors reviewed it (not in the future)")
    record.add_argument("--next", dest="next_review", type=iso_date, metavar="YYYY-MM-DD",
                        help="when the next review is due (default: a year later)")
    record.add_argument("--note", default="", metavar="TEXT",
                        help="where the minutes record it, e.g. \"FGB 3/12/26, minute 7\"")
    return parser


def run_policy_review(args: argparse.Namespace, paths: AppPaths) -> int:
    from avenue_desk.cli.sign_in import signed_in
    from avenue_desk.services.core.errors import ServiceError

    try:
        with signed_in(args, paths) as services:
            reviews = services.policy_review
            if args.review_command == "record":
                review = reviews.record(args.reviewed_on, args.next_review, args.note)
                print(f"Recorded: governors reviewed {review.edition_name}.")
                print(review.status.message)
                return 0
            _show(reviews)
    except ServiceError as error:
        print(f"avenue-desk policy-review {args.review_command}: {error}", file=sys.stderr)
        return 1
    return 0


def _show(reviews) -> None:
    review = reviews.current()
    print(f"In force: {review.edition_name}.")
    print(review.status.message)
    if review.note:
        print(f"Minutes: {review.note}")
    past = reviews.history()
    if past:
        print()
        print("Recorded before (newest first, from the audit trail):")
    for entry in past:
        print(f"  {entry.recorded_at:%d/%m/%Y %H:%M} by {entry.recorded_by}: {entry.summary}")
