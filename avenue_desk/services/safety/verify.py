"""Checking a backup before anything is replaced with it.

Everything is unpacked into a staging folder and checked there: the database against the
manifest's hash and SQLite's integrity check; its schema version against this app's (a
backup from a newer version is refused); its counts against the manifest; and every evidence
file against both the manifest's hash and the hash the database holds for it.

An encrypted school's backup is checked as it is kept: its key file is unpacked beside the
database first (store/keyring.py finds a copy's key there), the database opened with that
key, and each sealed evidence file opened through to compare its content's hash, without
an unsealed byte written anywhere. A backup whose key this program has not been given (of
another data set, or restored onto a new computer) is opened first with ``unlock_backup``:
a password of the backup's own accounts, or its recovery code.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory

from avenue_desk.paths import AppPaths
from avenue_desk.services.core import records_key
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.files import CHUNK, open_private, private_folder
from avenue_desk.services.core.sealed_files import SealBroken, sealed_sha256
from avenue_desk.services.safety.archive import (
    DATABASE_MEMBER,
    EVIDENCE_PREFIX,
    KEY_FILE,
    BackupInfo,
    Progress,
    info_from_manifest,
    load_manifest,
    read_database_facts,
    safe_member_name,
)
from avenue_desk.services.safety.leftovers import UNPACKED_PREFIX, work_folder
from avenue_desk.services.safety.logical import TABLES_PREFIX
from avenue_desk.services.safety.logical_backup import logical_facts
from avenue_desk.store import keyring
from avenue_desk.store.migrate import alembic_config

SHOW_AT_MOST = 10
TABLE_WORDS = {"incidents": "incidents", "people": "people", "actions": "actions",
               "evidence": "evidence records", "conduct_breaches": "code of conduct breaches",
               "conduct_breach_evidence": "code of conduct evidence records"}


class BackupLocked(ServiceError):
    """An encrypted backup whose key this program has not been given."""

    def __init__(self):
        super().__init__(
            "Its records are encrypted with a key that has not been opened on this computer "
            "(it is a backup of another data set, or of these records before their key "
            "changed). Open it with the password of one of its own accounts, or its "
            "recovery code, to check or restore it.")


@dataclass(frozen=True)
class Verification:
    source: Path
    info: BackupInfo | None
    problems: tuple[str, ...]
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def verify_backup(source: Path, staging: Path | None = None,
                  progress: Progress | None = None) -> Verification:
    """Unpacks ``source`` into ``staging`` (a temporary folder, removed, if None) and checks it.

    In ``staging`` the database is ``avenue-desk.sqlite3`` and the files are under
    ``evidence/``, ready to be moved into a data folder.
    """
    source = Path(source)
    if staging is None:  # locked while in use; a killed check's is removed at the next start
        with work_folder(UNPACKED_PREFIX) as work:
            return verify_backup(source, work, progress)
    problems: list[str] = []
    warnings: list[str] = []
    info = None
    try:
        with zipfile.ZipFile(source) as archive:
            manifest = load_manifest(archive)
            info = info_from_manifest(source, manifest)
            _check(archive, manifest, staging, problems, warnings, progress)
    except FileNotFoundError:
        problems.append(f"The file {source} cannot be found.")
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        problems.append(f"The backup file is damaged or incomplete ({error}).")
    except (ServiceError, KeyError, ValueError, TypeError) as error:
        problems.append(str(error) if isinstance(error, ServiceError)
                        else f"Its manifest is not in the expected form ({error}).")
    except OSError as error:
        problems.append(f"The backup file could not be read ({error.strerror or error}).")
    if len(problems) > SHOW_AT_MOST:
        problems[SHOW_AT_MOST:] = [f"… and {len(problems) - SHOW_AT_MOST} more problem(s)."]
    return Verification(source, info, tuple(problems), tuple(warnings))


def _check(archive, manifest, staging: Path, problems: list[str], warnings: list[str],
           progress) -> None:
    entries = {entry["name"]: entry for entry in manifest.get("evidence", [])}
    total = len(entries) + 1
    data_key = None
    if "tables" in manifest:  # a server's backup: every table as JSON lines
        facts = _check_tables(archive, manifest, staging, problems)
    else:
        facts = _check_file(archive, manifest, staging, problems)
        data_key = _data_key(staging)
    _check_revision(facts.revision, manifest.get("schema_revision"), problems)
    for table, expected in manifest.get("counts", {}).items():
        found = facts.counts.get(table, 0)
        if found != expected:
            problems.append(f"It should hold {expected:,} {TABLE_WORDS.get(table, table)} "
                            f"but holds {found:,}.")
    missing_then = set(manifest.get("missing_evidence", ()))
    changed_then = set(manifest.get("changed_evidence", ()))
    for name, expected in facts.evidence.items():
        entry = entries.get(name)
        if name in missing_then:
            continue
        if entry is None:
            problems.append(f"The evidence file {name} is not in the backup.")
        elif entry.get("content_sha256", entry["sha256"]) != expected and \
                name not in changed_then:
            problems.append(f"The evidence file {name} in the backup is not the one its "
                            "record describes.")
    if progress:
        progress(1, total)
    for done, (name, entry) in enumerate(sorted(entries.items()), 2):
        if not safe_member_name(name):
            problems.append(f"The backup names a file outside the evidence folder ({name!r}).")
            continue
        try:
            digest, size = _extract(archive, EVIDENCE_PREFIX + name, staging / "evidence" / name)
        except KeyError:
            problems.append(f"The evidence file {name} is listed but not in the backup.")
            continue
        if digest != entry["sha256"]:
            problems.append(f"The evidence file {name} has been changed since the backup "
                            "was made.")
        elif entry.get("sealed") and name not in changed_then:
            _check_sealed(name, entry, staging / "evidence" / name, data_key, problems)
        if progress:
            progress(done, total)
    if missing_then:
        warnings.append(f"{len(missing_then)} evidence file(s) were already missing when "
                        "this backup was made, so they cannot be restored from it.")
    if changed_then:
        warnings.append(f"{len(changed_then)} evidence file(s) had already been changed when "
                        "this backup was made; they come back as they were then, and the "
                        "health check will list them.")


def _check_file(archive, manifest, staging: Path, problems: list[str]):
    database = manifest["database"]
    copy = staging / DATABASE_MEMBER
    if "key_file" in manifest:  # beside the copy before it is opened: its key is found there
        _check_member(archive, manifest["key_file"], KEY_FILE, staging / KEY_FILE,
                      "The records' key file", problems)
    digest, size = _extract(archive, DATABASE_MEMBER, copy)
    if (digest, size) != (database["sha256"], database["size"]):
        problems.append("The database in the backup does not match its manifest: it has been "
                        "changed or damaged since the backup was made.")
    try:
        facts = read_database_facts(copy)
    except keyring.RecordsLocked:
        raise BackupLocked() from None
    if facts.check != "ok":
        problems.append(f"The database in the backup is damaged (SQLite found: {facts.check}).")
    return facts


def _check_member(archive, entry: dict, member: str, target: Path, what: str,
                  problems: list[str]) -> None:
    try:
        found = _extract(archive, member, target)
    except KeyError:
        problems.append(f"{what} is listed but not in the backup.")
        return
    if found != (entry["sha256"], entry["size"]):
        problems.append(f"{what} in the backup does not match its manifest: it has been "
                        "changed or damaged since the backup was made.")


def _data_key(staging: Path) -> bytes | None:
    """The data key of the staged copy's records (sealed evidence opens with it); None for a
    plain backup, or when the copy's key was not found (already said)."""
    try:
        found = keyring.key_for(staging / DATABASE_MEMBER)
    except keyring.RecordsLocked:
        return None
    return None if found is None else found.data_key


def _check_sealed(name: str, entry: dict, staged: Path, data_key: bytes | None,
                  problems: list[str]) -> None:
    """A sealed evidence file, opened through (nothing written) to the hash of its content."""
    if data_key is None:
        problems.append(f"The evidence file {name} is sealed, but the backup holds no key "
                        "for it.")
        return
    try:
        content = sealed_sha256(data_key, staged)
    except SealBroken:
        content = None
    if content is None or content != entry.get("content_sha256"):
        problems.append(f"The evidence file {name} in the backup cannot be opened as it was "
                        "sealed: it has been changed since the backup was made.")


def backup_key_held(source: Path) -> bool | None:
    """None for a plain backup; whether this program holds an encrypted backup's key
    (signed in to the same records, or ``unlock_backup`` done). A file that is not a zip
    says None: the verification says what is wrong with it."""
    try:
        with zipfile.ZipFile(source) as archive:
            if KEY_FILE not in archive.namelist():
                return None
            with work_folder(UNPACKED_PREFIX) as work:
                _extract(archive, KEY_FILE, work / KEY_FILE)
                return not records_key.is_locked(AppPaths(work))
    except (OSError, zipfile.BadZipFile, KeyError):
        return None


def unlock_backup(source: Path, username: str | None = None, password: str = "",
                  recovery_code: str | None = None) -> bool:
    """Opens an encrypted backup's key for this program with the password of one of the
    backup's own accounts (or, given ``recovery_code`` as ``normalise_recovery_code`` leaves
    it, its recovery code), so it can be checked and restored: onto a new computer, or over
    records whose key has changed since. False for a plain backup (nothing to open);
    ``SecretRefused`` or ``KeyFileProblem`` in the accounts' own words."""
    with zipfile.ZipFile(source) as archive:
        if KEY_FILE not in archive.namelist():
            return False
        with work_folder(UNPACKED_PREFIX) as work:
            _extract(archive, KEY_FILE, work / KEY_FILE)
            beside = AppPaths(work)  # the key file beside a records file of that folder
            if recovery_code is not None:
                records_key.unlock_with_recovery_code(beside, recovery_code)
            else:
                records_key.unlock_with_password(beside, username or "", password)
    return True


def _check_tables(archive, manifest, staging: Path, problems: list[str]):
    for entry in manifest["tables"]:
        if not entry["member"].startswith(TABLES_PREFIX) or \
                not safe_member_name(entry["member"]):
            problems.append(f"The backup names a table outside its place ({entry['member']!r}).")
            continue
        try:
            digest, size = _extract(archive, entry["member"], staging / entry["member"])
        except KeyError:
            problems.append(f"The copy of {entry['name']} is listed but not in the backup.")
            continue
        if (digest, size) != (entry["sha256"], entry["size"]):
            problems.append(f"The copy of {entry['name']} in the backup does not match its "
                            "manifest: it has been changed or damaged since the backup was "
                            "made.")
    return logical_facts(staging, manifest, problems)


def _check_revision(revision: str | None, claimed, problems: list[str]) -> None:
    if revision is None:
        problems.append("The database in the backup has no version recorded, so it was not "
                        "made by Avenue Desk.")
    elif revision not in known_revisions():
        problems.append(f"It was made by a newer version of Avenue Desk (database version "
                        f"{revision}). Install that version, or a later one, to restore it.")
    elif claimed != revision:
        problems.append("The database in the backup is not the version its manifest names.")


def _extract(archive: zipfile.ZipFile, member: str, target: Path) -> tuple[str, int]:
    """Unpacks one member, returning its SHA-256 and size (the zip's CRC is checked too).
    Private as it is written: a restore moves these very files into the data folder."""
    private_folder(target.parent)
    digest, size = hashlib.sha256(), 0
    with archive.open(member) as source, open_private(target) as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
    return digest.hexdigest(), size
