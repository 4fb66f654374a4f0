"""The audit trail as the Audit screen reads it: names instead of numbers, the checklist's
saves folded into one line, and fewer such rows written from now on; every row kept."""

from __future__ import annotations

import csv

from avenue_desk.services.core.audit import AuditQuery, local_time
from tests.helpers.conduct import answers, sign, staff
from tests.helpers.text import MARKUP

OLD_SAVE = "Code of conduct checklist progress saved (person {})"


def old_saves(services, clock, person_id: int, ack_id: int, times: int, minutes: int = 1):
    """Rows as the checklist wrote them before part 9: one at every page."""
    for _ in range(times):
        services.audit.record_now(services.guard.actor, "update", "acknowledgement", ack_id,
                                  OLD_SAVE.format(person_id))
        clock.advance(minutes=minutes)


def every_line(services, query: AuditQuery | None = None, page: int = 7):
    query, found, offset = query or AuditQuery(), [], 0
    while batch := services.audit.lines(query, offset, page):
        found += batch
        offset += page
    return found


def test_people_and_accounts_are_named_not_numbered(services):
    name = f"Ζωή O'Brien {MARKUP}"
    someone = staff(services, name)
    services.conduct.save_progress(someone.id, None, answers(["me_transparent"]))
    services.audit.record_now(services.guard.actor, "update", "acknowledgement", 99,
                              OLD_SAVE.format(4242))  # a person no longer held
    gone, started, created = services.audit.lines(limit=3)
    assert started.row.summary == f"Code of conduct checklist started (person {someone.id})"
    assert started.summary == f"Code of conduct checklist started ({name})"
    assert created.row.entity == "person" and created.record_name == name
    assert gone.summary == ("Code of conduct checklist progress saved (person 4242 (no longer "
                            "held))")
    assert gone.account_name == "Mrs Patel" and gone.row.username == "head"
    sign_in = next(line for line in every_line(services) if line.row.action == "sign_in")
    assert sign_in.record_name == "Mrs Patel"  # the account the row is about


def test_a_run_of_checklist_saves_reads_as_one_line_and_every_row_is_kept(services, clock,
                                                                           tmp_path):
    someone, other = staff(services), staff(services, "Mr Other", "volunteer")
    rows_before = services.audit.count()
    first = clock.now()
    old_saves(services, clock, someone.id, 7, 12)  # 09:30 … 09:41
    last = clock.now().replace(minute=clock.now().minute - 1)
    services.audit.record_now(services.guard.actor, "open", "incident", 3, "Opened")
    old_saves(services, clock, someone.id, 7, 2)  # after another event: a line of its own
    old_saves(services, clock, other.id, 8, 3)  # another acknowledgement: another line
    lines = services.audit.lines(limit=4)
    assert [line.repeats for line in lines] == [3, 2, 1, 12]
    twelve = lines[3]
    span = f"{local_time(first):%H:%M}–{local_time(last):%H:%M}"
    assert twelve.summary == (f"Code of conduct checklist progress saved (Łucja Wróbel) "
                              f"(12 times, {span})")
    assert twelve.first_at == first and twelve.row.at == last
    assert lines[0].summary.startswith("Code of conduct checklist progress saved (Mr Other) "
                                       "(3 times, ")
    total = services.audit.count()
    assert total == rows_before + 18  # nothing folded away from the trail itself
    assert services.audit.line_count() == total - 11 - 1 - 2
    assert len(every_line(services)) == services.audit.line_count()
    assert sum(line.repeats for line in every_line(services)) == total
    assert services.audit.verify() == []
    written = services.audit.export_csv(AuditQuery(), tmp_path / "trail.csv")
    with open(tmp_path / "trail.csv", encoding="utf-8-sig") as file:
        exported = list(csv.reader(file))[1:]
    assert written == total and len(exported) == total  # the export keeps every row


def test_filters_fold_only_what_they_show(services, clock):
    someone = staff(services)
    old_saves(services, clock, someone.id, 7, 4)
    services.audit.record_now(services.guard.actor, "create", "acknowledgement", 7,
                              OLD_SAVE.format(someone.id))
    old_saves(services, clock, someone.id, 7, 3)
    for query in (AuditQuery(), AuditQuery(action="update"), AuditQuery(action="create"),
                  AuditQuery(username="head"), AuditQuery(entity="acknowledgement")):
        lines = every_line(services, query, page=2)
        assert len(lines) == services.audit.line_count(query)
        assert sum(line.repeats for line in lines) == services.audit.count(query)
    updates = services.audit.lines(AuditQuery(action="update"))
    assert [line.repeats for line in updates[:2]] == [3, 4]  # the "create" between them


def test_the_checklist_writes_a_row_a_sitting_not_a_row_a_page(services, clock):
    someone = staff(services)
    before = services.audit.count()
    ack_id = None
    for keys in (["principle_reputation"], ["principle_allegations"], ["me_transparent"]):
        ack_id = services.conduct.save_progress(someone.id, ack_id, answers(keys), "principles")
        clock.advance(minutes=2)
    assert services.audit.count() == before + 1
    clock.advance(hours=3)  # back to it after lunch
    services.conduct.save_progress(someone.id, ack_id, answers(["me_responsible"]), "must")
    services.conduct.save_progress(someone.id, ack_id, answers(["me_boundaries"]), "must")
    sign(services, someone)
    summaries = [r.summary for r in services.audit.page(limit=3)]
    assert summaries == [f"Code of conduct signed on screen (person {someone.id})",
                         f"Code of conduct checklist taken up again (person {someone.id})",
                         f"Code of conduct checklist started (person {someone.id})"]
    assert services.audit.verify() == []
