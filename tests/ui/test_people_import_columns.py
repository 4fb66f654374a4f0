"""The people import window asks which column is which when a column could mean two things
(issue 15), shows how the file was read (encoding, layout, each column's meaning), and keeps
the office's answer for this school."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from avenue_desk.ui.dialogs import people_import
from tests.helpers.background import settle
from tests.helpers.csv_files import write
from tests.helpers.mis_files import (
    LAYOUT_FILES,
    expected_people,
    exported_people,
    school,
    write_layout,
)


def checked(qtbot, services, path) -> people_import.PeopleImportDialog:
    """A dialog, as the People screen opens it (with a parent the test keeps), that has
    checked ``path``."""
    screen = QWidget()
    qtbot.addWidget(screen)
    dialog = people_import.PeopleImportDialog(services, screen)
    dialog.screen_kept = screen
    dialog.show()
    dialog.check(path)
    settle(qtbot, dialog)
    return dialog


def choose(dialog, column: str, field: str) -> None:
    box = dict(dialog.question.choices)[column]
    index = box.findData(field)
    assert index >= 0, (column, field)
    box.setCurrentIndex(index)


def offered(dialog, column: str) -> list[str]:
    box = dict(dialog.question.choices)[column]
    return [box.itemText(i) for i in range(box.count())]


def test_an_arbor_file_is_asked_about_and_the_answer_imports_the_right_people(
        qtbot, services, tmp_path):
    pupils = school()
    path = write_layout(tmp_path / "arbor.csv", "arbor", pupils)
    dialog = checked(qtbot, services, path)
    # Asked, not guessed: nothing listed, nothing to import, no refusal in --map words.
    assert dialog.question.isVisible() and not dialog.body.isVisible()
    assert not dialog.problem_label.isVisible() and "--map" not in dialog.problem_label.text()
    assert not dialog.import_button.isEnabled()
    assert [name for name, _ in dialog.question.choices] == ["First Name", "Last Name"]
    assert offered(dialog, "First Name") == ["the pupil's forename", "the contact's forename",
                                             "not used"]
    assert offered(dialog, "Last Name") == ["the pupil's surname", "the contact's surname",
                                            "not used"]
    choose(dialog, "First Name", "contact.forename")
    choose(dialog, "Last Name", "contact.surname")
    dialog.question.check_button.click()
    settle(qtbot, dialog)

    assert not dialog.question.isVisible() and dialog.body.isVisible()
    assert dialog.read_label.text() == (
        "Read as UTF-8 (as Excel's “CSV UTF-8” saves it). This looks like an Arbor "
        "students-and-guardians export.")
    read_as = dict(dialog.columns_table.rows())
    assert read_as["“Legal First Name”"] == "pupil's forename"
    assert read_as["“First Name”"] == "the contact's forename (your choice)"
    assert read_as["“Last Name”"] == "the contact's surname (your choice)"
    assert len(read_as) == 14
    assert dialog.import_button.text() == "Import 66 people"
    dialog.import_button.click()
    settle(qtbot, dialog)
    assert dialog.result is not None and dialog.result.created == 66

    target = tmp_path / "people.csv"
    services.transfer.export_people(target)
    assert exported_people(target) == expected_people(pupils, LAYOUT_FILES["arbor"].carries)

    # Next term: the same columns are read with the saved answer, not asked again.
    again = checked(qtbot, services, path)
    assert not again.question.isVisible() and again.body.isVisible()
    assert dict(again.columns_table.rows())["“First Name”"] == (
        "the contact's forename (your choice)")
    assert again.preview.importable == 0 and again.preview.unchanged == 66
    assert any("column choices saved" in line for line in again.warning_label.text().split(
        "\n"))


def test_one_field_chosen_for_two_columns_is_said_and_nothing_checked(qtbot, services,
                                                                      tmp_path):
    path = write(tmp_path / "two.csv", [["Lee", "Sam", "Jo", "Lee"]],
                 ["Surname", "Forename", "Contact Forename", "Surname"])
    dialog = checked(qtbot, services, path)
    assert [name for name, _ in dialog.question.choices] == ["column 1", "column 4"]
    choose(dialog, "column 1", "pupil.surname")
    choose(dialog, "column 4", "pupil.surname")
    dialog.question.check_button.click()
    assert dialog.question.problem_label.isVisible()
    assert dialog.question.problem_label.text().startswith(
        "“column 1” and “column 4” are both chosen as the pupil's surname")
    assert dialog.preview is None and dialog.question.isVisible()

    choose(dialog, "column 4", "contact.surname")
    dialog.question.check_button.click()
    settle(qtbot, dialog)
    assert [entry.name for entry in dialog.preview.to_add] == ["Sam Lee", "Jo Lee"]
    assert dialog.preview.mapping == (("pupil.surname", "column 1"),
                                      ("contact.surname", "column 4"))


def test_a_recognised_file_shows_its_layout_and_every_column(qtbot, services, tmp_path):
    path = write_layout(tmp_path / "bromcom.csv", "bromcom", school(), encoding="utf-16")
    dialog = checked(qtbot, services, path)
    assert not dialog.question.isVisible()
    assert dialog.read_label.text() == ("Read as UTF-16 (Excel's “Unicode Text”). This looks "
                                        "like a Bromcom contacts export.")
    read_as = dict(dialog.columns_table.rows())
    assert read_as["“Contact Name”"] == "the contact's full name"
    assert all(meaning for meaning in read_as.values())


def test_what_the_file_no_longer_has_is_its_own_tab_and_nobody_is_removed(qtbot, services,
                                                                           tmp_path):
    pupils = school()
    path = write_layout(tmp_path / "bromcom.csv", "bromcom", pupils)
    services.transfer.import_people(path)
    leaver = pupils[-1]
    next_term = write_layout(tmp_path / "next.csv", "bromcom", pupils[:-1])
    dialog = checked(qtbot, services, next_term)
    listed = [dialog.gone_list.item(row).text() for row in range(dialog.gone_list.count())]
    assert f"Pupil {leaver.full_name} (MIS id {leaver.upn}) is not in this file." in listed
    assert dialog.tabs.tabText(people_import.TAB_GONE) == f"Not in this file ({len(listed)})"
    warning = dialog.warning_label.text()
    assert len(listed) == 1
    assert ("1 pupil or link is in the records but not in this file: see “Not in this "
            "file”. Importing removes no one.") in warning
    assert "In the records but not in this file" not in warning  # not listed twice
    assert dialog.preview.importable == 0  # nothing else changed
    assert services.people.search(leaver.full_name)[0].mis_id == leaver.upn  # still there
