"""The people list's search ignores accents, as the incident search does: "zoe" finds Zoë,
"lukasz" finds Łukasz, "sinead" finds Sinéad (and an accent typed finds the name with or
without it), in what the People screen, the person pickers and the incident list's "Posted
by" filter all ask (``people.search`` and ``people.count``)."""

from __future__ import annotations

import pytest

from tests.helpers.records import person

PARENTS = ("Zoë Adams", "Zoe Baker", "Łukasz Nowak", "Sinéad O'Brien", "Renée Müller",
           "أميرة حسن", "王小明", "Jo Bloggs")


@pytest.fixture
def school(services):
    for name in PARENTS:
        person(services, name, "parent")
    person(services, "Zoë Patel", "pupil", class_name="Rowan (Y3)")
    return services


def found(services, text: str, roles: tuple[str, ...] = ()) -> set[str]:
    names = {p.full_name for p in services.people.search(text, roles, limit=100)}
    assert services.people.count(text, roles) == len(names)  # the list's count agrees
    return names


@pytest.mark.parametrize(("typed", "names"), [
    ("zoe", {"Zoë Adams", "Zoe Baker", "Zoë Patel"}),
    ("lukasz", {"Łukasz Nowak"}),
    ("sinead", {"Sinéad O'Brien"}),
    ("SINEAD O'B", {"Sinéad O'Brien"}),
    ("renee muller", {"Renée Müller"}),
    ("ZOË", {"Zoë Adams", "Zoe Baker", "Zoë Patel"}),
    ("łukasz", {"Łukasz Nowak"}),
    ("Sinéad", {"Sinéad O'Brien"}),
])
def test_accents_and_case_are_ignored_on_both_sides(school, typed, names):
    assert found(school, typed) == names


def test_other_scripts_and_plain_names_are_found_as_before(school):
    assert found(school, "أميرة") == {"أميرة حسن"}
    assert found(school, "王") == {"王小明"}
    assert found(school, "bloggs") == {"Jo Bloggs"}
    assert found(school, "rowan") == {"Zoë Patel"}  # a class, as before
    assert found(school, "zoey") == set()
    assert found(school, "") == {*PARENTS, "Zoë Patel"}


def test_the_role_filter_still_applies_to_names_found_by_their_accents(school):
    assert found(school, "zoe", ("pupil",)) == {"Zoë Patel"}
    assert found(school, "zoe", ("parent", "carer")) == {"Zoë Adams", "Zoe Baker"}
    assert found(school, "lukasz", ("staff",)) == set()


def test_pages_of_matches_neither_repeat_nor_miss_anyone(school):
    pages = [[p.full_name for p in school.people.search("zoe", offset=n, limit=1)]
             for n in range(4)]
    assert [len(page) for page in pages] == [1, 1, 1, 0]
    assert {name for page in pages for name in page} == {"Zoë Adams", "Zoe Baker",
                                                         "Zoë Patel"}


def test_wildcards_in_a_search_are_just_characters_there_too(services):
    """SQLite asks its GLOB for the folded name: its *, ? and [ are plain characters."""
    person(services, "Zoë [Tilly]* Ng?", "parent")
    person(services, "Zoe Ngata", "parent")
    assert found(services, "zoe [t") == {"Zoë [Tilly]* Ng?"}
    assert found(services, "y]* n") == {"Zoë [Tilly]* Ng?"}
    assert found(services, "ng?") == {"Zoë [Tilly]* Ng?"}
    assert found(services, "e ng") == {"Zoe Ngata"}
    assert found(services, "n?") == found(services, "zoe*") == found(services, "[a]") == set()
