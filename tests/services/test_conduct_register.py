"""The register: statuses across the renewal boundary with the date injected, the settings
for the period and the "due soon" window, filters, the home reminder and the CSV export."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from avenue_desk.services.conduct.records import ConductPeriods, RegisterQuery
from avenue_desk.services.core.errors import ServiceError, ValidationError
from tests.helpers.conduct import answers, sign, staff
from tests.helpers.pdf import pdf_text


def status(services) -> str:
    return services.conduct_register.rows()[0].status


def test_statuses_across_the_renewal_boundary(services, clock):
    someone = staff(services)
    assert status(services) == "never"
    sign(services, someone)  # 21 November 2026
    row = services.conduct_register.rows()[0]
    assert (row.status, row.last_signed_on, row.renewal_due) == (
        "current", date(2026, 11, 21), date(2027, 11, 21))
    clock.advance(days=334)  # 21 October 2027: 31 days before
    assert status(services) == "current"
    clock.advance(days=1)  # 30 days before: "due soon" starts
    assert clock.today() == date(2027, 10, 22)
    assert status(services) == "due_soon"
    clock.advance(days=30)  # the renewal day itself is still in time
    assert clock.today() == date(2027, 11, 21) and status(services) == "due_soon"
    clock.advance(days=1)
    assert status(services) == "overdue"
    assert services.conduct.outstanding(someone.id) == services.conduct.begin(
        someone.id).required_keys
    sign(services, someone)
    row = services.conduct_register.rows()[0]
    assert (row.status, row.renewal_due) == ("current", date(2028, 11, 22))


def test_the_period_and_window_are_settings(services, clock):
    someone = staff(services)
    sign(services, someone)
    assert services.conduct_register.periods() == ConductPeriods(12, 30)
    services.conduct_register.set_periods(ConductPeriods(6, 14))
    assert services.settings.load().extra["conduct_renewal_months"] == "6"
    clock.advance(days=170)  # 10 May 2027: 11 days before 21 May
    assert status(services) == "due_soon"
    assert services.conduct_register.rows()[0].renewal_due == date(2027, 5, 21)
    clock.advance(days=12)
    assert status(services) == "overdue"
    with pytest.raises(ValidationError) as bad:
        services.conduct_register.set_periods(ConductPeriods(0, 400))
    assert set(bad.value.errors) == {"renewal_months", "due_soon_days"}


def test_a_renewal_from_31_january_falls_on_the_last_day_of_february(services, clock):
    someone = staff(services)
    services.conduct.record_paper(someone.id, answers(), date(2026, 1, 31), "Office")
    services.conduct_register.set_periods(ConductPeriods(1, 0))
    assert services.conduct_register.rows()[0].renewal_due == date(2026, 2, 28)


def test_filters_by_status_role_and_name(services, clock):
    signed, never = staff(services, "Ama Okonkwo"), staff(services, "Ольга Смирнова", "governor")
    staff(services, "Craig Marsh", "volunteer")
    sign(services, signed)
    services.conduct.save_progress(never.id, None, answers(["me_transparent"]))
    rows = services.conduct_register
    assert [r.full_name for r in rows.rows(RegisterQuery(statuses=("never",)))] == [
        "Craig Marsh", "Ольга Смирнова"]
    assert [r.full_name for r in rows.rows(RegisterQuery(roles=("governor",)))] == [
        "Ольга Смирнова"]
    assert [r.full_name for r in rows.rows(RegisterQuery(text="ольга"))] == ["Ольга Смирнова"]
    assert [r.in_progress for r in rows.rows(RegisterQuery(text="ольга"))] == [True]
    with pytest.raises(ValidationError):
        rows.rows(RegisterQuery(statuses=("bogus",)))


def test_the_register_leaves_out_parents_and_pupils(services):
    from tests.helpers.records import person

    person(services, "Jo Bloggs", "parent")
    person(services, "Kuba Nowak", "pupil")
    staff(services)
    assert [r.full_name for r in services.conduct_register.rows()] == ["Łucja Wróbel"]


def test_the_home_reminder_counts_who_needs_chasing(services, clock):
    a, b, c = staff(services, "A"), staff(services, "B"), staff(services, "C")
    reminder = services.conduct_register.reminder()
    assert reminder.message == "3 people have never acknowledged it."
    sign(services, a)
    sign(services, b)
    clock.advance(days=400)
    sign(services, b)
    reminder = services.conduct_register.reminder()
    assert (reminder.overdue, reminder.never, reminder.total) == (1, 1, 3)
    assert reminder.message == ("1 person is overdue for the code of conduct; 1 person has "
                                "never acknowledged it.")
    sign(services, a)
    sign(services, c)
    assert services.conduct_register.reminder().message == (
        "Everyone is up to date with the code of conduct.")


def test_the_csv_export_guards_formulas_and_keeps_every_script(services, tmp_path):
    evil = staff(services, "=HYPERLINK(\"http://x\")")
    staff(services, "王小明", "governor")
    sign(services, evil)
    path = tmp_path / "register.csv"
    count = services.conduct_documents.write_register(path)
    assert count == 2
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:4] == ["person_id", "name", "role", "status"]
    assert rows[1][1] == "'=HYPERLINK(\"http://x\")" and rows[1][3] == "Current"
    assert rows[2][1] == "王小明" and rows[2][3] == "Never acknowledged"
    only = services.conduct_documents.write_register(path, RegisterQuery(statuses=("never",)))
    assert only == 1


def test_the_register_is_saved_only_as_pdf_or_csv(services, tmp_path):
    with pytest.raises(ServiceError, match=r"\.pdf or a \.csv"):
        services.conduct_documents.write_register(tmp_path / "register.xlsx")
    with pytest.raises(ServiceError, match="does not exist"):
        services.conduct_documents.write_register(tmp_path / "missing" / "register.csv")


def test_the_demo_records_give_a_spread_of_statuses(services):
    import random

    from avenue_desk.demo.conduct import fill_conduct_demo

    for number in range(40):
        staff(services, f"Staff {number:02d}", ("staff", "volunteer", "governor")[number % 3])
    made = fill_conduct_demo(services, random.Random(2021))
    counts = services.conduct_register.counts()
    assert made > 30 and {"current", "never", "overdue", "due_soon"} <= set(counts)
    assert len(services.authorisations.list("permission")) == 2
    assert [b.outcome for b in services.breaches.list()] == [None, "informal"]


def _sql(services, statement: str, *values) -> list[tuple]:
    """Straight to the database, as another version of Avenue Desk would have written."""
    from tests.helpers.databases import raw_sql

    for number in range(len(values)):
        statement = statement.replace("?", f":p{number}", 1)
    return raw_sql(services.paths, statement, **{f"p{n}": v for n, v in enumerate(values)})


def test_someone_with_an_answer_to_put_right_is_never_plainly_current(services, tmp_path):
    someone = staff(services, "Siobhán O'Neill-Smith")
    services.conduct.complete(someone.id, None, answers(chk_pupil_contacts="no"),
                              someone.full_name)
    row = services.conduct_register.rows()[0]
    assert row.status == "current" and row.tone == "put_right"
    assert row.status_label == "Current — 1 item to put right"
    assert row.failed_checks == ("Check 2: No pupils as contacts",)
    text = pdf_text(services.conduct_documents.register_pdf())
    assert "Current — 1 item to put right" in text
    assert "current: 1; with an item to put right: 1" in text
    path = tmp_path / "register.csv"
    services.conduct_documents.write_register(path)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1][3] == "Current — 1 item to put right"
    sign(services, someone)  # answered as the code expects this time
    row = services.conduct_register.rows()[0]
    assert (row.status_label, row.tone) == ("Current", "current")


def test_answers_stored_before_the_questions_turned_round_keep_their_meaning(services):
    """chk_pupil_contacts was first asked "Are any pupils … among your contacts?": a stored
    "yes" then was a problem, and it still is, read against today's "Can you confirm …?"."""
    someone = staff(services)
    record = sign(services, someone)  # "Yes" to every question as asked now
    stored = dict(_sql(services, "SELECT item_key, answer FROM conduct_acknowledgement_items "
                                 "WHERE acknowledgement_id = ? AND item_key LIKE 'chk_%'",
                       record.id))
    assert stored == {"chk_private": "yes", "chk_pupil_contacts": "no",
                      "chk_pupil_requests": "no", "chk_contact_details": "no",
                      "chk_parent_requests": "no"}
    # As an older Avenue Desk stored "Yes, a pupil is among my contacts":
    _sql(services, "UPDATE conduct_acknowledgement_items SET answer = 'yes' "
                   "WHERE acknowledgement_id = ? AND item_key = 'chk_pupil_contacts'", record.id)
    row = services.conduct_register.rows()[0]
    assert row.status_label == "Current — 1 item to put right"
    (item,) = [i for i in services.conduct.get(record.id).items if i.key == "chk_pupil_contacts"]
    assert item.answer == "no" and item.failure
    assert item.question.startswith("Can you confirm that no pupils")
    # Nothing to acknowledge again: only the wording shown turned round.
    assert services.conduct.outstanding(someone.id) == ()


def test_the_register_is_sorted_by_surname(services):
    for name in ("Ama Okonkwo", "Zoë Adams", "Óscar Núñez", "Wang Xiaoming", "Craig Marsh"):
        staff(services, name)
    # The school recorded one surname (a name written family name first).
    _sql(services, "UPDATE people SET surname = 'Wang' WHERE full_name = 'Wang Xiaoming'")
    names = [row.full_name for row in services.conduct_register.rows()]
    assert names == ["Zoë Adams", "Craig Marsh", "Óscar Núñez", "Ama Okonkwo", "Wang Xiaoming"]
    text = pdf_text(services.conduct_documents.register_pdf())
    assert [text.index(n) for n in names] == sorted(text.index(n) for n in names)
