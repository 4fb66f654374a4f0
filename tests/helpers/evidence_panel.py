"""The evidence panel on screen for a window test, over a plain incident of its own."""

from __future__ import annotations

from datetime import date

from avenue_desk.services.incidents.records import IncidentInput
from avenue_desk.ui.widgets.evidence_panel import EvidencePanel


def plain_incident(services):
    """A complaint on Facebook with nothing else recorded: evidence is added to it."""
    return services.incidents.create(IncidentInput(
        posted_on=date(2026, 11, 1), platform="facebook", categories=("complaint",),
        summary="s"))


def shown_panel(qtbot, services, incident_id: int, height: int = 500) -> EvidencePanel:
    """The panel for the incident, 900 pixels wide, shown and exposed."""
    widget = EvidencePanel(services, incident_id)
    qtbot.addWidget(widget)
    widget.resize(900, height)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget
