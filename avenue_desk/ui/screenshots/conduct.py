"""``avenue-desk screenshot conduct-wizard`` and ``conduct-register``: the code of conduct's
screens at 1366×768, for the user guide. Nothing is written to the database: the wizard is
opened and drawn, never answered.
"""

from __future__ import annotations

from pathlib import Path

from avenue_desk.policy.access import Operation
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.ui.screenshots.stage import SIZE, application, settle, with_dialog

CONDUCT_SCREENS = ("conduct-wizard", "conduct-register")
WIZARD_PAGE = 3  # the twelve commitments: the heart of it


def render_conduct_screen(paths, screen: str, output, page: int = WIZARD_PAGE,
                          large_text: bool = False, sign_in=None, *, open_services) -> Path:
    if screen not in CONDUCT_SCREENS:
        raise ServiceError(f"Unknown screen “{screen}”: choose one of "
                           f"{', '.join(CONDUCT_SCREENS)}.")
    app = application()
    from avenue_desk.ui.main_window import CONDUCT, MainWindow

    output = Path(output)
    with open_services(paths, origin="cli") as services:
        if sign_in is not None:
            sign_in(services)
        services.guard.require(Operation.SCREENSHOT)
        person_id = None
        if screen == "conduct-wizard":
            person_id = _someone(services)
        window = MainWindow(services)
        window.resize(*SIZE)
        window.show()
        settle(app)
        wizard = None
        try:
            window.go_to(CONDUCT)
            if person_id is not None:
                from avenue_desk.ui.dialogs.conduct_wizard import ConductWizard

                wizard = ConductWizard(services, person_id, window)
                if large_text:
                    wizard.welcome.large_text.setChecked(True)
                wizard.show()
                for _ in range(page):
                    wizard.next()
            settle(app)
            picture = window.grab()
            if wizard is not None:
                picture = with_dialog(app, picture, wizard)
            output.parent.mkdir(parents=True, exist_ok=True)
            if not picture.save(str(output), "PNG"):
                raise ServiceError(f"Could not write {output}.")
        finally:
            if wizard is not None:
                wizard.clear()
                wizard.hide()
                wizard.deleteLater()
            window.close()
            window.deleteLater()
            settle(app)
    return output


def _someone(services) -> int:
    """Someone who needs to acknowledge the code (else anyone it applies to); for an
    account that sees only its own record, its own person."""
    from avenue_desk.policy.access import Operation

    actor = services.guard.actor
    if actor is not None and not services.guard.allowed(Operation.CONDUCT_REGISTER_VIEW):
        if actor.person_id is None:
            raise ServiceError("This account is not linked to a person, so it has no code of "
                               "conduct checklist to show.")
        return actor.person_id
    rows = services.conduct_register.rows()
    if not rows:
        raise ServiceError(
            "There is no member of staff, volunteer or governor to show. Add one under "
            "People, or make a demo data set with “avenue-desk --data-dir FOLDER demo”.")
    waiting = [r for r in rows if r.status in ("never", "overdue")]
    return (waiting or rows)[0].person_id
