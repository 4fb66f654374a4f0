"""``import people FILE [--preview] [--map "FIELD=COLUMN" ...]``: pupils and contacts from an
MIS export, as the window imports them, in words an office manager can act on: the layout
recognised, the header row as understood, one line per kind of problem with the lines it is
on, and nothing saved unless every row can be (or, with ``--preview``, nothing at all).
"""

from __future__ import annotations

import sys

from avenue_desk.cli.sign_in import signed_in
from avenue_desk.paths import AppPaths
from avenue_desk.services.core.csv_import import grouped


def import_people(args, paths: AppPaths) -> int:
    from avenue_desk.services.people import AmbiguousColumns, parse_choice

    mapping = tuple(parse_choice(text) for text in args.map)
    with signed_in(args, paths) as services:
        try:
            if args.preview:
                return _preview(services.transfer.preview_people(args.file, mapping=mapping))
            result = services.transfer.import_people(args.file, mapping=mapping)
        except AmbiguousColumns as error:
            print(f"avenue-desk import: {error}", file=sys.stderr)
            return 1
    if result.errors:
        print(f"Nothing was imported: {args.file} has {len(result.errors)} problem(s).",
              file=sys.stderr)
        for line in grouped(result.errors):
            print(f"  {line}", file=sys.stderr)
        return 1
    print(result.summary)
    return 0


def _preview(preview) -> int:
    """What importing would do, and nothing saved."""
    print(f"{preview.file_name}: read as {preview.encoding}. {preview.layout}")
    print("The header row as understood:")
    for line in preview.understood:
        print(f"  {line}")
    print(f"Would add {len(preview.to_add):,}, update {len(preview.to_update):,}, refuse "
          f"{len(preview.refused):,} row(s); {preview.unchanged:,} already up to date. "
          "Nothing was saved.")
    for title, entries in (("Would add", preview.to_add), ("Would update", preview.to_update)):
        if entries:
            print(f"{title}:")
        for entry in entries:
            changes = f" — {entry.changes_text}" if entry.changes else ""
            detail = f" ({entry.detail})" if entry.detail else ""
            print(f"  line {entry.line}: {entry.name}, {entry.kind}{detail}{changes}")
    if preview.problems:
        print("Would refuse:")
        for line in preview.problems:
            print(f"  {line}")
    for title, lines in (("Doubtful matches, not made", preview.doubtful),
                         ("In the records but not in this file (nothing would be removed)",
                          preview.gone)):
        if lines:
            print(f"{title}:")
            for line in lines:
                print(f"  {line}")
    for warning in preview.warnings:
        if not warning.startswith(("Doubtful matches", "In the records but not")):
            print(f"Note: {warning}")
    return 0
