"""Records made through the services, the way the window makes them (for the UI tests)."""

from __future__ import annotations

from datetime import date, timedelta

from avenue_desk.services.incidents.records import ActionInput, IncidentInput
from avenue_desk.services.people.records import PersonInput


def incident(services, **changes):
    values = dict(
        posted_on=date(2026, 11, 1),
        platform="facebook",
        categories=("complaint",),
        summary="Complaint about the school trip posted in the Year 4 parents' group.",
        excerpt="This school never listens, the trip was a shambles.",
    )
    values.update(changes)
    return services.incidents.create(IncidentInput(**values))


def person(services, name="Jo Bloggs", role="parent", **more):
    return services.people.create(PersonInput(full_name=name, role=role, **more))


def follow_up(services, incident_id: int, due: date):
    """An informal discussion with a follow-up due on ``due``."""
    taken = min(due, services.clock.today()) - timedelta(days=3)
    return services.escalation.record(
        incident_id,
        ActionInput(step="informal_discussion", taken_on=taken, follow_up_due=due),
    )


def close(services, incident_id: int):
    return services.escalation.record(
        incident_id, ActionInput(step="close", taken_on=services.clock.today())
    )
