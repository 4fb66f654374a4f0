"""CSV files as the office meets them: from Excel, from a school MIS, or from our own export.

Reading copes with the encodings Excel produces on Windows (UTF-8 with or without a BOM,
Windows-1252 from "CSV (Comma delimited)", UTF-16 from "Unicode Text"), with commas,
semicolons (Excel in many European locales) or tabs, and with header names however they
are spelt. Every row keeps the file line it starts on, so a problem can be pointed at.

Writing guards against spreadsheet formula injection: a parent's post that begins with
``=`` must never run as a formula when the office opens the export in Excel.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from avenue_desk.services.core.errors import ServiceError

# A 5 MB excerpt must reach validation, which says "too long" with its line number; at the
# csv module's default limit (128 KiB) it would be a bare csv.Error instead. The limit is
# process-wide, so it is only ever raised, never lowered.
FIELD_SIZE_LIMIT = 256 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
_CHUNK = 1 << 20

# Characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula
# (OWASP "CSV injection"). Tab and CR are included because a leading one is dropped by some
# spreadsheets, exposing the next character.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GUARDED = re.compile(r"'*[=+\-@\t\r]")
_UNGUARD = re.compile(r"'+[=+\-@\t\r]")


def guard_formula(text: str) -> str:
    """The cell as written to a CSV file: a leading quote stops a formula from running.

    Text that already starts with quotes before a formula character gets one more quote, so
    ``unguard_formula`` can always remove exactly one and the round trip is exact.
    """
    return "'" + text if _GUARDED.match(text) else text


def unguard_formula(text: str) -> str:
    """Undo ``guard_formula``: one leading quote before a formula character is removed."""
    return text[1:] if _UNGUARD.match(text) else text


def header_key(name: str) -> str:
    """How header names are compared: case-folded, letters and digits only.

    So "Date Posted", "date_posted", "DATE-POSTED" and "Date.Posted" are one column, and
    SIMS's "Forename(s)" is "forenames".
    """
    return "".join(ch for ch in name.casefold() if ch.isalnum())


class CsvFormatError(ServiceError):
    """The file cannot be read as CSV at all (a workbook, empty, or mixed encodings)."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class CsvRow:
    line: int  # the file line the row starts on (the header is usually line 1)
    cells: tuple[str, ...]
    problem: str = ""  # set (and cells empty) when the row's quoting is broken


@dataclass
class CsvTable:
    path: Path
    encoding: str
    delimiter: str
    header: tuple[str, ...]  # as written in the file
    keys: tuple[str, ...]  # header_key() of each
    header_line: int
    rows: Iterator[CsvRow]
    _counter: _CountingLines | None = None

    def fraction_read(self) -> float:
        """Roughly how far through the file reading has got (0 to 1), for progress bars."""
        if self._counter is None:
            return 1.0
        return min(1.0, self._counter.chars / max(1, self._counter.expected))

    def values(self, row: CsvRow) -> dict[str, str]:
        """The row's cells by header key; a short row is padded with blanks."""
        cells = row.cells + ("",) * (len(self.keys) - len(row.cells))
        return dict(zip(self.keys, cells, strict=False))

    def extra_cells(self, row: CsvRow) -> int:
        """How many non-blank cells the row has beyond the last header."""
        return sum(1 for cell in row.cells[len(self.keys):] if cell.strip())


class _CountingLines:
    """Passes lines through to the csv reader, counting characters for progress."""

    def __init__(self, handle, expected: int):
        self._handle = handle
        self.expected = expected
        self.chars = 0

    def __iter__(self) -> Iterator[str]:
        for line in self._handle:
            self.chars += len(line)
            yield line


def detect_encoding(path: Path) -> str:
    """The encoding to read the file with, checking every byte rather than guessing."""
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if head.startswith(b"PK\x03\x04"):
        raise CsvFormatError(
            f"“{path.name}” is an Excel workbook, not a CSV file. In Excel choose "
            "File > Save As and pick “CSV UTF-8 (Comma delimited)”."
        )
    bad_line, utf8_seen = _scan_utf8(path)
    if bad_line is None:
        return "utf-8"
    if utf8_seen:
        # Reading it all as Windows-1252 would turn every UTF-8 "ë" into "Ã«" without a word.
        raise CsvFormatError(
            f"“{path.name}” mixes two kinds of text encoding: line {bad_line} is not UTF-8 but "
            "other lines are. Open it in Excel and save it as “CSV UTF-8 (Comma delimited)”.",
            bad_line,
        )
    # Windows-1252 leaves five bytes undefined; Latin-1 accepts every byte, so a file in
    # some other code page still opens and its odd characters show rather than vanish.
    return "cp1252" if _decodes(path, "cp1252") else "latin-1"


def _scan_utf8(path: Path) -> tuple[int | None, bool]:
    """The first line that is not UTF-8 (None if all are), and whether any other line held
    UTF-8 beyond ASCII. Line by line, since no UTF-8 character contains a newline byte."""
    bad_line, utf8_seen = None, False
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if raw.isascii():
                continue
            try:
                raw.decode("utf-8")
                utf8_seen = True
            except UnicodeDecodeError:
                bad_line = bad_line or number
            if bad_line and utf8_seen:
                break
    return bad_line, utf8_seen


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def sniff_delimiter(first_line: str) -> str:
    """Whichever of comma, semicolon and tab appears most in the header, outside quotes."""
    outside = re.sub(r'"[^"]*"', "", first_line)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


@contextmanager
def open_table(path: str | os.PathLike) -> Iterator[CsvTable]:
    """Opens a CSV file for reading row by row (the file is never loaded whole)."""
    path = Path(path)
    if not path.is_file():
        raise ServiceError(f"“{path}” could not be found or is not a file.")
    try:
        encoding = detect_encoding(path)
    except OSError as error:  # no permission, or a network drive that went away
        raise ServiceError(f"“{path}” could not be read ({error.strerror}).") from None
    with open(path, encoding=encoding, newline="") as handle:
        first_line = handle.readline()
    delimiter = sniff_delimiter(first_line)
    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(FIELD_SIZE_LIMIT)
    size = path.stat().st_size
    expected = size // 2 if encoding == "utf-16" else size
    with open(path, encoding=encoding, newline="") as handle:
        counter = _CountingLines(handle, expected)
        # strict: a stray or unclosed quote is reported on its line instead of silently
        # swallowing the rows after it into one cell.
        reader = csv.reader(counter, delimiter=delimiter, strict=True)
        rows = _rows(reader)
        header = next(rows, None)
        if header is None:
            raise CsvFormatError(f"“{path.name}” is empty: it has no header row.")
        if header.problem:
            raise CsvFormatError(f"The header row of “{path.name}” {header.problem}", header.line)
        names = tuple(cell.strip() for cell in header.cells)
        while names and not names[-1]:
            names = names[:-1]  # Excel leaves empty columns after the last heading
        yield CsvTable(
            path, encoding, delimiter, names, tuple(header_key(n) for n in names),
            header.line, rows, counter,
        )


def _rows(reader) -> Iterator[CsvRow]:
    """Non-blank rows with their starting line numbers; formula guards removed."""
    consumed = 0
    while True:
        start = consumed + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            consumed = reader.line_num
            yield CsvRow(start, (), f"cannot be read: its quotes are not balanced ({error}).")
            continue
        consumed = reader.line_num
        if "".join(cells).strip():
            # Only a cell starting with a quote can carry a guard; checking that first
            # keeps a 100,000-row import from running a regex on every cell.
            yield CsvRow(start, tuple([unguard_formula(c) if c[:1] == "'" else c
                                       for c in cells]))


class GuardedWriter:
    """A csv.writer whose text cells are guarded against formula injection."""

    def __init__(self, handle):
        # CRLF is what Excel writes and expects; newlines inside cells are kept as they are.
        self._writer = csv.writer(handle, lineterminator="\r\n")

    def writerow(self, cells: Sequence[object]) -> None:
        self._writer.writerow(
            [guard_formula(c) if isinstance(c, str) else c for c in cells]
        )


@contextmanager
def atomic_csv_writer(path: str | os.PathLike) -> Iterator[GuardedWriter]:
    """Writes to a temporary file beside ``path`` and renames it into place on success.

    UTF-8 with a BOM, because Excel on Windows reads a BOM-less file as Windows-1252 and
    would show "ZoÃ«" for "Zoë". On any error the temporary file is removed and an existing
    file at ``path`` is left untouched.
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise ServiceError(f"The folder “{target.parent}” does not exist.")
    try:
        fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".part")
    except OSError as error:
        raise ServiceError(f"Cannot write in “{target.parent}” ({error.strerror}).") from None
    temp = Path(temp_name)
    try:
        with open(fd, "w", encoding="utf-8-sig", newline="") as handle:
            yield GuardedWriter(handle)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.replace(temp, target)
        except PermissionError:
            raise ServiceError(
                f"“{target.name}” could not be replaced: it may be open in Excel. "
                "Close it and try again."
            ) from None
    finally:
        temp.unlink(missing_ok=True)
