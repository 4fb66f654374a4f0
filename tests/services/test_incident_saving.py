"""Saving an incident returns what was written, without reading it back: the record must be
the very one reading it back gives, and the audit chain must hold."""

from __future__ import annotations

from datetime import date

import pytest

from avenue_desk.services.incidents.records import IncidentQuery
from tests.helpers.records import incident_input, person
from tests.helpers.text import NAMES_IN_MANY_SCRIPTS


def test_the_saved_record_is_the_one_read_back(services):
    poster = person(services, "Dana Whitfield", "parent")
    pupils = [person(services, name, "pupil") for name in ("Zoe Adams", "amir khan", "Bea Li")]
    saved = services.incidents.create(incident_input(
        seen_on=date(2026, 11, 2), poster_id=poster.id,
        named_person_ids=tuple(p.id for p in pupils),
        categories=("threat", "offensive", "allegation"), reported_by="  Mrs  Jones ",
        location="Year 4 parents' group", content_still_up=False,
        excerpt=" ".join(NAMES_IN_MANY_SCRIPTS), summary="Line one\nline two"))
    assert saved == services.incidents.current(saved.id)
    assert [p.full_name for p in saved.named_people] == ["amir khan", "Bea Li", "Zoe Adams"]
    assert saved.categories == ("allegation", "offensive", "threat")


@pytest.mark.parametrize("changes", [
    {},
    {"posted_on": date(2020, 5, 4)},  # an older edition of the policy
    {"platform": "school_forum"},
    {"policy_edition": "parental-2019"},
])
def test_the_saved_record_matches_for_every_kind_of_input(services, changes):
    saved = services.incidents.create(incident_input(**changes))
    assert saved == services.incidents.current(saved.id)


def test_saving_keeps_the_search_index_and_the_audit_chain(services):
    first = services.incidents.create(incident_input(excerpt="Unkind words about reading"))
    second = services.incidents.create(incident_input(summary="Photos of the nativity"))
    assert services.incidents.ids(IncidentQuery(text="readi")) == [first.id]
    assert services.incidents.ids(IncidentQuery(text="nativity")) == [second.id]
    assert services.audit.verify() == []
    rows = [r for r in services.audit.page() if r.action == "create"]
    assert [r.entity_id for r in rows[:2]] == [str(second.id), str(first.id)]
