"""The health check comparing the audit trail with every anchor it can find.

The anchors (``core/audit_anchors.py``) are the trail's head noted outside the database:
the lines of ``audit-anchors.txt`` beside the backups, and the head inside every backup's
manifest. A trail rewritten from some row on (every later hash made again) no longer has
those heads; rows deleted from its end and the count reset fall short of them; rows added
while no Avenue Desk was running sit between one run's closing and the next one's opening.
Each is named by its row: against a backup's own copy of the trail, exactly; against a
line alone, between the last row that still agrees and the first that does not.

A restore starts the trail again from a backup's: the anchors noted before it, beyond the
restored backup's last row, belong to the records it replaced (kept in ``replaced-…``).
"""

from __future__ import annotations

import zipfile
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from avenue_desk.policy.backup_rotation import local_time
from avenue_desk.policy.settings_registry import BACKUP_FOLDER
from avenue_desk.services.core.audit_anchors import (
    BACKUP,
    CLOSE,
    OPEN,
    Anchor,
    fingerprint,
    read_anchors,
)
from avenue_desk.services.core.errors import RecordsDamaged
from avenue_desk.services.safety.archive import DATABASE_MEMBER, KEY_FILE, read_backup_info
from avenue_desk.services.safety.leftovers import UNPACKED_PREFIX, work_folder
from avenue_desk.store import keyring

CLI_RUN_AT_MOST = timedelta(days=1)  # a command still "open" after this was ended


@dataclass(frozen=True)
class Trail:
    hashes: dict[int, str]  # row number -> hash, as the file holds them now
    restores: tuple[tuple[int, object], ...]  # (row number, time) of each completed restore
    found: int  # the last row as this run found it, before it wrote any of its own

    def agrees(self, anchor: Anchor) -> bool:
        return self.hashes.get(anchor.row_id) == anchor.row_hash

    def replaced(self, anchor: Anchor) -> bool:
        """Noted before a restore (or as it ran), about rows beyond the backup it put
        back: those are the replaced records' own."""
        return any(anchor.at <= at and anchor.row_id >= row for row, at in self.restores)


def report(service, found) -> None:
    """The check's lines about the anchors (``found``: its findings)."""
    folders = _folders(service)
    lines: list[Anchor] = []
    unreadable = 0
    for folder in folders:
        read, bad = read_anchors(folder)
        lines += read
        unreadable += bad
    backups = _backup_anchors(folders)
    try:
        trail = _trail(service)
    except (DBAPIError, RecordsDamaged):
        return  # the file's own check has said why the trail cannot be read
    anchors = [a for a in lines + [anchor for anchor, _path in backups]
               if not trail.replaced(a)]
    missing = _missing(trail, anchors)
    problems = missing + _rewritten(trail, anchors, backups, bool(missing))
    problems += _added_while_closed(trail, read_anchors(folders[0])[0])
    for problem in problems:
        found.bad(problem)
    if unreadable:
        found.note(f"Audit anchors: {unreadable} line(s) of the anchors file beside the "
                   "backups could not be read (cut short by a crash, or edited).")
    if not problems:
        if anchors:
            found.good(f"Audit anchors: the trail matches all {len(anchors):,} fingerprint(s) "
                       f"of it noted outside the database ({len(backups):,} in backups).")
        else:
            found.good("Audit anchors: none noted outside the database yet (the first "
                       "backup notes one).")


def _folders(service) -> list[Path]:
    """The records' own backups folder first (where every run notes its head), then the
    chosen backup folder."""
    folders = [service.paths.backups_dir]
    try:
        chosen = str(service.settings.get(BACKUP_FOLDER) or "").strip()
    except (DBAPIError, RecordsDamaged):
        chosen = ""
    if chosen and Path(chosen) not in folders:
        folders.append(Path(chosen))
    return folders


def _backup_anchors(folders: list[Path]) -> list[tuple[Anchor, Path]]:
    found = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.zip")):
            info = read_backup_info(path)
            if info is not None and info.audit_row is not None:
                found.append((Anchor(info.created_at, info.audit_row, info.audit_hash, BACKUP,
                                     note=path.name, source=str(path)), path))
    return found


def _trail(service) -> Trail:
    with service.db.engine.connect() as connection:
        hashes = dict(connection.execute(text("SELECT id, row_hash FROM audit_log")).all())
        # A completed restore's own row (written into the restored copy), not the request.
        restores = connection.execute(text(
            "SELECT id, at FROM audit_log WHERE action = 'restore' AND user_id IS NULL "
            "AND summary LIKE 'Backup %restored%'")).all()
    opened = service.audit.opened_row  # this run's own rows (its sign-in) come after it
    found = max(hashes, default=0) if opened is None else opened
    return Trail(hashes, tuple((row, _naive(at)) for row, at in restores), found)


def _naive(at) -> datetime:
    return at if isinstance(at, datetime) else datetime.fromisoformat(str(at))


def _where(anchor: Anchor) -> str:
    made = local_time(anchor.at).strftime("%d/%m/%Y %H:%M")
    if anchor.kind == BACKUP:
        return f"the backup {anchor.note} (made {made})"
    return f"the anchors file beside the backups ({anchor.kind}, {made})"


def _missing(trail: Trail, anchors: list[Anchor]) -> list[str]:
    """Rows an anchor saw that the records no longer hold as they were (beyond the last
    row this run found: later ones with the same number are its own)."""
    beyond = [a for a in anchors if a.row_id > trail.found and not trail.agrees(a)]
    if not beyond:
        return []
    furthest = max(beyond, key=lambda a: (a.row_id, a.at))
    rows = (f"row {furthest.row_id:,} is" if furthest.row_id == trail.found + 1 else
            f"rows {trail.found + 1:,} to {furthest.row_id:,} are")
    where = _where(furthest)
    return [f"Audit trail: {rows} missing. {where[0].upper() + where[1:]} shows the trail "
            f"reached row {furthest.row_id:,} ({furthest.fingerprint}); the records ended "
            f"at row {trail.found:,}. Rows were deleted from the end of the trail, or the "
            "records were put back to an older copy outside Avenue Desk (a lost write-ahead "
            "log does that too). Keep this report and restore the newest good backup."]


def _rewritten(trail: Trail, anchors: list[Anchor], backups: list[tuple[Anchor, Path]],
               missing: bool) -> list[str]:
    """Rows an anchor saw that the records hold otherwise now, named as exactly as the
    anchors allow: the first row that differs from a backup's own copy of the trail, or
    the rows between the last anchor that agrees and the first that does not."""
    wrong = [a for a in anchors if 0 < a.row_id <= trail.found
             and a.row_id in trail.hashes and not trail.agrees(a)]
    if not wrong and not missing:
        return []
    compared = [(a, p) for a, p in backups if a in wrong] or backups
    exact = _first_difference(trail, compared)
    if not wrong:  # rows gone from the end; say so if some before them differ too
        if exact is None:
            return []
        return [f"Audit trail: rewritten. Audit row {exact:,} is the first that does not match "
                "the trail as the newest backup holds it: rows were changed, deleted, "
                "renumbered or slipped in from there on outside Avenue Desk. Keep this report "
                "and restore the newest good backup."]
    first_wrong = min(wrong, key=lambda a: a.row_id)
    if exact is not None and exact <= first_wrong.row_id:
        where = f"Audit row {exact:,} is the first that does not match the trail as it was"
    else:
        agreeing = [a.row_id for a in anchors if 0 < a.row_id < first_wrong.row_id
                    and trail.agrees(a)]
        where = (f"The first audit row that does not match lies between row "
                 f"{max(agreeing, default=0) + 1:,} and row {first_wrong.row_id:,}")
    return [f"Audit trail: rewritten. {where}: {_where(first_wrong)} noted row "
            f"{first_wrong.row_id:,} as {first_wrong.fingerprint}, and the records now hold "
            f"{fingerprint(first_wrong.row_id, trail.hashes[first_wrong.row_id])}. Rows "
            "were changed, deleted, slipped in or re-dated outside Avenue Desk, and every "
            "fingerprint after them made again. Keep this report and restore the newest "
            "good backup."]


def _first_difference(trail: Trail, backups: list[tuple[Anchor, Path]]) -> int | None:
    """The first row where the newest usable backup's own trail and the records differ."""
    for _anchor, path in sorted(backups, key=lambda item: item[0].at, reverse=True):
        theirs = _backup_trail(path)
        if theirs is None:
            continue
        for row_id in sorted(theirs):
            if row_id > trail.found:
                break  # gone from the end: said as missing
            if trail.hashes.get(row_id) != theirs[row_id]:
                return row_id
        return None  # all of it agrees: the change lies after this backup
    return None


def _backup_trail(path: Path) -> dict[int, str] | None:
    """The backup's own trail; None when it cannot be read (an encrypted backup's copy
    opens with the key file unpacked beside it, if this program has that key)."""
    try:
        with work_folder(UNPACKED_PREFIX) as work, zipfile.ZipFile(path) as archive:
            copy = Path(archive.extract(DATABASE_MEMBER, work))
            if KEY_FILE in archive.namelist():
                archive.extract(KEY_FILE, work)
            with closing(keyring.connect(copy)) as connection:
                return dict(connection.execute("SELECT id, row_hash FROM audit_log"))
    except (OSError, KeyError, zipfile.BadZipFile, keyring.RecordsLocked,
            *keyring.SQLITE_ERRORS):
        return None


def _added_while_closed(trail: Trail, lines: list[Anchor]) -> list[str]:
    """Rows that appeared between one run of Avenue Desk closing the records and the next
    opening them, while no run had them open (``lines``: the records' own anchors file, in
    the order written)."""
    problems = []
    running: dict[str, Anchor] = {}
    previous: Anchor | None = None
    for line in lines:
        if line.kind == OPEN:
            # A run that ended without a word (killed) wrote its rows before this opening:
            # it counts as running up to here, and is forgotten only after.
            added = previous is not None and line.row_id > previous.row_id
            if added and not running and not trail.replaced(previous):
                first, last = previous.row_id + 1, line.row_id
                rows = f"row {first:,} was" if first == last else \
                    f"rows {first:,} to {last:,} were"
                problems.append(
                    f"Audit trail: {rows} added while no Avenue Desk was running (between "
                    f"{_time(previous)}, when the trail was noted at row {previous.row_id:,}, "
                    f"and {_time(line)}, when Avenue Desk next opened the records), so not by "
                    "Avenue Desk. Keep this report and restore the newest good backup.")
            _forget_ended(running, line)
            running[line.session] = line
        elif line.kind == CLOSE:
            running.pop(line.session, None)
        previous = line
    return problems


def _forget_ended(running: dict[str, Anchor], opening: Anchor) -> None:
    """Runs that cannot still be going: an earlier window (only one holds a data folder at a
    time), or a command opened a day before (both ended without a word: killed, or the PC
    switched off)."""
    for session, line in list(running.items()):
        window = session.startswith("gui-") and opening.session.startswith("gui-")
        if window or opening.at - line.at > CLI_RUN_AT_MOST:
            del running[session]


def _time(anchor: Anchor) -> str:
    return local_time(anchor.at).strftime("%d/%m/%Y %H:%M")
