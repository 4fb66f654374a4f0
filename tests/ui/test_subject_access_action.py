"""The People list's "Subject access export…": the Headteacher's, for the selected person."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from avenue_desk.ui.dialogs import subject_access as dialog
from avenue_desk.ui.models.people_table import COL_NAME
from tests.helpers.background import settle
from tests.helpers.people_view import show_people_view
from tests.helpers.records import incident, person


def select(view, name: str) -> None:
    model = view.model
    row = next(r for r in range(model.rowCount())
               if model.data(model.index(r, COL_NAME)) == name)
    view.table.selectRow(row)


def test_the_headteacher_exports_the_selected_person(qtbot, services, tmp_path, monkeypatch):
    mum = person(services, "Zoë Ñúñez", "parent")
    person(services, "Amir Khan", "pupil")
    incident(services, poster_id=mum.id, summary="Zoë & Amir Khan: <b>\"quoted\"</b>")
    chosen = tmp_path / "exports"
    chosen.mkdir()
    (chosen / "something else.txt").write_text("not empty")
    told, opened = [], []
    monkeypatch.setattr(dialog, "choose_folder", lambda parent, name: str(chosen))
    monkeypatch.setattr(dialog, "show_done", lambda parent, result: told.append(result))
    monkeypatch.setattr(dialog, "open_folder", opened.append)
    view = show_people_view(qtbot, services)
    assert view.sar_button.isVisible() and not view.sar_button.isEnabled()
    select(view, "Zoë Ñúñez")
    assert view.sar_button.isEnabled()
    view.sar_button.click()
    assert not view.sar_button.isEnabled()  # made in the background: not twice at once
    settle(qtbot, view)
    assert view.sar_button.isEnabled()
    (result,) = told
    # The chosen folder was not empty, so a new folder was made inside it.
    assert result.folder == chosen / "Subject access - Zoë Ñúñez - 2026-11-21"
    assert (result.folder / "index.pdf").is_file()
    summary = (result.folder / "records/incidents.csv").read_text(encoding="utf-8-sig")
    assert "Amir" not in summary and "<b>\"\"quoted\"\"</b>" in summary


def test_the_message_offers_to_open_the_folder(qtbot, services, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox


    mum = person(services, "Zoë Ñúñez", "parent")
    result = services.subject_access.export(mum.id, tmp_path / "sar")
    opened = []
    monkeypatch.setattr(dialog, "open_folder", lambda folder: opened.append(folder) or True)

    def click_open(box):
        box.clickedButton = lambda: box.buttons()[0]  # "Open the folder"
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_open)
    assert dialog.show_done(None, result) is True
    assert opened == [tmp_path / "sar"]


def test_a_refusal_is_shown_and_nothing_is_written(qtbot, services, tmp_path, monkeypatch):
    chosen = tmp_path / "exports"
    chosen.mkdir()
    errors = []
    monkeypatch.setattr(dialog, "choose_folder", lambda parent, name: str(chosen))
    monkeypatch.setattr(dialog, "show_error", lambda parent, text: errors.append(text))
    owner = QWidget()
    qtbot.addWidget(owner)
    exporting = dialog.export_for(owner, services, 9999, "Nobody")
    settle(qtbot, owner)
    assert exporting.result is None
    assert errors == ["Person 9999 does not exist."] and list(chosen.iterdir()) == []


def test_only_the_headteacher_is_offered_it(qtbot, services_as):
    services = services_as("office")
    person(services, "Zoë Ñúñez", "parent")
    view = show_people_view(qtbot, services)
    assert not view.sar_button.isVisible()


def test_cancelling_says_so_and_writes_nothing(qtbot, services, tmp_path, monkeypatch):
    mum = person(services, "Zoë Ñúñez", "parent")
    chosen = tmp_path / "exports"
    chosen.mkdir()
    errors = []
    monkeypatch.setattr(dialog, "choose_folder", lambda parent, name: str(chosen))
    monkeypatch.setattr(dialog, "show_error", lambda parent, text: errors.append(text))
    owner = QWidget()
    qtbot.addWidget(owner)
    exporting = dialog.export_for(owner, services, mum.id, mum.full_name)
    exporting.cancel()  # Cancel, pressed before the export's first step is done
    settle(qtbot, owner)
    assert exporting.was_cancelled and exporting.result is None
    assert errors == ["Cancelled: no subject access export was written."]
    assert list(chosen.iterdir()) == []
