"""``avenue-desk platform-report``: the reports made to the platform about an incident, from
the command line, with the checks the incident's "Reports to the platform" tab makes.

    avenue-desk --user NAME platform-report add INCIDENT --on YYYY-MM-DD [--reference REF]
        [--reply TEXT --reply-on YYYY-MM-DD] [--to platform|report-harmful-content]
    avenue-desk --user NAME platform-report list INCIDENT      (CSV on standard output)

Who recorded it is the person signed in; the audit trail notes it as the window does. No
Qt is imported.
"""

from __future__ import annotations

import argparse
import sys

from avenue_desk.cli.arguments import iso_date, positive_int
from avenue_desk.paths import AppPaths
from avenue_desk.policy.platform_routes import NEXT_ROUTES, PLATFORM

# Where a report was made, as typed on a command line ("report-harmful-content"), and the
# key it is kept under.
TO = {key.replace("_", "-"): key for key in (PLATFORM, *(r.key for r in NEXT_ROUTES))}
COLUMNS = ("Report", "Incident", "Reported on", "Made to", "Reference", "Reply",
           "Reply on", "Recorded by")


def add_platform_report_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "platform-report", help="record or list the reports made to the platform about an "
        "incident (date, the platform's reference, its reply)")
    actions = parser.add_subparsers(dest="platform_report_command", metavar="ACTION",
                                    required=True)
    add = actions.add_parser("add", help="record a report made to the platform (or to the "
                             "route after it, Report Harmful Content)")
    add.add_argument("incident", type=positive_int, metavar="INCIDENT",
                     help="the incident's number")
    add.add_argument("--on", dest="reported_on", type=iso_date, required=True,
                     metavar="YYYY-MM-DD", help="the date the report was made")
    add.add_argument("--reference", default="", metavar="REF",
                     help="the reference or case number the platform gave")
    add.add_argument("--reply", default="", metavar="TEXT", help="what it replied")
    add.add_argument("--reply-on", type=iso_date, metavar="YYYY-MM-DD",
                     help="the date of the reply")
    add.add_argument("--to", choices=tuple(TO), default="platform",
                     help="where the report was made (default: the platform itself)")
    listing = actions.add_parser("list", help="the incident's reports as CSV on standard "
                                 "output, oldest first")
    listing.add_argument("incident", type=positive_int, metavar="INCIDENT")
    return parser


def run_platform_report(args: argparse.Namespace, paths: AppPaths) -> int:
    """A refusal (no such incident, a date in the future or before the post, a reply date
    without the reply) is one sentence on stderr, exit code 1; nothing is recorded."""
    from avenue_desk.cli.sign_in import signed_in
    from avenue_desk.services.core.errors import NotFound, ValidationError

    with signed_in(args, paths) as services:
        try:
            if args.platform_report_command == "list":
                services.incidents.current(args.incident)  # NotFound: said, not an empty list
                return _list(services.platform_reports.for_incident(args.incident))
            return _add(services, args)
        except (ValidationError, NotFound) as error:
            doing = "not recorded" if args.platform_report_command == "add" else "nothing listed"
            print(f"avenue-desk platform-report {args.platform_report_command}: {doing}. "
                  f"{error}", file=sys.stderr)
            return 1


def _add(services, args) -> int:
    from avenue_desk.services.core.validation import uk_date
    from avenue_desk.services.incidents import PlatformReportInput

    record = services.platform_reports.add(args.incident, PlatformReportInput(
        args.reported_on, args.reference, args.reply, args.reply_on, TO[args.to]))
    to = "the platform" if record.made_to == PLATFORM else next(
        route.name for route in NEXT_ROUTES if route.key == record.made_to)
    print(f"Recorded report {record.id} on incident {record.incident_id}: made to {to} on "
          f"{uk_date(record.reported_on)}, reference "
          f"{record.reference or 'not given'}, by {record.recorded_by}.")
    return 0


def _list(records) -> int:
    from avenue_desk.services.core.csvfiles import GuardedWriter

    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")  # a name in any script, as written
    writer = GuardedWriter(sys.stdout)
    writer.writerow(COLUMNS)
    for r in records:
        writer.writerow((r.id, r.incident_id, r.reported_on.isoformat(),
                         r.made_to.replace("_", "-"), r.reference, r.reply,
                         r.reply_on.isoformat() if r.reply_on else "", r.recorded_by))
    sys.stdout.flush()
    print(f"{len(records)} report(s).", file=sys.stderr)
    return 0
