"""No lost update (issue 17, part 13 item 1): a save made against an older version of a
record is refused, saying who changed it and when, and nothing of theirs is overwritten;
two PCs recording a step at the same moment give one step and one clear refusal.

The second PC is a second set of services on the same records (a data folder, or the
server under ``make test-postgres``), as a second office PC opens them; the two clicks are
two real processes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from avenue_desk.services.core.versions import ChangedElsewhere
from avenue_desk.services.people.records import PersonInput
from tests.helpers import two_clicks
from tests.helpers.accounts import open_signed_in
from tests.helpers.databases import raw_sql
from tests.helpers.records import incident, input_of, person, step


@pytest.fixture
def other_pc(services, paths, clock):
    other = open_signed_in(paths, clock)
    yield other
    other.close()


def test_a_save_made_against_an_older_version_is_refused_saying_who(services, other_pc):
    made = incident(services, summary="Complaint about the trip")
    here = services.incidents.get(made.id)
    there = other_pc.incidents.get(made.id)
    other_pc.incidents.update(made.id, replace(input_of(there), summary="Changed there"),
                              there.row_version)
    with pytest.raises(ChangedElsewhere) as refused:
        services.incidents.update(made.id, replace(input_of(here), location="Year 4 group"),
                                  here.row_version)
    message = str(refused.value)
    assert message.startswith(f"Incident {made.id} was changed by Mrs Patel at ")
    assert "your changes were not saved" in message
    now = services.incidents.current(made.id)
    assert (now.summary, now.location) == ("Changed there", "")  # theirs kept, nothing mixed
    # Reloaded, and the change made again on top of theirs: saved, both kept.
    services.incidents.update(made.id, replace(input_of(now), location="Year 4 group"),
                              now.row_version)
    kept = services.incidents.current(made.id)
    assert (kept.summary, kept.location) == ("Changed there", "Year 4 group")
    assert kept.row_version == here.row_version + 2


def test_a_step_recorded_on_another_pc_refuses_an_older_save_of_the_details(services,
                                                                           other_pc):
    made = incident(services)
    here = services.incidents.get(made.id)
    step(other_pc, made.id, "informal_discussion")
    with pytest.raises(ChangedElsewhere):
        services.incidents.update(made.id, replace(input_of(here), content_still_up=False),
                                  here.row_version)
    assert services.incidents.current(made.id).content_still_up is True


def test_a_save_without_a_version_is_the_command_lines_and_still_saves(services):
    made = incident(services)
    saved = services.incidents.update(made.id, replace(input_of(made), summary="New words"))
    assert saved.summary == "New words" and saved.row_version == made.row_version + 1


def test_a_persons_older_save_is_refused_and_theirs_kept(services, other_pc):
    made = person(services, "Łucja O'Brien & Co", email="lucja@example.org")
    there = other_pc.people.get(made.id)
    other_pc.people.update(made.id, replace(_input(there), phone="01632 960001"),
                           there.row_version)
    with pytest.raises(ChangedElsewhere, match="Łucja O'Brien & Co's record was changed by"):
        services.people.update(made.id, replace(_input(made), email="new@example.org"),
                               made.row_version)
    now = services.people.get(made.id)
    assert (now.phone, now.email) == ("01632 960001", "lucja@example.org")


def test_two_pcs_closing_one_case_at_the_same_moment_record_one_close(services, paths,
                                                                      tmp_path):
    made = incident(services)
    step(services, made.id, "informal_discussion")
    go = tmp_path / "go"
    pcs = [two_clicks.start(services.paths, go, made.id, "close") for _ in range(2)]
    go.touch()
    said = sorted(two_clicks.outcome(pc) for pc in pcs)
    assert said[0] == "recorded", said
    assert said[1].startswith("refused "), said
    assert "closed" in said[1]
    closes = raw_sql(paths, "SELECT count(*) FROM actions WHERE incident_id = :i "
                     "AND step = 'close'", i=made.id)
    assert closes == [(1,)]
    assert services.audit.verify() == []


def _input(record) -> PersonInput:
    return PersonInput(
        full_name=record.full_name, role=record.role, email=record.email,
        phone=record.phone, address=record.address, notes=record.notes,
        title=record.title, forenames=record.forenames, surname=record.surname,
        salutation=record.salutation)
