"""Help inside the app: F1 opens the user guide at the section for the screen in use, in one
window with contents, search, Back and Forward and working links; "What's this?" explains
the fields people get wrong. The guide is the real one (docs/), read as a user reads it."""

from __future__ import annotations

import importlib

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QKeySequence, QPixmap, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QDialog, QWhatsThis, QWidget

from avenue_desk.app import make_application
from avenue_desk.ui import help_window
from avenue_desk.ui.dialogs.conduct_wizard import SIGN, ConductWizard
from avenue_desk.ui.dialogs.incident_editor import IncidentEditor
from avenue_desk.ui.dialogs.sign_in import SignInDialog
from avenue_desk.ui.help_guide import read_guide, split_target
from avenue_desk.ui.help_keys import install_help_keys, whats_this_of
from avenue_desk.ui.help_topics import SCREEN_HELP, WHATS_THIS, whats_this_texts
from avenue_desk.ui.help_window import HelpWindow
from avenue_desk.ui.main_window import (
    ACCOUNTS,
    AUDIT,
    CONDUCT,
    HOME,
    INCIDENTS,
    PEOPLE,
    REPORTS,
    SETTINGS,
    MainWindow,
)
from tests.helpers.background import settle
from tests.helpers.conduct import staff
from tests.helpers.records import incident

# The offscreen platform the tests draw on has no window stacking and no keyboard grab:
# bringing the guide forward (raise) and the "What's this?" popup say so.
pytestmark = pytest.mark.qt_log_ignore(r"does not support raise\(\)",
                                       "does not support grabbing the keyboard")


@pytest.fixture(autouse=True)
def help_keys(qapp):
    """F1 and Shift+F1 heard everywhere, as ``app.make_application`` sets them up; and no
    help window left over from one test to the next."""
    install_help_keys(qapp)
    yield
    help_window.close_help()
    if QWhatsThis.inWhatsThisMode():
        QWhatsThis.leaveWhatsThisMode()


@pytest.fixture
def window(qtbot, services):
    shown = MainWindow(services)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    return shown


@pytest.fixture
def editor(qtbot, services):
    opened = IncidentEditor(services, incident(services).id)
    qtbot.addWidget(opened)
    with qtbot.waitExposed(opened):
        opened.show()
    settle(qtbot, opened)
    opened.activateWindow()
    return opened


def guide_window(qtbot) -> HelpWindow:
    shown = help_window.open_window()
    assert shown is not None, "F1 opened no help window"
    qtbot.waitUntil(shown.isActiveWindow)  # brought forward, its keys heard
    return shown


def shown_guide(qtbot, target: str = "user-guide.md") -> HelpWindow:
    help_window.show_help(target)
    return guide_window(qtbot)


def heading_in_view(shown: HelpWindow) -> str:
    """The heading the guide was opened at, if it is on the screen (else "")."""
    browser = shown.browser
    block = browser.textCursor().block()
    if not block.blockFormat().headingLevel():
        return ""
    top = browser.cursorForPosition(QPoint(4, 4)).position()
    bottom = browser.cursorForPosition(
        QPoint(4, browser.viewport().height() - 4)).position()
    return block.text() if top <= block.position() <= bottom else ""


def found_word_in_view(shown: HelpWindow) -> bool:
    return shown.browser.viewport().rect().contains(shown.browser.cursorRect())


def heading_of(target: str) -> str:
    page_name, anchor = split_target(target)
    (page,) = [page for page in read_guide() if page.name == page_name]
    (heading,) = [h.text for h in page.headings if h.anchor == anchor]
    return heading


# --- the table ------------------------------------------------------------------------------


def test_every_screen_in_the_table_exists_and_every_section_is_in_the_guide():
    pages = {page.name: page for page in read_guide()}
    assert "user-guide.md" in pages and len(pages) >= 7
    for class_path, target in SCREEN_HELP.items():
        module, _dot, name = class_path.rpartition(".")
        screen = getattr(importlib.import_module(module), name, None)
        assert isinstance(screen, type) and issubclass(screen, QWidget), class_path
        page, anchor = split_target(target)
        assert page in pages, f"{class_path}: no page {page}"
        assert anchor and pages[page].has_anchor(anchor), f"{class_path}: no #{anchor} in {page}"


def test_the_guides_own_links_between_its_pages_all_land_on_a_heading():
    import re

    pages = {page.name: page for page in read_guide()}
    root = help_window.help_window().root
    broken = []
    for page in pages.values():
        text = (root / page.name).read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if "://" in target or not (target.startswith("#") or ".md" in target):
                continue
            path, _hash, anchor = target.partition("#")
            linked = (root / page.name).parent.joinpath(path).resolve()
            if not linked.is_relative_to(root.resolve()):
                continue  # the README: not part of the guide (the window says so)
            name = linked.relative_to(root.resolve()).as_posix() if path else page.name
            if name in pages and anchor and not pages[name].has_anchor(anchor):
                broken.append(f"{page.name}: {target}")
    assert broken == []


def test_qt_gives_each_heading_the_anchor_the_guides_links_use(qtbot):
    shown = shown_guide(qtbot)
    for page in read_guide():
        shown.open_target(page.name)
        assert list(shown.browser.headings()) == [h.anchor for h in page.headings], page.name


# --- F1 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("row", "screen"), [
    (HOME, "avenue_desk.ui.views.home.HomeView"),
    (INCIDENTS, "avenue_desk.ui.views.incidents.IncidentsView"),
    (PEOPLE, "avenue_desk.ui.views.people.PeopleView"),
    (CONDUCT, "avenue_desk.ui.views.conduct.ConductView"),
    (REPORTS, "avenue_desk.ui.views.reports.ReportsView"),
    (SETTINGS, "avenue_desk.ui.views.settings.SettingsView"),
    (ACCOUNTS, "avenue_desk.ui.views.accounts.AccountsView"),
    (AUDIT, "avenue_desk.ui.views.audit.AuditView"),
])
def test_f1_on_each_page_opens_the_guide_at_that_pages_section(qtbot, window, row, screen):
    window.go_to(row)
    qtbot.keyClick(window.stack.currentWidget(), Qt.Key.Key_F1)
    shown = guide_window(qtbot)
    target = SCREEN_HELP[screen]
    assert shown.current_page() == split_target(target)[0]
    assert heading_in_view(shown) == heading_of(target)


def test_the_help_menu_opens_the_guide_and_f1_again_reuses_the_one_window(qtbot, window):
    assert window.guide_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    assert window.guide_action.text() == "&User guide"
    window.go_to(INCIDENTS)
    window.guide_action.trigger()
    first = guide_window(qtbot)
    assert heading_in_view(first) == "Finding incidents"
    window.go_to(PEOPLE)
    window.activateWindow()
    qtbot.keyClick(window.people, Qt.Key.Key_F1)
    assert help_window.open_window() is first  # the same window, now at People
    assert heading_in_view(first) == "People"
    assert [w for w in QApplication.topLevelWidgets()
            if isinstance(w, HelpWindow) and w.isVisible()] == [first]


def test_f1_in_an_incident_opens_logging_an_incident(qtbot, services, window):
    window.open_incident(incident(services).id)  # modal to the main window, as in use
    editor = window.editor
    qtbot.waitExposed(editor)
    settle(qtbot, editor)
    qtbot.keyClick(editor.ui.summary, Qt.Key.Key_F1)
    shown = guide_window(qtbot)
    assert shown.current_page() == "user-guide.md"
    assert heading_in_view(shown) == "Logging an incident"
    editor.reject()  # nothing changed: it closes without asking
    qtbot.waitUntil(lambda: window.editor is None)
    assert shown.isVisible()  # the guide stays open after the incident closes


def test_f1_on_the_escalation_tab_and_in_record_a_step_open_their_own_sections(qtbot, editor):
    editor.ui.tabs.setCurrentWidget(editor.ui.escalation_tab)
    panel = editor.escalation_panel
    qtbot.waitUntil(panel.isVisible)
    qtbot.keyClick(panel, Qt.Key.Key_F1)
    shown = guide_window(qtbot)
    assert shown.current_page() == "guide/escalating-and-letters.md"
    assert heading_in_view(shown) == "The Escalation tab"
    dialog = panel.open_record_dialog(None)
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.taken_by, Qt.Key.Key_F1)
    assert heading_in_view(guide_window(qtbot)) == "Recording a step"
    dialog.reject()


def test_f1_on_the_escalation_tab_just_clicked_opens_the_escalation_section(qtbot, editor):
    # A click on the tab leaves the keyboard focus on the tab bar, outside the panel.
    bar = editor.ui.tabs.tabBar()
    tab = editor.ui.tabs.indexOf(editor.ui.escalation_tab)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tab).center())
    qtbot.waitUntil(editor.escalation_panel.isVisible)
    bar.setFocus()
    qtbot.keyClick(bar, Qt.Key.Key_F1)
    assert heading_in_view(guide_window(qtbot)) == "The Escalation tab"
    details = editor.ui.tabs.indexOf(editor.ui.details_tab)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(details).center())
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(bar, Qt.Key.Key_F1)
    assert heading_in_view(guide_window(qtbot)) == "Logging an incident"


def test_the_guides_title_names_the_program_once(qtbot):
    shown = shown_guide(qtbot)
    # Qt adds the program's name to a title that does not already end with it.
    assert shown.windowTitle().endswith("Avenue Desk")
    assert shown.windowTitle().count("Avenue Desk") == 1


def test_f1_at_the_sign_in_opens_signing_in_and_the_guide_stays_usable(qtbot, services):
    dialog = SignInDialog(services.accounts, "The Avenue Primary School")
    qtbot.addWidget(dialog)
    # As app.py shows it: exec() makes it modal to the whole application.
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.username, Qt.Key.Key_F1)
    shown = guide_window(qtbot)
    assert heading_in_view(shown) == "Signing in, and the screen lock"
    # A click in the guide reaches it (a window outside the modal dialog would be blocked).
    item = next(i for i in shown.contents_items() if i.text(0) == "First run")
    shown.contents.scrollToItem(item)
    rect = shown.contents.visualItemRect(item)
    qtbot.mouseClick(shown.contents.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    assert heading_in_view(shown) == "First run"
    dialog.done(QDialog.DialogCode.Rejected)
    assert shown.isVisible() and shown.parentWidget() is None  # still open, on its own


def test_f1_in_the_help_window_opens_getting_help(qtbot):
    shown = shown_guide(qtbot)
    qtbot.keyClick(shown.search_box, Qt.Key.Key_F1)
    assert heading_in_view(shown) == "Getting help"


def test_esc_closes_the_guide(qtbot):
    shown = shown_guide(qtbot, "user-guide.md#people")
    qtbot.keyClick(shown.browser, Qt.Key.Key_Escape)
    assert not shown.isVisible()


# --- search ---------------------------------------------------------------------------------


def test_search_finds_a_word_on_every_page_that_has_it_and_says_no_matches_plainly(qtbot):
    shown = shown_guide(qtbot)
    qtbot.keyClick(shown.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert shown.search_box.hasFocus()
    qtbot.keyClicks(shown.search_box, "fingerprint")
    qtbot.keyClick(shown.search_box, Qt.Key.Key_Return)
    assert shown.browser.textCursor().selectedText().lower() == "fingerprint"
    assert found_word_in_view(shown)
    listed = [shown.results.item(i).text() for i in range(shown.results.count())]
    assert any(text.startswith("Backups, restoring, and checking the records (") for text in listed)
    assert any(text.startswith("Avenue Desk: a guide for the school office (") for text in listed)
    assert "found on" in shown.message.text()
    visited = set()
    for _found in range(12):  # F3 goes on through the pages that have it
        qtbot.keyClick(shown.browser, Qt.Key.Key_F3)
        assert shown.browser.textCursor().selectedText().lower() == "fingerprint"
        assert found_word_in_view(shown)
        visited.add(shown.current_page())
    assert {"user-guide.md", "guide/backups-and-checks.md"} <= visited

    shown.search_box.setText("<zebra & \"crossing\">")
    qtbot.keyClick(shown.search_box, Qt.Key.Key_Return)
    assert shown.message.isVisible()
    assert shown.message.text().startswith("No matches")
    assert "<zebra & \"crossing\">" in shown.message.text()
    assert shown.results.count() == 0


def test_a_result_opens_its_page_at_the_word(qtbot):
    shown = shown_guide(qtbot)
    shown.search_box.setText("Łucja")  # in no page: a name in another alphabet is fine too
    assert not shown.find_next()
    shown.search_box.setText("redaction key")
    assert shown.find_next()
    (item,) = [shown.results.item(i) for i in range(shown.results.count())]
    assert item.text().startswith("Keeping records only as long as needed")
    shown.open_target("user-guide.md")
    qtbot.mouseClick(shown.results.viewport(), Qt.MouseButton.LeftButton,
                     pos=shown.results.visualItemRect(item).center())
    assert shown.current_page() == "guide/retention-and-subject-access.md"
    assert shown.browser.textCursor().selectedText().lower() == "redaction key"
    assert found_word_in_view(shown)


# --- links, pictures, a missing guide ------------------------------------------------------


def click_link(qtbot, shown: HelpWindow, href: str) -> None:
    """Clicks the link to ``href`` on the page shown, where a person would."""
    browser = shown.browser
    document = browser.document()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + 1)
                browser.setTextCursor(cursor)  # scrolled into view
                point = browser.cursorRect(cursor).center()
                qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            fragments += 1
        block = block.next()
    raise AssertionError(f"no link to {href} on {shown.current_page()}")


def test_a_link_to_another_page_of_the_guide_opens_it_and_back_returns(qtbot):
    shown = shown_guide(qtbot, "user-guide.md#settings")
    click_link(qtbot, shown, "guide/governors.md#the-policys-review")
    assert shown.current_page() == "guide/governors.md"
    assert heading_in_view(shown) == "The policy's review"
    assert shown.contents.currentItem().text(0) == "The policy's review"
    assert shown.back_button.isEnabled()
    qtbot.mouseClick(shown.back_button, Qt.MouseButton.LeftButton)
    assert shown.current_page() == "user-guide.md"
    assert shown.forward_button.isEnabled()


def test_a_web_address_is_shown_not_followed(qtbot):
    shown = shown_guide(qtbot, "user-guide.md#people")
    shown.follow_link(QUrl("https://www.gov.uk/data-protection"))
    assert shown.current_page() == "user-guide.md"
    assert "https://www.gov.uk/data-protection" in shown.message.text()
    assert "offline" in shown.message.text()
    click_link(qtbot, shown, "../README.md")  # outside the guide: said, not opened
    assert shown.current_page() == "user-guide.md"
    assert "not part of the guide" in shown.message.text()


def test_the_screenshots_are_loaded_and_fitted_to_the_window(qtbot):
    shown = shown_guide(qtbot, "guide/accounts-and-audit.md#accounts")
    document = shown.browser.document()
    pictures = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            image = fragments.fragment().charFormat()
            if image.isImageFormat():
                pictures.append(image.toImageFormat())
            fragments += 1
        block = block.next()
    assert [p.name() for p in pictures] == ["../images/accounts.png", "../images/audit.png"]
    for picture in pictures:
        assert shown.browser.picture_file(picture.name()).is_file()
        loaded = document.resource(QTextDocument.ResourceType.ImageResource,
                                   QUrl(picture.name()))
        assert isinstance(loaded, QPixmap) and loaded.width() == 1366
        assert 0 < picture.width() <= shown.browser.viewport().width()


def test_without_the_guide_the_window_says_so(qtbot, tmp_path):
    shown = HelpWindow(root=tmp_path / "no guide here")
    qtbot.addWidget(shown)
    shown.show()
    shown.open_target("user-guide.md#people")
    text = shown.browser.toPlainText()
    assert not shown.found
    assert text.startswith("The user guide could not be found")
    assert str(tmp_path / "no guide here") in text
    assert not shown.search_box.isEnabled()
    assert shown.contents.topLevelItemCount() == 0


def test_make_application_sets_up_f1(qapp):
    assert make_application() is qapp
    assert qapp.property("avenueDeskHelpKeys") is True


# --- What's this? ---------------------------------------------------------------------------


def screens_with_texts(qtbot, services, editor) -> dict[str, QWidget]:
    """One shown screen of each kind the "What's this?" table names."""
    from avenue_desk.ui.dialogs.people_import import PeopleImportDialog
    from avenue_desk.ui.views.people import PeopleView

    people = PeopleView(services)
    qtbot.addWidget(people)
    people.show()
    importing = PeopleImportDialog(services, people)
    importing.show()
    qtbot.waitExposed(importing)
    editor.ui.tabs.setCurrentWidget(editor.ui.escalation_tab)
    qtbot.waitUntil(editor.escalation_panel.isVisible)
    record = editor.escalation_panel.open_record_dialog(None)
    qtbot.waitExposed(record)
    editor.ui.tabs.setCurrentWidget(editor.ui.evidence_tab)
    qtbot.waitUntil(lambda: editor.evidence_panel is not None
                    and editor.evidence_panel.isVisible())
    wizard = ConductWizard(services, staff(services).id)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to_page(SIGN)
    qtbot.waitUntil(wizard.sign_page.isVisible)
    return {type(w).__module__ + "." + type(w).__qualname__: w
            for w in (editor, record, editor.evidence_panel, wizard.sign_page, people,
                      importing)}


def test_every_field_in_the_whats_this_table_exists_and_has_its_text(qtbot, services, editor):
    screens = screens_with_texts(qtbot, services, editor)
    assert set(screens) == set(WHATS_THIS)
    for class_path, screen in screens.items():
        for paths, text in whats_this_texts(type(screen)).items():
            for path in paths:
                widget = screen
                for name in path.split("."):
                    widget = getattr(widget, name)
                assert widget.whatsThis() == text, f"{class_path}: {path}"


def test_shift_f1_explains_the_date_posted_and_the_forms_it_takes(qtbot, editor):
    box = editor.posted_on.edit
    box.setFocus()
    owner, text = whats_this_of(box)  # the date's line is part of the date field
    assert owner is editor.posted_on
    for form in ("03/12/2026", "3/12/26", "3 Dec", "today", "yesterday"):
        assert form in text
    qtbot.keyClick(box, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: any(w.isVisible() and w.metaObject().className() == "QWhatsThat"
                                for w in QApplication.topLevelWidgets()))
    assert help_window.open_window() is None  # Shift+F1 is not F1


def test_shift_f1_where_there_is_no_text_turns_the_pointer_into_a_question(qtbot, editor):
    editor.ui.summary.setFocus()
    assert whats_this_of(editor.ui.summary) is None
    qtbot.keyClick(editor.ui.summary, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    assert QWhatsThis.inWhatsThisMode()


def test_the_main_windows_help_menu_has_whats_this(window):
    texts = [a.text() for a in window.menuBar().actions()[-1].menu().actions()]
    assert texts[:2] == ["&User guide", window.whats_this_action.text()]
    assert "What" in window.whats_this_action.text()
