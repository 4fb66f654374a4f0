"""Part 10: a chronology per person, social media accounts as records, search that finds
people, and the course of conduct (on the incident and in the police pack)."""

from __future__ import annotations

from datetime import date, time

import pytest

from avenue_desk.services.conduct.records import BreachInput
from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.incidents import (
    OPENS_ACKNOWLEDGEMENT,
    OPENS_BREACH,
    OPENS_INCIDENT,
    SocialAccountInput,
    handle_key,
)
from avenue_desk.services.incidents.records import IncidentQuery
from tests.helpers.conduct import sign, staff
from tests.helpers.databases import raw_sql
from tests.helpers.letters import parent, posted, refer, set_up_school
from tests.helpers.pdf import pdf_text
from tests.helpers.records import input_of, person, step


@pytest.fixture
def school(services):
    set_up_school(services)
    return services


def _ids(services, **query) -> list[int]:
    found = services.incidents.page(IncidentQuery(sort_key="id", descending=False, **query),
                                    0, 500)
    return [row.id for row in found]


def test_an_account_typed_on_an_incident_becomes_a_record_found_again_by_any_spelling(school):
    first = posted(school, None, poster_account="@AngryMum_AV")
    again = posted(school, None, poster_account="  angrymum_av ")
    elsewhere = posted(school, None, platform="instagram", poster_account="@angrymum_av")
    assert first.account_id is not None and again.account_id == first.account_id
    assert elsewhere.account_id not in (None, first.account_id)  # one account per site
    accounts = school.social_accounts.list()
    assert [(a.platform, a.handle, a.incidents, a.known) for a in accounts] == [
        ("facebook", "@AngryMum_AV", 2, False), ("instagram", "@angrymum_av", 1, False)]
    made = raw_sql(school.paths, "SELECT entity_id, summary FROM audit_log "
                   "WHERE entity = 'social_account' ORDER BY id")
    assert [row[1] for row in made] == [
        "Social media account recorded: @AngryMum_AV (Facebook) (not yet known)",
        "Social media account recorded: @angrymum_av (Instagram) (not yet known)"]
    # Clearing the typed account clears the link; the typed text is still kept as typed.
    from dataclasses import replace

    cleared = school.incidents.update(first.id, replace(input_of(first), poster_account=""))
    assert cleared.account_id is None


def test_linking_an_account_brings_its_incidents_into_the_persons_chronology(school):
    mum = parent(school, "Mrs Zoë O'Brien-Łukasiewicz")
    own = posted(school, mum.id, posted_on=date(2026, 10, 1), summary="Her own post")
    anonymous = posted(school, None, posted_on=date(2026, 9, 1), poster_account="@angrymum_av",
                       summary="Posted as an account nobody knew")
    before = school.history.chronology(mum.id)
    assert [line.incident_id for line in before.lines if line.kind == "Posted"] == [own.id]

    linked = school.social_accounts.link(anonymous.account_id, mum.id)
    assert linked.person_name == mum.full_name and linked.known
    after = school.history.chronology(mum.id)
    posted_lines = [line for line in after.lines if line.kind == "Posted"]
    assert [line.incident_id for line in posted_lines] == [anonymous.id, own.id]  # by date
    assert posted_lines[0].text == "As @angrymum_av: Posted as an account nobody knew"
    assert after.accounts == ("@angrymum_av (Facebook)",)
    assert school.incidents.current(anonymous.id).account_person_name == mum.full_name
    audit = raw_sql(school.paths, "SELECT action, entity_id, summary FROM audit_log "
                    "WHERE entity = 'social_account' AND action = 'link'")
    assert audit == [("link", str(anonymous.account_id),
                      f"Social media account @angrymum_av (Facebook) linked to {mum.full_name} "
                      f"(person {mum.id})")]
    # Unlinking takes them out again, and says so on the trail.
    school.social_accounts.link(anonymous.account_id, None)
    assert [line.incident_id for line in school.history.chronology(mum.id).lines
            if line.kind == "Posted"] == [own.id]
    last = raw_sql(school.paths, "SELECT summary FROM audit_log WHERE entity = "
                   "'social_account' ORDER BY id DESC LIMIT 1")[0][0]
    assert last.endswith("not yet known") and mum.full_name in last
    with pytest.raises(ValidationError):
        school.social_accounts.link(anonymous.account_id, 999_999)


def test_chronology_holds_named_reported_steps_letters_and_conduct_in_date_order(school):
    teacher = staff(school, "Mr Tomasz Ćwik")
    sign(school, teacher)
    mum = parent(school)
    about = posted(school, mum.id, posted_on=date(2026, 10, 5), named_person_ids=(teacher.id,),
                   summary="Named Mr Ćwik <again> & said \"sack him\"")
    told = posted(school, None, posted_on=date(2026, 10, 9), reported_by="mr tomasz ćwik",
                  summary="Something he saw")
    step(school, about.id, "informal_discussion", date(2026, 10, 6), outcome="Asked to remove it")
    school.breaches.create(BreachInput(teacher.id, ("principle_reputation",), "Replied to the post",
                                       date(2026, 10, 7), date(2026, 10, 8), "Mrs Carter"))
    history = school.history.chronology(teacher.id)
    kinds = [(line.day, line.kind, line.opens) for line in history.lines]
    assert kinds[:1] == [(date(2026, 10, 5), "Named in", OPENS_INCIDENT)]
    assert (date(2026, 10, 6), "Step", OPENS_INCIDENT) in kinds
    assert (date(2026, 10, 8), "Breach reported", OPENS_BREACH) in kinds
    assert (date(2026, 10, 9), "Reported", OPENS_INCIDENT) in kinds
    assert any(opens == OPENS_ACKNOWLEDGEMENT for _, _, opens in kinds)
    assert [line.day for line in history.lines] == sorted(line.day for line in history.lines)
    assert (history.incidents_named, history.incidents_reported) == (1, 1)
    named = next(line for line in history.lines if line.kind == "Named in")
    assert named.text == "Named Mr Ćwik <again> & said \"sack him\"" and named.stage
    assert told.id in {line.incident_id for line in history.lines}
    opened = raw_sql(school.paths, "SELECT summary FROM audit_log WHERE entity = 'chronology'")
    assert opened[-1] == ("Chronology of Mr Tomasz Ćwik read",)


def test_a_letter_is_a_line_of_its_own(school):
    mum = parent(school)
    case = posted(school, mum.id)
    school.letters.render(case.id, "removal-request")
    school.letters.record_sent(case.id, "removal-request", "printed")
    lines = school.history.chronology(mum.id).lines
    assert [line.kind for line in lines if line.kind == "Letter"] == ["Letter"]


def test_the_office_does_not_see_legal_notes_or_breaches(school, services_as):
    teacher = staff(school, "Mr Adam Hughes")
    case = posted(school, None, named_person_ids=(teacher.id,), categories=("threat",))
    step(school, case.id, "police", outcome="Crime number 12/3456/26")
    school.breaches.create(BreachInput(teacher.id, ("principle_reputation",), "Replied",
                                       date(2026, 10, 7)))
    office = services_as("office")
    history = office.history.chronology(teacher.id)
    texts = " ".join(line.text for line in history.lines)
    assert "Contact" in texts or "olice" in texts  # the step is there ...
    assert "12/3456/26" not in texts  # ... without its notes
    assert not any(line.opens == OPENS_BREACH for line in history.lines)
    assert history.left_out


def test_search_finds_posters_pupils_staff_and_accounts_with_accents_folded(school):
    mum = parent(school, "Mrs Zoë Kowalczyk")
    pupil = person(school, "Amélie Nowak", role="pupil", class_name="3B")
    teacher = staff(school, "Mr Dariusz Żak")
    by_mum = posted(school, mum.id, summary="About the trip")
    about_pupil = posted(school, None, named_person_ids=(pupil.id,), summary="About a child")
    about_teacher = posted(school, None, named_person_ids=(teacher.id,), summary="Staff")
    by_account = posted(school, None, poster_account="@Angry_Mum_AV", summary="Anonymous")
    words = posted(school, None, summary="Zoe's café was mentioned")
    assert _ids(school, text="zoe kowalczyk") == [by_mum.id]
    assert _ids(school, text="ZOE") == [by_mum.id, words.id]  # a name, and the words
    assert _ids(school, text="amelie") == [about_pupil.id]
    assert _ids(school, text="zak") == [about_teacher.id]
    assert _ids(school, text="angry_mum") == [by_account.id]
    assert _ids(school, text="@angry_mum_av") == [by_account.id]
    assert _ids(school, text="nobody here") == []
    # Linked to the mother, the account's incidents are found by her name too.
    school.social_accounts.link(by_account.account_id, mum.id)
    assert _ids(school, text="kowalczyk") == [by_mum.id, by_account.id]
    assert school.incidents.count(IncidentQuery(text="kowalczyk")) == 2


def test_posted_by_filter_takes_linked_accounts_and_combines_with_others(school):
    mum = parent(school)
    other = parent(school, "Mr Kenji Tanaka")
    own = posted(school, mum.id)
    via = posted(school, None, poster_account="@avenue_mum")
    posted(school, other.id)
    school.social_accounts.link(via.account_id, mum.id)
    assert _ids(school, posted_by=mum.id) == [own.id, via.id]
    assert _ids(school, posted_by=mum.id, status="closed") == []
    rows = school.incidents.page(IncidentQuery(posted_by=mum.id, sort_key="id",
                                               descending=False), 0, 10)
    assert [row.poster_name for row in rows] == [mum.full_name, mum.full_name]


def test_course_of_conduct_by_person_and_by_account(school):
    mum = parent(school)
    first = posted(school, mum.id, posted_on=date(2026, 9, 1))
    second = posted(school, None, posted_on=date(2026, 9, 20), poster_account="@avenue_mum")
    third = posted(school, mum.id, posted_on=date(2026, 10, 2), poster_account="@avenue_mum")
    posted(school, parent(school, "Someone Else").id)
    course = school.history.course(third.id)
    assert [(c.id, c.why) for c in course] == [(first.id, "same person"),
                                               (second.id, "same account")]
    assert [c.id for c in school.history.course(second.id)] == [third.id]
    school.social_accounts.link(second.account_id, mum.id)
    assert [(c.id, c.why) for c in school.history.course(first.id)] == [
        (second.id, "same person"), (third.id, "same person")]
    assert [(c.id, c.why) for c in school.history.course(third.id)] == [
        (first.id, "same person"), (second.id, "same person and account")]
    assert course[0].stage == "New"


def test_the_police_pack_lists_incidents_of_an_account_linked_to_the_poster(school):
    mum = parent(school)
    earlier = posted(school, None, posted_on=date(2026, 9, 3), poster_account="@quiet_one",
                     summary="Posted by an account later found to be hers", excerpt="")
    case = posted(school, mum.id, categories=("threat",), posted_at=time(21, 47))
    refer(school, case.id)
    text = pdf_text(school.letters.render(case.id, "police-referral"))
    assert "Posted by an account later found to be hers" not in text
    school.social_accounts.link(earlier.account_id, mum.id)
    text = pdf_text(school.letters.render(case.id, "police-referral"))
    assert "Posted by an account later found to be hers" in text and f"AD-{earlier.id}" in text


def test_accounts_made_by_hand_are_checked(school):
    made = school.social_accounts.create(SocialAccountInput(
        "tiktok", "", "Avenue Mum 🌸", "https://www.tiktok.com/@avenuemum"))
    assert made.label == "Avenue Mum 🌸" and not made.known
    with pytest.raises(ValidationError) as refused:
        school.social_accounts.create(SocialAccountInput("tiktok", display_name="avenue mum 🌸"))
    assert "already recorded" in refused.value.errors["handle"]
    with pytest.raises(ValidationError):
        school.social_accounts.create(SocialAccountInput("tiktok"))
    # An incident typed with the same name finds it rather than making another.
    found = posted(school, None, platform="tiktok", poster_account="Avenue  Mum 🌸")
    assert found.account_id == made.id
    assert handle_key(" @Avenue  MUM ") == "avenue mum"


def test_chronology_pdf_and_csv_keep_every_character(school, tmp_path):
    mum = parent(school, "Mrs Amira <Al-Rashid> & \"Sons\" أميرة")
    posted(school, mum.id, summary="Said the head is 'useless' & <worse>; 李小龍 agreed")
    pdf = tmp_path / "chronology.pdf"
    school.history.write(mum.id, pdf)
    text = pdf_text(pdf.read_bytes())
    assert "Chronology" in text and "Said the head is 'useless' & <worse>; 李小龍 agreed" in text
    csv_path = tmp_path / "chronology.csv"
    school.history.write(mum.id, csv_path)
    body = csv_path.read_text(encoding="utf-8-sig")
    assert "Said the head is 'useless' & <worse>; 李小龍 agreed" in body
    with pytest.raises(Exception, match=r"\.pdf or a \.csv"):
        school.history.write(mum.id, tmp_path / "chronology.txt")
