"""Turning encryption on for an existing plain school: one way, safe against a crash, with a
verified backup first (docs/encryption.md, "Turning it on for an existing school").

The caller holds the data folder's instance lock with the records closed, as for a restore:
the command line's ``encrypt-records`` signs in, closes its services, converts, and opens
the records again. The steps, each surviving a kill:

1. a backup, made and verified; if it fails, nothing else is done;
2. a new data key, and its key file in a staging folder (``.restore-…``) holding the
   Headteacher's copy (the password just typed), the key remembered for this program;
3. the records copied encrypted into the staging folder and checked (``encrypt_staging``);
4. every evidence file sealed into it, each read back against its recorded SHA-256;
5. in the staged copy: a new recovery code, and a temporary password for every other
   account (only hashes of their passwords are known, and those cannot wrap a key);
6. the journalled swap (``core/swap_journal.swap_in``), the key file moved in before the
   records.

Killed before the swap's journal is written, the plain school is untouched and the staging
folder is cleared at the next start; after it, ``recover_interrupted_restore`` rolls the swap
back or finds it finished. The plain records and files the swap set aside are deleted as
soon as the encrypted ones have opened: no plain copy is kept. They are set aside under a
staging folder's name, so a kill before that deletion leaves them to the next start's
tidying, never kept for days as a restore's ``replaced-…`` folder is.

The trail's head is noted beside the backups as this conversion begins and once the
encrypted records have opened, as any run of Avenue Desk notes it (``audit_anchors``): the
rows written into the staged copy are then known as Avenue Desk's own.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from avenue_desk.paths import AppPaths
from avenue_desk.policy.access import Role
from avenue_desk.policy.backup_rotation import local_time
from avenue_desk.services.core import records_key
from avenue_desk.services.core.access import AccessGuard, Actor
from avenue_desk.services.core.audit import AuditLog, default_origin
from avenue_desk.services.core.audit_anchors import CLOSE, OPEN, Anchor, append_anchor, new_session
from avenue_desk.services.core.clock import SystemClock
from avenue_desk.services.core.data_key import KdfCost, KeyFile, new_data_key, subkey
from avenue_desk.services.core.database import open_database
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.files import fsync_folder
from avenue_desk.services.core.swap_journal import (
    DATABASE_MEMBER,
    STAGING_PREFIX,
    recover_interrupted_restore,
    swap_in,
)
from avenue_desk.services.safety.archive import BackupInfo, Progress
from avenue_desk.services.safety.backup import BackupService
from avenue_desk.services.safety.encrypt_staging import (
    ConversionFailed,
    TemporaryPassword,
    export_records,
    recorded_digests,
    seal_evidence,
    set_up_accounts,
)
from avenue_desk.store import keyring

PLAIN_ASIDE = STAGING_PREFIX + "plain-"  # the plain files the swap set aside, until deleted
ON_SERVER = ("These records are on a database server. Avenue Desk encrypts the records kept "
             "in a data folder on this computer; a server's disk and its connections are "
             "protected by the trust's IT (see docs/server.md).")
HEAD_ONLY = ("Only a Headteacher, signed in with their own password, can turn encryption on.")

__all__ = ["ConversionFailed", "EncryptionRefused", "RecordsEncrypted", "TemporaryPassword",
           "encrypt_records", "refuse_unless_plain"]


class EncryptionRefused(ServiceError):
    """The conversion cannot start, or its first backup failed: nothing was changed."""


@dataclass(frozen=True)
class RecordsEncrypted:
    backup: Path  # the verified backup made first (plain: it is the records as they were)
    recovery_code: str  # the new one, shown once
    temporary: tuple[TemporaryPassword, ...]  # the other accounts', to be handed out
    evidence_files: int
    warnings: tuple[str, ...] = ()

    def __repr__(self) -> str:  # never the code or a password in a log
        return (f"RecordsEncrypted(backup={self.backup.name!r}, "
                f"accounts={len(self.temporary)}, evidence_files={self.evidence_files})")

    def lines(self) -> list[str]:
        lines = [f"The records and {self.evidence_files:,} evidence file(s) are now encrypted. "
                 "Without an Avenue Desk password or the recovery code, the files in the data "
                 "folder show nothing.", "",
                 f"The new recovery code, shown only this once: {self.recovery_code}",
                 "Print it or write it down now and keep it in the school safe. The old code "
                 "no longer works. If every password and this code are lost, nobody can open "
                 "the records again, Avenue Desk's makers included."]
        if self.temporary:
            lines += ["", "Temporary passwords for the other accounts. Give each one to its "
                      "owner in person: their old passwords no longer work, and each chooses "
                      "their own when they next sign in."]
            lines += [f"  {t.username} ({t.display_name}): {t.password}" for t in self.temporary]
        lines += ["", f"The backup made just before, {self.backup}, is not encrypted, and "
                  "neither are older backups: keep them locked away, or delete them once "
                  "you are sure the encrypted records are in order."]
        return lines + list(self.warnings)


def refuse_unless_plain(paths: AppPaths) -> None:
    """``EncryptionRefused`` for records that cannot be converted: on a server, encrypted
    already, or not there at all."""
    if not paths.uses_sqlite_file:
        raise EncryptionRefused(ON_SERVER)
    if records_key.is_encrypted(paths):
        raise EncryptionRefused(f"The records in {paths.data_dir} are encrypted already.")
    if not paths.database_file.exists():
        raise EncryptionRefused(f"There are no records in {paths.data_dir} to encrypt.")


def encrypt_records(paths: AppPaths, actor: Actor, password: str, clock=None, hashing=None,
                    origin: str = "cli", say=None,
                    progress: Progress | None = None) -> RecordsEncrypted:
    """Encrypts the plain school at ``paths`` for good (see the module notes): ``actor`` is
    the Headteacher signed in with ``password``, which wraps their copy of the new key.
    ``hashing``: the accounts' (cheaper in tests); ``say(text)`` hears each step begin,
    ``progress(done, total)`` the backup and the sealing. Raises ``EncryptionRefused`` or
    ``ConversionFailed`` with the school as it was."""
    clock = clock or SystemClock()
    say = say or (lambda _text: None)
    if not paths.uses_sqlite_file:
        raise EncryptionRefused(ON_SERVER)
    recover_interrupted_restore(paths)  # a conversion or restore killed half-way: finished
    refuse_unless_plain(paths)
    if actor.role != Role.HEAD.value or actor.must_change_password:
        raise EncryptionRefused(HEAD_ONLY)
    session = new_session(origin)
    say("Making a backup of the records and evidence first…")
    backup = _verified_backup(paths, actor, clock, origin, session, progress)
    key = new_data_key()
    cost = records_key.cost_of(hashing) if hashing is not None else KdfCost()
    keys = KeyFile.empty(key).with_password(key, actor.username, password, cost)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=paths.data_dir))
    stamp = local_time(clock.now()).strftime("%Y%m%d-%H%M%S")
    aside = paths.data_dir / f"{PLAIN_ASIDE}{stamp}-{secrets.token_hex(3)}"
    swapped = False
    try:
        keys.save(staging / keyring.KEY_FILE)
        unlocked = keyring.Unlocked(key, subkey(key, "records"))
        keyring.remember(keys.file_id_text, unlocked)
        say("Encrypting the records…")
        export_records(paths.database_file, staging / DATABASE_MEMBER, unlocked)
        say("Sealing the evidence files…")
        files, warnings = seal_evidence(paths.evidence_dir, staging / "evidence", key,
                                        recorded_digests(paths.database_file), progress)
        say("Giving the accounts their keys…")
        code, temporary = set_up_accounts(
            staging, actor, password, clock, hashing, origin,
            lambda accounts: _summary(backup.path, files, accounts))
        say("Putting the encrypted records in place…")
        _swap(paths, staging, aside)
        swapped = True
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not swapped:
            keyring.forget(keys.file_id_text)
            _note(paths, clock, (backup.audit_row, backup.audit_hash), CLOSE, session)
    _check_opens(paths, clock, aside, session)
    shutil.rmtree(aside, ignore_errors=True)  # else cleared at the next start, as staging
    fsync_folder(paths.data_dir)
    return RecordsEncrypted(backup.path, code, tuple(temporary), files,
                            tuple(backup_warnings(backup)) + tuple(warnings))


def _verified_backup(paths: AppPaths, actor: Actor, clock, origin: str, session: str,
                     progress: Progress | None) -> BackupInfo:
    """The backup every conversion starts with, made and checked as any backup is."""
    db = open_database(paths, clock)
    try:
        if db.damaged or db.read_only:
            raise EncryptionRefused("The records are damaged, so they were not encrypted. "
                                    "Restore the newest good backup first (avenue-desk "
                                    "restore), then turn encryption on.")
        guard = AccessGuard(actor)
        audit = AuditLog(db, clock, guard, default_origin(origin))
        _note(paths, clock, audit.last_row(), OPEN, session)
        service = BackupService(db, clock, guard, audit)
        try:
            info = service.backup(progress=progress)
            verification = service.verify(info.path)
        except ServiceError as error:
            raise EncryptionRefused("The records were not encrypted, because the backup made "
                                    f"first could not be made: {error}") from None
    finally:
        db.close()
    if not verification.ok:
        _note(paths, clock, (info.audit_row, info.audit_hash), CLOSE, session)
        raise EncryptionRefused(
            f"The records were not encrypted, because the backup made first ({info.path.name}) "
            "did not pass its checks: " + " ".join(verification.problems))
    return info


def backup_warnings(info: BackupInfo) -> list[str]:
    return [f"The evidence file {name} was missing, so it is not in the backup made first."
            for name in info.missing_evidence]


def _summary(backup: Path, files: int, accounts: int) -> str:
    return (f"Records encrypted, with {files:,} evidence file(s); new recovery code issued; "
            f"temporary passwords set for {accounts:,} other account(s); backup made first: "
            f"{backup.name}")


def _swap(paths: AppPaths, staging: Path, aside: Path) -> None:
    try:
        swap_in(paths, staging, aside)
    except ServiceError:  # rolled back; its words are a restore's, so said again here
        raise ConversionFailed("the encrypted records could not be put in place, because a "
                               "file in the data folder could not be moved. Close any program "
                               "using the data folder and try again.") from None


def _check_opens(paths: AppPaths, clock, aside: Path, session: str) -> None:
    """The encrypted records opened as the program will open them, before the plain files
    set aside are deleted; if they do not, those are kept as a restore keeps what it
    replaced (``replaced-…``), and the backup made first holds them too."""
    try:
        db = open_database(paths, clock)
        try:
            head = None if db.damaged else AuditLog(db, clock, AccessGuard()).last_row()
        finally:
            db.close()
    except Exception:  # noqa: BLE001 - whatever stops them opening, the plain files stay
        head = None
    if head is None:
        kept = paths.data_dir / f"replaced-{aside.name.removeprefix(PLAIN_ASIDE)}"
        os.replace(aside, kept)
        raise ServiceError(f"The records were encrypted, but did not open afterwards. The "
                           f"records as they were are kept in {kept}, and in the backup made "
                           "first: restore that backup (avenue-desk restore FILE).")
    _note(paths, clock, head, CLOSE, session)


def _note(paths: AppPaths, clock, head: tuple[int, str | None], kind: str,
          session: str) -> None:
    row_id, row_hash = head
    if row_hash:
        append_anchor(paths.backups_dir, Anchor(clock.now(), row_id, row_hash, kind, session),
                      durable=kind == OPEN)
