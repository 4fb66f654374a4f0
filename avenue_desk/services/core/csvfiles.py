"""CSV files as the office meets them: from Excel, from a school MIS, or from our own export.

Reading copes with the encodings Excel produces on Windows (UTF-8 with or without a BOM,
Windows-1252 from "CSV (Comma delimited)", UTF-16 from "Unicode Text"), with commas,
semicolons (Excel in many European locales) or tabs, and with header names however they
are spelt. Every row keeps the file line it starts on, so a problem can be pointed at.
Text is never changed silently: a byte Windows-1252 has no character for makes its row a
problem (``CsvRow.problem``) instead of being guessed.

Writing guards against spreadsheet formula injection: a parent's post that begins with
``=`` must never run as a formula when the office opens the export in Excel.
"""

from __future__ import annotations

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
_SNIFF = 1 << 16  # bytes looked at for signs of a workbook or a binary file

# What each encoding is called for the office (ImportPreview.encoding, the warnings).
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (as Excel's “CSV UTF-8” saves it)",
    "utf-16": "UTF-16 (Excel's “Unicode Text”)",
    "cp1252": "Windows-1252 (Excel's plain “CSV (Comma delimited)”)",
}
# A Windows-1252 file is read with undecodable bytes kept as lone surrogates (U+DC80 to
# U+DCFF), so the row holding one can be refused, naming the byte, rather than guessed.
_UNDECODED = re.compile("[\udc80-\udcff]")

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
    problem: str = ""  # why the row cannot be read (its quoting is broken: cells empty)


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
        head = handle.read(_SNIFF)
    if head.startswith(b"\xef\xbb\xbf"):
        # The mark says UTF-8, but two exports pasted together can carry a Windows-1252
        # body under it: every line is checked, and a line that is not UTF-8 is named.
        bad_line, _ = _scan_utf8(path)
        if bad_line is not None:
            raise CsvFormatError(_mixed(path, bad_line, "starts with the mark that says "
                                        "UTF-8"), bad_line)
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    # .xlsx is a zip, .xls an OLE2 compound file: often a workbook renamed to .csv.
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
        raise CsvFormatError(
            f"“{path.name}” is an Excel workbook, not a CSV file (renaming it does not "
            "change what is inside). Open it in Excel and save it as CSV: choose File > "
            "Save As and pick “CSV UTF-8 (Comma delimited)”."
        )
    if _utf16_without_mark(head):
        raise CsvFormatError(
            f"“{path.name}” is UTF-16 text without the mark at its start that says so, which "
            "cannot be read reliably. Open it in Excel and save it as “CSV UTF-8 (Comma "
            "delimited)”."
        )
    if _looks_binary(head):
        raise CsvFormatError(
            f"“{path.name}” is not a CSV file: it holds data that is not text (it may be a "
            "PDF, a picture or another program's file). Export the list from the MIS as CSV."
        )
    bad_line, utf8_seen = _scan_utf8(path)
    if bad_line is None:
        return "utf-8"
    if utf8_seen:
        # Reading it all as Windows-1252 would turn every UTF-8 "ë" into "Ã«" without a word.
        raise CsvFormatError(_mixed(path, bad_line, "has UTF-8 lines"), bad_line)
    # Windows-1252 leaves five bytes undefined: a row holding one is refused on its line
    # (see _refuse_undecoded), never read as some other character.
    return "cp1252"


def _mixed(path: Path, bad_line: int, utf8: str) -> str:
    return (f"“{path.name}” mixes two kinds of text encoding, so nothing in it was read: it "
            f"{utf8}, but line {bad_line} is not UTF-8 (most likely Windows-1252, from a plain "
            "“CSV” save: two exports pasted together do this). Open it in Excel and save it "
            "as “CSV UTF-8 (Comma delimited)”, or export it again from the MIS in one piece.")


def _utf16_without_mark(head: bytes) -> bool:
    """UTF-16 saved without its byte order mark: in text that is mostly Latin letters, every
    other byte is a NUL, all on one side (odd places for little-endian, even for big)."""
    pairs = len(head) // 2
    if pairs < 2:
        return False
    even, odd = head[0:pairs * 2:2].count(0), head[1:pairs * 2:2].count(0)
    return max(even, odd) >= pairs * 0.4 and min(even, odd) <= pairs * 0.05


# Control bytes no spreadsheet or MIS export writes (tab, line feed, form feed and carriage
# return are text); a few may be stray, more than 1% of the start means it is not text.
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 32), 127])


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(2, len(head) // 100)


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


def _errors(encoding: str) -> str:
    return "surrogateescape" if encoding == "cp1252" else "strict"


def undecoded_byte(text: str) -> int | None:
    """The first byte the file's encoding had no character for, if ``text`` holds one."""
    found = _UNDECODED.search(text)
    return None if found is None else ord(found.group()) - 0xDC00


def _undecoded_problem(byte: int, where: str) -> str:
    return (f"cannot be read: {where} holds the byte 0x{byte:02X}, which is not a character "
            f"in {ENCODING_NAMES['cp1252']}, the encoding this file was read in. It is left "
            "out rather than guessed: save the file from Excel as “CSV UTF-8 (Comma "
            "delimited)” and try again.")


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
    errors = _errors(encoding)
    with open(path, encoding=encoding, errors=errors, newline="") as handle:
        try:
            first_line = handle.readline()
        except UnicodeDecodeError:
            raise CsvFormatError(
                f"“{path.name}” cannot be read: its text is not valid "
                f"{ENCODING_NAMES.get(encoding, encoding)}. Open it in Excel and save it as "
                "“CSV UTF-8 (Comma delimited)”.") from None
    delimiter = sniff_delimiter(first_line)
    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(FIELD_SIZE_LIMIT)
    size = path.stat().st_size
    expected = size // 2 if encoding == "utf-16" else size
    with open(path, encoding=encoding, errors=errors, newline="") as handle:
        counter = _CountingLines(handle, expected)
        # strict: a stray or unclosed quote is reported on its line instead of silently
        # swallowing the rows after it into one cell.
        reader = csv.reader(counter, delimiter=delimiter, strict=True)
        rows = _rows(reader, encoding)
        header = next(rows, None)
        if header is None:
            raise CsvFormatError(f"“{path.name}” is empty: it has no header row.")
        if header.problem:
            raise CsvFormatError(f"The header row of “{path.name}” {header.problem}", header.line)
        names = tuple(cell.strip() for cell in header.cells)
        while names and not names[-1]:
            names = names[:-1]  # Excel leaves empty columns after the last heading
        byte = undecoded_byte("".join(names))
        if byte is not None:
            raise CsvFormatError(f"The header row of “{path.name}” "
                                 f"{_undecoded_problem(byte, 'a heading')}", header.line)
        if errors != "strict":
            rows = _refuse_undecoded(rows, names)
        yield CsvTable(
            path, encoding, delimiter, names, tuple(header_key(n) for n in names),
            header.line, rows, counter,
        )


def _rows(reader, encoding: str = "utf-8") -> Iterator[CsvRow]:
    """Non-blank rows with their starting line numbers; formula guards removed."""
    consumed = 0
    while True:
        start = consumed + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            # Only a damaged UTF-16 file gets here (UTF-8 is checked before reading, and
            # Windows-1252 keeps unreadable bytes): past this point nothing reads true.
            raise CsvFormatError(
                f"The file cannot be read past line {start - 1}: somewhere after it the text "
                "is not valid "
                f"{ENCODING_NAMES.get(encoding, encoding)}. Open it in Excel and save it as "
                "“CSV UTF-8 (Comma delimited)”.", start) from None
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


def _refuse_undecoded(rows: Iterator[CsvRow], names: tuple[str, ...]) -> Iterator[CsvRow]:
    """Rows holding an undecodable byte become problems naming the byte and the column, so
    no damaged name is ever matched against the people on record."""
    for row in rows:
        byte = undecoded_byte("".join(row.cells))
        if byte is None:
            yield row
            continue
        column = next(i for i, cell in enumerate(row.cells) if undecoded_byte(cell) is not None)
        where = f"the “{names[column]}” cell" if column < len(names) and names[column] else (
            f"cell {column + 1}")
        yield CsvRow(row.line, row.cells, _undecoded_problem(byte, where))


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
