"""CSV files as the office's spreadsheets write them: the incident log, and MIS exports."""

from __future__ import annotations

import csv
import io

from avenue_desk.services.transfer import importing

HEADER = list(importing.INCIDENT_COLUMNS)


def row(**changes) -> list[str]:
    """One incident-log row (a Facebook complaint about the trip), with ``changes``."""
    values = {
        "date_posted": "2026-03-02", "platform": "Facebook", "poster_name": "Zoë Adams",
        "poster_relationship": "Mother", "pupils": "Amir Khan", "categories": "complaint",
        "where": "Year 4 parents' group", "excerpt": "The trip was a shambles.",
        "summary": "Complaint about the trip.", "status": "open",
    }
    values.update(changes)
    return [values[c] for c in HEADER]


def write(path, rows, header=HEADER, encoding="utf-8", delimiter=","):
    """``rows`` under ``header``, with Excel's line ends, in ``encoding``; returns ``path``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
