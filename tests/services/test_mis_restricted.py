"""Restricted access and court orders from the MIS: kept per child, marked on the person
(list and dialog read ``restricted_about``), and a letter to that adult about that child
warns before it is sent."""

from __future__ import annotations

from tests.helpers.csv_files import write
from tests.helpers.letters import set_up_school
from tests.helpers.records import incident_input

HEADER = ["Forename", "Surname", "UPN", "Contact Name", "Contact Relationship",
          "Contact Email", "Parental Responsibility", "Court Order / Restricted Access"]
ROWS = [["Grace", "Nash", "U1", "Dean Hart", "Father", "dean@example.org", "Yes", "Yes"],
        ["Grace", "Nash", "U1", "Amy Nash", "Mother", "amy@example.org", "Yes", "No"]]


def test_a_restricted_contact_is_marked_and_a_letter_about_the_child_warns(services,
                                                                           tmp_path):
    set_up_school(services)
    assert services.transfer.import_people(write(tmp_path / "m.csv", ROWS, HEADER)).errors == ()
    dean = services.people.search("Dean Hart")[0]
    amy = services.people.search("Amy Nash")[0]
    grace = services.people.search("Grace Nash")[0]
    assert dean.restricted_about == (grace.id,) and dean.restricted_mark == "Restricted access"
    assert amy.restricted_about == () and amy.restricted_mark == ""
    assert services.people.get(dean.id).restricted_about == (grace.id,)
    about_grace = services.incidents.create(incident_input(
        poster_id=dean.id, named_person_ids=(grace.id,)))
    notes = services.letters.prepare(about_grace.id, "removal-request").notes
    assert any("restricted access for this letter's recipient about Grace Nash" in n
               for n in notes)
    by_amy = services.incidents.create(incident_input(
        poster_id=amy.id, named_person_ids=(grace.id,)))
    assert not any("restricted" in n for n in
                   services.letters.prepare(by_amy.id, "removal-request").notes)


def test_a_batch_never_prints_the_restricted_contact_s_letter_without_the_warning(services,
                                                                                  tmp_path):
    set_up_school(services)
    assert services.transfer.import_people(write(tmp_path / "m.csv", ROWS, HEADER)).errors == ()
    dean, amy, grace = (services.people.search(name)[0]
                        for name in ("Dean Hart", "Amy Nash", "Grace Nash"))
    about_grace = services.incidents.create(incident_input(
        poster_id=dean.id, named_person_ids=(grace.id,)))
    by_amy = services.incidents.create(incident_input(
        poster_id=amy.id, named_person_ids=(grace.id,)))
    plan = services.letters.plan_batch([about_grace.id, by_amy.id], "removal-request")
    why = dict(plan.refused)
    assert why[about_grace.id].startswith(
        "The MIS records restricted access or a court order for this letter's recipient "
        "about a child the incident names")
    # Amy's letter is held back only for what any letter would be (no address on record).
    assert "restricted" not in why.get(by_amy.id, "")
