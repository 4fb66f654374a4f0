"""The headless commands, each a thin layer over the services the window uses."""

from __future__ import annotations

import argparse
import sys

from avenue_desk.paths import AppPaths
from avenue_desk.services.container import open_services
from avenue_desk.services.errors import ServiceError


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    handler = {
        "demo": demo,
        "import": import_csv,
        "export": export_csv,
        "check": check,
        "screenshot": screenshot,
    }[args.command]
    try:
        return handler(args, paths)
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
