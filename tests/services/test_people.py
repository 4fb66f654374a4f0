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


@pytest.mark.parametrize(("name", "parts"), [
    ("Mr John Okafor", ("Mr", "John", "Okafor")),
    ("mrs. Łucja Wróbel", ("Mrs", "Łucja", "Wróbel")),
    ("Seán O'Neill", ("", "Seán", "O'Neill")),
    ("Dr Amira Al-Sayed", ("Dr", "Amira", "Al-Sayed")),
    ("Okafor", ("", "", "")),  # a surname or a forename? not ours to say
    ("Mrs Mary Jane van der Berg", ("Mrs", "", "")),
    ("Nguyễn Thị Hương", ("", "", "")),
    ("Anna van Berg", ("", "", "")),
    ("王 小明", ("", "", "")),  # written family name first
    ("Mr <b>Jo</b> Smith", ("Mr", "", "")),
])
def test_name_parts_are_filled_only_where_the_full_name_is_unambiguous(services, name, parts):
    saved = person(services, name)
    assert (saved.title, saved.forenames, saved.surname) == parts
    assert saved.full_name == " ".join(name.split())  # the name itself is kept as typed


def test_name_parts_given_are_kept_as_given_and_checked(services):
    saved = person(services, "Mary Jane van der Berg", title="Mrs", forenames="Mary Jane",
                   surname="van der Berg", salutation="Mr and Mrs van der Berg")
    assert (saved.title, saved.forenames, saved.surname, saved.salutation) == (
        "Mrs", "Mary Jane", "van der Berg", "Mr and Mrs van der Berg")
    # Given empty on purpose: left empty, not filled from the name.
    cleared = services.people.update(saved.id, PersonInput("Ann Lee", "parent", title="",
                                                           forenames="", surname=""))
    assert (cleared.title, cleared.forenames, cleared.surname, cleared.salutation) == (
        "", "", "", "")
    with pytest.raises(ValidationError) as caught:
        person(services, "Ann Lee", title="M" * 41)
    assert "The title is 41 characters long" in caught.value.errors["title"]


def test_an_mis_file_gives_the_name_parts_it_knows(services, tmp_path):
    from tests.helpers.csv_files import write

    path = write(tmp_path / "mis.csv", [
        ["Okafor, Ada", "3B", "Mrs", "Mary Jane", "van der Berg", "Grandmother", "Nana Mary"],
        ["Okafor, Ben", "R", "", "", "", "", ""],
    ], ["Name", "Class", "Contact 1 Title", "Contact 1 Forename", "Contact 1 Surname",
        "Contact 1 Relationship", "Contact 1 Salutation"])
    result = services.transfer.import_people(path)
    assert not result.errors, result.errors
    gran = services.people.search("van der Berg", roles=("relative",))[0]
    assert (gran.full_name, gran.title, gran.forenames, gran.surname, gran.salutation) == (
        "Mary Jane van der Berg", "Mrs", "Mary Jane", "van der Berg", "Nana Mary")
    ada = services.people.search("Ada Okafor", roles=("pupil",))[0]
    assert (ada.forenames, ada.surname) == ("Ada", "Okafor")
