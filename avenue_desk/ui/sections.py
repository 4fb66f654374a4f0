"""Which sections of the main window an account sees, and the view for each.

The services refuse what an account may not do whatever the window shows; this only keeps
the window from offering it. A governor sees Reports (the anonymous summary, the guidance
sheet and the policy's review status); a staff member sees their own code of conduct; the
office sees incidents, people, letters and the register; the Headteacher sees everything,
with the accounts and the audit trail.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from avenue_desk.policy.access import Operation

SECTIONS = ("Home", "Incidents", "People", "Staff code of conduct", "Reports", "Settings",
            "Accounts", "Audit trail")
HOME, INCIDENTS, PEOPLE, CONDUCT, REPORTS, SETTINGS, ACCOUNTS, AUDIT = range(len(SECTIONS))
OWN_CONDUCT_TITLE = "My code of conduct"

_NEEDS = {
    HOME: (Operation.INCIDENT_VIEW,),
    INCIDENTS: (Operation.INCIDENT_VIEW,),
    PEOPLE: (Operation.PEOPLE_VIEW,),
    REPORTS: (Operation.GOVERNOR_SUMMARY, Operation.LETTER_PARENT),  # either will do
    SETTINGS: (Operation.SETTINGS_EDIT,),
    ACCOUNTS: (Operation.ACCOUNTS_MANAGE,),
    AUDIT: (Operation.AUDIT_VIEW,),
}


def register_allowed(guard) -> bool:
    return guard.allowed(Operation.CONDUCT_REGISTER_VIEW)


def section_allowed(guard, row: int) -> bool:
    if row == CONDUCT:
        if register_allowed(guard):
            return True
        actor = guard.actor
        # A staff account always has this section (it says so if it is not linked yet);
        # a governor's when it is linked to their own record.
        return guard.allowed(Operation.CONDUCT_OWN_RECORD) and actor is not None and (
            actor.person_id is not None or actor.role == "staff")
    return any(guard.allowed(operation) for operation in _NEEDS[row])


def section_title(guard, row: int) -> str:
    if row == CONDUCT and not register_allowed(guard):
        return OWN_CONDUCT_TITLE
    return SECTIONS[row]


def build_section(row: int, services) -> QWidget:
    """The view for a section this account may see; an empty page for the others (never
    shown: building their views would ask the services for what they refuse)."""
    guard = services.guard
    if not section_allowed(guard, row):
        return QWidget()
    if row == HOME:
        from avenue_desk.ui.views.home import HomeView

        return HomeView(services)
    if row == INCIDENTS:
        from avenue_desk.ui.views.incidents import IncidentsView

        return IncidentsView(services)
    if row == PEOPLE:
        from avenue_desk.ui.views.people import PeopleView

        return PeopleView(services)
    if row == CONDUCT:
        if register_allowed(guard):
            from avenue_desk.ui.views.conduct import ConductView

            return ConductView(services)
        from avenue_desk.ui.views.own_conduct import OwnConductView

        return OwnConductView(services)
    if row == REPORTS:
        from avenue_desk.ui.views.reports import ReportsView

        return ReportsView(services)
    if row == SETTINGS:
        from avenue_desk.ui.views.settings import SettingsView

        return SettingsView(services)
    if row == ACCOUNTS:
        from avenue_desk.ui.views.accounts import AccountsView

        return AccountsView(services.accounts, services)
    from avenue_desk.ui.views.audit import AuditView

    return AuditView(services.audit, today=services.clock.today())
