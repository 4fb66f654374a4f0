"""Home: what needs attention today, and the way from each item to its incident."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from avenue_desk.ui.views.home import LOOKING, HomeView
from tests.helpers.background import settle
from tests.helpers.records import close, follow_up, incident


def make(qtbot, services) -> HomeView:
    view = HomeView(services)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    settle(qtbot, view)  # the figures are read in the background
    return view


def test_an_empty_school_gets_a_friendly_all_clear(qtbot, services):
    view = make(qtbot, services)
    assert view.all_clear.isVisible()
    assert "All clear" in view.all_clear.text()
    assert not view.overdue.isVisible()
    assert view.open_label.text() == "There are no open incidents."
    assert view.date_label.text() == "Saturday 21 November 2026"


def test_overdue_due_today_and_still_up_are_listed(qtbot, services, clock):
    late = incident(services)
    follow_up(services, late.id, clock.today() - timedelta(days=6))
    due = incident(services)
    follow_up(services, due.id, clock.today())
    done = incident(services)
    close(services, done.id)
    view = make(qtbot, services)
    assert not view.all_clear.isVisible()
    assert view.overdue.list.count() == 1
    assert "6 days ago" in view.overdue.list.item(0).text()
    assert view.overdue.list.item(0).foreground().color().name() == "#b00020"  # the one red
    assert view.due_today.list.count() == 1
    assert view.still_up.list.count() == 2  # the closed one is not chased
    assert view.open_label.text() == "2 open incidents in all."
    assert view.overdue.heading.text() == "Follow-ups overdue (1)"


def test_long_lists_say_how_many_more(qtbot, services, clock):
    for _ in range(25):
        incident(services)
    view = make(qtbot, services)
    assert view.still_up.list.count() == 20
    assert view.still_up.more.text() == "… and 5 more."
    assert view.still_up.more_button.isVisible()
    with qtbot.waitSignal(view.show_list) as shown:
        view.still_up.more_button.click()
    assert shown.args == ["still_up"]


def test_enter_on_an_item_opens_its_incident(qtbot, services, clock):
    late = incident(services)
    follow_up(services, late.id, clock.today() - timedelta(days=2))
    view = make(qtbot, services)
    lst = view.overdue.list
    lst.setFocus()
    lst.setCurrentRow(0)
    with qtbot.waitSignal(view.open_follow_up) as opened:  # opened at its Escalation tab
        qtbot.keyClick(lst, Qt.Key.Key_Return)
    assert opened.args == [late.id]


def test_the_button_asks_for_a_new_incident(qtbot, services):
    view = make(qtbot, services)
    with qtbot.waitSignal(view.new_incident):
        view.new_button.click()


def test_showing_the_page_again_picks_up_new_records(qtbot, services):
    view = make(qtbot, services)
    assert view.all_clear.isVisible()
    incident(services)
    view.on_shown()
    settle(qtbot, view)
    assert not view.all_clear.isVisible()
    assert view.still_up.list.count() == 1


def test_the_figures_are_read_without_freezing_the_window(qtbot, services):
    incident(services)
    view = HomeView(services)
    qtbot.addWidget(view)
    view.show()  # the figures come back through the event loop, not before this returns
    assert view.open_label.text() == LOOKING
    assert not view.all_clear.isVisible() and not view.still_up.isVisible()
    assert view.date_label.text() == "Saturday 21 November 2026"
    settle(qtbot, view)
    assert view.open_label.text() == "1 open incident in all."
    assert view.still_up.isVisible() and view.still_up.list.count() == 1
