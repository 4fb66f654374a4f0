"""app.py: the first run, the smoke test, and errors shown rather than swallowed."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QDialog, QMessageBox

from avenue_desk import app
from avenue_desk.services.container import open_services
from avenue_desk.services.errors import ServiceError
from avenue_desk.ui.dialogs import first_run


def test_the_smoke_test_skips_the_first_run_and_paints(qapp, paths, monkeypatch):
    monkeypatch.setattr(first_run.FirstRunDialog, "exec",
                        lambda self: (_ for _ in ()).throw(AssertionError("no dialog")))
    assert app.run_gui(paths, smoke_test=True) == 0
    with open_services(paths) as services:  # closed cleanly: it opens again
        assert not services.settings.load().set_up


def test_closing_the_first_run_dialog_quits(qapp, paths, monkeypatch):
    monkeypatch.setattr(first_run.FirstRunDialog, "exec",
                        lambda self: QDialog.DialogCode.Rejected)
    assert app.run_gui(paths) == 0


def test_setting_up_then_opens_the_window(qapp, paths, monkeypatch):
    def fill_in(dialog):
        dialog.ui.schoolName.setText("The Avenue Primary School")
        dialog.ui.headName.setText("Mr D Joy")
        dialog.start()
        return dialog.result()

    shown = []
    monkeypatch.setattr(first_run.FirstRunDialog, "exec", fill_in)
    monkeypatch.setattr(app, "_show_window", lambda a, services, smoke: shown.append(
        services.settings.load().school_name) or 0)
    assert app.run_gui(paths) == 0
    assert shown == ["The Avenue Primary School"]


def test_an_unexpected_error_is_shown_and_printed(qapp, monkeypatch, capsys):
    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    previous = app.install_excepthook()
    try:
        try:
            raise RuntimeError("disk on fire")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        try:
            raise ServiceError("Incident 9 does not exist.")
        except ServiceError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    assert "did not expect" in boxes[0]
    assert boxes[1] == "Incident 9 does not exist."
    assert "RuntimeError: disk on fire" in capsys.readouterr().err
