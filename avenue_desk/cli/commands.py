"""The headless commands, each a thin layer over the services the window uses, signed in
(``cli_auth.signed_in``) as the account named by ``--user``."""

from __future__ import annotations

import argparse
import os
import sys

from avenue_desk.cli.arguments import progress_printer
from avenue_desk.cli.backup import run_backup_command
from avenue_desk.cli.conduct import run_conduct
from avenue_desk.cli.damaged import refuse_if_damaged, restore_offer
from avenue_desk.cli.encrypt import run_encrypt
from avenue_desk.cli.evidence import run_evidence
from avenue_desk.cli.history import run_history, run_incidents
from avenue_desk.cli.outputs import warn_if_removable
from avenue_desk.cli.platform_reports import run_platform_report
from avenue_desk.cli.policy_review import run_policy_review
from avenue_desk.cli.retention import run_retention
from avenue_desk.cli.server import run_server
from avenue_desk.cli.settings import run_settings
from avenue_desk.cli.sign_in import PASSWORD_ENV, read_new_password, require_database, signed_in
from avenue_desk.cli.step import run_step
from avenue_desk.cli.subject_access import run_sar
from avenue_desk.paths import AppPaths
from avenue_desk.services.container import open_services
from avenue_desk.services.core.errors import ServiceError, StepNotAllowed


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    handler = {
        "init": init,
        "demo": demo,
        "audit": audit,
        "import": import_csv,
        "export": export_csv,
        "check": check,
        "letter": letter,
        "guidance": guidance,
        "summary": summary,
        "screenshot": screenshot,
        "conduct": run_conduct,
        "evidence": run_evidence,
        "incidents": run_incidents,
        "history": run_history,
        "platform-report": run_platform_report,
        "policy-review": run_policy_review,
        "retention": run_retention,
        "sar": run_sar,
        "server": run_server,
        "settings": run_settings,
        "step": run_step,
        "backup": run_backup_command,
        "restore": run_backup_command,
        "migrate-to": run_backup_command,
        "encrypt-records": run_encrypt,
    }[args.command]
    warn_if_removable(args)  # before anything is written; the command still runs
    try:
        return handler(args, paths)
    except StepNotAllowed as error:
        print(f"avenue-desk {args.command}: refused. {error}", file=sys.stderr)
        if error.quote is not None and error.quote.text not in str(error):
            from avenue_desk.policy import get_edition

            edition = get_edition(error.quote.edition_key)
            print(f"The policy ({edition.title}, {edition.produced_label}) says: "
                  f"“{error.quote.text}”", file=sys.stderr)
        return 1
    except ServiceError as error:
        print(f"avenue-desk {args.command}: {error}", file=sys.stderr)
        return 1
    except Exception as error:
        from avenue_desk.services.core.database_server import database_trouble

        trouble = database_trouble(error, paths.database_url)  # the server went away
        if trouble is None:
            raise
        print(f"avenue-desk {args.command}: {trouble}", file=sys.stderr)
        return 1


def init(args, paths: AppPaths) -> int:
    """A new database with its administrator; the recovery code is printed this once."""
    from avenue_desk.services.core.database import database_exists

    if database_exists(paths):  # on a server: its database has Avenue Desk's tables
        from avenue_desk.services.core import records_key

        if records_key.is_locked(paths) and not records_key.is_unfinished(paths):
            raise ServiceError(f"{paths.data_dir} already has Avenue Desk's records, "
                               "encrypted, with accounts: nothing was changed. Sign in "
                               "with --user.")
        with open_services(paths, origin="cli") as services:
            refuse_if_damaged(services, "Nothing was set up.")
            if services.accounts.has_users():
                place = paths.data_dir if paths.uses_sqlite_file else "The server's database"
                raise ServiceError(f"{place} already has an Avenue Desk database "
                                   "with accounts: nothing was changed. Sign in with --user.")
    password = read_new_password()
    _check_new_account(args, password)
    with open_services(paths, origin="cli") as services:
        code = _set_up(services, args, password)
    print(f"Set up {args.school} in {_where_records_are(paths)}, with the administrator "
          f"account “{args.admin_user}”.")
    print("The administrator's recovery code (shown only this once; print it or write it "
          "down and keep it locked away, apart from the computer):")
    print(f"    {code}")
    return 0


def _where_records_are(paths: AppPaths) -> str:
    if paths.uses_sqlite_file:
        return str(paths.data_dir)
    from avenue_desk.services.core.database_server import server_of

    return f"the database at {server_of(paths.database_url)}"


def _check_new_account(args, password: str) -> None:
    """The username and password checked before any database is made for them."""
    from avenue_desk.policy.passwords import password_problems, username_problem
    from avenue_desk.services.accounts import load_common_passwords

    problems = [username_problem(args.admin_user)] + password_problems(
        password, username=args.admin_user, school_name=args.school,
        common=load_common_passwords())
    if any(problems):
        raise ServiceError("Nothing was set up. " + " ".join(p for p in problems if p))


def _set_up(services, args, password: str) -> str:
    from dataclasses import replace

    if services.accounts.has_users():
        raise ServiceError("This database already has accounts: nothing was changed.")
    code = services.accounts.create_first_admin(args.admin_user, args.head, password)
    services.accounts.authenticate(args.admin_user, password)
    settings = services.settings.load()
    services.settings.save(replace(settings, school_name=args.school, head_name=args.head,
                                   set_up=True, is_demo=False))
    return code


def demo(args, paths: AppPaths) -> int:
    from avenue_desk.cli.sign_in import sign_in, unlock_records
    from avenue_desk.demo.accounts import make_demo
    from avenue_desk.services.core.database import database_exists

    fresh = not database_exists(paths)
    password = None if fresh else unlock_records(paths, args.user)
    with open_services(paths, origin="cli") as services:
        refuse_if_damaged(services, "No demo school was made.")
        if not fresh and services.accounts.has_users():
            sign_in(services, args.user, paths, password)  # a database with accounts: its Head
        report, made = make_demo(services, os.environ.get(PASSWORD_ENV) or None,
                                 incidents=args.incidents, seed=args.seed,
                                 progress=progress_printer("Creating demo school"))
    print(report)
    for line in made.lines() if made is not None else ():
        print(line)
    return 0


def audit(args, paths: AppPaths) -> int:
    from avenue_desk.services.core.audit import AuditQuery

    if args.date_from and args.date_to and args.date_to < args.date_from:
        raise ServiceError("--to is before --from.")
    with signed_in(args, paths) as services:
        count = services.audit.export_csv(AuditQuery(args.date_from, args.date_to),
                                          args.output)
    print(f"Exported {count:,} audit event(s) to {args.output}")
    return 0


def import_csv(args, paths: AppPaths) -> int:

    if args.kind == "people":
        from avenue_desk.cli.people import import_people

        return import_people(args, paths)
    if args.preview or args.map:
        raise ServiceError("--preview and --map are for import people.")
    with signed_in(args, paths) as services:
        result = services.transfer.import_incidents(args.file)
    if result.errors:
        print(f"Nothing was imported: {args.file} has {len(result.errors)} problem(s).",
              file=sys.stderr)
        for problem in result.errors:
            print(f"  line {problem.line}: {problem.message}", file=sys.stderr)
        return 1
    print(result.summary)
    return 0


def export_csv(args, paths: AppPaths) -> int:

    from avenue_desk.services.core.database import damaged_text_read

    before = damaged_text_read()
    with signed_in(args, paths) as services:
        if args.kind == "people":
            count = services.transfer.export_people(args.output)
        else:
            count = services.transfer.export_incidents(args.output)
    print(f"Exported {count} {'people' if args.kind == 'people' else 'incident(s)'} to "
          f"{args.output}")
    if damaged := damaged_text_read() - before:
        print(f"Warning: {damaged} piece(s) of text in the records are damaged and could not "
              "be read in full: they are in the file with � where letters were lost. "
              "avenue-desk check names the records.", file=sys.stderr)
    return 0


def check(args, paths: AppPaths) -> int:

    with signed_in(args, paths) as services:
        report = services.health.check()
        offer = "" if report.ok else restore_offer(services)
    for line in report.lines:
        print(line)
    if offer:  # the report ends with its verdict; what to do next goes beside it
        print(offer, file=sys.stderr)
    return 0 if report.ok else 1


def _written(output, data: bytes) -> str:
    from avenue_desk.services.letters import write_pdf

    try:
        write_pdf(output, data)
    except OSError as error:
        raise ServiceError(f"Could not write {output}: {error.strerror or error}.") from error
    return f"Saved {output}"


def letter(args, paths: AppPaths) -> int:
    require_database(paths)
    if args.kind == "meeting" and args.meeting is None:
        raise ServiceError('A meeting letter needs the meeting\'s date and time: add '
                           '--meeting "2026-12-01 15:30".')
    if args.kind != "meeting" and (args.meeting is not None or args.place):
        raise ServiceError("--meeting and --place are only for --kind meeting.")
    if args.kind != "forum-restriction" and args.months is not None:
        raise ServiceError("--months is only for --kind forum-restriction.")
    overrides = {"meeting_place": args.place} if args.place else None
    options = dict(meeting_at=args.meeting, restriction_months=args.months or None)
    from avenue_desk.services.letters import LetterProblems

    with signed_in(args, paths) as services:
        letters = services.letters
        try:
            pdf = letters.render(args.incident, args.kind, overrides, record=False,
                                 answered=args.confirm, **options)
        except LetterProblems as problems:
            if "tick below" not in str(problems):
                raise
            raise ServiceError(f"{problems} On the command line, a tick box is --confirm "
                               "no-address, --confirm post-removed or --confirm "
                               "school-holiday.") from problems
        print(_written(args.output, pdf))
        result = letters.record_sent(args.incident, args.kind, "saved",
                                     file_name=args.output.name, **options)
    print(result.message)
    return 0


def guidance(args, paths: AppPaths) -> int:
    with signed_in(args, paths) as services:
        print(_written(args.output, services.letters.render_guidance()))
        services.letters.record_guidance("saved", args.output.name)
    return 0


def summary(args, paths: AppPaths) -> int:
    with signed_in(args, paths) as services:
        if args.term:
            chosen = services.summaries.term(args.term)
            start, end = chosen.start, chosen.end
        elif args.month:
            start, end = services.summaries.month(args.month)
        else:
            start, end = args.date_from, args.date_to
        data = services.summaries.build(start, end)
        print(_written(args.output, services.summaries.render_data(data)))
        services.summaries.record_output(data, "saved", args.output.name)
    # As the report prints it: never a count of 1 or 2, nor one it does not show.
    current = data.current
    print(f"{current.label} ({current.dates}): incidents logged: "
          f"{current.shown('glance', 'total')}.")
    return 0


def screenshot(args, paths: AppPaths) -> int:
    from avenue_desk.cli.sign_in import screenshot_sign_in
    from avenue_desk.ui.screenshots.screens import render_screen

    require_database(paths)
    sign_in = None if args.screen == "login" else screenshot_sign_in(args, paths)
    render_screen(paths, args.screen, args.output, sign_in=sign_in,
                  open_services=open_services)
    print(f"Saved {args.screen} to {args.output}")
    return 0
