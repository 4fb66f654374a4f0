"""Anchors: the audit trail's fingerprint noted outside the database, as it grows.

The hash chain (``audit_chain``) shows a row changed, deleted or slipped in, but not a
trail rewritten from some row onwards with every later hash made again (the hash has no
secret). So the head of the chain (its last row's number and hash) is noted where that
rewrite does not reach: in every backup's manifest, on every governors' summary, and in
``audit-anchors.txt``, a small append-only file beside the backups, one line each:

    2026-11-21T09:30:00.000000  1234  3f5a…c2  backup  -  avenue-desk-backup-….zip

(time in UTC, the last row's number, its hash, what noted it, which run of Avenue Desk,
a note). Besides each backup and each printed summary, every run of Avenue Desk that
writes to the trail notes the head before its first row ("open") and when it closes the
records ("close"), so rows that appear while no Avenue Desk was running are found too.
``safety/anchor_check.py`` compares the trail with every anchor it can find.

Anyone who can change the database file can change this file too, when it lies in the
same folder: the anchors that cannot be reached with the file (a backup folder on a USB
stick kept locked away, a summary on paper) are the strong ones. This one catches a
rewrite by someone who does not know it is there, and tells when the others must be
looked at.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from avenue_desk.paths import ON_POSIX, PRIVATE_FILE, make_private_folder

ANCHORS_FILE = "audit-anchors.txt"
OPEN, CLOSE, BACKUP, RESTORE, SUMMARY = "open", "close", "backup", "restore", "summary"
KINDS = (OPEN, CLOSE, BACKUP, RESTORE, SUMMARY)


@dataclass(frozen=True)
class Anchor:
    at: datetime  # naive UTC, as the audit rows' times
    row_id: int  # the trail's last row then (0: empty)
    row_hash: str
    kind: str  # one of KINDS
    session: str = "-"  # which run of Avenue Desk ("gui-…", "cli-…"), for open and close
    note: str = ""  # the backup's or summary's name
    source: str = ""  # where it was read: the anchors file, a backup file

    def line(self) -> str:
        note = " ".join(self.note.split()) or "-"
        return (f"{self.at.isoformat(timespec='microseconds')}\t{self.row_id}\t"
                f"{self.row_hash}\t{self.kind}\t{self.session or '-'}\t{note}\n")

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.row_id, self.row_hash)


def fingerprint(row_id: int, row_hash: str) -> str:
    """How a person reads the head: "row 1,234 · 3f5a 9c21 07be 4d18" (enough of the hash
    to compare by eye; the files keep it whole)."""
    short = " ".join(row_hash[i:i + 4] for i in range(0, 16, 4))
    return f"row {row_id:,} · {short}"


def new_session(kind: str) -> str:
    """A run of Avenue Desk, named by where it runs ("gui", "cli") and a random part."""
    return f"{kind}-{os.getpid()}-{secrets.token_hex(3)}"


def append_anchor(folder: Path, anchor: Anchor, *, durable: bool = False) -> bool:
    """Adds one line to ``folder``'s anchors file (made 0600, never rewritten); False when
    it could not be written (a stick pulled out: the backup's manifest still holds it).
    ``durable``: flushed to the disk before returning (an "open" line must not be lost
    to a power cut while the rows after it are kept)."""
    try:
        make_private_folder(folder)
        fd = os.open(folder / ANCHORS_FILE,
                     os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0),
                     PRIVATE_FILE)
        try:
            if ON_POSIX:
                os.fchmod(fd, PRIVATE_FILE)
            os.write(fd, anchor.line().encode("utf-8"))  # one write: lines never interleave
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        return False
    return True


def read_anchors(folder: Path) -> tuple[list[Anchor], int]:
    """The anchors in ``folder``'s file, in the order written, and how many lines could not
    be read (a line cut short by a crash, or edited)."""
    path = Path(folder) / ANCHORS_FILE
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return [], 0
    found, bad = [], 0
    for line in lines:
        anchor = parse_line(line, str(path))
        if anchor is None:
            bad += bool(line.strip())
        else:
            found.append(anchor)
    return found, bad


def parse_line(line: str, source: str) -> Anchor | None:
    fields = line.rstrip("\n").split("\t")
    if len(fields) != 6 or fields[3] not in KINDS:
        return None
    try:
        at = datetime.fromisoformat(fields[0])
        row_id = int(fields[1])
    except ValueError:
        return None
    if row_id < 0 or len(fields[2]) != 64:
        return None
    return Anchor(at, row_id, fields[2], fields[3], fields[4],
                  "" if fields[5] == "-" else fields[5], source)


def furthest_since_restore(folder: Path) -> Anchor | None:
    """The furthest head ``folder``'s anchors file has noted since the last restore (a
    restore starts the trail again from a backup's), or None."""
    lines, _bad = read_anchors(folder)
    restores = [i for i, line in enumerate(lines) if line.kind == RESTORE]
    since = lines[restores[-1]:] if restores else lines
    return max(since, key=lambda line: line.row_id, default=None)


def behind_notice(furthest: Anchor | None, last_row: int, row_hash: str | None) -> str:
    """A warning when the records' trail no longer holds the furthest head noted for it
    (``row_hash``: what the records hold under that row's number now, None if nothing)."""
    if furthest is None or furthest.row_hash == row_hash:
        return ""
    return (f"The records' audit trail no longer holds row {furthest.row_id:,} as Avenue Desk "
            f"noted it beside the backups ({furthest.kind}, {furthest.at:%d/%m/%Y %H:%M} "
            f"UTC); it now ends at row {last_row:,}. What was saved then is no longer all in "
            "the records: lost in a crash (a lost write-ahead log), or an older copy of the "
            "records was put back outside Avenue Desk, or the trail was changed on purpose. "
            "Run the health check, and restore the newest good backup if it holds what is "
            "missing.")
