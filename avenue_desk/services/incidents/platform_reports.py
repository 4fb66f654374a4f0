"""Reports made to the platform about an incident: when, the platform's reference number,
its reply and when it came; and a report to the route after it (Report Harmful Content).

UK police guidance asks for the platform's report reference, and Report Harmful Content
steps in only once the platform was reported to and has not acted within a week, so the
week is counted here (``silent_since``) for Home to say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, literal_column, select

from avenue_desk.policy.access import Operation
from avenue_desk.policy.platform_routes import NEXT_ROUTES, PLATFORM, REPORT_HARMFUL_CONTENT_ROUTE
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.services.core.validation import check_length, clean_block, clean_line
from avenue_desk.services.core.versions import locked_for_save
from avenue_desk.store.models import Incident, PlatformReport

MADE_TO = (PLATFORM, *(route.key for route in NEXT_ROUTES))


@dataclass(frozen=True)
class PlatformReportInput:
    reported_on: date | None
    reference: str = ""  # the platform's reference (case) number, as it gave it
    reply: str = ""  # what it replied, in its words or a summary
    reply_on: date | None = None
    made_to: str = PLATFORM  # or a route after the platform (NEXT_ROUTES' keys)


@dataclass(frozen=True)
class PlatformReportRecord:
    id: int
    incident_id: int
    reported_on: date
    made_to: str
    reference: str
    reply: str
    reply_on: date | None
    recorded_by: str
    created_at: datetime
    updated_at: datetime
    row_version: int = 1  # handed back with a save (services/core/versions.py)


@dataclass(frozen=True)
class SilentPlatform:
    """An open incident whose post is still up a week or more after the platform was
    reported to, with no report to the next route recorded yet."""

    incident_id: int
    platform: str
    reported_on: date  # the first report to the platform
    days: int  # since then
    reference: str  # that report's reference ("" when none was given)


def _record(row: PlatformReport) -> PlatformReportRecord:
    return PlatformReportRecord(row.id, row.incident_id, row.reported_on, row.made_to,
                                row.reference, row.reply, row.reply_on, row.recorded_by,
                                row.created_at, row.updated_at, row.row_version or 1)


class PlatformReportService:
    def __init__(self, db: Database, clock, guard, audit):
        self._db = db
        self._clock = clock
        self._guard = guard
        self._audit = audit

    def for_incident(self, incident_id: int) -> list[PlatformReportRecord]:
        self._guard.require(Operation.INCIDENT_VIEW)
        with self._db.read() as session:
            return [_record(r) for r in session.scalars(
                select(PlatformReport).where(PlatformReport.incident_id == incident_id)
                .order_by(PlatformReport.reported_on, PlatformReport.id))]

    def add(self, incident_id: int, data: PlatformReportInput) -> PlatformReportRecord:
        actor = self._guard.require(Operation.ACTION_RECORD)
        with self._db.begin() as session:
            incident = session.get(Incident, incident_id)
            if incident is None:
                raise NotFound(f"Incident {incident_id} does not exist.")
            values = self._checked(data, incident.posted_on)
            now = self._clock.now()
            row = PlatformReport(incident_id=incident_id, recorded_by=actor.display_name,
                                 created_at=now, updated_at=now, **values)
            session.add(row)
            session.flush()
            self._audit.record(session, actor, "create", "platform_report", row.id,
                               f"Report to {_to(row.made_to)} recorded on incident "
                               f"{incident_id}")
            return _record(row)

    def update(self, report_id: int, data: PlatformReportInput,
               expected_version: int | None = None) -> PlatformReportRecord:
        """The reference, the reply and the dates, as they become known;
        ``expected_version`` (the version the screen showed) refuses the save if anyone has
        changed the report since (``ChangedElsewhere``, saying who and when)."""
        actor = self._guard.require(Operation.ACTION_RECORD)
        with self._db.begin() as session:
            row = locked_for_save(
                session, PlatformReport, report_id, expected_version, "platform_report",
                lambda r: f"The report to {_to(r.made_to)} on incident {r.incident_id}",
                f"Platform report {report_id} does not exist.")
            values = self._checked(data, session.get(Incident, row.incident_id).posted_on)
            for key, value in values.items():
                setattr(row, key, value)
            row.updated_at = self._clock.now()
            session.flush()
            self._audit.record(session, actor, "update", "platform_report", row.id,
                               f"Report to {_to(row.made_to)} changed on incident "
                               f"{row.incident_id}")
            return _record(row)

    def _checked(self, data: PlatformReportInput, posted_on: date) -> dict:
        today, errors = self._clock.today(), {}
        reference = clean_line(data.reference, "reference")
        reply = clean_block(data.reply, "reply")
        check_length(errors, "reference", "The reference number", reference, 200)
        check_length(errors, "reply", "The reply", reply, 5000)
        if data.made_to not in MADE_TO:
            errors["made_to"] = "Choose where the report was made."
        if data.reported_on is None:
            errors["reported_on"] = "Enter the date the report was made."
        elif data.reported_on > today:
            errors["reported_on"] = "The date reported is in the future."
        elif data.reported_on < posted_on:
            errors["reported_on"] = "The date reported is before the post was made."
        if data.reply_on is not None:
            if data.reply_on > today:
                errors["reply_on"] = "The date of the reply is in the future."
            elif data.reported_on is not None and data.reply_on < data.reported_on:
                errors["reply_on"] = "The reply is dated before the report was made."
            elif not reply:
                errors["reply"] = "Say what the reply was (a few words will do)."
        if errors:
            raise ValidationError(errors)
        return {"reported_on": data.reported_on, "made_to": data.made_to,
                "reference": reference, "reply": reply, "reply_on": data.reply_on}


def silent_platforms(session, today: date, limit: int) -> tuple[list[SilentPlatform], int]:
    """Open incidents whose post is still up and whose first report to the platform is at
    least the next route's week old, with no report to that route yet: the oldest first
    (up to ``limit``), and how many there are in all."""
    route = REPORT_HARMFUL_CONTENT_ROUTE
    first = (select(PlatformReport.incident_id,
                    func.min(PlatformReport.reported_on).label("reported_on"))
             .where(PlatformReport.made_to == PLATFORM)
             .group_by(PlatformReport.incident_id).subquery())
    onward = select(PlatformReport.incident_id).where(PlatformReport.made_to == route.key)
    where = (Incident.phase != literal_column("'closed'"),
             Incident.content_still_up.is_(True),
             first.c.reported_on <= today - timedelta(days=route.after_days),
             Incident.id.not_in(onward))
    joined = select(Incident.id, Incident.platform, first.c.reported_on).join(
        first, first.c.incident_id == Incident.id).where(*where)
    total = session.scalar(select(func.count()).select_from(joined.subquery())) or 0
    rows = session.execute(joined.order_by(first.c.reported_on, Incident.id).limit(limit)).all()
    references = {}
    if rows:
        for incident_id, reference in session.execute(
                select(PlatformReport.incident_id, PlatformReport.reference)
                .where(PlatformReport.incident_id.in_([r.id for r in rows]),
                       PlatformReport.made_to == PLATFORM)
                .order_by(PlatformReport.reported_on.desc(), PlatformReport.id.desc())):
            references.setdefault(incident_id, reference)
    return [SilentPlatform(r.id, r.platform, r.reported_on, (today - r.reported_on).days,
                           references.get(r.id, "")) for r in rows], total


def _to(made_to: str) -> str:
    return "the platform" if made_to == PLATFORM else next(
        (route.name for route in NEXT_ROUTES if route.key == made_to), made_to)
