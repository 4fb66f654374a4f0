"""What every CSV import shares: read the file, check each row, keep all rows or none.

Both imports (an incident log in ``transfer``, pupils and contacts from the MIS in
``people``) run through ``run_import``: every row is checked with the same rules as the
editor, every problem is collected with its file line, and if there is any the one
transaction is rolled back and nothing is kept. Rows are checked and written in a single
pass inside that transaction, so memory stays flat however long the file is.

The window's import goes in two steps instead: ``preview_import`` reads the file and says
what would be added, updated and refused (``core/import_preview.py``) without saving
anything; ``apply_preview`` then imports exactly that (the refused rows left out) in one
audited transaction, or nothing if the file or the records changed in between.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import OperationalError

from avenue_desk.policy.access import Operation
from avenue_desk.services.core.csvfiles import ENCODING_NAMES, CsvFormatError, open_table
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.evidence_files import sha256_of
from avenue_desk.services.core.import_preview import ImportPreview, PreviewOutdated, RefusedRow

CHUNK = 2000  # rows per executemany: large enough to be fast, small enough to stay flat
PREVIEW_EVERY = 250  # rows between progress reports (and chances to cancel) in two steps
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportProblem:
    line: int
    message: str
    # Problems of one kind are said once, with every line they are on (``grouped``):
    # ``summary`` is that sentence, "{lines}" standing for the lines; ``names`` what each
    # line adds to it (the damaged names, say). Without a summary, equal messages group.
    summary: str = ""
    names: tuple[str, ...] = ()


def line_ranges(lines) -> str:
    """The lines as a person reads them: "2–77", "3, 9–11"."""
    numbers = sorted(set(lines))
    parts, start = [], None
    for index, number in enumerate(numbers):
        if start is None:
            start = number
        if index + 1 == len(numbers) or numbers[index + 1] != number + 1:
            parts.append(str(start) if start == number else f"{start}–{number}")
            start = None
    return ", ".join(parts)


def grouped(problems, names_shown: int = 8) -> list[str]:
    """One line per kind of problem, with the lines it is on (item 6 of issue 15): what an
    office manager can act on, rather than the same sentence 76 times."""
    kinds: dict[str, tuple[list[int], list[str]]] = {}
    for problem in problems:
        lines, names = kinds.setdefault(problem.summary or problem.message, ([], []))
        lines.append(problem.line)
        names.extend(n for n in problem.names if n not in names)
    out = []
    for text, (lines, names) in kinds.items():
        where = line_ranges(lines)
        single = len(set(lines)) == 1
        if "{lines}" in text:
            sentence = text.replace("{lines}", f"line {where}" if single else f"lines {where}")
        else:
            sentence = f"{'Line' if single else 'Lines'} {where}: {text}"
        if names:
            more = len(names) - names_shown
            listed = ", ".join(f"“{n}”" for n in names[:names_shown])
            sentence += f" Names affected: {listed}" + (f" and {more} more." if more > 0 else ".")
        out.append(sentence)
    return out


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    errors: tuple[ImportProblem, ...]
    summary: str


class Rollback(Exception):
    """Raised inside the transaction when any row had a problem, so nothing is kept."""


def failed(problems, path) -> ImportResult:
    problems = tuple(problems)
    return ImportResult(0, 0, problems, f"Nothing was imported from {path}: "
                        f"{len(problems)} problem(s) to put right first.")


def run_import(service, path, check_header, make_loader, progress=None,
               entity: str = "incident") -> ImportResult:
    """The steps every import shares: read, check each row, keep all or nothing; the
    import is audited in its own transaction.

    ``make_loader(session, table)`` gives an object with ``problems``, ``add(line, values,
    extra_cells)``, ``finish()`` and ``result(file_name)``.
    """
    actor = service.guard.require(Operation.DATA_IMPORT)
    try:
        with open_table(path) as table:
            problem = check_header(table)
            if problem:
                return failed([problem], path)
            with service.db.begin() as session:
                loader = make_loader(session, table)
                _feed(loader, table, progress, CHUNK)
                loader.finish()
                if loader.problems:
                    raise Rollback
                service.audit.record(session, actor, "import", entity, None,
                                      loader.result(table.path.name).summary)
    except CsvFormatError as error:
        return failed([ImportProblem(error.line, str(error))], path)
    except Rollback:
        return failed(loader.problems, path)
    except OperationalError as error:
        _busy(error)
    if progress:
        progress(1000, 1000)
    return loader.result(table.path.name)


def preview_import(service, path, check_header, make_loader, progress=None,
                   notice: str = "") -> ImportPreview:
    """What importing ``path`` would do, with nothing saved: read in a session that is never
    committed, by the same loader that imports (``make_loader(session, table, dry=True)``,
    which also gives ``plan()`` and ``notes()``). A problem with the whole file (not found,
    a workbook, empty, no name column) is raised as a ServiceError in the office's words."""
    service.guard.require(Operation.DATA_IMPORT)
    with open_table(path) as table:
        problem = check_header(table)
        if problem:
            raise CsvFormatError(problem.message, problem.line)
        fingerprint = _fingerprint(table.path)
        with service.db.read() as session, session.no_autoflush:
            loader = make_loader(session, table, True)
            rows, cells = _feed(loader, table, progress, PREVIEW_EVERY)
            preview = _preview_of(loader, table, fingerprint, rows, cells, notice)
    if progress:
        progress(1000, 1000)
    return preview


def apply_preview(service, preview: ImportPreview, check_header, make_loader, progress=None,
                  entity: str = "person") -> ImportResult:
    """Imports what ``preview`` showed, the refused rows left out, in one audited
    transaction. Raises PreviewOutdated (with the file checked again) and keeps nothing if
    the file or the records changed since, so what is saved is what the office saw."""
    actor = service.guard.require(Operation.DATA_IMPORT)
    path = Path(preview.path)

    def outdated(message: str) -> PreviewOutdated:
        fresh = preview_import(service, path, check_header, make_loader, notice=message)
        return PreviewOutdated(fresh, message)

    if _fingerprint(path) != preview.fingerprint:
        raise outdated(f"“{preview.file_name}” has changed since it was checked, so nothing "
                       "was imported. It has been checked again: look through what it would "
                       "do now, then import.")
    try:
        with open_table(path) as table:
            problem = check_header(table)
            if problem:
                raise CsvFormatError(problem.message, problem.line)
            with service.db.begin() as session:
                loader = make_loader(session, table, False)
                rows, cells = _feed(loader, table, progress, PREVIEW_EVERY)
                loader.finish()
                now = _preview_of(loader, table, preview.fingerprint, rows, cells)
                if now.plan != preview.plan:
                    raise Rollback
                result = loader.result(table.path.name)
                service.audit.record(session, actor, "import", entity, None, result.summary)
    except Rollback:
        raise outdated("The people on record changed since the file was checked (perhaps "
                       "someone at another computer added or edited a person), so nothing "
                       "was imported. It has been checked again: look through what it would "
                       "do now, then import.") from None
    except OperationalError as error:
        _busy(error)
    if progress:
        progress(1000, 1000)
    return result


def _busy(error: OperationalError):
    if "locked" not in str(error):
        raise error
    raise ServiceError("Another computer kept the database busy for too long, so nothing "
                       "was imported. Try again in a moment.") from None


def _fingerprint(path: Path) -> str:
    try:
        return sha256_of(path)
    except FileNotFoundError:
        raise ServiceError(f"“{path}” could not be found: it may have been moved or "
                           "deleted.") from None
    except OSError as error:
        raise ServiceError(f"“{path}” could not be read ({error.strerror}).") from None


def _feed(loader, table, progress, every: int) -> tuple[int, dict[int, tuple[str, ...]]]:
    """Every row to the loader (or its reading problem to the list); returns how many rows
    there were, and the cells of each row that had a problem, by line, for the report."""
    refused: dict[int, tuple[str, ...]] = {}
    count = 0
    for count, row in enumerate(table.rows, 1):
        before = len(loader.problems)
        if row.problem:
            loader.problems.append(ImportProblem(row.line, f"This row {row.problem}"))
        else:
            # A loader reading columns by position (two columns may share one heading)
            # says so; others get the cells by heading.
            values = row_cells(table, row) if getattr(loader, "by_position", False) else (
                table.values(row))
            loader.add(row.line, values, table.extra_cells(row))
        if len(loader.problems) > before:
            refused[row.line] = row.cells
        if progress and count % every == 0:
            progress(int(table.fraction_read() * 1000), 1000)
    return count, refused


def row_cells(table, row) -> tuple[str, ...]:
    """The row's cells in heading order, a short row padded with blanks."""
    width = len(table.keys)
    return (row.cells + ("",) * (width - len(row.cells)))[:width]


def _preview_of(loader, table, fingerprint: str, rows: int, cells, notice: str = ""):
    reasons: dict[int, list[str]] = {}
    for problem in loader.problems:
        reasons.setdefault(problem.line, []).append(problem.message)
    refused = tuple(RefusedRow(line, " ".join(messages), cells.get(line, ()))
                    for line, messages in sorted(reasons.items()))
    to_add, to_update, unchanged = loader.plan()
    warnings = []
    name = table.path.name
    if table.encoding == "cp1252":
        warnings.append(f"“{name}” is not UTF-8, so it was read as {ENCODING_NAMES['cp1252']}. "
                        "Check that accented names below look right; saving it from Excel as "
                        "“CSV UTF-8 (Comma delimited)” avoids the question.")
    if not rows:
        warnings.append(f"“{name}” has a header row but no rows under it: there is no one "
                        "to import.")
    warnings += loader.notes()
    return ImportPreview(
        path=str(table.path), file_name=name, fingerprint=fingerprint,
        encoding=ENCODING_NAMES.get(table.encoding, table.encoding), columns=table.header,
        to_add=tuple(to_add), to_update=tuple(to_update), refused=refused,
        unchanged=unchanged, warnings=tuple(warnings), notice=notice,
        problems=tuple(grouped(loader.problems)),
        **(loader.extras() if hasattr(loader, "extras") else {}))
