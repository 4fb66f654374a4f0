"""Evidence changed or removed behind the app's back, wherever the run keeps its bytes.

A school on SQLite keeps each file in the data folder (``evidence/<stored name>``); on a
database server the bytes are rows of ``evidence_content`` (services/core/evidence_store.py).
A test that edits, deletes or plants a stored file does it through these, so it tests the
same thing on both databases: on the server by SQL straight on the table (``raw_sql``, as a
hand-edited database would be), in a folder on the file itself.

``item`` is an evidence record (an incident's or a conduct breach's: anything with a
``stored_name``) or a stored name itself, e.g. ``"000001/copied-by-hand.png"``.
"""

from __future__ import annotations

import hashlib

from avenue_desk.paths import AppPaths
from tests.helpers.databases import raw_sql


def _name(item) -> str:
    return item if isinstance(item, str) else item.stored_name


def in_folder(paths: AppPaths) -> bool:
    """True where the files are in the data folder (the records in a SQLite file)."""
    return paths.uses_sqlite_file


def stored_bytes(paths: AppPaths, item) -> bytes | None:
    """What is stored now under the item's name (None: nothing is)."""
    name = _name(item)
    if in_folder(paths):
        file = paths.evidence_dir / name
        return file.read_bytes() if file.is_file() else None
    parts = raw_sql(paths, "SELECT data FROM evidence_content WHERE stored_name = :name "
                           "ORDER BY part", name=name)
    return b"".join(bytes(data) for (data,) in parts) if parts else None


def stored_sha256(paths: AppPaths, item) -> str | None:
    data = stored_bytes(paths, item)
    return None if data is None else hashlib.sha256(data).hexdigest()


def replace_content(paths: AppPaths, item, data: bytes) -> None:
    """Whatever is stored under the item's name becomes ``data`` (stored anew if nothing
    was: a file no record refers to, planted)."""
    name = _name(item)
    if in_folder(paths):
        file = paths.evidence_dir / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)
        return
    raw_sql(paths, "DELETE FROM evidence_content WHERE stored_name = :name",
            "INSERT INTO evidence_content (stored_name, part, data) VALUES (:name, 0, :data)",
            name=name, data=data)


def change_one_byte(paths: AppPaths, item) -> bytes:
    """The stored file with its last byte flipped (same size, different hash); returns the
    bytes now stored."""
    data = stored_bytes(paths, item)
    assert data, f"nothing is stored as {_name(item)}"
    changed = data[:-1] + bytes([data[-1] ^ 1])
    replace_content(paths, item, changed)
    return changed


def remove_content(paths: AppPaths, item) -> None:
    """The stored file gone (its record kept)."""
    name = _name(item)
    assert stored_bytes(paths, name) is not None, f"nothing is stored as {name}"
    if in_folder(paths):
        (paths.evidence_dir / name).unlink()
    else:
        raw_sql(paths, "DELETE FROM evidence_content WHERE stored_name = :name", name=name)


def stored_names(paths: AppPaths, under: str = "") -> set[str]:
    """The name of every file stored now (those starting with ``under`` only, if given,
    e.g. ``"000001/"`` for one incident's)."""
    if in_folder(paths):
        folder = paths.evidence_dir
        found = ({item.relative_to(folder).as_posix() for item in folder.rglob("*")
                  if item.is_file()} if folder.is_dir() else set())
    else:
        found = {name for (name,) in raw_sql(
            paths, "SELECT DISTINCT stored_name FROM evidence_content")}
    return {name for name in found if name.startswith(under)}
