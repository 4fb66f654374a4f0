"""The health check: can the records, and the evidence files behind them, be trusted?

Every line is written for the office manager who runs it; the last line is the verdict.
Checks that only make sense for a SQLite file are skipped, and said to be, elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from avenue_desk.policy.access import Operation
from avenue_desk.services.core.audit_anchors import fingerprint
from avenue_desk.services.core.errors import RecordsDamaged
from avenue_desk.services.core.evidence_store import evidence_store
from avenue_desk.services.core.validation import uk_date
from avenue_desk.services.safety.anchor_check import report as report_anchors
from avenue_desk.services.safety.privacy_check import report as report_privacy
from avenue_desk.services.safety.record_check import report as report_records
from avenue_desk.store.migrate import current_revision, head_revision
from avenue_desk.store.models import Incident

SHOW_AT_MOST = 20  # examples listed per problem; the count is always given in full
TABLE_WORDS = {
    "people": "people", "person_links": "links between pupils and adults",
    "incidents": "incidents", "incident_categories": "incident categories",
    "incident_people": "people named in incidents", "actions": "actions taken",
    "evidence": "evidence", "settings": "settings",
}


@dataclass(frozen=True)
class CheckReport:
    ok: bool
    lines: tuple[str, ...]


@dataclass
class _Findings:
    lines: list[str] = field(default_factory=list)
    problems: int = 0
    notes: int = 0

    def good(self, line: str) -> None:
        self.lines.append(line)

    def bad(self, line: str) -> None:
        self.problems += 1
        self.lines.append("PROBLEM: " + line)

    def note(self, line: str) -> None:
        self.notes += 1
        self.lines.append("NOTE: " + line)


def run_check(service, progress: Callable[[int, int], None] | None = None) -> CheckReport:
    service.guard.require(Operation.CHECK)
    found = _Findings()
    damaged_incidents: set[int] = set()
    if service.db.is_sqlite:
        _check_file(service, found)
        damaged_incidents = _despite_damage(found, "Records", lambda: report_records(
            service, found), set())  # every text, date and time
    else:
        found.good("Database file and links between records: skipped (these checks are built "
                   "into SQLite; your database server runs its own).")
    _despite_damage(found, "Database structure", lambda: _check_schema(service, found))
    _despite_damage(found, "Audit trail", lambda: _check_audit(service, found))
    if service.db.is_sqlite:
        _despite_damage(found, "Search index", lambda: _check_search(
            service, found, damaged_incidents))
    else:
        found.good("Search index: skipped (only SQLite keeps a separate search index).")
    _despite_damage(found, "Evidence files", lambda: _check_evidence(service, found, progress))
    _despite_damage(found, "Evidence folder", lambda: _check_unreferenced(service, found))
    report_privacy(service, found)  # other accounts on this computer can read it: a note
    if found.problems:
        found.lines.append(
            f"Result: FAILED, {found.problems} problem(s) found. The records named above "
            "cannot be relied on until they are put right: restore the missing or changed "
            "files from a backup, or ask for help."
        )
    else:
        extra = f" ({found.notes} note(s) above to look at)" if found.notes else ""
        found.lines.append(f"Result: PASSED, all checks passed{extra}.")
    return CheckReport(found.problems == 0, tuple(found.lines))


def _despite_damage(found: _Findings, part: str, check, instead=None):
    """One part of the check; where a damaged file stops it, that is the part's finding
    and the check goes on with the next."""
    try:
        return check()
    except (RecordsDamaged, DBAPIError) as error:
        said = error.what if isinstance(error, RecordsDamaged) else str(error.orig)
        found.bad(f"{part}: could not be checked, because the records file is damaged where "
                  f"it is kept ({said}). Restore the newest good backup.")
        return instead


def _check_file(service, found: _Findings) -> None:
    with service.db.engine.connect() as connection:
        try:
            damage = [row[0] for row in connection.execute(text("PRAGMA integrity_check(100)"))]
            broken = connection.execute(text("PRAGMA foreign_key_check")).all()
        except DBAPIError as error:
            connection.invalidate()  # SQLCipher's, having met damage, reads nothing more
            found.bad(f"Database file: SQLite could not check it ({error.orig}). It may be "
                      "damaged; restore the latest backup.")
            return
    if damage == ["ok"]:
        found.good("Database file: no damage found.")
    else:
        found.bad("Database file: SQLite reports damage; restore the latest backup. "
                  "Details: " + "; ".join(damage[:SHOW_AT_MOST]))
    if not broken:
        found.good("Links between records: all in order.")
    for table, rowid, parent, _ in broken[:SHOW_AT_MOST]:
        found.bad(f"Links between records: entry {rowid} of {TABLE_WORDS.get(table, table)} "
                  f"points to one of the {TABLE_WORDS.get(parent, parent)} that does not "
                  "exist.")
    if len(broken) > SHOW_AT_MOST:
        found.bad(f"Links between records: {len(broken) - SHOW_AT_MOST} more broken link(s).")


def _check_schema(service, found: _Findings) -> None:
    current, head = current_revision(service.db.engine), head_revision()
    if current == head:
        found.good(f"Database structure: up to date (version {head}).")
    elif current is None:
        found.bad("Database structure: no version is recorded, so this database was not set "
                  "up by Avenue Desk.")
    else:
        found.bad(f"Database structure: at version {current}, but this copy of Avenue Desk "
                  f"expects version {head}. Open it in the app to update it (a backup is "
                  "made first), or use the matching version of the app.")


# The triggers that refuse changes to the audit trail (migration 0003), and how to list them.
_AUDIT_GUARDS = {
    "sqlite": (("audit_log_no_update", "audit_log_no_delete"),
               "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
               "'audit_log'"),
    "postgresql": (("audit_log_no_change", "audit_log_no_truncate"),
                   "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass "
                   "AND NOT tgisinternal"),
}


def _check_audit(service, found: _Findings) -> None:
    """The audit trail's hash chain, and its latest hash as a fingerprint: a copy of the
    fingerprint kept elsewhere (a printed check, last week's report) shows whether the whole
    trail was rewritten since, which the chain alone cannot."""
    problems = service.audit.verify()
    rows, latest = service.audit.head()
    guards = _AUDIT_GUARDS.get(service.db.engine.dialect.name)
    if guards is not None:
        expected, query = guards
        with service.db.read() as session:
            triggers = set(session.scalars(text(query)))
        missing = sorted(set(expected) - triggers)
        where = "the database file" if service.db.is_sqlite else "the database"
        if missing:
            found.bad(f"Audit trail: its protection ({', '.join(missing)}) has been removed "
                      f"from {where}, so rows could be changed. Someone changed {where} "
                      "outside Avenue Desk; keep this report and restore a backup.")
    for problem in problems[:SHOW_AT_MOST]:
        found.bad(f"Audit trail: {problem.message} Someone changed the database file outside "
                  "Avenue Desk; keep this report and restore the latest good backup.")
    if len(problems) > SHOW_AT_MOST:
        found.bad(f"Audit trail: {len(problems) - SHOW_AT_MOST} more problem(s).")
    if not problems:
        found.good(f"Audit trail: {rows:,} event(s), each chained to the one before, with no "
                   "break in the chain.")
    if service.paths.uses_sqlite_file:
        report_anchors(service, found)  # the head noted outside the database, each time
    last_row, _ = service.audit.last_row()
    found.good(f"Audit trail fingerprint (its latest event's): {fingerprint(last_row, latest)} "
               f"({latest}). Every backup and every governors' summary notes it too.")


def _check_search(service, found: _Findings, damaged: set[int]) -> None:
    queries = {
        "missing": "SELECT id FROM incidents WHERE id NOT IN (SELECT rowid FROM incident_search)",
        "extra": "SELECT rowid FROM incident_search WHERE rowid NOT IN (SELECT id FROM incidents)",
        # FTS5 keeps its own copy of the text; an edit that skipped reindex leaves it stale.
        "stale": "SELECT i.id FROM incidents i JOIN incident_search s ON s.rowid = i.id "
                 "WHERE s.excerpt IS NOT i.excerpt OR s.summary IS NOT i.summary",
    }
    with service.db.read() as session:
        total = session.scalar(select(func.count(Incident.id))) or 0
        ids = {name: list(session.scalars(text(sql))) for name, sql in queries.items()}
    wording = {
        "missing": "incident(s) are missing from the search index, so searching cannot find "
                   "them",
        "extra": "incident(s) that no longer exist still have search entries",
        "stale": "incident(s) have out-of-date search entries, so searching may miss them",
    }
    for name, found_ids in ids.items():
        if found_ids:
            examples = ", ".join(map(str, found_ids[:SHOW_AT_MOST]))
            # Only where the incidents themselves read back whole: a damaged excerpt makes
            # its search entry differ too, and is named above.
            intact = ("" if damaged & set(found_ids) else
                      " The records themselves are intact.")
            found.bad(f"Search index: {len(found_ids)} {wording[name]} (incident {examples})."
                      + intact)
    if not any(ids.values()):
        found.good(f"Search index: all {total:,} incident(s) are indexed.")


def _check_evidence(service, found: _Findings, progress) -> None:
    total = service.evidence.count()
    store = evidence_store(service.db)
    data_dir = service.paths.data_dir

    def where(record) -> str:
        return (store.where(record.stored_name) if store.in_database
                else _shown(Path(record.path), data_dir))

    bad = 0
    for done, (record, check) in enumerate(service.evidence.verify_all(), 1):
        if progress:
            progress(done, total)
        if check.ok:
            continue
        bad += 1
        about = f"Evidence {record.id} ({record.original_name}, incident {record.incident_id})"
        added = uk_date(record.added_at.date())
        if check.problem == "missing":
            found.bad(f"{about}: the file is missing; it should be "
                      f"{'' if store.in_database else 'at '}{where(record)}. "
                      "Restore it from a backup.")
        else:
            now = store.digest(record.stored_name)
            # No hash at all: a sealed file (an encrypted school's) that no longer opens.
            how = (f"found {now[:12]}…" if now else
                   "it no longer opens as Avenue Desk sealed it")
            found.bad(f"{about}: the file has been changed since it was added on {added} "
                      f"(expected SHA-256 {record.sha256[:12]}…, {how}). "
                      f"It is {where(record)}; restore the original from a backup.")
    for record, check in service.breach_evidence.verify_all():
        if not check.ok:
            bad += 1
            found.bad(f"Evidence {record.id} of code of conduct breach {record.breach_id} "
                      f"({record.original_name}): the file is {check.problem} "
                      f"({where(record)}). Restore it from a backup.")
    if not bad:
        found.good(f"Evidence files: {total:,} checked, all present and unchanged.")


def _check_unreferenced(service, found: _Findings) -> None:
    """Files in the evidence folder that no record refers to.

    A note, not a failure: no record is affected, and the app itself can leave one behind
    (a copy whose save was then cancelled, or a ".part" from an interrupted copy). But such
    a file may hold personal data the school has no record of keeping, so it is listed for
    the office to look at and delete.
    """
    store = evidence_store(service.db)
    with service.db.read() as session:
        stored = set(session.scalars(text("SELECT stored_name FROM evidence")))
    stored |= service.breach_evidence.stored_names()  # code of conduct breaches' files
    strays = sorted(name for name in store.names() if name not in stored)
    if strays:
        folder = service.paths.evidence_dir
        shown = ", ".join(store.where(name) if store.in_database else
                          _shown(folder / name, service.paths.data_dir)
                          for name in strays[:SHOW_AT_MOST])
        more = f" and {len(strays) - SHOW_AT_MOST} more" if len(strays) > SHOW_AT_MOST else ""
        kept = "Evidence in the database" if store.in_database else "Evidence folder"
        found.note(f"{kept}: {len(strays)} file(s) that no record refers to: "
                   f"{shown}{more}. They do not affect any record, but may hold personal "
                   "data; check them and delete them if they are not needed.")


def _shown(path: Path, data_dir: Path) -> str:
    try:
        return path.relative_to(data_dir).as_posix()
    except ValueError:
        return str(path)
