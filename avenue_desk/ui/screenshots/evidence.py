"""The user guide's pictures of evidence the police can use (part 10): ``evidence-capture``
(an incident's Evidence tab, a screenshot selected with its details below the list: when it
was captured, the web address, the account shown, who captured it; the Paste screenshot
and Propose excerpt buttons) and ``platform-reports`` (an incident's Reports to the
platform tab, a report made more than a week ago with the post still up, and the notice of
the next route, Report Harmful Content).

Both show what the records hold (the demo's screenshots and its report to the platform):
nothing is written to draw them.
"""

from __future__ import annotations

from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.incidents import IncidentQuery

EVIDENCE_SCREENS = ("evidence-capture", "platform-reports")
LOOKED_AT = 50  # the newest incidents searched for a screenshot with its details


def open_evidence_screen(screen: str, services, window, app):
    """The incident editor to draw over ``window`` (at Incidents), at the screen's tab."""
    from avenue_desk.ui.dialogs.incident_editor import IncidentEditor
    from avenue_desk.ui.dialogs.record_opener import open_record
    from avenue_desk.ui.screenshots.stage import settle
    from avenue_desk.ui.sections import INCIDENTS

    if screen not in EVIDENCE_SCREENS:
        raise ServiceError(f"Unknown screen “{screen}”: choose one of "
                           f"{', '.join(EVIDENCE_SCREENS)}.")
    if screen == "evidence-capture":
        incident_id, evidence_id = screenshot_with_details(services)
    else:
        incident_id, evidence_id = silent_platform_incident(services), None
    window.go_to(INCIDENTS)
    editor = IncidentEditor(services, incident_id, parent=window, record_opener=open_record)
    settle(app)  # the incident, read in the background
    if evidence_id is not None:
        editor.ui.tabs.setCurrentWidget(editor.ui.evidence_tab)
        panel = editor.evidence_panel
        panel.refresh()  # listed as the tab is shown (the editor is not shown yet)
        settle(app)  # the files' checks and thumbnails
        panel.list.setCurrentRow(next(n for n, r in enumerate(panel.records)
                                      if r.id == evidence_id))
    else:
        panel = editor.platform_reports_panel
        editor.ui.tabs.setCurrentWidget(panel)
        panel.table.selectRow(0)  # the first report, its reference and reply in the form
    return editor


def screenshot_with_details(services) -> tuple[int, int]:
    """(incident, evidence): the newest screenshot whose web address and account (a handle)
    were recorded, else the newest with a web address, else the newest screenshot."""
    best = None
    newest_first = IncidentQuery(sort_key="id", descending=True)
    for incident_id in services.incidents.ids(newest_first)[:LOOKED_AT]:
        for record in reversed(services.incidents.current(incident_id).evidence):
            if not record.media_type.startswith("image/"):
                continue
            rank = (bool(record.url) + record.account_shown.startswith("@"))
            if best is None or rank > best[0]:
                best = (rank, incident_id, record.id)
            if rank == 2:
                return incident_id, record.id
    if best is None:
        raise ServiceError("No recent incident has a screenshot to show: add one, or make a "
                           "demo data set with “avenue-desk --data-dir FOLDER demo”.")
    return best[1], best[2]


def silent_platform_incident(services) -> int:
    """The incident Home lists first as reported to the platform a week ago and still up."""
    silent = services.attention.summary(limit=1).platform_silent
    if not silent:
        raise ServiceError("No open incident was reported to the platform more than a week "
                           "ago with the post still up: record such a report, or make a "
                           "demo data set with “avenue-desk --data-dir FOLDER demo”.")
    return silent[0].incident_id
