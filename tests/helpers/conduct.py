"""Builders for the code of conduct tests: people it applies to, and whole sets of answers."""

from __future__ import annotations

from avenue_desk.policy import conduct as code
from avenue_desk.services.conduct.records import ACCEPTED, NO, YES, ItemAnswer
from avenue_desk.services.people.records import PersonInput


def staff(services, name: str = "Łucja Wróbel", role: str = "staff"):
    return services.people.create(PersonInput(full_name=name, role=role))


def answers(keys=None, **given: str) -> list[ItemAnswer]:
    """An answer for every item (or for ``keys``): rules ticked, checks answered as the
    code expects; ``given`` overrides by key (e.g. ``chk_private="no"``)."""
    chosen = [i for i in code.conduct_items() if keys is None or i.key in keys]
    found = []
    for item in chosen:
        if item.is_check:
            value = YES if item.expected else NO
        else:
            value = ACCEPTED
        found.append(ItemAnswer(item.key, given.get(item.key, value)))
    return found


def sign(services, person, keys=None):
    """Signs on screen today, answering everything as the code expects."""
    return services.conduct.complete(person.id, None, answers(keys), person.full_name)
