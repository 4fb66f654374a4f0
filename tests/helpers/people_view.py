"""The People screen, shown at a laptop's size for a test."""

from __future__ import annotations

from avenue_desk.ui.views.people import PeopleView


def show_people_view(qtbot, services) -> PeopleView:
    view = PeopleView(services)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    return view
