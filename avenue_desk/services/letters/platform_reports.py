"""The reports made to the platform about each incident, for the police referral pack: UK
police guidance asks for the platform's report reference, and the reply shows what the
platform did. Read as recorded (``incidents.PlatformReportService`` keeps them), oldest
first; one query for however many incidents.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from avenue_desk.reports.context import PlatformReportLine
from avenue_desk.store.models import PlatformReport


def load_platform_reports(session: Session, incident_ids: Sequence[int]
                          ) -> dict[int, tuple[PlatformReportLine, ...]]:
    found: dict[int, list[PlatformReportLine]] = {}
    if not incident_ids:
        return {}
    for row in session.execute(
            select(PlatformReport.incident_id, PlatformReport.reported_on,
                   PlatformReport.made_to, PlatformReport.reference, PlatformReport.reply,
                   PlatformReport.reply_on)
            .where(PlatformReport.incident_id.in_(list(incident_ids)))
            .order_by(PlatformReport.incident_id, PlatformReport.reported_on,
                      PlatformReport.id)):
        found.setdefault(row.incident_id, []).append(PlatformReportLine(
            row.reported_on, row.made_to, row.reference, row.reply, row.reply_on))
    return {incident_id: tuple(lines) for incident_id, lines in found.items()}
