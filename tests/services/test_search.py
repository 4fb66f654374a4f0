"""Full-text search with SQLite FTS5 over excerpt, summary and action notes."""

from __future__ import annotations

from datetime import date

from avenue_desk.services.incidents.records import ActionInput, IncidentQuery
from avenue_desk.services.incidents.search import fts_query
from tests.helpers.records import incident_input


def _ids(services, text):
    return [r.id for r in services.incidents.page(IncidentQuery(text=text), 0, 50)]


def test_search_finds_words_in_excerpt_summary_and_notes(services):
    trip = services.incidents.create(incident_input(excerpt="The museum trip was a disaster"))
    lunch = services.incidents.create(
        incident_input(excerpt="", summary="Complaint about school dinners and café prices")
    )
    services.escalation.record(
        lunch.id,
        ActionInput("informal_discussion", date(2026, 11, 3), "Mrs Shah", "Dad agreed",
                    notes="Spoke to dad at pickup"),
    )
    assert _ids(services, "museum") == [trip.id]
    assert _ids(services, "MUSEUM trip") == [trip.id]
    assert _ids(services, "dinn") == [lunch.id]  # the last word is a prefix while typing
    assert _ids(services, "cafe") == [lunch.id]  # diacritics folded
    assert _ids(services, "pickup") == [lunch.id]  # action notes are searched too
    assert _ids(services, "museum dinners") == []  # every word must match


def test_edits_are_searchable_and_old_words_are_gone(services):
    saved = services.incidents.create(incident_input(excerpt="about the nativity play"))
    services.incidents.update(saved.id, incident_input(excerpt="about sports day"))
    assert _ids(services, "nativity") == []
    assert _ids(services, "sports") == [saved.id]


def test_search_operators_and_quotes_are_just_words(services):
    saved = services.incidents.create(incident_input(excerpt='She said "NOT fair" OR worse'))
    assert _ids(services, '"NOT') == [saved.id]
    assert _ids(services, "OR") == [saved.id]
    # Only punctuation is no search at all (and not an FTS syntax error).
    assert _ids(services, "* ( )") == [saved.id]
    assert fts_query('a" OR b*') == '"a" "OR" "b"*'
    assert fts_query("  ") == ""


def test_search_combines_with_filters(services):
    services.incidents.create(incident_input(platform="facebook", excerpt="parking again"))
    services.incidents.create(incident_input(platform="tiktok", excerpt="parking video"))
    query = IncidentQuery(text="parking", platform="tiktok")
    assert services.incidents.count(query) == 1
