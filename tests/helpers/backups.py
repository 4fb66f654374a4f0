"""Builders for the backup tests: a filled data set, and backups altered on purpose."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from avenue_desk.services.incidents.records import ActionInput
from avenue_desk.store import keyring
from tests.helpers.evidence_tamper import stored_sha256
from tests.helpers.images import write_png
from tests.helpers.records import incident_input, person


def fill(services, tmp_path: Path, incidents: int = 6) -> list[int]:
    """People, incidents with actions, and evidence files of different sizes."""
    poster = person(services, "Zoë Adams", "parent")
    ids = []
    for number in range(incidents):
        saved = services.incidents.create(incident_input(
            summary=f"Incident {number}: complaint about the trip.", poster_id=poster.id))
        services.escalation.record(saved.id, ActionInput(
            "informal_discussion", saved.posted_on, taken_by="Head", outcome="Spoke to dad"))
        if number % 2 == 0:
            picture = write_png(tmp_path / f"shot-{number}.png", width=4 + number, height=3)
            services.evidence.add(saved.id, picture)
        ids.append(saved.id)
    return ids


def evidence_hashes(services) -> dict[str, str]:
    """Each evidence record's stored name and the SHA-256 of what is actually stored (in
    the data folder, or in the database on a server)."""
    return {record.stored_name: stored_sha256(services.paths, record) or "missing"
            for record, _check in services.evidence.verify_all()}


def rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes | None],
            manifest: Callable[[dict], None] | None = None) -> Path:
    """A copy of a backup with members changed (``change`` returns None to leave one out)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        notes = json.loads(old.read("manifest.json"))
        for item in old.infolist():
            if item.filename == "manifest.json":
                continue
            data = change(item.filename, old.read(item.filename))
            if data is not None:
                new.writestr(item.filename, data)
        if manifest:
            manifest(notes)
        new.writestr("manifest.json", json.dumps(notes))
    return target


# Where a backup keeps the incidents: a data folder's backup holds its SQLite file, a
# server's every table as JSON lines (services/safety/logical_backup.py).
DATABASE_MEMBER = "avenue-desk.sqlite3"
INCIDENTS_MEMBER = "tables/incidents.jsonl"


def records_member(source: Path) -> str:
    """The member of the backup ``source`` that holds its incidents, whichever kind it is."""
    with zipfile.ZipFile(source) as archive:
        return DATABASE_MEMBER if DATABASE_MEMBER in archive.namelist() else INCIDENTS_MEMBER


def matching(manifest: dict, name: str, data: bytes) -> None:
    """``manifest`` made to agree with the member ``name`` now holding ``data`` (its hash
    and size), as someone who knows the format would leave it."""
    facts = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    if name == DATABASE_MEMBER:
        manifest["database"].update(facts)
    else:
        (entry,) = [e for e in manifest["tables"] if e["member"] == name]
        entry.update(facts)


def database_bytes(source: Path, tmp_path: Path, sql: str | None = None) -> bytes:
    """The database inside a backup, optionally after running ``sql`` on it."""
    copy = tmp_path / "inside.sqlite3"
    with zipfile.ZipFile(source) as archive:
        copy.write_bytes(archive.read("avenue-desk.sqlite3"))
        if keyring.KEY_FILE in archive.namelist():  # an encrypted school's: its key beside
            keyring.key_file_beside(copy).write_bytes(archive.read(keyring.KEY_FILE))
    if sql:
        with closing(keyring.connect(copy)) as connection:
            connection.execute(sql)
            connection.commit()
    return copy.read_bytes()
