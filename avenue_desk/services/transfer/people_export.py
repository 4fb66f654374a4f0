"""Everyone on record as a CSV file, one row a person, so an MIS import can be checked from
outside (``avenue-desk export people -o FILE.csv``): what was stored, with the facts the MIS
gave about each contact for each child.

A contact's link facts are per child: ``linked_pupil_ids``, ``relationships`` and
``priorities`` list them in the same order (``;`` between), and ``parental_responsibility``,
``court_order`` and ``restricted_access`` say "yes" when the MIS said so for any child
("no" when it said no for every child it was asked about, blank when never given).
"""

from __future__ import annotations

import os

from sqlalchemy import select

from avenue_desk.policy.access import Operation
from avenue_desk.services.core.csvfiles import atomic_csv_writer
from avenue_desk.store.models import Person, PersonLink

PEOPLE_COLUMNS = (
    "id", "role", "title", "forenames", "surname", "full_name", "salutation", "class_name",
    "year_group", "mis_id", "email", "phone", "parental_responsibility", "court_order",
    "restricted_access", "linked_pupil_ids", "relationships", "priorities",
)


def export_people_csv(service, path: str | os.PathLike) -> int:
    """Writes every person to ``path`` (replacing it only once complete); returns the count.
    Audited, as every export is."""
    actor = service.guard.require(Operation.DATA_EXPORT)
    count = 0
    with atomic_csv_writer(path) as writer, service.db.read() as session:
        links: dict[int, list[PersonLink]] = {}
        for link in session.scalars(select(PersonLink).order_by(PersonLink.pupil_id)):
            links.setdefault(link.adult_id, []).append(link)
        writer.writerow(PEOPLE_COLUMNS)
        for person in session.scalars(select(Person).order_by(Person.id)):
            own = links.get(person.id, [])
            writer.writerow((
                str(person.id), person.role, person.title, person.forenames, person.surname,
                person.full_name, person.salutation, person.class_name, person.year_group,
                person.mis_id, person.email, person.phone,
                _any([k.parental_responsibility for k in own]),
                _any([k.court_order for k in own]), _any([k.restricted_access for k in own]),
                ";".join(str(k.pupil_id) for k in own),
                ";".join(k.relationship_label for k in own),
                ";".join(str(k.priority or "") for k in own),
            ))
            count += 1
    service.audit.record_now(actor, "export", "person", None,
                             f"{count} people exported to a CSV file")
    return count


def _any(values: list[bool | None]) -> str:
    if any(v for v in values):
        return "yes"
    return "no" if any(v is False for v in values) else ""
