"""The conversion's work in its staging folder (``encrypt.py`` runs it): the records copied
encrypted and checked, every evidence file sealed and checked, and the accounts given what
an encrypted school needs. Nothing here touches the live records but to read them.

The staging folder is named as a restore's (``.restore-…``), so what a conversion killed
half-way leaves there is cleared as a restore's is, at the next start: the live school is
not touched until ``swap_in`` (docs/encryption.md, "Turning it on for an existing school").
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from avenue_desk.paths import AppPaths, keep_private
from avenue_desk.services.accounts import AccountService, suggest_temporary_password
from avenue_desk.services.core.access import AccessGuard, Actor
from avenue_desk.services.core.audit import AuditLog, default_origin
from avenue_desk.services.core.database import open_database
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.core.files import private_folder
from avenue_desk.services.core.sealed_files import SealBroken, seal_file, sealed_sha256
from avenue_desk.services.core.swap_journal import DATABASE_MEMBER
from avenue_desk.store import keyring

Progress = Callable[[int, int], None]
# Where evidence files are recorded with the SHA-256 taken when each arrived.
_RECORDED = ("SELECT stored_name, sha256 FROM evidence "
             "UNION ALL SELECT stored_name, sha256 FROM conduct_breach_evidence")


class ConversionFailed(ServiceError):
    """A check of the encrypted copy failed: nothing was replaced."""

    def __init__(self, what: str):
        super().__init__(f"The records were not encrypted: {what} Nothing was changed: your "
                         "records are as they were, not encrypted.")


@dataclass(frozen=True)
class TemporaryPassword:
    """An account's temporary password, to be handed to its owner (changed at sign-in)."""

    username: str
    display_name: str
    password: str

    def __repr__(self) -> str:  # never the password in a log
        return f"TemporaryPassword({self.username!r})"


# --- the records ----------------------------------------------------------------------------

def table_counts(connection) -> dict[str, int]:
    """Rows in every table of the connection's main database (virtual ones included)."""
    names = [row[0] for row in connection.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' ORDER BY name")]
    return {name: connection.execute(f'SELECT count(*) FROM main."{_quoted(name)}"').fetchone()[0]
            for name in names}


def export_records(database: Path, target: Path, unlocked: keyring.Unlocked) -> dict[str, int]:
    """The live plain records copied, encrypted with ``unlocked``'s key, into ``target``
    (SQLCipher's ``sqlcipher_export``: tables, indexes, triggers; then ``user_version``),
    the live file opened read-only; the copy then checked. Returns the tables' row counts.
    The counts and the copy come from one read transaction, so they are of one moment."""
    raw_key = f"x'{unlocked.records_key.hex()}'"  # SQLCipher's raw key: no PBKDF2 of its own
    connection = sqlcipher.connect(f"{Path(database).as_uri()}?mode=ro", uri=True,
                                   isolation_level=None)
    try:
        connection.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(target), raw_key))
        connection.execute("BEGIN")
        counts = table_counts(connection)
        connection.execute("SELECT sqlcipher_export('encrypted')")
        version = int(connection.execute("PRAGMA main.user_version").fetchone()[0])
        connection.execute(f"PRAGMA encrypted.user_version = {version}")  # not exported
        connection.execute("COMMIT")
        connection.execute("DETACH DATABASE encrypted")
    except keyring.SQLITE_ERRORS as error:
        raise ConversionFailed(f"SQLite could not copy the records ({error}).") from None
    finally:
        connection.close()
    keep_private(target)
    check_copy(target, unlocked, counts)
    return counts


def check_copy(target: Path, unlocked: keyring.Unlocked, counts: dict[str, int]) -> None:
    """The encrypted copy opened with its key: SQLite's and SQLCipher's integrity checks,
    and every table holding as many rows as the plain file did."""
    try:
        with closing(keyring.connect(target, key=unlocked)) as connection:
            integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            pages = connection.execute("PRAGMA cipher_integrity_check").fetchall()
            found = table_counts(connection)
    except keyring.SQLITE_ERRORS as error:
        raise ConversionFailed(f"the encrypted copy could not be read back ({error}).") \
            from None
    if integrity != ["ok"] or pages:
        raise ConversionFailed("the encrypted copy did not pass SQLite's checks "
                               f"({'; '.join(integrity[:3] + [str(p) for p in pages[:3]])}).")
    differ = sorted(name for name in counts.keys() | found.keys()
                    if counts.get(name) != found.get(name))
    if differ:
        raise ConversionFailed("the encrypted copy does not hold the same rows as the records "
                               f"(tables {', '.join(differ)}).")


def standing_alone(database: Path) -> None:
    """The staged file without a write-ahead log beside it (only the file is moved in)."""
    with closing(keyring.connect(database)) as connection:
        connection.execute("PRAGMA journal_mode=DELETE").fetchall()


def _quoted(name: str) -> str:
    return name.replace('"', '""')


# --- the evidence files ---------------------------------------------------------------------

def recorded_digests(database: Path) -> dict[str, str]:
    """Each evidence file's stored name and the SHA-256 recorded when it arrived."""
    with closing(keyring.connect(database, key=None, read_only=True)) as connection:
        return {name: digest for name, digest in connection.execute(_RECORDED)}


def seal_evidence(evidence_dir: Path, target: Path, data_key: bytes,
                  recorded: dict[str, str],
                  progress: Progress | None = None) -> tuple[int, list[str]]:
    """Every file in ``evidence_dir`` sealed into ``target`` at the same place, each read
    back through its seal (``sealed_sha256``) and compared with the SHA-256 recorded for it
    (a file nothing records, with the original's). Returns warnings for the office: a
    recorded file already missing, or one that already differed from its record (sealed as
    it was, so the check still says so), after how many files were sealed."""
    files = sorted(path for path in evidence_dir.rglob("*")
                   if path.is_file() and not path.is_symlink()) if evidence_dir.is_dir() else []
    warnings, found = [], set()
    for done, source in enumerate(files, 1):
        name = source.relative_to(evidence_dir).as_posix()
        found.add(name)
        sealed = target / name
        private_folder(sealed.parent)
        original = seal_file(data_key, source, sealed)
        try:
            read_back = sealed_sha256(data_key, sealed)
        except SealBroken:
            read_back = ""
        if read_back != original:
            raise ConversionFailed(f"the evidence file {name} did not read back as it was "
                                   "sealed.")
        if recorded.get(name, original) != original:
            warnings.append(f"The evidence file {name} already did not match the fingerprint "
                            "recorded for it before the records were encrypted; it was sealed "
                            "as it was, and the check will still name it.")
        if progress is not None:
            progress(done, len(files))
    for name in sorted(recorded.keys() - found):
        warnings.append(f"The evidence file {name} was already missing before the records "
                        "were encrypted.")
    return len(files), warnings


# --- the accounts ---------------------------------------------------------------------------

def set_up_accounts(staging: Path, actor: Actor, password: str, clock, hashing,
                    origin: str, summary: Callable[[int], str]) -> tuple[str, list]:
    """In the staged, encrypted copy: the Headteacher signs in with their password (checked
    as at any sign-in), a new recovery code replaces the old (its copy of the key in the
    staged key file), every other account that can sign in gets a temporary password
    (its copy wrapped by it: only hashes of their own passwords are known), and the
    conversion's own row ends the trail (``summary(accounts)`` words it). Returns the code
    and the temporary passwords."""
    db = open_database(AppPaths(staging), clock)
    try:
        if db.read_only:
            raise ConversionFailed("the encrypted copy could not be written.")
        guard = AccessGuard()
        audit = AuditLog(db, clock, guard, default_origin(origin))
        accounts = AccountService(db, clock, guard, audit, hashing=hashing)
        head = accounts.authenticate(actor.username, password)
        if head.user_id != actor.user_id or not guard.is_head():
            raise ServiceError("Only a Headteacher can turn encryption on.")
        code = accounts.renew_recovery_code(head)
        temporary = [TemporaryPassword(user.username, user.display_name,
                                       _temporary_for(accounts, head, user.username))
                     for user in accounts.list_users()
                     if user.id != head.user_id and not user.disabled]
        audit.record_now(head, "records_encrypted", "records", None, summary(len(temporary)))
    finally:
        db.close()
    standing_alone(staging / DATABASE_MEMBER)
    return code, temporary


def _temporary_for(accounts: AccountService, head: Actor, username: str) -> str:
    """A temporary password the password rules accept for this account (a suggestion can
    fall foul of them, rarely: one with the school's name in it, say)."""
    for _ in range(20):
        candidate = suggest_temporary_password()
        try:
            accounts.reset_password(head, username, candidate)
            return candidate
        except ValidationError:
            continue
    raise ConversionFailed(f"no temporary password could be made for the account {username}.")
