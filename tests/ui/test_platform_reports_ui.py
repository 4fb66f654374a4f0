"""Reports to the platform on the incident's own tab, and Home's word a week later."""

from __future__ import annotations

from datetime import date

import pytest

from avenue_desk.services.incidents import PlatformReportInput
from avenue_desk.services.incidents.records import IncidentInput
from avenue_desk.ui.dialogs.incident_editor import IncidentEditor
from avenue_desk.ui.views.home import HomeView
from avenue_desk.ui.widgets.platform_reports_panel import TAB_TITLE
from tests.helpers.background import settle


@pytest.fixture
def incident(services):
    return services.incidents.create(IncidentInput(
        posted_on=date(2026, 11, 1), platform="tiktok", categories=("complaint",),
        summary="s"))


def open_editor(qtbot, services, incident_id):
    editor = IncidentEditor(services, incident_id)
    qtbot.addWidget(editor)
    with qtbot.waitExposed(editor):
        editor.show()
    settle(qtbot, editor)
    return editor


def test_a_report_is_recorded_and_corrected_on_its_tab(qtbot, services, incident):
    editor = open_editor(qtbot, services, incident.id)
    tabs = editor.ui.tabs
    assert TAB_TITLE in [tabs.tabText(i) for i in range(tabs.count())]
    panel = editor.platform_reports_panel
    tabs.setCurrentWidget(panel)
    assert panel.made_to.itemText(0) == "TikTok"
    panel.reported_on.set_value(date(2026, 11, 3))
    panel.reference.setText("TT-55 <ref> & co")
    assert panel.save()
    assert panel.table.item(0, 0).text() == "TikTok"
    assert panel.table.item(0, 2).text() == "TT-55 <ref> & co"
    assert panel.table.item(0, 5).text() == "Mrs Patel"
    # The reply arrives: the same report, corrected.
    panel.reply.setPlainText("“No violation found” — Łucja")
    panel.reply_on.set_value(date(2026, 11, 5))
    assert panel.save()
    [kept] = services.platform_reports.for_incident(incident.id)
    assert (kept.reference, kept.reply, kept.reply_on) == (
        "TT-55 <ref> & co", "“No violation found” — Łucja", date(2026, 11, 5))
    # Refused beside the form, nothing saved.
    panel.start_new()
    panel.reported_on.set_value(date(2026, 10, 1))
    assert not panel.save()
    assert "before the post was made" in panel.message.text()
    assert len(services.platform_reports.for_incident(incident.id)) == 1
    # A week on, still up: the tab offers the next route with the policy's words.
    assert panel.next_route.isVisible()
    words = panel.next_route.text()
    assert "reported to the platform 18 days ago" in words
    assert "Report Harmful Content" in words and "reportharmfulcontent.com" in words
    assert "&#x27;report abuse&#x27; section of the network site" in words \
        or "'report abuse' section of the network site" in words


def test_home_says_when_a_platform_has_not_acted_within_a_week(qtbot, services, clock,
                                                              incident):
    services.platform_reports.add(incident.id, PlatformReportInput(date(2026, 11, 15),
                                                                  reference="TT-55"))
    view = HomeView(services)
    qtbot.addWidget(view)
    view.resize(1100, 900)
    view.show()
    settle(qtbot, view)
    assert not view.platform_silent.isVisible()  # six days: not yet
    clock.advance(days=1)
    view.refresh()
    settle(qtbot, view)
    assert view.platform_silent.isVisible()
    assert view.platform_silent.list.count() == 1
    line = view.platform_silent.list.item(0).text()
    assert (f"Incident {incident.id} · TikTok: reported to TikTok 15 November 2026 (reference "
            "TT-55), 7 days ago, and still up: Report Harmful Content can step in now.") == line
    offered = view.next_route.text()
    assert "reportharmfulcontent.com" in offered and "Contact the host/provider" in offered
    with qtbot.waitSignal(view.open_incident) as opened:
        view.platform_silent.list.itemClicked.emit(view.platform_silent.list.item(0))
    assert opened.args == [incident.id]
