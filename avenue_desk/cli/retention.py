"""``avenue-desk retention …``: the records past their retention period (UK GDPR).

    avenue-desk [--data-dir D] --user NAME retention review
    avenue-desk [--data-dir D] --user NAME retention destroy incident:12 person:40 --confirm

``review`` lists what is due, with each kind's period; ``destroy`` removes the records named
(as ``review`` names them), their evidence files too, only with ``--confirm``: without it,
it says what would go and changes nothing. Both are the Headteacher's, signed in like every
other command. No Qt is imported here; cli/parser.py adds the parser and cli/commands.py calls
``run_retention``.
"""

from __future__ import annotations

import argparse
import sys

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.errors import ServiceError


def add_retention_parser(subparsers) -> argparse.ArgumentParser:
    retention = subparsers.add_parser(
        "retention", help="records past their retention period: review, destroy "
        "(Headteacher only)")
    which = retention.add_subparsers(dest="retention_command", metavar="WHAT", required=True)
    which.add_parser("review", help="list the records past their retention period")
    destroy = which.add_parser(
        "destroy", help="permanently destroy records the review lists, with their evidence "
        "files (needs --confirm)")
    destroy.add_argument("records", nargs="+", metavar="KIND:ID",
                         help="as the review lists them, e.g. incident:12 person:40")
    destroy.add_argument("--confirm", action="store_true",
                         help="yes, destroy them permanently (make a backup first)")
    return retention


def run_retention(args: argparse.Namespace, paths: AppPaths) -> int:
    from avenue_desk.cli.sign_in import signed_in

    try:
        if args.retention_command == "destroy":
            from avenue_desk.services.privacy import parse_key

            chosen = [parse_key(text) for text in args.records]
        with signed_in(args, paths) as services:
            if args.retention_command == "review":
                return _review(services)
            return _destroy(services, chosen, args.confirm)
    except ServiceError as error:
        print(f"avenue-desk retention {args.retention_command}: {error}", file=sys.stderr)
        return 1


def _review(services) -> int:
    from avenue_desk.services.core.validation import uk_date

    for period in services.retention.periods():
        print(f"{period.label}: kept {period.period_label} from {period.counted_from}.")
    due = services.retention.review()
    print()
    if not due:
        print(f"Nothing is past its retention period on {uk_date(services.clock.today())}.")
        return 0
    print(f"{len(due)} record(s) past their retention period on "
          f"{uk_date(services.clock.today())}:")
    for record in due:
        files = f", {record.evidence_files} evidence file(s)" if record.evidence_files else ""
        print(f"  {record.key:<16} {record.reference} — counted from "
              f"{uk_date(record.counted_from)}, due since {uk_date(record.due_on)}{files}")
    print("To destroy them: avenue-desk --user NAME retention destroy KIND:ID … --confirm "
          "(make a backup first).")
    return 0


def _destroy(services, chosen: list[tuple[str, int]], confirmed: bool) -> int:
    from avenue_desk.services.privacy import record_key

    due = {(r.kind, r.record_id): r for r in services.retention.review()}
    missing = [record_key(*key) for key in chosen if key not in due]
    if missing:
        raise ServiceError(f"Nothing was destroyed: {', '.join(missing)} "
                           f"{'is' if len(missing) == 1 else 'are'} not in the review list "
                           "(not past the retention period, or no such record).")
    files = sum(due[key].evidence_files for key in dict.fromkeys(chosen))
    what = f"{len(dict.fromkeys(chosen))} record(s) and {files} evidence file(s)"
    if not confirmed:
        print(f"This would permanently destroy {what}. Nothing was changed: add --confirm "
              "to destroy them (make a backup first).", file=sys.stderr)
        return 2
    result = services.retention.destroy(chosen)
    print(f"Destroyed {result.records} record(s) and {result.evidence_files} evidence "
          "file(s); the audit trail notes each by its number only.")
    for name in result.files_left:
        print(f"Warning: {name} could not be removed (is it open in another program?): "
              "delete it by hand.", file=sys.stderr)
    return 0
