"""No lost update beyond incidents and people (issue 17, part 13 item 1): a breach record,
an authorisation, a report to the platform, a social media account (its details and who it
is) and what is said about an evidence file, each saved on another PC after it was opened
here, refuse the older save here, saying who changed it and when, and keep theirs.

The second PC is a second set of services on the same records (a data folder, or the
server under ``make test-postgres``), as a second office PC opens them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from avenue_desk.services.conduct.records import (
    CONTACT_EXCEPTION,
    PERMISSION,
    AuthorisationInput,
    BreachInput,
)
from avenue_desk.services.core.versions import ChangedElsewhere
from avenue_desk.services.incidents import EvidenceDetails, PlatformReportInput
from avenue_desk.services.incidents.social_accounts import SocialAccountInput
from tests.helpers.accounts import open_signed_in
from tests.helpers.conduct import staff
from tests.helpers.images import write_png
from tests.helpers.records import incident, person

REFUSED = " was changed by Mrs Patel at "  # the other PC's account, and a time


@pytest.fixture
def other_pc(services, paths, clock):
    other = open_signed_in(paths, clock)
    yield other
    other.close()


def _refused(call, *args) -> str:
    with pytest.raises(ChangedElsewhere) as refused:
        call(*args)
    message = str(refused.value)
    assert "your changes were not saved" in message
    return message


def test_a_breach_records_older_save_is_refused_and_theirs_kept(services, other_pc):
    someone = staff(services, "Ms Shah & <Co>")
    data = BreachInput(person_id=someone.id, item_keys=("na_images",),
                       what="Photos of pupils on a personal account.",
                       occurred_on=date(2026, 11, 20), reported_by="A parent")
    made = services.breaches.create(data)
    there = other_pc.breaches.current(made.id)
    other_pc.breaches.update(made.id, replace(data, reported_by="The PTA chair"),
                             there.row_version)
    message = _refused(services.breaches.update, made.id,
                       replace(data, what="Mine, typed here."), made.row_version)
    assert message.startswith("The breach record for Ms Shah & <Co>" + REFUSED)
    kept = services.breaches.current(made.id)
    assert (kept.reported_by, kept.what) == ("The PTA chair",
                                            "Photos of pupils on a personal account.")
    # An investigation step recorded elsewhere changes the record too.
    other_pc.breaches.add_step(made.id, date(2026, 11, 21), "Mrs Patel", "Spoke to her.")
    _refused(services.breaches.update, made.id, data, kept.row_version)
    # Reloaded, the change made again on top of theirs is saved.
    now = services.breaches.current(made.id)
    saved = services.breaches.update(made.id, replace(data, reported_by=now.reported_by,
                                                      what="Mine, typed here."),
                                     now.row_version)
    assert (saved.reported_by, saved.what, len(saved.steps)) == (
        "The PTA chair", "Mine, typed here.", 1)
    assert saved.row_version == now.row_version + 1


@pytest.mark.parametrize("kind", [PERMISSION, CONTACT_EXCEPTION])
def test_an_authorisations_older_save_is_refused_and_theirs_kept(services, other_pc, kind):
    someone = staff(services, "Łucja Wróbel")
    data = AuthorisationInput(person_id=someone.id, what="The logo", place="PTA page",
                              valid_from=date(2026, 11, 1), agreed_by="Mrs Carter",
                              uses=("logo",) if kind == PERMISSION else ())
    made = services.authorisations.create(kind, data)
    there = other_pc.authorisations.get(kind, made.id)
    other_pc.authorisations.update(kind, made.id, replace(data, notes="Theirs"),
                                   there.row_version)
    message = _refused(services.authorisations.update, kind, made.id,
                       replace(data, place="Mine"), made.row_version)
    words = "permission" if kind == PERMISSION else "contact-detail exception"
    assert message.startswith(f"The {words} for Łucja Wróbel" + REFUSED)
    kept = services.authorisations.get(kind, made.id)
    assert (kept.notes, kept.place) == ("Theirs", "PTA page")


def test_a_platform_reports_older_save_is_refused_and_theirs_kept(services, other_pc):
    made_for = incident(services)
    data = PlatformReportInput(date(2026, 11, 3), reference="FB-1")
    made = services.platform_reports.add(made_for.id, data)
    there = other_pc.platform_reports.for_incident(made_for.id)[0]
    other_pc.platform_reports.update(made.id, replace(
        data, reply="“Doesn't go against our Standards”", reply_on=date(2026, 11, 5)),
        there.row_version)
    message = _refused(services.platform_reports.update, made.id,
                       replace(data, reference="FB-1 <typed here>"), made.row_version)
    assert message.startswith(
        f"The report to the platform on incident {made_for.id}" + REFUSED)
    [kept] = services.platform_reports.for_incident(made_for.id)
    assert (kept.reference, kept.reply_on) == ("FB-1", date(2026, 11, 5))
    # Without a version (the command line) it still saves, as before.
    saved = services.platform_reports.update(made.id, replace(data, reference="FB-2"))
    assert saved.reference == "FB-2" and saved.row_version == kept.row_version + 1


def test_a_social_accounts_older_save_or_link_is_refused_and_theirs_kept(services,
                                                                        other_pc):
    account = services.social_accounts.create(SocialAccountInput("facebook", "@angrymum_av"))
    mum, aunt = person(services, "Zoë Okafor"), person(services, "Ada Okafor")
    there = other_pc.social_accounts.get(account.id)
    other_pc.social_accounts.link(account.id, mum.id, there.row_version)
    message = _refused(services.social_accounts.link, account.id, aunt.id,
                       account.row_version)
    assert message.startswith("The social media account @angrymum_av (Facebook)" + REFUSED)
    assert _refused(services.social_accounts.link, account.id, None, account.row_version)
    # Asking for what it already says refuses nothing: nothing of theirs is undone.
    same = services.social_accounts.link(account.id, mum.id, account.row_version)
    assert same.person_name == "Zoë Okafor"
    _refused(services.social_accounts.update, account.id, SocialAccountInput(
        "facebook", notes="Mine"), account.row_version)
    kept = services.social_accounts.get(account.id)
    assert (kept.person_name, kept.notes) == ("Zoë Okafor", "")
    saved = services.social_accounts.update(account.id, SocialAccountInput(
        "facebook", notes="Mine"), kept.row_version)
    assert (saved.person_name, saved.notes) == ("Zoë Okafor", "Mine")


def test_an_evidence_files_older_details_are_refused_and_theirs_kept(services, other_pc,
                                                                    tmp_path):
    made_for = incident(services)
    added = services.evidence.add(made_for.id, write_png(tmp_path / "shot <1>.png"),
                                  date(2026, 11, 2))
    there = other_pc.evidence.get(added.id)
    other_pc.evidence.set_details(added.id, EvidenceDetails(
        date(2026, 11, 2), time(21, 47), url="https://x.com/a/status/1",
        captured_by="Mrs Shah"), there.row_version)
    message = _refused(services.evidence.set_details, added.id, EvidenceDetails(
        date(2026, 11, 2), note="Mine"), added.row_version)
    assert message.startswith(
        f"Evidence file “shot <1>.png” (incident {made_for.id})" + REFUSED)
    _refused(services.evidence.update_details, added.id, date(2026, 11, 1), "Mine",
             added.row_version)
    _refused(services.evidence.set_capture, added.id, date(2026, 11, 1), None,
             added.row_version)
    kept = services.evidence.get(added.id)
    assert (kept.captured_at, kept.url, kept.captured_by, kept.note) == (
        time(21, 47), "https://x.com/a/status/1", "Mrs Shah", "")
    assert services.audit.verify() == []
