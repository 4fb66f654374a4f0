"""``avenue-desk step …``: record a step of the procedure on an incident, as the window's
"Record a step" does, so that a letter's wording can be checked from a script.

    avenue-desk --user NAME step INCIDENT STEP --on YYYY-MM-DD [--at HH:MM] --by NAME
        --outcome TEXT [--follow-up YYYY-MM-DD] [--notes TEXT]

The same rules as the window: the escalation service refuses a step the policy does not
allow from where the case stands (the policy's reason and sentence are printed), a date in
the future, or a step that moves the case on without who took it and what came of it.
With no ``--follow-up``, a step that waits for something gets the follow-up the window
proposes (the school's follow-up period later, on a school day); a follow-up typed on a
day that is not a school day is kept, as the window keeps it, and the command says so.
No Qt is imported here.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, time

from avenue_desk.cli.arguments import iso_date
from avenue_desk.paths import AppPaths

# How the window names the stages (ui/labels.py, which the headless commands do not load).
STAGES = {"new": "New", "informal": "Informal stage", "meeting": "Meeting stage",
          "escalated": "Escalated", "closed": "Closed"}


def clock_time(text: str) -> time:
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a time like 15:30") from None


def step_key(text: str) -> str:
    from avenue_desk.policy import STEP_KEYS

    key = text.strip().lower().replace("-", "_")
    if key not in STEP_KEYS:
        raise argparse.ArgumentTypeError(
            f"“{text}” is not a step; the steps are {', '.join(STEP_KEYS)}")
    return key


def add_step_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "step", help="record a step of the procedure on an incident, with the window's rules")
    parser.add_argument("incident", type=int, metavar="INCIDENT", help="the incident's number")
    parser.add_argument("step", type=step_key, metavar="STEP",
                        help="e.g. informal_discussion, removal_request, parent_refused")
    parser.add_argument("--on", dest="taken_on", type=iso_date, required=True,
                        metavar="YYYY-MM-DD", help="the day it was taken")
    parser.add_argument("--at", dest="taken_at", type=clock_time, metavar="HH:MM",
                        help="the time it was taken, if known")
    parser.add_argument("--by", dest="taken_by", required=True, metavar="NAME",
                        help="who took it")
    parser.add_argument("--outcome", required=True, metavar="TEXT", help="what came of it")
    parser.add_argument("--follow-up", dest="follow_up", type=iso_date, metavar="YYYY-MM-DD",
                        help="when to follow it up (default: as the window proposes)")
    parser.add_argument("--notes", default="", metavar="TEXT")
    return parser


def run_step(args: argparse.Namespace, paths: AppPaths) -> int:
    """Refusals (StepNotAllowed, with the policy's sentence) and other ServiceErrors are
    printed by ``commands.run``; a refused field is named here."""
    from avenue_desk.cli.sign_in import signed_in
    from avenue_desk.policy import get_step
    from avenue_desk.services.core.errors import ValidationError
    from avenue_desk.services.core.validation import uk_date
    from avenue_desk.services.incidents import ActionInput

    step = get_step(args.step)
    with signed_in(args, paths) as services:
        escalation = services.escalation
        due = args.follow_up
        if due is None and step.expects_reply:
            due = escalation.default_follow_up(args.taken_on)
        data = ActionInput(step=step.key, taken_on=args.taken_on, taken_by=args.taken_by,
                           outcome=args.outcome, notes=args.notes, follow_up_due=due,
                           taken_at=args.taken_at)
        try:
            change = escalation.check(args.incident, data)
            escalation.record(args.incident, data)
        except ValidationError as error:
            print(f"avenue-desk step: refused. {error}", file=sys.stderr)
            return 1
        day = escalation.follow_up_day(due) if due else None
    when = uk_date(args.taken_on) + (f" at {args.taken_at:%H:%M}" if args.taken_at else "")
    print(f"Recorded on incident {args.incident}: “{step.label}”, {when}, by "
          f"{args.taken_by.strip()}.")
    if change.moves:
        print(f"The case moved from {STAGES.get(change.stage_before, change.stage_before)} "
              f"to {STAGES.get(change.stage_after, change.stage_after)}.")
    if due is not None:
        print(f"Follow-up due {uk_date(due)}.")
        if day is not None and day.problem:
            print(f"Note: {uk_date(due)} is {day.problem}, not a school day; the next school "
                  f"day is {uk_date(day.next_school_day)}.")
    return 0
