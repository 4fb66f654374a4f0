"""Acknowledging the code: progress, resume, refusal naming each item, signature, paper,
and item versioning (a reworded item is the only one to acknowledge again)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from avenue_desk.policy import conduct as code
from avenue_desk.services.conduct.acknowledgements import IncompleteAcknowledgement
from avenue_desk.services.conduct.records import ACCEPTED, YES, ItemAnswer
from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.store.models import ConductAcknowledgement
from tests.helpers.conduct import answers, sign, staff
from tests.helpers.records import person
from tests.helpers.text import MARKUP, NAMES_IN_MANY_SCRIPTS


def test_begin_reads_only_until_progress_is_saved(services):
    someone = staff(services)
    draft = services.conduct.begin(someone.id)
    assert draft.acknowledgement_id is None and draft.scope == "full"
    assert draft.required_keys == tuple(i.key for i in code.conduct_items())
    with services.db.read() as session:
        assert session.scalar(select(func.count(ConductAcknowledgement.id))) == 0


def test_progress_is_saved_and_resumed_with_the_notes(services, clock):
    someone = staff(services)
    first = answers(["principle_reputation", "chk_private"], chk_private="no")
    first[1] = dataclasses.replace(first[1], note="Setting it this evening <b>&</b>")
    ack_id = services.conduct.save_progress(someone.id, None, first, "principles")
    clock.advance(days=2)
    draft = services.conduct.begin(someone.id)
    assert draft.resumed and draft.acknowledgement_id == ack_id
    assert draft.last_section == "principles"
    assert draft.started_at == datetime(2026, 11, 21, 9, 30)
    assert draft.answer("chk_private") == ItemAnswer("chk_private", "no",
                                                     "Setting it this evening <b>&</b>")
    assert draft.answer("me_transparent").answer == ""


def test_completion_is_refused_naming_every_item_still_to_do(services):
    someone = staff(services)
    given = [a for a in answers() if a.key not in ("me_contact_details", "chk_pupil_contacts")]
    with pytest.raises(IncompleteAcknowledgement) as refused:
        services.conduct.complete(someone.id, None, given, someone.full_name)
    assert refused.value.missing == ("me_contact_details", "chk_pupil_contacts")
    message = refused.value.errors["items"]
    assert "Commitment 7: Contact details only if the Headteacher agrees" in message
    assert "Check 2: No pupils as contacts" in message
    assert "I understand and will follow this" in message
    assert services.conduct_register.rows()[0].status == "never"


def test_the_typed_name_must_match_ignoring_case_and_spaces(services):
    someone = staff(services, "Siobhán O'Neill-Smith")
    with pytest.raises(ValidationError) as wrong:
        services.conduct.complete(someone.id, None, answers(), "Siobhan O'Neill-Smith")
    assert "“Siobhán O'Neill-Smith”" in wrong.value.errors["signed_name"]
    assert "Capital letters and extra spaces do not matter" in wrong.value.errors["signed_name"]
    with pytest.raises(ValidationError) as empty:
        services.conduct.complete(someone.id, None, answers(), "  ")
    assert empty.value.errors["signed_name"] == "Type your full name to sign."
    record = services.conduct.complete(someone.id, None, answers(), "  siobhán   o'neill-SMITH ")
    assert record.status == "complete" and record.signed_name == "siobhán o'neill-SMITH"
    assert record.signed_on == date(2026, 11, 21) and not record.on_paper


def test_the_signature_may_leave_out_the_title_the_school_holds(services):
    titled = staff(services, "Ms Hannah Kowalski")
    for wrong_name in ("Hannah Kowalska", "Mr Hannah Kowalski", "Ms Kowalski"):
        with pytest.raises(ValidationError) as refused:
            services.conduct.complete(titled.id, None, answers(), wrong_name)
        assert "“Ms Hannah Kowalski”" in refused.value.errors["signed_name"]
        assert "title" in refused.value.errors["signed_name"]
    record = services.conduct.complete(titled.id, None, answers(), " hannah  KOWALSKI")
    assert record.status == "complete" and record.signed_name == "hannah KOWALSKI"
    again = staff(services, "Dr Amir Haddad")
    record = services.conduct.complete(again.id, None, answers(), "dr.  amir haddad")
    assert record.status == "complete" and record.signed_name == "dr. amir haddad"
    untitled = staff(services, "Grace Obi")
    record = services.conduct.complete(untitled.id, None, answers(), "Mrs Grace Obi")
    assert record.status == "complete"


def test_what_is_stored_is_the_exact_text_and_version_of_each_item(services):
    someone = staff(services)
    record = sign(services, someone)
    assert len(record.items) == 25
    stored = {i.key: i for i in record.items}
    for item in code.conduct_items():
        assert stored[item.key].text == item.text
        assert stored[item.key].version == item.version
    assert stored["me_transparent"].answer == ACCEPTED
    assert stored["chk_private"].answer == YES
    assert record.edition == "avenue-2021" and record.failures == ()
    assert services.conduct.history(someone.id)[0].id == record.id
    assert services.conduct.get(record.id) == record


def test_saved_answers_count_at_completion(services):
    someone = staff(services)
    ack_id = services.conduct.save_progress(someone.id, None, answers(), "checks")
    record = services.conduct.complete(someone.id, ack_id, [], someone.full_name)
    assert record.id == ack_id and len(record.items) == 25


def test_a_failing_answer_is_recorded_and_a_parents_answer_is_not_a_failure(services):
    someone = staff(services)
    record = services.conduct.complete(
        someone.id, None, answers(chk_private="no", chk_parent_requests="no"),
        someone.full_name)
    assert [i.key for i in record.failures] == ["chk_private"]
    assert [i.key for i in record.items if i.declared] == ["chk_parent_requests"]
    row = services.conduct_register.rows()[0]
    assert row.status == "current"
    assert row.failed_checks == ("Check 1: Profiles set to private",)


def test_only_a_reworded_item_needs_acknowledging_again(services, clock, monkeypatch):
    someone, other = staff(services), staff(services, "王小明", "governor")
    sign(services, someone)
    sign(services, other)
    clock.advance(days=40)
    items = list(code.ITEMS)
    where = next(n for n, i in enumerate(items) if i.key == "me_boundaries")
    old_text = items[where].text
    items[where] = dataclasses.replace(
        items[where], quote=code.avenue(old_text + " This applies online and offline."))
    monkeypatch.setattr(code, "ITEMS", tuple(items))

    assert services.conduct.outstanding(someone.id) == ("me_boundaries",)
    rows = services.conduct_register.rows()
    assert {r.status for r in rows} == {"changed"}
    assert rows[0].changed_items == ("Commitment 4: Professional boundaries with pupils",)
    draft = services.conduct.begin(someone.id)
    assert draft.scope == "changes" and draft.required_keys == ("me_boundaries",)
    assert draft.changed_keys == ("me_boundaries",)

    with pytest.raises(IncompleteAcknowledgement) as refused:
        services.conduct.complete(someone.id, None, [], someone.full_name)
    assert refused.value.missing == ("me_boundaries",)
    record = sign(services, someone, keys=["me_boundaries"])
    assert record.scope == "changes"
    assert [(i.key, i.text) for i in record.items] == [
        ("me_boundaries", old_text + " This applies online and offline.")]
    assert services.conduct.outstanding(someone.id) == ()
    statuses = {r.full_name: r.status for r in services.conduct_register.rows()}
    assert statuses == {"Łucja Wróbel": "current", "王小明": "changed"}
    # The renewal still runs from the full acknowledgement, not the one-item update.
    assert services.conduct_register.rows()[1].renewal_due == date(2027, 11, 21)


def test_saved_progress_on_old_words_is_not_carried_over(services, monkeypatch):
    someone = staff(services)
    services.conduct.save_progress(someone.id, None, answers(["me_transparent", "me_responsible"]))
    items = [dataclasses.replace(i, quote=code.avenue("All communications are open."))
             if i.key == "me_transparent" else i for i in code.ITEMS]
    monkeypatch.setattr(code, "ITEMS", tuple(items))
    draft = services.conduct.begin(someone.id)
    assert draft.answer("me_transparent").answer == ""
    assert draft.answer("me_responsible").answer == ACCEPTED


def test_a_paper_form_is_recorded_with_who_typed_it_in(services, clock):
    someone = staff(services, "Γιώργος Παπαδόπουλος", "volunteer")
    services.conduct.save_progress(someone.id, None, answers(["me_transparent"]))
    with pytest.raises(ValidationError) as refused:
        services.conduct.record_paper(someone.id, answers(), date(2026, 12, 1), "")
    assert set(refused.value.errors) == {"recorded_by", "signed_on"}
    record = services.conduct.record_paper(someone.id, answers(), date(2026, 11, 2),
                                           "Mrs Patel (office)")
    assert record.on_paper and record.recorded_by == "Mrs Patel (office)"
    assert record.signed_name == someone.full_name and record.signed_on == date(2026, 11, 2)
    assert services.conduct.begin(someone.id).acknowledgement_id is None  # stale progress gone
    row = services.conduct_register.rows()[0]
    assert row.on_paper and row.renewal_due == date(2027, 11, 2)


def test_progress_can_be_thrown_away_but_a_signature_cannot(services):
    someone = staff(services)
    ack_id = services.conduct.save_progress(someone.id, None, answers(["me_transparent"]))
    services.conduct.discard(ack_id)
    assert services.conduct.begin(someone.id).acknowledgement_id is None
    signed = sign(services, someone)
    with pytest.raises(ValidationError):
        services.conduct.discard(signed.id)
    with pytest.raises(ValidationError):
        services.conduct.save_progress(someone.id, signed.id, answers())


def test_the_code_is_only_for_staff_volunteers_and_governors(services):
    parent = person(services, "Jo Bloggs", "parent")
    with pytest.raises(ValidationError) as refused:
        services.conduct.begin(parent.id)
    assert "Jo Bloggs is recorded as: parent" in str(refused.value)
    with pytest.raises(NotFound):
        services.conduct.begin(999)


def test_bad_answers_are_refused(services):
    someone = staff(services)
    with pytest.raises(ValidationError):
        services.conduct.save_progress(someone.id, None, [ItemAnswer("nonsense", ACCEPTED)])
    with pytest.raises(ValidationError):
        services.conduct.save_progress(someone.id, None, [ItemAnswer("chk_private", ACCEPTED)])
    with pytest.raises(ValidationError):
        services.conduct.save_progress(someone.id, None, [ItemAnswer("me_transparent", YES)])


@pytest.mark.parametrize("name", [*NAMES_IN_MANY_SCRIPTS, MARKUP])
def test_names_in_every_script_sign_as_themselves(services, name):
    someone = staff(services, name)
    record = services.conduct.complete(
        someone.id, None, [dataclasses.replace(a, note=MARKUP) for a in answers()], name)
    assert record.person_name == name and record.signed_name == name
    assert {i.note for i in record.items} == {MARKUP}
