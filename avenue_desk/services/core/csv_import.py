"""What every CSV import shares: read the file, check each row, keep all rows or none.

Both imports (an incident log in ``transfer``, pupils and contacts from the MIS in
``people``) run through ``run_import``: every row is checked with the same rules as the
editor, every problem is collected with its file line, and if there is any the one
transaction is rolled back and nothing is kept. Rows are checked and written in a single
pass inside that transaction, so memory stays flat however long the file is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import OperationalError

from avenue_desk.policy.access import Operation
from avenue_desk.services.core.csvfiles import CsvFormatError, open_table
from avenue_desk.services.core.errors import ServiceError

CHUNK = 2000  # rows per executemany: large enough to be fast, small enough to stay flat
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportProblem:
    line: int
    message: str


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
                for count, row in enumerate(table.rows, 1):
                    if row.problem:
                        loader.problems.append(ImportProblem(row.line, f"This row {row.problem}"))
                    else:
                        loader.add(row.line, table.values(row), table.extra_cells(row))
                    if progress and count % CHUNK == 0:
                        progress(int(table.fraction_read() * 1000), 1000)
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
        if "locked" not in str(error):
            raise
        raise ServiceError("Another computer kept the database busy for too long, so nothing "
                           "was imported. Try again in a moment.") from None
    if progress:
        progress(1000, 1000)
    return loader.result(table.path.name)
