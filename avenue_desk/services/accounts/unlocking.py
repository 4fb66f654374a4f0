"""Signing in to encrypted records that are not open yet, wrong passwords counted all the same.

Once the records are open, an account's wrong passwords are counted in its row (five, then
fifteen minutes' wait). Before they are open — the first sign-in of a run at an encrypted
school — there is no row to read: the password has to unwrap the key first. Those wrong
passwords are counted here instead, by the same rule and in the same words, in a small file
beside the key file (``sign-in-waits.json``), so signing in again and again at the desk or
on the command line still meets the wait. The file names nobody: each count is kept under
the key file's keyed hash of the username (``data_key.holder_of``), a made-up name counted
as a real one is. Once the records open, ``note_unlock_failures`` writes what was counted into the
audit trail, as the accounts' own failed sign-ins are.

(Someone with the disk and no lock at all can try passwords on the key file directly; each
try costs them an argon2id computation. This wait is for the desk, as the accounts' is.)
"""

from __future__ import annotations

import json
from datetime import datetime
from types import SimpleNamespace

from avenue_desk.paths import AppPaths
from avenue_desk.services.accounts.records import SignInRefused, count_failure
from avenue_desk.services.core import records_key
from avenue_desk.services.core.clock import SystemClock
from avenue_desk.services.core.data_key import SecretRefused, holder_of
from avenue_desk.services.core.files import atomic_write_text

WAITS_FILE = "sign-in-waits.json"


def unlock_records(paths: AppPaths, username: str, password: str, clock=None) -> None:
    """Opens the records for this program with the account's password, or raises
    ``SignInRefused`` (wrong, with the tries left; or waiting until a time) or
    ``KeyFileProblem``."""
    now = (clock or SystemClock()).now()
    keys = records_key.load(paths)
    holder = holder_of(keys.file_id, username)
    waits = _read(paths)
    count = _count_of(waits.get(holder))
    if count.locked_until and count.locked_until > now:
        _waste_time(keys, username, password)
        raise SignInRefused.locked(count.locked_until)
    try:
        records_key.unlock_with_password(paths, username, password)
    except SecretRefused:
        refusal = count_failure(count, now)
        waits[holder] = {"failed": count.failed_attempts, "until": _text(count.locked_until),
                         "unnoted": waits.get(holder, {}).get("unnoted", 0) + 1}
        _write(paths, waits)
        raise refusal from None
    if holder in waits:
        unnoted = waits[holder].get("unnoted", 0)
        waits[holder] = {"failed": 0, "until": None, "unnoted": unnoted}
        _write(paths, waits)


def note_unlock_failures(services) -> None:
    """The wrong passwords counted before the records opened, into the audit trail (one row
    per account, or one for names that have no account), then forgotten here."""
    paths = services.paths
    waits = _read(paths)
    if not any(entry.get("unnoted") for entry in waits.values()):
        return
    keys = records_key.load(paths)
    services.accounts.note_failures_before_opening(
        {holder: entry.get("unnoted", 0) for holder, entry in waits.items()},
        lambda username: holder_of(keys.file_id, username))
    for entry in waits.values():
        entry["unnoted"] = 0
    _write(paths, {holder: entry for holder, entry in waits.items()
                   if entry.get("failed") or entry.get("until")})


def _waste_time(keys, username: str, password: str) -> None:
    """As long as a real try takes, so a waiting account cannot be told from the time."""
    try:
        keys.open_with_password(username, password)
    except SecretRefused:
        pass
    except Exception:  # noqa: BLE001 - only time is being spent here
        pass


def _count_of(entry: dict | None) -> SimpleNamespace:
    entry = entry or {}
    return SimpleNamespace(failed_attempts=int(entry.get("failed") or 0),
                           locked_until=_time(entry.get("until")))


def _read(paths: AppPaths) -> dict:
    try:
        data = json.loads((paths.database_file.parent / WAITS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: counting starts again (the key file is intact)
    return {str(k): v for k, v in data.items() if isinstance(v, dict)} \
        if isinstance(data, dict) else {}


def _write(paths: AppPaths, waits: dict) -> None:
    atomic_write_text(paths.database_file.parent / WAITS_FILE,
                      json.dumps(waits, indent=1, sort_keys=True))


def _text(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _time(text) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None
