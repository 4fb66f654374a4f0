"""The screenshots of windows opened over a screen, for the user guide: ``help`` (the guide
open at the section F1 gives the incident list, with a search), ``people-import`` (the
preview of a small SIMS file: its layout and columns as understood, one row refused),
``step-correct`` (an incident's timeline with a corrected and a withdrawn step, and the
menu a right-click opens) and ``policy-review`` (recording the governors' review, filled
in, not saved).

``open_dialog`` goes to the screen behind and returns the window to draw over it, and what
to draw on that window once shown; ``screens.render_screen`` draws and closes them. Only
``step-correct`` writes anything, and only into a demo school: it corrects one step and
withdraws another, to have them to show.
"""

from __future__ import annotations

import tempfile
from contextlib import ExitStack
from pathlib import Path

from avenue_desk.policy.access import Operation, operation_for_step
from avenue_desk.services.core.errors import ServiceError

DIALOG_SCREENS = ("help", "people-import", "step-correct", "policy-review")
HELP_SEARCH = "follow-up"
IMPORT_FILE = "Pupils and contacts from the MIS.csv"
MINUTES = "Full governing body, minute 7"
# What the step-correct screen puts right on the demo incident it chooses.
CORRECTED_OUTCOME = "Parent apologised and agreed to take the post down"
CORRECTION_REASON = "The outcome was cut short"
WITHDRAWAL_REASON = "Recorded on the wrong incident"
CORRECTED_STEP = "headteacher_meeting"
STEPS_SHOWN = 4  # the fewest steps left standing on the incident chosen, besides the one withdrawn


def open_dialog(screen: str, services, window, cleanup: ExitStack):
    """``(dialog, over)``: the window to draw over ``window`` and, or None, a function
    drawing on its picture. ``cleanup`` is closed once the picture is taken."""
    if screen == "help":
        return _help(window), None
    if screen == "people-import":
        return _people_import(services, window, cleanup), None
    if screen == "step-correct":
        return _step_correct(services, window)
    if screen == "policy-review":
        return _policy_review(services, window), None
    raise ServiceError(f"Unknown screen “{screen}”: choose one of {', '.join(DIALOG_SCREENS)}.")


def _help(window):
    """The guide as F1 on the incident list opens it, with a word searched for."""
    from avenue_desk.ui.help_window import HelpWindow, target_for
    from avenue_desk.ui.sections import INCIDENTS

    window.go_to(INCIDENTS)
    guide = HelpWindow(parent=window)  # a window of its own, as F1 opens it
    guide.resize(1000, 700)
    guide.open_target(target_for(window.stack.currentWidget()))
    guide.search_box.setText(HELP_SEARCH)
    guide.find_next()
    return guide


def _people_import(services, window, cleanup: ExitStack):
    """The preview of a small SIMS file: the layout recognised and each column's meaning
    beside the lists, two new pupils with their contacts (one with a court order), a new
    phone number for someone on record, and a row refused for its email address."""
    from avenue_desk.ui.dialogs.people_import import PeopleImportDialog
    from avenue_desk.ui.sections import PEOPLE

    if not services.guard.allowed(Operation.DATA_IMPORT):
        raise ServiceError("The account signed in cannot import people: sign in with the "
                           "Headteacher's or the office's (--user).")
    window.go_to(PEOPLE)
    folder = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="avenue-desk-")))
    path = folder / IMPORT_FILE
    path.write_text(import_file_text(services), encoding="utf-8")
    dialog = PeopleImportDialog(services, window)
    dialog.resize(1240, 700)  # room for the columns beside the lists
    dialog.check(path)  # in the background: the picture waits for it (stage.settle)
    return dialog


def import_file_text(services) -> str:
    """The file the people-import screen checks, laid out as SIMS's "Student Contacts"
    report: made up, except one pupil on record."""
    rows = [
        "Adno,UPN,Surname,Forename,Reg Group,Year,Contact Title,Contact Forename,"
        "Contact Surname,Contact Relationship,Priority,Parental Responsibility,Contact Email,"
        "Contact Telephone,Court Order,Date of Birth",
        "1001,A801200011001,Nowak,Zofia,Rowan (Y3),Year 3,Mrs,Katarzyna,Nowak,Mother,1,Yes,"
        "k.nowak@example.org,07700 900301,No,2018-04-12",
        "1001,A801200011001,Nowak,Zofia,Rowan (Y3),Year 3,Mr,Piotr,Nowak,Father,2,Yes,,"
        "07700 900311,Yes,2018-04-12",
        "1002,A801200011002,Demir,Yusuf,Willow (Y4),Year 4,Ms,Emine,Demir,Mother,1,Yes,"
        "emine.demir@example.net,07700 900302,No,2017-02-03",
        "1003,A801200011003,Martin,Chloé,Acorn (R),Reception,Mr,Julien,Martin,Father,1,Yes,"
        "julien.martin.example.org,07700 900303,No,2021-09-30",
    ]
    known = _pupil_with_a_contact(services)
    if known is not None:
        pupil, adult = known
        forename, surname = _parts(pupil)
        adult_forename, adult_surname = _parts(adult)
        rows.append(",".join(_cell(v) for v in (
            "1004", pupil.mis_id, surname, forename, pupil.class_name, pupil.year_group,
            adult.title, adult_forename, adult_surname,
            "Mother" if adult.role == "parent" else "Carer", "1", "Yes", adult.email,
            "07700 900399", "No", "")))
    return "\n".join(rows) + "\n"


def _parts(person) -> tuple[str, str]:
    """(forenames, surname) as the record has them, else split at the last space."""
    if person.forenames and person.surname:
        return person.forenames, person.surname
    forenames, _, surname = person.full_name.rpartition(" ")
    return forenames, surname


def _cell(value: str) -> str:
    return f'"{value}"' if any(c in value for c in ',"\n') else value


def _pupil_with_a_contact(services):
    for pupil in services.people.search(roles=("pupil",), limit=50):
        if pupil.mis_id and pupil.linked_adult_ids:
            adults = services.people.linked_adults(pupil.id)
            if adults and adults[0].email:
                return pupil, adults[0]
    return None


def _policy_review(services, window):
    """Recording the review, over Home and its reminder: filled in, not saved."""
    from avenue_desk.ui.dialogs.policy_review import PolicyReviewDialog
    from avenue_desk.ui.sections import HOME

    if not services.policy_review.may_record():
        raise ServiceError("Only the Headteacher's account records the policy's review: "
                           "sign in with it (--user).")
    window.go_to(HOME)
    dialog = PolicyReviewDialog(services, window)
    dialog.reviewed_on.set_value(services.clock.today())
    dialog.note.setText(MINUTES)
    return dialog


def _step_correct(services, window):
    """A demo incident's Escalation tab, its timeline showing a step corrected and one
    withdrawn, and the corrected one's right-click menu."""
    from avenue_desk.ui.dialogs.incident_editor import IncidentEditor
    from avenue_desk.ui.sections import INCIDENTS

    if not services.settings.load().is_demo:
        raise ServiceError("The step-correct screen corrects a step and withdraws another to "
                           "show them, so it is drawn only on a demo school (avenue-desk "
                           "--data-dir FOLDER demo), never on a school's own records.")
    incident_id = corrected_demo_incident(services)
    window.go_to(INCIDENTS)
    editor = IncidentEditor(services, incident_id, parent=window)
    editor.ui.tabs.setCurrentWidget(editor.ui.escalation_tab)

    def menu_over(front) -> None:
        _draw_row_menu(editor, front)

    return editor, menu_over


def corrected_demo_incident(services) -> int:
    """An open incident with a step corrected and one withdrawn: one made so the first
    time (the newest with a meeting to correct and enough steps), the same one after."""
    from avenue_desk.services.incidents import ActionInput, IncidentQuery

    guard = services.guard
    chosen = None
    for incident_id in services.incidents.ids(IncidentQuery(status="open")):
        actions = services.incidents.get(incident_id).actions
        if any(a.corrected for a in actions) and any(a.withdrawn for a in actions):
            return incident_id
        standing = [a for a in actions if not a.withdrawn]
        meetings = [a for a in standing[:-2] if a.step == CORRECTED_STEP]
        if (chosen is None and len(standing) > STEPS_SHOWN and meetings
                and all(guard.allowed(operation_for_step(a.step)) for a in standing)
                and _stays_open(services, standing[-1])):
            chosen = (incident_id, meetings[0], standing[-1])
    if chosen is None:
        raise ServiceError("No open incident has a meeting with the Headteacher and "
                           f"{STEPS_SHOWN} more steps to show corrected and withdrawn: make "
                           "a larger demo school (demo --incidents 500).")
    incident_id, meeting, last = chosen
    services.escalation.correct(meeting.id, ActionInput(
        step=meeting.step, taken_on=meeting.taken_on, taken_by=meeting.taken_by,
        outcome=CORRECTED_OUTCOME, notes=meeting.notes, follow_up_due=meeting.follow_up_due,
        removal_confirmed=meeting.removal_confirmed), CORRECTION_REASON)
    services.escalation.withdraw(last.id, WITHDRAWAL_REASON)
    return incident_id


def _stays_open(services, last) -> bool:
    """Whether the last step can be withdrawn with the case still open (withdrawing a
    reopening would close it, and the next drawing would not find it again)."""
    change = services.escalation.withdrawal_change(last.id)
    return not change.refused and change.stage_after != "closed"


def _draw_row_menu(editor, front) -> None:
    """The right-click menu of the corrected step, drawn where it opens, on ``front``."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication, QMenu

    from avenue_desk.ui.screenshots.stage import settle
    from avenue_desk.ui.style import role_colours

    panel = editor.escalation_panel
    table = panel.timeline
    row = next(i for i, a in enumerate(panel.timeline_actions) if a.corrected)
    table.setCurrentCell(row, 1)
    table.setFocus()
    app = QApplication.instance()
    settle(app)
    # Opened on "Taken by": the steps below stay readable, struck through or not.
    cell = table.visualRect(table.model().index(row, 2))
    at = cell.center() + QPoint(0, cell.height() // 4)
    menu = QMenu(table)
    menu.addActions(table.actions())
    # Drawn without being opened: an open menu grabs the keyboard, and would pop up on a
    # real screen when make docs runs on one.
    menu.ensurePolished()
    menu.resize(menu.sizeHint())
    picture = menu.grab()
    menu.deleteLater()
    painter = QPainter(front)
    painter.drawPixmap(0, 0, editor.grab())  # again: the row is selected now
    where = table.viewport().mapTo(editor, at)
    painter.setPen(role_colours("screenshot-desktop").foreground)  # the menu's edge
    painter.drawRect(where.x() - 1, where.y() - 1, picture.width() + 1, picture.height() + 1)
    painter.drawPixmap(where, picture)
    painter.end()
