"""Many letters into one PDF: each on new pages, numbered on its own, cancellable."""

from __future__ import annotations

from dataclasses import replace

import pytest

from avenue_desk.reports import fonts as fonts_module
from avenue_desk.reports.batch import BatchProblem, render_batch
from avenue_desk.reports.context import PersonDetails
from avenue_desk.reports.errors import RenderCancelled
from avenue_desk.reports.letters import RemovalRequestLetter, WarningLetter
from tests.helpers.letters import LETTER_DATE
from tests.helpers.pdf import pdf_pages

NAMES = ["Łucja Wróbel", "王小明", "محمد العلي"]


def _letters(school, incident, kind=WarningLetter):
    return [
        kind(
            school,
            PersonDetails(name, "1 High Street"),
            replace(incident, id=n),
            letter_date=LETTER_DATE,
        )
        for n, name in enumerate(NAMES, 1)
    ]


def test_each_letter_starts_a_page_and_has_its_own_numbering(school, incident):
    pages = pdf_pages(render_batch(_letters(school, incident)))
    assert len(pages) == 6
    for n, page in enumerate(pages):
        assert f"Page {n % 2 + 1} of 2" in page
    assert "Our ref: AD-1" in pages[0] and "Our ref: AD-2" in pages[2]
    assert "Our ref: AD-3" in pages[4]


def test_progress_is_reported_per_letter(school, incident):
    seen = []
    render_batch(
        _letters(school, incident, RemovalRequestLetter),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_cancel_stops_the_batch(school, incident):
    seen = []
    with pytest.raises(RenderCancelled):
        render_batch(
            _letters(school, incident),
            progress=lambda done, total: seen.append(done),
            cancelled=lambda: len(seen) >= 1,
        )
    assert seen == [1]


def test_a_bad_letter_is_named_before_any_layout(school, incident):
    letters = _letters(school, incident)
    letters[1] = WarningLetter(school, PersonDetails("Ann 𓂀", "1 High Street"), incident,
                               letter_date=LETTER_DATE)
    with pytest.raises(BatchProblem) as caught:
        render_batch(letters)
    assert caught.value.index == 1
    assert "Document 2: The parent's name contains 𓂀" in str(caught.value)


def test_fonts_are_not_read_again_per_letter(monkeypatch, school, incident):
    render_batch(_letters(school, incident)[:1])  # warm up
    calls = []
    monkeypatch.setattr(fonts_module, "TextFont", lambda *a, **k: calls.append(a))
    render_batch(_letters(school, incident))
    assert calls == []


def test_an_empty_batch_is_refused():
    with pytest.raises(ValueError):
        render_batch([])
