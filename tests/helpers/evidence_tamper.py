"""Evidence changed or removed behind the app's back, wherever the run keeps its bytes.

A school on SQLite keeps each file in the data folder (``evidence/<stored name>``); on a
database server the bytes are rows of ``evidence_content`` (services/core/evidence_store.py).
A test that edits, deletes or plants a stored file does it through these, so it tests the
same thing on both databases: on the server by SQL straight on the table (``raw_sql``, as a
hand-edited database would be), in a folder on the file itself.

In an encrypted school the file in the folder is sealed (services/core/sealed_files.py):
``stored_bytes`` and ``stored_sha256`` give its content as the app opens it, while the
changes are made to the file on disk as someone without the key could make them (a byte of
the sealed file flipped, plain bytes written over it).

``item`` is an evidence record (an incident's or a conduct breach's: anything with a
``stored_name``) or a stored name itself, e.g. ``"000001/copied-by-hand.png"``.
"""

from __future__ import annotations

import hashlib

from avenue_desk.paths import AppPaths
from avenue_desk.services.core import records_key
from avenue_desk.services.core.evidence_store import DOES_NOT_OPEN, FolderEvidenceStore
from tests.helpers.databases import raw_sql

NOT_OPENING = "a sealed file that does not open"  # ``stored_sha256`` of one


def _name(item) -> str:
    return item if isinstance(item, str) else item.stored_name


def in_folder(paths: AppPaths) -> bool:
    """True where the files are in the data folder (the records in a SQLite file)."""
    return paths.uses_sqlite_file


def folder_store(paths: AppPaths) -> FolderEvidenceStore:
    """The data folder's store as the app makes it (sealed files in an encrypted school)."""
    return FolderEvidenceStore(paths.evidence_dir, records_key.data_key(paths))


def stored_bytes(paths: AppPaths, item) -> bytes | None:
    """The content stored now under the item's name, as the app opens it (a sealed file's
    original content; SealBroken if it does not open); None: nothing is stored."""
    name = _name(item)
    if in_folder(paths):
        if not (paths.evidence_dir / name).is_file():
            return None
        return b"".join(folder_store(paths).chunks(name))
    return on_disk(paths, name)


def on_disk(paths: AppPaths, item) -> bytes | None:
    """The bytes stored now under the item's name as they are kept, sealed or not (on a
    server, the database's parts joined)."""
    name = _name(item)
    if in_folder(paths):
        file = paths.evidence_dir / name
        return file.read_bytes() if file.is_file() else None
    parts = raw_sql(paths, "SELECT data FROM evidence_content WHERE stored_name = :name "
                           "ORDER BY part", name=name)
    return b"".join(bytes(data) for (data,) in parts) if parts else None


def stored_sha256(paths: AppPaths, item) -> str | None:
    """The SHA-256 of the content stored now (``NOT_OPENING`` for a sealed file that does
    not open); None: nothing is stored."""
    if in_folder(paths):
        found = folder_store(paths).digest(_name(item))
        return NOT_OPENING if found == DOES_NOT_OPEN else found
    data = on_disk(paths, item)
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
    """The stored file with its last byte flipped (same size, different hash; a sealed file
    then no longer opens); returns the bytes now stored, as they are kept."""
    data = on_disk(paths, item)
    assert data, f"nothing is stored as {_name(item)}"
    changed = data[:-1] + bytes([data[-1] ^ 1])
    replace_content(paths, item, changed)
    return changed


def remove_content(paths: AppPaths, item) -> None:
    """The stored file gone (its record kept)."""
    name = _name(item)
    assert on_disk(paths, name) is not None, f"nothing is stored as {name}"
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
