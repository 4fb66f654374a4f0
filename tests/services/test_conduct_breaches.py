"""Breaches cite the exact words the person had acknowledged, and when; evidence works as
incident evidence does; the investigation has dated steps and an outcome."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from avenue_desk.policy import conduct as code
from avenue_desk.services.conduct.records import BreachInput
from avenue_desk.services.core.errors import ValidationError
from tests.helpers.conduct import answers, sign, staff
from tests.helpers.evidence_tamper import replace_content, stored_bytes
from tests.helpers.images import write_png
from tests.helpers.text import MARKUP


def breach(person_id, **changes) -> BreachInput:
    values = dict(person_id=person_id, item_keys=("na_images", "me_private"),
                  what="Photos of pupils on a trip posted on a personal account.",
                  occurred_on=date(2026, 11, 20), reported_by="A parent, by email")
    values.update(changes)
    return BreachInput(**values)


def reword(monkeypatch, key: str, text: str) -> None:
    items = [dataclasses.replace(i, quote=code.avenue(text)) if i.key == key else i
             for i in code.ITEMS]
    monkeypatch.setattr(code, "ITEMS", tuple(items))


def test_a_breach_cites_the_text_the_person_acknowledged_and_when(services, clock,
                                                                  monkeypatch):
    someone = staff(services)
    services.conduct.record_paper(someone.id, answers(), date(2026, 9, 3), "Office")
    original = code.get_item("na_images").text
    reword(monkeypatch, "na_images", "No images from school activities, ever.")
    record = services.breaches.create(breach(someone.id))
    cited = {c.key: c for c in record.items}
    assert cited["na_images"].text == original
    assert cited["na_images"].acknowledged_on == date(2026, 9, 3)
    assert cited["na_images"].reworded_since is True
    assert cited["na_images"].label == "Not acceptable 4: Images from school activities"
    assert cited["me_private"].text == code.get_item("me_private").text
    assert cited["me_private"].reworded_since is False
    assert record.reported_on == date(2026, 11, 21) and record.outcome is None


def test_what_was_not_yet_acknowledged_is_cited_in_the_codes_words(services, clock):
    someone = staff(services)
    record = services.breaches.create(breach(someone.id, occurred_on=date(2026, 11, 1)))
    sign(services, someone)  # signing afterwards does not change what was cited
    again = services.breaches.get(record.id)
    assert {c.acknowledged_on for c in again.items} == {None}
    assert again.items[0].text == code.get_item("na_images").text
    items = services.breaches.citable_items(someone.id, date(2026, 11, 21))
    assert {c.acknowledged_on for c in items} == {date(2026, 11, 21)}


def test_a_breach_is_checked_before_it_is_saved(services):
    someone = staff(services)
    with pytest.raises(ValidationError) as bad:
        services.breaches.create(BreachInput(None, (), "", None))
    assert set(bad.value.errors) == {"person_id", "what", "item_keys", "occurred_on"}
    with pytest.raises(ValidationError) as early:
        services.breaches.create(breach(someone.id, reported_on=date(2026, 11, 1)))
    assert set(early.value.errors) == {"reported_on"}
    with pytest.raises(ValidationError) as future:
        services.breaches.create(breach(someone.id, occurred_on=date(2027, 1, 1)))
    assert "future" in future.value.errors["occurred_on"]
    with pytest.raises(ValidationError):
        services.breaches.create(breach(someone.id, item_keys=("made_up",)))


def test_the_investigation_steps_and_outcome(services, clock):
    someone = staff(services, "محمد العلي")
    record = services.breaches.create(breach(someone.id))
    services.breaches.add_step(record.id, date(2026, 11, 21), "Headteacher", "Met them.")
    record = services.breaches.add_step(record.id, date(2026, 11, 20), "", "Saw the post.")
    assert [s.description for s in record.steps] == ["Saw the post.", "Met them."]
    with pytest.raises(ValidationError) as bad:
        services.breaches.add_step(record.id, date(2026, 11, 1), "", "")
    assert set(bad.value.errors) == {"description", "taken_on"}
    closed = services.breaches.set_outcome(record.id, "disciplinary", None, MARKUP)
    assert closed.is_closed and closed.outcome_on == date(2026, 11, 21)
    assert closed.outcome_notes == MARKUP
    assert services.breaches.list(open_only=True) == []
    row = services.breaches.list()[0]
    assert (row.person_name, row.outcome, row.steps) == ("محمد العلي", "disciplinary", 2)
    assert row.item_labels[0] == "Not acceptable 4: Images from school activities"
    reopened = services.breaches.set_outcome(record.id, None)
    assert not reopened.is_closed and reopened.outcome_on is None
    with pytest.raises(ValidationError):
        services.breaches.set_outcome(record.id, "sacked")
    removed = services.breaches.remove_step(record.id, record.steps[0].id)
    assert [s.description for s in removed.steps] == ["Met them."]


def test_updating_re_cites_the_chosen_items(services):
    someone = staff(services)
    record = services.breaches.create(breach(someone.id))
    changed = services.breaches.update(record.id, breach(someone.id,
                                                         item_keys=("me_no_derogatory",)))
    assert [c.key for c in changed.items] == ["me_no_derogatory"]


def test_breach_evidence_is_hashed_checked_and_covered_by_the_health_check(services, tmp_path):
    someone = staff(services)
    record = services.breaches.create(breach(someone.id))
    added = services.breach_evidence.add(record.id, write_png(tmp_path / "post.png"))
    assert added.stored_name.startswith("conduct/")
    assert stored_bytes(services.paths, added) == (tmp_path / "post.png").read_bytes()
    assert services.breach_evidence.verify(added.id).ok
    with pytest.raises(ValidationError, match="already attached"):
        services.breach_evidence.add(record.id, tmp_path / "post.png")
    (tmp_path / "notes.txt").write_text("not evidence")
    with pytest.raises(ValidationError, match="is not a screenshot"):
        services.breach_evidence.add(record.id, tmp_path / "notes.txt")
    assert services.breaches.get(record.id).evidence[0].sha256 == added.sha256
    copy = services.breach_evidence.viewing_copy(added.id)
    assert copy.read_bytes() == stored_bytes(services.paths, added)
    assert copy.name.startswith("breach-")
    report = services.health.check()
    assert report.ok and not any("NOTE" in line for line in report.lines)
    replace_content(services.paths, added, b"edited")
    assert services.breach_evidence.verify(added.id).problem == "changed"
    with pytest.raises(ValidationError, match="changed since it was added"):
        services.breach_evidence.viewing_copy(added.id)
    assert not services.health.check().ok
