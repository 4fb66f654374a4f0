"""The demo school's code of conduct records: a realistic spread of statuses, a few paper
forms, permissions, designations, an exception and two breaches.

Called by the demo generator after the people exist (``fill_conduct_demo(services, rng)``);
acknowledgements are dated in the past, so they are written here directly rather than
through the wizard's service, which always signs "today".
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select

from avenue_desk.policy import conduct as code
from avenue_desk.services.conduct import (
    ACCEPTED,
    CODE_ROLES,
    COMPLETE,
    CONTACT_EXCEPTION,
    DESIGNATION,
    IN_PROGRESS,
    NO,
    PERMISSION,
    YES,
    AuthorisationInput,
    BreachInput,
)
from avenue_desk.store.models import ConductAcknowledgement, ConductAcknowledgementItem, Person


def _answer(item: code.ConductItem, rng: random.Random) -> str:
    if not item.is_check:
        return ACCEPTED
    honest_slip = rng.random() < 0.06  # now and then an answer to put right
    expected = YES if item.expected else NO
    return (NO if expected == YES else YES) if honest_slip else expected


def fill_conduct_demo(services, rng: random.Random) -> int:
    """Adds the records; returns how many acknowledgements were made."""
    today = services.clock.today()
    now = services.clock.now()
    made = 0
    with services.db.begin() as session:
        people = list(session.scalars(select(Person).where(Person.role.in_(CODE_ROLES))
                                      .order_by(Person.id)))
        for person in people:
            roll = rng.random()
            if roll < 0.08:
                continue  # never acknowledged
            if roll < 0.14:
                days_ago, status = rng.randint(380, 520), COMPLETE  # overdue
            elif roll < 0.24:
                days_ago, status = rng.randint(340, 362), COMPLETE  # due soon
            elif roll < 0.28:
                days_ago, status = 0, IN_PROGRESS
            else:
                days_ago, status = rng.randint(5, 330), COMPLETE
            signed_on = today - timedelta(days=days_ago)
            on_paper = status == COMPLETE and rng.random() < 0.2
            ack = ConductAcknowledgement(
                person_id=person.id, edition=code.EDITION_KEY, scope="full", status=status,
                started_at=now - timedelta(days=days_ago), updated_at=now,
                completed_at=(now - timedelta(days=days_ago)) if status == COMPLETE else None,
                signed_name=person.full_name if status == COMPLETE else "",
                signed_on=signed_on if status == COMPLETE else None, on_paper=on_paper,
                recorded_by="School office" if on_paper else "", last_section="",
            )
            items = code.conduct_items() if status == COMPLETE else code.conduct_items()[:6]
            for item in items:
                ack.items.append(ConductAcknowledgementItem(
                    item_key=item.key, item_text=item.text, item_version=item.version,
                    answer=item.stored_answer(_answer(item, rng)), note=""))
            session.add(ack)
            made += 1
    _authorisations(services, [p.id for p in people], today)
    _breaches(services, [p.id for p in people], today)
    return made


def _authorisations(services, ids: list[int], today) -> None:
    if len(ids) < 4:
        return
    head = services.settings.load().head_name.strip() or "Headteacher"

    def add(kind, data: AuthorisationInput):
        return services.authorisations.create(kind, replace(data, agreed_by=head))

    add(PERMISSION, AuthorisationInput(
        ids[1], "The school logo on the PTA summer fair posters and Facebook event",
        "PTA Facebook page; posters in local shops", today - timedelta(days=60),
        today + timedelta(days=40), uses=("name", "logo")))
    add(PERMISSION, AuthorisationInput(
        ids[2], "Photos from the school website in a church newsletter article",
        "St Mary's parish newsletter (printed)", today - timedelta(days=200),
        today - timedelta(days=120), uses=("material",)))
    add(DESIGNATION, AuthorisationInput(
        ids[0], "Photos of sports day and class assemblies for agreed publicity",
        "School website and newsletter", today - timedelta(days=300), None, purpose="images"))
    add(DESIGNATION, AuthorisationInput(
        ids[3], "Posting news and reminders", "School Facebook page and X account",
        today - timedelta(days=300), None, purpose="accounts"))
    add(CONTACT_EXCEPTION, AuthorisationInput(
        ids[1], "School-issued mobile number", "Parents on the Year 6 residential trip, for "
        "emergencies during the trip", today - timedelta(days=30), today - timedelta(days=26)))


def _breaches(services, ids: list[int], today) -> None:
    if len(ids) < 6:
        return
    first = services.breaches.create(BreachInput(
        ids[5], ("na_images", "me_private"),
        "Photos of pupils on a school trip posted on a personal Instagram account.",
        today - timedelta(days=45), today - timedelta(days=44), "Parent, by email"))
    services.breaches.add_step(first.id, today - timedelta(days=43), "Headteacher",
                               "Met the member of staff; photos removed the same day.")
    services.breaches.set_outcome(first.id, "informal", today - timedelta(days=40),
                                  "Reminded of the code; privacy settings checked together.")
    services.breaches.create(BreachInput(
        ids[4], ("me_no_derogatory",),
        "Comment about a colleague in a public Facebook group.", today - timedelta(days=6),
        today - timedelta(days=5), "Deputy headteacher"))
