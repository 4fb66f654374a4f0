"""Logging incidents on a real SQLite file: what is kept, and what is refused."""

from __future__ import annotations

from datetime import date

import pytest

from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.services.incidents.records import IncidentQuery
from tests.helpers.records import incident_input, person
from tests.helpers.text import MARKUP, NAMES_IN_MANY_SCRIPTS


def test_an_incident_is_kept_with_everything_it_was_given(services):
    poster = person(services, "Dana Whitfield", "parent")
    pupil = person(services, "Amir Khan", "pupil", class_name="Oak (Y3)")
    teacher = person(services, "Mr Hughes", "staff")
    saved = services.incidents.create(
        incident_input(
            seen_on=date(2026, 11, 2),
            poster_id=poster.id,
            named_person_ids=(pupil.id, teacher.id),
            categories=("offensive", "allegation"),
            on_school_forum=False,
        )
    )
    again = services.incidents.get(saved.id)
    assert again.poster.full_name == "Dana Whitfield"
    assert {p.full_name for p in again.named_people} == {"Amir Khan", "Mr Hughes"}
    assert set(again.categories) == {"offensive", "allegation"}
    assert again.seen_on == date(2026, 11, 2)
    assert again.phase == "new" and again.status == "open"
    assert again.content_still_up is True
    assert again.policy_edition == "avenue-2021"


def test_the_edition_in_force_when_posted_is_recorded(services):
    older = services.incidents.create(incident_input(posted_on=date(2020, 5, 4)))
    assert older.policy_edition == "parental-2019"


def test_school_forum_posts_are_marked_as_on_the_school_forum(services):
    saved = services.incidents.create(incident_input(platform="school_forum"))
    assert saved.on_school_forum is True


@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"posted_on": None}, "posted_on", "Enter the date"),
        ({"posted_on": date(2026, 11, 22)}, "posted_on", "in the future"),
        ({"seen_on": date(2026, 12, 25)}, "seen_on", "in the future"),
        ({"seen_on": date(2026, 10, 1)}, "seen_on", "before the date it was posted"),
        ({"platform": "myspace"}, "platform", "facebook"),
        ({"categories": ()}, "categories", "at least one"),
        ({"categories": ("rude",)}, "categories", "racist"),
        ({"excerpt": "x" * 5_000_000}, "excerpt", "5,000,000 characters"),
        ({"excerpt": "", "summary": "  "}, "summary", "Write a summary"),
        ({"poster_id": 4242}, "poster_id", "No person with id 4242"),
    ],
)
def test_bad_input_is_refused_with_a_message_for_its_field(services, changes, field, words):
    with pytest.raises(ValidationError) as caught:
        services.incidents.create(incident_input(**changes))
    assert field in caught.value.errors
    assert words in caught.value.errors[field]
    assert services.incidents.count(IncidentQuery()) == 0


def test_a_refused_edit_leaves_the_saved_incident_as_it_was(services):
    saved = services.incidents.create(incident_input(summary="First words."))
    with pytest.raises(ValidationError):
        services.incidents.update(saved.id, incident_input(summary="Changed", categories=()))
    assert services.incidents.get(saved.id).summary == "First words."
    assert services.incidents.get(saved.id).categories == ("complaint",)


def test_names_in_every_script_and_markup_are_kept_exactly(services):
    people = [person(services, name, "parent") for name in NAMES_IN_MANY_SCRIPTS]
    for someone in people:
        saved = services.incidents.create(
            incident_input(poster_id=someone.id, excerpt=MARKUP, summary=MARKUP,
                           location=MARKUP[:200], reported_by=someone.full_name)
        )
        again = services.incidents.get(saved.id)
        assert again.poster.full_name == someone.full_name
        assert again.reported_by == someone.full_name
        assert again.excerpt == again.summary == MARKUP


def test_updating_replaces_categories_and_people(services):
    first, second = person(services, "A One", "pupil"), person(services, "B Two", "pupil")
    saved = services.incidents.create(incident_input(named_person_ids=(first.id,)))
    updated = services.incidents.update(
        saved.id, incident_input(named_person_ids=(second.id,), categories=("racist", "threat"))
    )
    assert [p.full_name for p in updated.named_people] == ["B Two"]
    assert set(updated.categories) == {"racist", "threat"}


def test_missing_incident_says_so(services):
    with pytest.raises(NotFound, match="Incident 77 does not exist"):
        services.incidents.get(77)


def test_list_filters_sorts_and_pages(services):
    for day, platform, category in [
        (1, "facebook", "complaint"), (2, "tiktok", "racist"), (3, "facebook", "threat"),
        (4, "whatsapp", "complaint"), (5, "facebook", "defamatory"),
    ]:
        services.incidents.create(
            incident_input(posted_on=date(2026, 10, day), platform=platform,
                           categories=(category,))
        )
    everything = IncidentQuery()
    assert services.incidents.count(everything) == 5
    newest_first = services.incidents.page(everything, 0, 10)
    assert [r.posted_on.day for r in newest_first] == [5, 4, 3, 2, 1]
    assert [r.posted_on.day for r in services.incidents.page(everything, 1, 2)] == [4, 3]
    facebook = IncidentQuery(platform="facebook", sort_key="posted_on", descending=False)
    assert [r.posted_on.day for r in services.incidents.page(facebook, 0, 10)] == [1, 3, 5]
    assert services.incidents.count(IncidentQuery(category="complaint")) == 2
    ranged = IncidentQuery(date_from=date(2026, 10, 2), date_to=date(2026, 10, 4))
    assert services.incidents.count(ranged) == 3
    by_platform = services.incidents.page(IncidentQuery(sort_key="platform", descending=False),
                                          0, 10)
    assert [r.platform for r in by_platform] == sorted(r.platform for r in by_platform)
    assert services.incidents.page(IncidentQuery(category="racist"), 0, 1)[0].categories == (
        "racist",
    )
