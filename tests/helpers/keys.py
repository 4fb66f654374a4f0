"""Encrypted schools in a test's child process, which starts holding no key: a process that
runs the app's own backup or restore (and is killed in it) opens the records' key first, as
signing in does, with the test Headteacher's password (services/core/records_key.py)."""

from __future__ import annotations

from pathlib import Path

from avenue_desk.paths import AppPaths
from avenue_desk.services.core import records_key
from tests.helpers.accounts import HEAD_PASSWORD


def open_the_key(data_dir: Path | str, url: str = "", username: str = "head",
                 password: str = HEAD_PASSWORD) -> None:
    """The key of the records in ``data_dir`` opened for this process; nothing for plain
    records, a server's (``url``), or a new school whose first account was never made (the
    app sets that up as new)."""
    paths = AppPaths(Path(data_dir), url or None)
    if records_key.is_locked(paths) and not records_key.is_unfinished(paths):
        records_key.unlock_with_password(paths, username, password)
