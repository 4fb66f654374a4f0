"""A letter about a child to an adult the MIS says must not have information about them (a
court order, restricted access: ``PersonLink.restricted_access`` / ``court_order``, from the
people import): said before it is printed, never silently addressed."""

from __future__ import annotations

from sqlalchemy import or_, select

from avenue_desk.store.models import Incident, IncidentPerson, Person, PersonLink


def restricted_notes(session, incident_id: int) -> list[str]:
    """A warning for each pupil the incident names (or the poster's linked child named in
    it) about whom its poster, the letter's recipient, has restricted access or a court
    order recorded."""
    poster_id = session.scalar(select(Incident.poster_id).where(Incident.id == incident_id))
    if poster_id is None:
        return []
    named = select(IncidentPerson.person_id).where(IncidentPerson.incident_id == incident_id)
    rows = session.execute(
        select(Person.full_name, PersonLink.restricted_access, PersonLink.court_order)
        .join(Person, Person.id == PersonLink.pupil_id)
        .where(PersonLink.adult_id == poster_id, PersonLink.pupil_id.in_(named),
               or_(PersonLink.restricted_access, PersonLink.court_order))
        .order_by(Person.name_key)).all()
    return [f"Warning: the MIS records {'restricted access' if restricted else 'a court order'} "
            f"for this letter's recipient about {name}. Check with the Designated "
            "Safeguarding Lead before sending them a letter about this child."
            for name, restricted, _court in rows]
