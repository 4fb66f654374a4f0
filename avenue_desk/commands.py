"""The headless commands, each a thin layer over the services the window uses."""

from __future__ import annotations

import argparse
import sys

from avenue_desk.backup_cli import run_backup_command
from avenue_desk.conduct_cli import run_conduct
from avenue_desk.paths import AppPaths
from avenue_desk.services.container import open_services
from avenue_desk.services.errors import ServiceError, StepNotAllowed


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    handler = {
        "demo": demo,
        "import": import_csv,
        "export": export_csv,
        "check": check,
        "letter": letter,
        "guidance": guidance,
        "summary": summary,
        "screenshot": screenshot,
        "conduct": run_conduct,
        "backup": run_backup_command,
        "restore": run_backup_command,
    }[args.command]
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


def demo(args, paths: AppPaths) -> int:
    from avenue_desk.services.demo import fill_demo

    with open_services(paths) as services:
        report = fill_demo(services, incidents=args.incidents, seed=args.seed,
                           progress=_progress("Creating demo school"))
    print(report)
    return 0


def import_csv(args, paths: AppPaths) -> int:
    from avenue_desk.services import importing

    with open_services(paths) as services:
        if args.kind == "people":
            result = importing.import_people_csv(services, args.file)
        else:
            result = importing.import_incidents_csv(services, args.file)
    if result.errors:
        print(f"Nothing was imported: {args.file} has {len(result.errors)} problem(s).",
              file=sys.stderr)
        for problem in result.errors:
            print(f"  line {problem.line}: {problem.message}", file=sys.stderr)
        return 1
    print(result.summary)
    return 0


def export_csv(args, paths: AppPaths) -> int:
    from avenue_desk.services import exporting

    with open_services(paths) as services:
        count = exporting.export_incidents_csv(services, args.output)
    print(f"Exported {count} incident(s) to {args.output}")
    return 0


def check(args, paths: AppPaths) -> int:
    from avenue_desk.services.integrity import run_check

    with open_services(paths) as services:
        report = run_check(services)
    for line in report.lines:
        print(line)
    return 0 if report.ok else 1


def _existing(paths: AppPaths) -> None:
    """The document commands read an existing data set; they never create an empty one."""
    from avenue_desk.services.database import database_exists

    if not database_exists(paths):
        raise ServiceError(f"There is no Avenue Desk database in {paths.data_dir}. Check "
                           "--data-dir, or set the school up first.")


def _written(output, data: bytes) -> str:
    from avenue_desk.services.letters import write_pdf

    try:
        write_pdf(output, data)
    except OSError as error:
        raise ServiceError(f"Could not write {output}: {error.strerror or error}.") from error
    return f"Saved {output}"


def letter(args, paths: AppPaths) -> int:
    _existing(paths)
    if args.kind == "meeting" and args.meeting is None:
        raise ServiceError('A meeting letter needs the meeting\'s date and time: add '
                           '--meeting "2026-12-01 15:30".')
    if args.kind != "meeting" and args.meeting is not None:
        raise ServiceError("--meeting is only for --kind meeting.")
    with open_services(paths) as services:
        letters = services.letters
        pdf = letters.render(args.incident, args.kind, meeting_at=args.meeting, record=False)
        print(_written(args.output, pdf))
        result = letters.record_sent(args.incident, args.kind, "saved",
                                     file_name=args.output.name, meeting_at=args.meeting)
    print(result.message)
    return 0


def guidance(args, paths: AppPaths) -> int:
    _existing(paths)
    with open_services(paths) as services:
        print(_written(args.output, services.letters.render_guidance()))
    return 0


def summary(args, paths: AppPaths) -> int:
    _existing(paths)
    with open_services(paths) as services:
        if args.term:
            chosen = services.summaries.term(args.term)
            start, end = chosen.start, chosen.end
        else:
            start, end = args.date_from, args.date_to
        data = services.summaries.build(start, end)
        print(_written(args.output, services.summaries.render_data(data)))
    print(f"{data.current.label} ({data.current.dates}): {data.current.total:,} incident(s).")
    return 0


def screenshot(args, paths: AppPaths) -> int:
    from avenue_desk.ui.screenshot import render_screen

    render_screen(paths, args.screen, args.output)
    print(f"Saved {args.screen} to {args.output}")
    return 0


def _progress(label: str):
    """A one-line progress counter on a terminal; silent when output is redirected."""
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{label}: {done:,}/{total:,}", end=end, file=sys.stderr, flush=True)

    return report
