"""All the services for one data set, built once by app.py or cli.py and passed down."""

from __future__ import annotations

from avenue_desk.paths import AppPaths
from avenue_desk.services.attention import AttentionService
from avenue_desk.services.clock import SystemClock
from avenue_desk.services.database import Database, open_database
from avenue_desk.services.escalation import EscalationService
from avenue_desk.services.evidence import EvidenceService
from avenue_desk.services.incidents import IncidentService
from avenue_desk.services.people import PeopleService
from avenue_desk.services.settings import SettingsService


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

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_services(paths: AppPaths, clock=None) -> Services:
    clock = clock or SystemClock()
    return Services(open_database(paths, clock), clock)
