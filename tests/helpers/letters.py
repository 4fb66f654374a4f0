"""A school with a parent, her child and incidents at each stage, for the letter tests."""

from __future__ import annotations

from datetime import date

from avenue_desk.services.core.school import SchoolSettings
from avenue_desk.services.incidents.records import ActionInput
from avenue_desk.services.people.records import PersonInput
from tests.helpers.records import incident_input

D = date(2026, 11, 10)
LETTER_DATE = date(2026, 11, 21)  # the date the report tests print on their letters
SCHOOL = "The Avenue Primary School"
HEAD = "Mrs Helen Carter"


def set_up_school(services) -> None:
    services.settings.save(SchoolSettings(
        school_name=SCHOOL, address="12 Avenue Road\nLeeds\nLS6 1AB", head_name=HEAD,
        set_up=True,
    ))


def parent(services, name: str = "Mrs Łucja Wróbel", **more):
    child = services.people.create(PersonInput("Ela Wróbel", "pupil", class_name="3B"))
    more.setdefault("address", "Flat 3, 27 Żaneta Court\nHeadingley\nLeeds LS6 2QQ")
    return services.people.create(
        PersonInput(name, "parent", linked_pupil_ids=(child.id,), **more)
    )


def posted(services, poster_id: int | None, **changes):
    return services.incidents.create(incident_input(poster_id=poster_id, **changes))


def escalate(services, incident_id: int) -> None:
    """The school asked, the parent refused: the further actions are open."""
    services.escalation.record(incident_id, ActionInput(
        "informal_discussion", D, "Mrs Carter", "Asked the parent to take the post down"))
    services.escalation.record(incident_id, ActionInput(
        "parent_refused", D, "Mrs Carter", "The parent refused"))


def refer(services, incident_id: int, reason: str = "The post threatens a member of staff.",
          kind: str = "threats") -> None:
    """The Headteacher's police referral details, which the police pack needs to print."""
    services.incidents.record_referral(incident_id, reason, kind)
