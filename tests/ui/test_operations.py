"""Slow work off the GUI thread: the outcome on the GUI thread, problems in a message box,
Cancel, the control disabled meanwhile, and nothing left touching a closed dialog."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from shiboken6 import isValid

from avenue_desk.services.core.errors import ServiceError
from avenue_desk.ui.operations import (
    UNEXPECTED,
    BackgroundOp,
    running_operations,
    wait_for_operations,
)
from tests.helpers.background import settle


@pytest.fixture
def owner(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.show()
    return widget


def boxes(widget: QWidget) -> list[QMessageBox]:
    return [box for box in widget.findChildren(QMessageBox) if box.isVisible()]


def test_the_work_runs_off_the_gui_thread_and_the_outcome_comes_back_on_it(qtbot, owner):
    threads = {}

    def work():
        threads["work"] = QThread.currentThread()
        return 42

    got = []

    def success(value):
        threads["success"] = QThread.currentThread()
        got.append(value)

    op = BackgroundOp(owner, work, title="Sums", success=success).start()
    assert op.running and running_operations() == [op] and running_operations(owner) == [op]
    settle(qtbot)
    gui = owner.thread()
    assert got == [42] and op.result == 42 and op.error is None
    assert threads["work"] is not gui and threads["success"] is gui
    assert running_operations() == [] and boxes(owner) == []


def test_a_service_error_is_shown_in_a_message_box(qtbot, owner):
    def work():
        raise ServiceError("The backup folder is on a USB stick that is not plugged in.")

    BackgroundOp(owner, work, title="Back up").start()
    settle(qtbot)
    [box] = boxes(owner)
    assert box.windowTitle() == "Back up"
    assert box.text() == "The backup folder is on a USB stick that is not plugged in."
    box.close()


def test_an_os_error_says_which_file_and_why_without_a_traceback(qtbot, owner, tmp_path):
    missing = tmp_path / "no such folder" / "audit.csv"
    BackgroundOp(owner, lambda: missing.write_text("x"), title="Export").start()
    settle(qtbot)
    [box] = boxes(owner)
    assert str(missing) in box.text() and "No such file or directory" in box.text()
    assert "Traceback" not in box.text() and "Errno" not in box.text()
    box.close()


def test_an_unexpected_error_is_an_apology_on_screen_and_a_traceback_on_stderr(qtbot, owner,
                                                                               capsys):
    BackgroundOp(owner, lambda: 1 / 0, title="Sums").start()
    settle(qtbot)
    [box] = boxes(owner)
    assert box.text() == UNEXPECTED
    assert "ZeroDivisionError" in capsys.readouterr().err
    box.close()


def test_a_failure_callback_replaces_the_message_box(qtbot, owner):
    seen = []
    BackgroundOp(owner, lambda: 1 / 0, title="Sums", failure=seen.append).start()
    settle(qtbot)
    assert isinstance(seen[0], ZeroDivisionError) and boxes(owner) == []


def test_the_control_is_disabled_while_it_runs_so_it_cannot_start_twice(qtbot, owner):
    button = QPushButton("Export", owner)
    button.show()
    release = threading.Event()
    started = []

    def click():
        op = BackgroundOp(owner, lambda: release.wait(10), title="Export", disable=[button])
        started.append(op.start())

    button.clicked.connect(click)
    button.click()
    assert not button.isEnabled()
    button.click()  # a disabled button does nothing
    assert len(started) == 1 and len(running_operations(owner)) == 1
    release.set()
    settle(qtbot)
    assert button.isEnabled() and started[0].result is True


def test_long_work_shows_progress_and_cancel_stops_it(qtbot, owner):
    reached = threading.Event()
    outcome = []

    def work(progress):
        done = 0
        while True:  # until Cancel: each report raises once it was pressed
            done += 1
            progress(done % 100, 100)
            if done == 3:
                reached.set()
            threading.Event().wait(0.005)

    op = BackgroundOp(owner, work, title="Copying", progress="Copying the files…",
                      cancellable=True, show_after_ms=0,
                      success=outcome.append, failure=outcome.append,
                      cancelled=lambda: outcome.append("cancelled")).start()
    qtbot.waitUntil(lambda: op.window is not None and op.window.isVisible())
    assert reached.wait(5)
    window = op.window
    assert window.label.text() == "Copying the files…" and window.cancel_button.isVisible()
    qtbot.waitUntil(lambda: window.bar.maximum() == 100 and window.bar.value() > 0)
    window.cancel_button.click()
    assert window.label.text() == "Cancelling…" and not window.cancel_button.isEnabled()
    settle(qtbot)
    assert outcome == ["cancelled"] and op.was_cancelled and boxes(owner) == []
    assert not isValid(window) or not window.isVisible()  # closed (and deleted)


def test_quick_work_never_flashes_a_progress_window(qtbot, owner):
    op = BackgroundOp(owner, lambda progress: 1, title="Quick", progress="Working…").start()
    settle(qtbot)
    assert op.window is None and op.result == 1


def test_partial_results_arrive_in_order_before_the_result(qtbot, owner):
    seen = []

    def work(progress):
        for n in range(5):
            progress.send(n)
        return "all"

    BackgroundOp(owner, work, title="Checking", received=seen.append,
                 success=seen.append).start()
    settle(qtbot)
    assert seen == [0, 1, 2, 3, 4, "all"]


def test_closing_the_owner_while_the_work_runs_drops_the_outcome_without_a_crash(qtbot):
    dialog = QWidget()
    dialog.show()
    release = threading.Event()
    stopping = []
    called = []

    def work(progress):
        release.wait(10)
        stopping.append(progress.cancelled())
        return "late"

    op = BackgroundOp(dialog, work, title="Render", progress="Rendering…",
                      success=called.append, failure=called.append).start()
    dialog.close()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: op.cancel_requested)  # the owner went: the work is asked to stop
    release.set()
    assert wait_for_operations(timeout_ms=10_000)
    assert called == [] and stopping == [True]


def test_an_op_nobody_holds_is_not_garbage_collected(qtbot, owner):
    got = []
    release = threading.Event()
    BackgroundOp(owner, lambda: release.wait(10) and "kept", title="Kept",
                 success=got.append).start()
    gc.collect()
    release.set()
    settle(qtbot)
    assert got == ["kept"]


def test_a_finished_op_lets_go_of_its_owner_and_callbacks(qtbot):
    """An op and its Task hold each other; had the op kept its owner, a parentless dialog
    closed after its work would live on in that circle until the garbage collector freed it,
    perhaps on a worker thread, where freeing a widget crashes Qt."""
    dialog = QWidget()
    titles = []
    op = BackgroundOp(dialog, lambda: "done", title="Check",
                      success=lambda value, held=dialog: titles.append(held.objectName() + value)
                      ).start()
    qtbot.waitUntil(lambda: not op.running)
    assert titles == ["done"]
    gone = []
    dialog.destroyed.connect(lambda: gone.append(True))
    del dialog  # the test's reference was the last one left: freed now, on this thread
    assert gone == [True]


def test_parts_handed_over_are_taken_one_turn_of_the_event_loop_at_a_time(qtbot, owner):
    from PySide6.QtCore import QTimer

    turns, taken = [], []
    turn = QTimer()
    turn.setInterval(0)  # times out on every turn of the event loop
    turn.timeout.connect(lambda: turns.append(1))
    turn.start()

    def work(progress):
        for part in range(3):
            progress.hand_over(part)
        return "all handed over"

    op = BackgroundOp(owner, work, title="Parts",
                      received=lambda part: taken.append((part, len(turns)))).start()
    settle(qtbot)
    turn.stop()
    assert [part for part, _turn in taken] == [0, 1, 2] and op.result == "all handed over"
    assert taken[0][1] < taken[1][1] < taken[2][1]  # never two parts in the same turn


def test_a_dropped_op_stops_handing_over(qtbot, owner):
    taken = []

    def work(progress):
        for part in range(1000):
            progress.hand_over(part)

    def received(part):
        taken.append(part)
        op.drop()  # the screen no longer wants the rest

    op = BackgroundOp(owner, work, title="Parts", received=received).start()
    settle(qtbot)
    assert taken == [0] and op.was_cancelled and not op.running


def test_work_started_after_pending_events_counts_as_running_from_the_start(qtbot, owner):
    began = threading.Event()

    def work():
        began.set()
        return 7

    op = BackgroundOp(owner, work, title="Later").start(after_pending=True)
    assert op.running and running_operations(owner) == [op]
    assert not began.wait(0.05)  # not before the event loop has had its turn
    settle(qtbot)
    assert began.is_set() and op.result == 7 and running_operations() == []


def test_work_waiting_for_pending_events_never_starts_once_its_owner_is_gone(qtbot):
    began = threading.Event()
    owner = QWidget()
    op = BackgroundOp(owner, began.set, title="Later").start(after_pending=True)
    ended = []
    op.ended.connect(lambda: ended.append(True))
    owner.deleteLater()
    qtbot.waitUntil(lambda: ended == [True])
    assert not op.running and op.was_cancelled and running_operations() == []
    qtbot.wait(20)
    assert not began.is_set()  # the services it would have used may be closed by now
