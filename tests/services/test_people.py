"""People and the links between adults and pupils."""

from __future__ import annotations

import pytest

from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.people.records import PersonInput
from tests.helpers.records import person
from tests.helpers.text import MARKUP, NAMES_IN_MANY_SCRIPTS


def test_a_parent_is_linked_to_their_children(services):
    first = person(services, "Amir Khan", "pupil", class_name="Oak (Y3)")
    second = person(services, "Sara Khan", "pupil", class_name="Ash (Y1)")
    mum = services.people.create(
        PersonInput("Yasmin Khan", "parent", linked_pupil_ids=(first.id, second.id))
    )
    assert mum.linked_pupil_ids == (first.id, second.id)
    assert [a.full_name for a in services.people.linked_adults(first.id)] == ["Yasmin Khan"]
    changed = services.people.update(
        mum.id, PersonInput("Yasmin Khan", "parent", linked_pupil_ids=(second.id,))
    )
    assert changed.linked_pupil_ids == (second.id,)
    assert services.people.linked_adults(first.id) == []


def test_only_pupils_can_be_linked_as_children(services):
    teacher = person(services, "Mr Hughes", "staff")
    with pytest.raises(ValidationError, match=f"No pupil with id {teacher.id}"):
        services.people.create(PersonInput("Jo", "parent", linked_pupil_ids=(teacher.id,)))


@pytest.mark.parametrize(
    "data, field",
    [
        (PersonInput("   ", "parent"), "full_name"),
        (PersonInput("x" * 201, "parent"), "full_name"),
        (PersonInput("Jo", "uncle-ish"), "role"),
        (PersonInput("Jo", "parent", email="jo at home"), "email"),
    ],
)
def test_bad_people_are_refused_per_field(services, data, field):
    with pytest.raises(ValidationError) as caught:
        services.people.create(data)
    assert field in caught.value.errors
    assert services.people.count() == 0


def test_names_in_any_script_are_found_by_any_case(services):
    for name in NAMES_IN_MANY_SCRIPTS:
        person(services, name, "parent")
    person(services, MARKUP[:150], "relative")
    assert [p.full_name for p in services.people.search("łucja")] == ["Łucja Wróbel"]
    assert [p.full_name for p in services.people.search("ΓΙΏΡΓΟΣ")] == ["Γιώργος Παπαδόπουλος"]
    assert [p.full_name for p in services.people.search("王")] == ["王小明"]
    assert [p.full_name for p in services.people.search("o'neill")] == ["Siobhán O'Neill-Smith"]
    assert services.people.search("<b>")[0].full_name == MARKUP[:150]
    assert services.people.count(roles=("relative",)) == 1


def test_spaces_and_control_characters_are_tidied(services):
    saved = services.people.create(PersonInput("  Jo\t\x07  Bloggs ", "parent"))
    assert saved.full_name == "Jo Bloggs"


def test_percent_and_underscore_in_a_search_are_just_characters(services):
    person(services, "Ann 100% Smith", "parent")
    person(services, "Bob Jones", "parent")
    person(services, "Cat_Lee", "parent")
    assert [p.full_name for p in services.people.search("%")] == ["Ann 100% Smith"]
    assert [p.full_name for p in services.people.search("_")] == ["Cat_Lee"]
    assert services.people.search("\\") == []
