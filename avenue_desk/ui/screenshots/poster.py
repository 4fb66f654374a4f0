"""The user guide's pictures of knowing the poster (part 10): ``chronology`` (a parent's
window at their chronology, over People), ``social-accounts`` (the accounts list, over
People) and ``course-of-conduct`` (one of that parent's incidents at its Course of conduct
tab). The parent is the demo's who posts most through an account linked to them, so the
pictures show an account's incidents in a person's history.
"""

from __future__ import annotations

from avenue_desk.policy.access import Operation
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.incidents import IncidentQuery

POSTER_SCREENS = ("chronology", "social-accounts", "course-of-conduct")


def open_poster_screen(screen: str, services, window, app):
    """The window to draw over ``window`` (at People, or Incidents)."""
    from avenue_desk.ui.dialogs.record_opener import open_record
    from avenue_desk.ui.sections import INCIDENTS, PEOPLE

    if screen == "social-accounts":
        from avenue_desk.ui.dialogs.social_accounts import SocialAccountsDialog

        window.go_to(PEOPLE)
        return SocialAccountsDialog(services, window)
    person_id = busiest_linked_poster(services)
    if screen == "chronology":
        from avenue_desk.ui.dialogs.person_dialog import PersonDialog

        window.go_to(PEOPLE)
        dialog = PersonDialog(services, person_id, window, record_opener=open_record)
        dialog.show_chronology()  # read in the background: the picture waits for it
        return dialog
    if screen == "course-of-conduct":
        from avenue_desk.ui.dialogs.incident_editor import IncidentEditor
        from avenue_desk.ui.screenshots.stage import settle

        window.go_to(INCIDENTS)
        newest = services.incidents.ids(IncidentQuery(posted_by=person_id))[0]
        editor = IncidentEditor(services, newest, parent=window, record_opener=open_record)
        settle(app)  # the incident and its course, read in the background
        editor.show_course()
        return editor
    raise ServiceError(f"Unknown screen “{screen}”: choose one of {', '.join(POSTER_SCREENS)}.")


def busiest_linked_poster(services) -> int:
    """The person whose linked account names the most incidents."""
    if not services.guard.allowed(Operation.PEOPLE_VIEW):
        raise ServiceError("The account signed in does not see People: sign in with one "
                           "that does (--user).")
    linked = [a for a in services.social_accounts.list() if a.person_id is not None]
    if not linked:
        raise ServiceError("No social media account is linked to a person yet: make a demo "
                           "data set with “avenue-desk --data-dir FOLDER demo”.")
    return max(linked, key=lambda a: (a.incidents, -a.id)).person_id
