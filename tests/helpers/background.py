"""Waiting for work a screen sent off the GUI thread (``ui.operations``) to come back."""

from __future__ import annotations

from avenue_desk.ui.operations import running_operations


def settle(qtbot, within=None, timeout: int = 15_000) -> None:
    """Until no background work (of the widget ``within``, or of any) is running, and what it
    came back with is on the screen: the callbacks run before an op counts as ended."""
    qtbot.waitUntil(lambda: not running_operations(within), timeout=timeout)
