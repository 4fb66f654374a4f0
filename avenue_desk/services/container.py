"""All the services for one data set, built once by app.py or cli.py and passed down."""

from __future__ import annotations

from avenue_desk.paths import AppPaths
from avenue_desk.services.attention import AttentionService
from avenue_desk.services.backup import BackupService
from avenue_desk.services.clock import SystemClock
from avenue_desk.services.conduct import ConductService
from avenue_desk.services.conduct_authorisations import AuthorisationService
from avenue_desk.services.conduct_breaches import BreachService
from avenue_desk.services.conduct_documents import ConductDocuments
from avenue_desk.services.conduct_evidence import BreachEvidenceService
from avenue_desk.services.conduct_register import ConductRegisterService
from avenue_desk.services.database import Database, open_database
from avenue_desk.services.escalation import EscalationService
from avenue_desk.services.evidence import EvidenceService
from avenue_desk.services.incidents import IncidentService
from avenue_desk.services.letters import LetterService
from avenue_desk.services.people import PeopleService
from avenue_desk.services.settings import SettingsService
from avenue_desk.services.summaries import SummaryService


class Services:
    def __init__(self, db: Database, clock=None):
        self.db = db
        self.clock = clock or SystemClock()
        self.paths = db.paths
        self.settings = SettingsService(db)
        self.people = PeopleService(db, self.clock)
        self.incidents = IncidentService(db, self.clock)
        self.escalation = EscalationService(db, self.clock)
        self.evidence = EvidenceService(db, self.clock)
        self.attention = AttentionService(db, self.clock)
        self.backup = BackupService(db, self.clock)
        # The staff code of conduct (issue 4).
        self.conduct = ConductService(db, self.clock, self.settings)
        self.conduct_register = ConductRegisterService(db, self.clock, self.settings)
        self.authorisations = AuthorisationService(db, self.clock, self.settings)
        self.breaches = BreachService(db, self.clock)
        self.breach_evidence = BreachEvidenceService(db, self.clock, self.evidence)
        self.conduct_documents = ConductDocuments(self)
        self.letters = LetterService(db, self.clock, self.settings, self.escalation)
        self.summaries = SummaryService(db, self.clock, self.settings)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_services(paths: AppPaths, clock=None) -> Services:
    clock = clock or SystemClock()
    return Services(open_database(paths, clock), clock)
