"""All the services for one data set, built once by app.py or cli/parser.py and passed down.

One ``AccessGuard`` holds whoever signed in (through ``accounts``); every service is given
it and the ``AuditLog``, checks the operation it is asked for, and writes its audit rows
in the same transaction as the change.
"""

from __future__ import annotations

from avenue_desk.paths import AppPaths
from avenue_desk.services.accounts import AccountService
from avenue_desk.services.conduct import (
    AuthorisationService,
    BreachEvidenceService,
    BreachService,
    ConductDocuments,
    ConductRegisterService,
    ConductService,
)
from avenue_desk.services.core import records_key
from avenue_desk.services.core.access import AccessGuard
from avenue_desk.services.core.audit import AuditLog, default_origin
from avenue_desk.services.core.changes import ChangeMonitor
from avenue_desk.services.core.clock import SystemClock
from avenue_desk.services.core.database import Database, open_database
from avenue_desk.services.core.files import keep_private
from avenue_desk.services.core.plain_copies import clear_plain_copies
from avenue_desk.services.core.settings import SettingsService
from avenue_desk.services.core.swap_journal import database_files
from avenue_desk.services.incidents import (
    AttentionService,
    EscalationService,
    EvidenceService,
    HistoryService,
    IncidentService,
    PlatformReportService,
    SocialAccountService,
)
from avenue_desk.services.letters import LetterService
from avenue_desk.services.people import PeopleService
from avenue_desk.services.privacy import RetentionService, SubjectAccessService
from avenue_desk.services.safety import BackupService, HealthService
from avenue_desk.services.summaries import PolicyReviewService, SummaryService
from avenue_desk.services.transfer import TransferService


class Services:
    def __init__(self, db: Database, clock=None, origin: str = "gui", hashing=None):
        self.db = db
        self.origin = origin
        self.clock = clock or SystemClock()
        self.paths = db.paths
        self.guard = AccessGuard()
        # The trail's head noted beside the backups as this run writes and closes (a
        # SQLite file's records only: on a server other PCs write too).
        anchors = self.paths.backups_dir if self.paths.uses_sqlite_file else None
        self.audit = AuditLog(db, self.clock, self.guard, default_origin(origin), anchors)
        self.accounts = AccountService(db, self.clock, self.guard, self.audit, hashing=hashing)
        guarded = (self.guard, self.audit)
        self.settings = SettingsService(db, *guarded)
        self.people = PeopleService(db, self.clock, *guarded)
        self.incidents = IncidentService(db, self.clock, *guarded)
        self.escalation = EscalationService(db, self.clock, *guarded)
        self.evidence = EvidenceService(db, self.clock, *guarded)
        self.attention = AttentionService(db, self.clock, self.guard)
        # Part 10: the accounts that post, and each person's chronology.
        self.social_accounts = SocialAccountService(db, self.clock, *guarded)
        self.history = HistoryService(db, self.clock, *guarded, self.settings)
        self.platform_reports = PlatformReportService(db, self.clock, *guarded)
        self.changes = ChangeMonitor(db)  # has anything been saved since a screen looked?
        self.backup = BackupService(db, self.clock, *guarded)
        # The staff code of conduct (issue 4).
        self.conduct = ConductService(db, self.clock, self.settings, *guarded)
        self.conduct_register = ConductRegisterService(db, self.clock, self.settings, *guarded)
        self.authorisations = AuthorisationService(db, self.clock, self.settings, *guarded)
        self.breaches = BreachService(db, self.clock, *guarded)
        self.breach_evidence = BreachEvidenceService(db, self.clock, self.evidence, *guarded)
        self.conduct_documents = ConductDocuments(
            self.clock, *guarded, self.settings, self.conduct, self.conduct_register,
            self.authorisations, self.people)
        self.letters = LetterService(db, self.clock, self.settings, self.escalation, *guarded)
        self.summaries = SummaryService(db, self.clock, self.settings, *guarded)
        self.policy_review = PolicyReviewService(db, self.clock, *guarded)  # governors' review
        self.retention = RetentionService(db, self.clock, *guarded)  # UK GDPR (issue 6)
        self.subject_access = SubjectAccessService(db, self.clock, *guarded, self.settings)
        self.transfer = TransferService(db, self.clock, *guarded)
        self.health = HealthService(db, self.clock, *guarded, self.settings, self.evidence,
                                    self.breach_evidence)

    @property
    def actor(self):
        """Who is signed in (None before anyone has)."""
        return self.guard.actor

    def close(self) -> None:
        self.audit.close_session()
        self.changes.close()  # a server's listening connection, if one was opened
        self.db.close()
        if self.origin == "gui" and records_key.is_encrypted(self.paths):
            # The window's plain copies (viewers, thumbnails) go with it; a command run
            # beside the window must not take the window's from under it.
            clear_plain_copies(self.paths)

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_services(paths: AppPaths, clock=None, origin: str = "gui", hashing=None,
                  encrypt_new: bool = True) -> Services:
    """``origin`` ("gui", "cli") says where audit rows come from; ``hashing`` is for tests
    that need cheaper password hashes than the real ones. A new school's records are
    encrypted from the start (``encrypt_new``)."""
    clock = clock or SystemClock()
    new = paths.uses_sqlite_file and not paths.database_file.exists()
    db = open_database(paths, clock, encrypt_new=encrypt_new)
    if new:  # SQLite made it (and its -wal and -shm) as the umask says: 0644, usually
        for made in database_files(paths.database_file):
            keep_private(made)
    return Services(db, clock, origin, hashing)
