"""The audit trail: append-only in the database, hash-chained, filtered, exported without
secrets."""

from __future__ import annotations

import csv
import threading
from datetime import date, datetime

import pytest
from sqlalchemy.exc import DBAPIError

from avenue_desk.services.container import open_services
from avenue_desk.services.core.access import PermissionDenied
from avenue_desk.services.core.audit import GENESIS, AuditQuery, row_digest
from tests.helpers.accounts import (
    HEAD_PASSWORD,
    SECRETS,
    TEMPORARY,
    add_user,
    security_for,
    with_head,
)
from tests.helpers.databases import raw_sql
from tests.helpers.postgres import not_on_postgres_yet

pytestmark = pytest.mark.no_accounts


REFUSED = "The audit trail cannot be changed"


def some_rows(services, count=4):
    sec, _ = with_head(services)
    for number in range(count):
        sec.audit.record_now(sec.guard.actor, "open", "incident", number + 1, "Opened")
    return sec


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET summary = 'nothing happened' WHERE id = 2",
    "DELETE FROM audit_log WHERE id = 2",
    "DELETE FROM audit_log",
])
def test_the_database_itself_refuses_to_change_or_delete_a_row(services, statement):
    some_rows(services)
    with pytest.raises(DBAPIError, match=REFUSED):
        raw_sql(services.paths, statement)


def test_a_fresh_trail_verifies_and_chains_from_the_genesis_value(services):
    sec = some_rows(services)
    assert sec.audit.verify() == []
    rows = raw_sql(services.paths, "SELECT id, prev_hash, row_hash FROM audit_log ORDER BY id")
    assert rows[0][1] == GENESIS
    assert all(rows[i][1] == rows[i - 1][2] for i in range(1, len(rows)))
    assert sec.audit.head() == (len(rows), rows[-1][2])


def tamper(paths, *statements, **params):
    """What someone with the file and a SQLite tool (or the owner's role on the server)
    could do: drop the triggers first."""
    drop = (["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"]
            if paths.uses_sqlite_file else ["DROP TRIGGER audit_log_no_change ON audit_log"])
    raw_sql(paths, *drop, *statements, **params)


def test_a_row_edited_in_the_file_is_caught(services):
    sec = some_rows(services)
    tamper(services.paths, "UPDATE audit_log SET username = 'office' WHERE id = 3")
    problems = sec.audit.verify()
    assert [(p.entry_id, p.message) for p in problems] == [
        (3, "Audit row 3 was changed after it was written.")]


def test_an_edit_with_its_own_hash_recomputed_is_caught_at_the_next_row(services):
    sec = some_rows(services)
    names = ("id", "at", "user_id", "username", "role", "action", "entity", "entity_id",
             "summary", "origin", "prev_hash")
    (found,) = raw_sql(services.paths, f"SELECT {', '.join(names)} FROM audit_log WHERE id = 3")
    row = dict(zip(names, found, strict=True))
    row["summary"] = "Nothing to see"
    if not isinstance(row["at"], datetime):  # SQLite keeps it as text
        row["at"] = datetime.fromisoformat(row["at"])
    tamper(services.paths, "UPDATE audit_log SET summary = :summary, row_hash = :hash "
                           "WHERE id = 3", summary=row["summary"], hash=row_digest(row))
    messages = [p.message for p in sec.audit.verify()]
    assert messages == ["Audit row 4 does not follow the row before it: a row before it was "
                        "deleted, inserted or changed."]


def test_a_deleted_row_is_caught(services):
    sec = some_rows(services)
    tamper(services.paths, "DELETE FROM audit_log WHERE id = 3")
    messages = [p.message for p in sec.audit.verify()]
    assert "Audit row 3 is missing: deleted from the file." in messages
    assert any("Audit row 4 does not follow" in m for m in messages)


@not_on_postgres_yet("part 13 item 2: on PostgreSQL the trail keeps no highest id ever given "
                     "(SQLite's sqlite_sequence), so rows deleted from its end go unseen")
def test_deleting_the_last_rows_is_caught(services):
    sec = some_rows(services)
    tamper(services.paths, "DELETE FROM audit_log WHERE id >= 5")
    assert [p.message for p in sec.audit.verify()] == [
        "The last 2 audit rows (5 to 6) were deleted from the file."]


def test_an_inserted_row_is_caught(services):
    sec = some_rows(services)
    ((prev,),) = raw_sql(services.paths, "SELECT row_hash FROM audit_log WHERE id = 2")
    tamper(services.paths,
           # Make room in the middle (in two moves, so no two rows share an id on the way).
           "UPDATE audit_log SET id = id + 1000 WHERE id >= 3",
           "UPDATE audit_log SET id = id - 999 WHERE id >= 1000",
           "INSERT INTO audit_log (id, at, user_id, username, role, action, entity, "
           "entity_id, summary, origin, prev_hash, row_hash) VALUES (3, '2026-11-21 09:30:00',"
           " 1, 'head', 'head', 'open', 'incident', '9', 'Opened', 'x', :prev, :hash)",
           prev="f" * 64, hash="0" * 64)
    messages = [p.message for p in sec.audit.verify()]
    assert any(m.startswith("Audit row 3 ") for m in messages)
    assert any(m.startswith("Audit row 4 ") for m in messages)


def test_deleting_a_user_keeps_their_audit_rows(services):
    sec, _ = with_head(services)
    office = add_user(sec, "office", "office")
    head = sec.guard.actor
    sec.accounts.authenticate("office", TEMPORARY)
    sec.guard.sign_in(head)
    sec.accounts.delete_user(office.id)
    rows = sec.audit.page(AuditQuery(username="OFFICE"))
    assert [r.action for r in rows] == ["sign_in"]
    assert rows[0].user_id == office.id and rows[0].username == "office"
    assert "office" in sec.audit.usernames()
    assert sec.audit.page(AuditQuery(action="account_deleted"))[0].summary == (
        "Account “office” (office) deleted")
    assert sec.audit.verify() == []
    # A new account never takes the deleted one's id, so old rows are never theirs.
    assert add_user(sec, "office2", "office").id > office.id


def test_filters_and_pages(services, clock):
    sec, _ = with_head(services)
    clock.advance(days=2)
    sec.audit.record_now(sec.guard.actor, "open", "incident", 7, "Opened")
    sec.audit.record_now(sec.guard.actor, "print", "letter", 7, "Warning letter printed")
    everything = sec.audit.count()
    assert everything == 4  # created, signed in, opened, printed
    assert [r.action for r in sec.audit.page(offset=0, limit=2)] == ["print", "open"]
    assert [r.action for r in sec.audit.page(offset=2, limit=2)] == ["sign_in",
                                                                      "account_created"]
    today = clock.today()
    assert sec.audit.count(AuditQuery(date_from=today)) == 2
    assert sec.audit.count(AuditQuery(date_to=date(2026, 11, 21))) == 2
    assert sec.audit.count(AuditQuery(action="print", entity="letter")) == 1
    assert sec.audit.count(AuditQuery(username="nobody")) == 0
    assert sec.audit.page(AuditQuery(action="print"))[0].action_label == "Printed"
    assert sec.audit.actions() == ["account_created", "open", "print", "sign_in"]


def test_only_the_head_sees_the_trail(services):
    sec, _ = with_head(services)
    head = sec.guard.actor
    office = add_user(sec, "office", "office")
    sec.accounts.reset_password(head, office.id, TEMPORARY)
    actor = sec.accounts.authenticate("office", TEMPORARY)
    sec.accounts.change_password(actor, TEMPORARY, "Blue kettle on the shelf")
    with pytest.raises(PermissionDenied, match="Headteacher"):
        sec.audit.page()
    with pytest.raises(PermissionDenied):
        sec.audit.export_csv(AuditQuery(), services.paths.data_dir / "audit.csv")


def test_the_csv_export_has_no_secrets_and_guards_formulas(services):
    sec, code = with_head(services)
    add_user(sec, "office", "office")
    sec.audit.record_now(sec.guard.actor, "update", "incident", 3, "=HYPERLINK(\"x\")")
    target = services.paths.data_dir / "audit.csv"
    count = sec.audit.export_csv(AuditQuery(), target)
    assert count == 4
    text = target.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    assert rows[0][:4] == ["When", "User", "Role", "Action"]
    assert rows[1][1:4] == ["head", "head", "Account created"]
    assert rows[4][6] == "'=HYPERLINK(\"x\")"
    for secret in (*SECRETS, code, "$argon2"):
        assert secret not in text
    assert sec.audit.page(limit=1)[0].action == "export"  # the export itself is recorded
    assert not list(services.paths.data_dir.glob("*.part"))


def test_two_writers_on_one_file_keep_one_chain(services, paths, clock):
    sec, _ = with_head(services)
    with open_services(paths, clock) as second:
        other = security_for(second)
        other.accounts.authenticate("head", HEAD_PASSWORD)
        errors = []

        def write(log, actor):
            try:
                for number in range(15):
                    log.record_now(actor, "open", "incident", number)
            except Exception as error:  # pragma: no cover - shown by the assertion
                errors.append(error)

        threads = [threading.Thread(target=write, args=(s.audit, s.guard.actor))
                   for s in (sec, other)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
    assert sec.audit.count() == 2 + 1 + 30
    assert sec.audit.verify() == []
