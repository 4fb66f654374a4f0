"""Social media accounts and the person's rights (part 10): a subject access export lists the
accounts linked to them and the incidents posted through them; retention keeps a person
while an incident posted through their account is kept, and destroying them afterwards
unlinks the account (audited, naming no one) instead of failing on its foreign key."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from avenue_desk.services.incidents import SocialAccountInput
from avenue_desk.services.incidents.records import ActionInput
from avenue_desk.services.people.records import PersonInput
from tests.helpers.databases import raw_sql
from tests.helpers.letters import set_up_school
from tests.helpers.records import incident_input

NAME = 'Siobhán O\'Neill & "Co" <Smith>'
THEN = datetime(2019, 1, 7, 10, 0)
CLOSED = date(2020, 3, 1)


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def at(clock, day: date) -> None:
    clock.current = datetime.combine(day, datetime.min.time()).replace(hour=9)


def due(services) -> list[str]:
    return [r.key for r in services.retention.review()]


def test_the_export_lists_their_accounts_and_what_was_posted_through_them(services,
                                                                         tmp_path):
    set_up_school(services)
    mum = services.people.create(PersonInput(NAME, "parent"))
    services.people.create(PersonInput("Zoë Smith", "pupil", class_name="3B"))
    through = services.incidents.create(incident_input(poster_account="@angrymum_av",
                                                       summary="Posted as the account"))
    services.social_accounts.update(through.account_id, SocialAccountInput(
        "facebook", display_name="Angry Mum <AV> & co",
        notes="Posts about Zoë Smith's class"))
    services.social_accounts.link(through.account_id, mum.id)
    stranger = services.incidents.create(incident_input(poster_account="@someone_else",
                                                        summary="Not hers"))
    services.subject_access.export(mum.id, tmp_path / "sar")
    folder = tmp_path / "sar"

    (account,) = read_csv(folder / "records/social-media-accounts.csv")
    # A leading "@" is guarded as every CSV's cells are, so Excel never reads a formula.
    assert account["Site"] == "Facebook" and account["Handle"] == "'@angrymum_av"
    assert account["Name shown"] == "Angry Mum <AV> & co"
    assert account["Incidents naming it"] == "1"
    assert account["Notes"].startswith("Posts about [REDACTED: other person")
    incidents = read_csv(folder / "records/incidents.csv")
    assert [(int(r["Incident no."]), r["How it concerns them"]) for r in incidents] == [
        (through.id, "posted it, as @angrymum_av")]
    assert stranger.id not in [int(r["Incident no."]) for r in incidents]
    trail = read_csv(folder / "records/audit-trail.csv")
    links = [r for r in trail if r["Record"] == "social_account"]
    assert {r["Record no."] for r in links} == {str(through.account_id)}
    assert any("linked to" in r["Summary"] for r in links)
    # Listed in the export's index with the other tables.
    assert "social-media-accounts.csv" in "".join(
        p.name for p in folder.rglob("*.csv"))


def test_a_person_posting_through_their_account_is_kept_then_destroyed_unlinked(
        services, clock):
    clock.current = THEN
    mum = services.people.create(PersonInput(NAME, "parent"))
    incident = services.incidents.create(incident_input(
        poster_account="@siobhan_av", posted_on=date(2019, 1, 5)))
    services.social_accounts.link(incident.account_id, mum.id)
    # An account recorded by hand and linked to her, naming no incident at all.
    spare = services.social_accounts.create(SocialAccountInput("instagram", "@siobhan.o"))
    services.social_accounts.link(spare.id, mum.id)
    at(clock, CLOSED)
    services.escalation.record(incident.id, ActionInput("close", CLOSED, "Head", "Resolved"))
    at(clock, date(2026, 3, 1))
    # She posted the kept case (through her account): not due while it is kept.
    assert due(services) == [f"incident:{incident.id}"]
    services.retention.destroy([("incident", incident.id)])
    assert due(services) == [f"person:{mum.id}"]
    result = services.retention.destroy([("person", mum.id)])
    assert result.records == 1
    assert services.people.count() == 0
    rows = raw_sql(services.paths, "SELECT id, person_id FROM social_accounts ORDER BY id")
    assert rows == [(incident.account_id, None), (spare.id, None)]  # not yet known again
    audit = raw_sql(services.paths, "SELECT entity_id, summary FROM audit_log WHERE "
                    "action = 'link' AND summary LIKE '%retention%' ORDER BY id")
    assert [entity for entity, _summary in audit] == [str(incident.account_id), str(spare.id)]
    for _entity, summary in audit:
        assert f"person {mum.id}" in summary and "Siobhán" not in summary
