"""Permissions, designations and contact-detail exceptions: who, what, where, from, until."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from avenue_desk.services.conduct.records import (
    CONTACT_EXCEPTION,
    DESIGNATION,
    PERMISSION,
    AuthorisationInput,
)
from avenue_desk.services.core.errors import NotFound, ValidationError
from tests.helpers.conduct import staff
from tests.helpers.records import person
from tests.helpers.text import MARKUP


def permission(person_id, **changes) -> AuthorisationInput:
    values = dict(person_id=person_id, what="The logo on the PTA fair posters",
                  place="PTA Facebook page", valid_from=date(2026, 11, 1),
                  valid_until=date(2027, 7, 31), uses=("logo", "name"), agreed_by="Mrs Carter")
    values.update(changes)
    return AuthorisationInput(**values)


def test_until_before_from_is_refused_saying_both_dates(services):
    someone = staff(services)
    with pytest.raises(ValidationError) as bad:
        services.authorisations.create(PERMISSION, permission(
            someone.id, valid_from=date(2026, 11, 10), valid_until=date(2026, 11, 9)))
    assert bad.value.errors == {"valid_until": "The end date (9 November 2026) is before the "
                                               "start date (10 November 2026)."}


def test_every_missing_field_gets_its_own_message(services):
    with pytest.raises(ValidationError) as bad:
        services.authorisations.create(PERMISSION, AuthorisationInput(
            None, "", "", None, None, agreed_on=date(2027, 1, 1)))
    assert set(bad.value.errors) == {"person_id", "what", "place", "valid_from", "agreed_on",
                                     "agreed_by", "uses"}
    with pytest.raises(ValidationError) as bad_purpose:
        services.authorisations.create(DESIGNATION, permission(staff(services).id, purpose="x"))
    assert set(bad_purpose.value.errors) == {"purpose"}


def test_agreed_by_defaults_to_the_headteacher_in_settings(services):
    services.settings.save(replace(services.settings.load(), school_name="The Avenue",
                                   head_name="Mrs Helen Carter"))
    saved = services.authorisations.create(PERMISSION, permission(staff(services).id,
                                                                  agreed_by=""))
    assert saved.agreed_by == "Mrs Helen Carter" and saved.agreed_on == date(2026, 11, 21)
    assert saved.uses == ("name", "logo")  # in the order the form lists them


def test_only_people_the_code_applies_to(services):
    parent = person(services, "Jo Bloggs", "parent")
    with pytest.raises(ValidationError, match="applies to staff, volunteers and governors"):
        services.authorisations.create(CONTACT_EXCEPTION, permission(parent.id))


def test_create_list_update_delete_and_what_is_in_force(services, clock):
    someone = staff(services, "Ольга Смирнова")
    kept = services.authorisations.create(DESIGNATION, AuthorisationInput(
        someone.id, "Photos of sports day", "School website", date(2026, 1, 1), None,
        agreed_by="Head", purpose="images"))
    ended = services.authorisations.create(CONTACT_EXCEPTION, AuthorisationInput(
        someone.id, "Mobile number", "Year 6 trip parents", date(2026, 6, 1),
        date(2026, 6, 5), agreed_by="Head"))
    assert [r.id for r in services.authorisations.list(DESIGNATION)] == [kept.id]
    assert services.authorisations.list(CONTACT_EXCEPTION, active_on=clock.today()) == []
    assert services.authorisations.list(CONTACT_EXCEPTION,
                                        active_on=date(2026, 6, 3))[0].id == ended.id
    assert kept.active_on(clock.today()) and not ended.active_on(clock.today())
    changed = services.authorisations.update(DESIGNATION, kept.id, AuthorisationInput(
        someone.id, "Photos of sports day", "Website and newsletter", date(2026, 1, 1),
        date(2026, 12, 31), agreed_by="Head", purpose="accounts"))
    assert (changed.place, changed.purpose, changed.person_name) == (
        "Website and newsletter", "accounts", "Ольга Смирнова")
    services.authorisations.delete(DESIGNATION, kept.id)
    with pytest.raises(NotFound):
        services.authorisations.get(DESIGNATION, kept.id)
    with pytest.raises(ValidationError):
        services.authorisations.list("bogus")


def test_markup_is_kept_as_typed(services):
    saved = services.authorisations.create(PERMISSION, permission(
        staff(services).id, what=MARKUP, place=MARKUP, notes=MARKUP, agreed_by="<Head> & co"))
    again = services.authorisations.get(PERMISSION, saved.id)
    assert (again.what, again.place, again.notes, again.agreed_by) == (
        MARKUP, MARKUP, MARKUP, "<Head> & co")
