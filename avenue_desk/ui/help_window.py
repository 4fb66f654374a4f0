"""The user guide inside Avenue Desk: Help ▸ User guide, and F1 anywhere (``help_keys``).

One window, reused: F1 brings it forward at the section for the screen in use
(``help_topics.SCREEN_HELP``). Qt draws the guide's Markdown itself, with its pictures;
the contents down the left, a search over every page, Back and Forward, and the guide's
links between its pages work. Links to web pages are never followed (Avenue Desk works
offline): the window shows the address instead.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabBar,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from avenue_desk.ui.help_browser import GuideBrowser
from avenue_desk.ui.help_guide import (
    START_PAGE,
    GuidePage,
    guide_root,
    read_guide,
    split_target,
)
from avenue_desk.ui.help_topics import START, screen_target
from avenue_desk.ui.style import set_role
from avenue_desk.ui.window_state import restore_window, save_window

# Qt adds the program's name to a title that does not end with it: "User guide — Avenue Desk".
TITLE = "User guide — Avenue Desk"
TARGET = Qt.ItemDataRole.UserRole  # a contents line's page#anchor, a result's page


def _missing_text(root: Path) -> str:
    return ("<h2>The user guide could not be found</h2>"
            "<p>Avenue Desk looks for it in this folder:</p>"
            f"<p>{html.escape(str(root))}</p>"
            "<p>It comes with Avenue Desk. Ask whoever looks after the computer to install "
            "Avenue Desk again; nothing in the school's records is affected.</p>")


class HelpWindow(QWidget):
    """The guide: contents and search results on the left, the page on the right."""

    def __init__(self, root: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(TITLE)
        # The main window's closing ends the program even with the guide still open.
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.root = guide_root() if root is None else root
        self.pages: list[GuidePage] = read_guide(self.root)
        self._plain_pages: dict[str, str] = {}  # each page's words, read at the first search

        self.back_button = QPushButton("◀ &Back")
        self.back_button.setToolTip("The page you were on before (Alt+Left)")
        self.forward_button = QPushButton("&Forward ▶")
        self.forward_button.setToolTip("Alt+Right")
        self.start_button = QPushButton("&Start of the guide")
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search the guide (Ctrl+F)")
        self.search_box.setAccessibleName("Search the guide")
        self.search_box.setClearButtonEnabled(True)
        self.find_button = QPushButton("Find &next")
        self.find_button.setToolTip("F3; Shift+F3 finds the one before")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName("Search and link messages")
        # Always there, empty when there is nothing to say: a line appearing above the page
        # would push a word just found below the bottom of the window.
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing())

        self.contents = QTreeWidget()
        self.contents.setHeaderHidden(True)
        self.contents.setAccessibleName("Contents")
        self.results_label = QLabel("Pages with matches")
        set_role(self.results_label, "subheading")
        self.results = QListWidget()
        self.results.setAccessibleName("Pages with matches")
        self.browser = GuideBrowser()
        self.browser.setAccessibleName("The guide")

        top = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.start_button):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.search_box, 2)
        top.addWidget(self.find_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        contents_label = QLabel("Contents")
        set_role(contents_label, "subheading")
        side_layout.addWidget(contents_label)
        side_layout.addWidget(self.contents, 3)
        side_layout.addWidget(self.results_label)
        side_layout.addWidget(self.results, 1)
        self.splitter = QSplitter()
        self.splitter.setObjectName("helpSplitter")
        self.splitter.addWidget(side)
        self.splitter.addWidget(self.browser)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 740])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        self._show_results(None)

        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button.clicked.connect(self.browser.forward)
        self.start_button.clicked.connect(self.open_start)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.browser.anchorClicked.connect(self.follow_link)
        self.browser.sourceChanged.connect(self._page_changed)
        self.contents.itemActivated.connect(self._contents_chosen)
        self.contents.itemClicked.connect(self._contents_chosen)
        self.results.itemActivated.connect(self._result_chosen)
        self.results.itemClicked.connect(self._result_chosen)
        self.search_box.returnPressed.connect(self.find_next)
        self.search_box.textEdited.connect(self._clear_message)
        self.find_button.clicked.connect(self.find_next)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        self._shortcut(QKeySequence.StandardKey.Find, self.focus_search)
        self._shortcut(QKeySequence.StandardKey.FindNext, self.find_next)
        self._shortcut(QKeySequence.StandardKey.FindPrevious, self.find_previous)
        self._shortcut(QKeySequence.StandardKey.Back, self.browser.backward)
        self._shortcut(QKeySequence.StandardKey.Forward, self.browser.forward)
        self._shortcut(QKeySequence(Qt.Key.Key_Escape), self.close)

        self._fill_contents()
        if not self.pages:
            self.browser.setHtml(_missing_text(self.root))
            for widget in (self.search_box, self.find_button, self.start_button):
                widget.setEnabled(False)
        self.resize(1000, 700)
        restore_window(self, "help")

    def _shortcut(self, key, slot) -> None:
        QShortcut(QKeySequence(key), self, slot)

    @property
    def found(self) -> bool:
        """Whether the guide was found (else the window says so, and nothing else)."""
        return bool(self.pages)

    # --- pages ----------------------------------------------------------------------------

    def open_start(self) -> None:
        self.open_target(START)

    def page_url(self, page: str, anchor: str = "") -> QUrl:
        url = QUrl.fromLocalFile(str(self.root / page))
        if anchor:
            url.setFragment(anchor)
        return url

    def current_page(self) -> str:
        """The page shown, as the guide's links name it ("guide/governors.md")."""
        return self._page_of(self.browser.source())

    def _page_of(self, url: QUrl) -> str:
        try:
            return Path(url.toLocalFile()).relative_to(self.root).as_posix()
        except ValueError:
            return ""

    def open_target(self, target: str) -> None:
        """A page, or a section of one: ``"guide/governors.md#the-policys-review"``."""
        if not self.pages:
            return
        page, anchor = split_target(target)
        if not (self.root / page).is_file():
            self._say(f"That part of the guide is missing ({page}): showing its start.")
            page, anchor = START_PAGE, ""
        self.browser.setSource(self.page_url(page, anchor))
        if anchor:
            self._put_cursor_at(anchor)

    def _put_cursor_at(self, anchor: str) -> None:
        """The heading starts the view, and a search goes on from there."""
        position = self.browser.headings().get(anchor)
        if position is None:
            return
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(position)
        self.browser.setTextCursor(cursor)
        self.browser.lay_out_all()
        self.browser.scrollToAnchor(anchor)

    def follow_link(self, url: QUrl) -> None:
        if url.scheme() not in ("", "file"):
            self._say(f"This link leads out of Avenue Desk, to {url.toString()}. Avenue Desk "
                      "works offline, so it does not open it: type the address into a web "
                      "browser if you need it.")
            return
        target = self.browser.source().resolved(url) if url.isRelative() else url
        path = Path(target.toLocalFile())
        inside = path.resolve().is_relative_to(self.root.resolve())
        if inside and path.suffix.lower() == ".md" and path.is_file():
            self._say("")
            self.browser.setSource(target)
            if target.fragment():
                self._put_cursor_at(target.fragment())
        else:
            self._say(f"That link ({url.toString()}) is to a document that is not part of "
                      "the guide inside Avenue Desk.")

    def _page_changed(self, url: QUrl) -> None:
        """The contents show where the page is (``source()`` is still the last one here)."""
        target, fragment = self._page_of(url), url.fragment()
        wanted = f"{target}#{fragment}" if fragment else target
        match = None
        for item in self.contents_items():
            if item.data(0, TARGET) == wanted:
                match = item
                break
            if item.data(0, TARGET) == target and match is None:
                match = item
        if match is None:
            self.contents.clearSelection()
        else:
            self.contents.setCurrentItem(match)

    # --- contents ---------------------------------------------------------------------------

    def _fill_contents(self) -> None:
        for page in self.pages:
            item = QTreeWidgetItem([page.title])
            item.setData(0, TARGET, page.name)
            self.contents.addTopLevelItem(item)
            section = None
            for heading in page.headings:
                if heading.level not in (2, 3):
                    continue
                parent = section if heading.level == 3 and section is not None else item
                child = QTreeWidgetItem([heading.text])
                child.setData(0, TARGET, f"{page.name}#{heading.anchor}")
                parent.addChild(child)
                if heading.level == 2:
                    section = child
        if self.contents.topLevelItemCount():
            self.contents.topLevelItem(0).setExpanded(True)

    def contents_items(self) -> list[QTreeWidgetItem]:
        items = []
        stack = [self.contents.topLevelItem(i) for i in range(self.contents.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            items.append(item)
            stack[:0] = [item.child(i) for i in range(item.childCount())]
        return items

    def _contents_chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self._say("")
        self.open_target(item.data(0, TARGET))

    # --- search ---------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def matches_by_page(self, words: str) -> list[tuple[GuidePage, int]]:
        """The pages that hold ``words`` (as they read, not their Markdown), in reading
        order, with how many times each does."""
        wanted = words.casefold()
        found = []
        for page in self.pages:
            count = self._plain_text(page).count(wanted)
            if count:
                found.append((page, count))
        return found

    def _plain_text(self, page: GuidePage) -> str:
        text = self._plain_pages.get(page.name)
        if text is None:
            reader = QTextDocument()
            try:
                reader.setMarkdown((self.root / page.name).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                pass  # a page that cannot be read has nothing to find
            text = self._plain_pages[page.name] = reader.toPlainText().casefold()
        return text

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _find(self, backward: bool) -> bool:
        words = " ".join(self.search_box.text().split())
        if not words or not self.pages:
            self.focus_search()
            return False
        hits = self.matches_by_page(words)
        self._show_results(words, hits)
        if not hits:
            self._say(f"No matches: “{words}” is not in the guide.", "error")
            return False
        if not self._find_on_page(words, backward):
            # Nothing further on this page: on to the next page that has it (round to the
            # first page after the last, and to this page's other end if it is the only one).
            order = [page.name for page, _count in hits]
            if backward:
                order.reverse()
            current = self.current_page()
            later = [name for name in order if self._after(name, current, backward)]
            page = (later or order)[0]
            if page != current:
                self.browser.setSource(self.page_url(page))
            cursor = QTextCursor(self.browser.document())
            cursor.movePosition(QTextCursor.MoveOperation.End if backward
                                else QTextCursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            if not self._find_on_page(words, backward):  # counted, yet not found on screen
                self._say(f"No matches: “{words}” is not in the guide.", "error")
                return False
        here = {page.name: count for page, count in hits}.get(self.current_page(), 0)
        pages = len(hits)
        self._say(f"“{words}”: {here} on this page; found on {pages} "
                  f"page{'s' if pages != 1 else ''} of the guide (listed on the left). "
                  "Enter or F3 finds the next.")
        return True

    def _find_on_page(self, words: str, backward: bool) -> bool:
        if backward:
            return self.browser.find(words, QTextDocument.FindFlag.FindBackward)
        return self.browser.find(words)

    def _after(self, name: str, current: str, backward: bool) -> bool:
        names = [page.name for page in self.pages]
        if current not in names:
            return True
        where, here = names.index(name), names.index(current)
        return where < here if backward else where > here

    def _show_results(self, words: str | None, hits=()) -> None:
        self.results.clear()
        for page, count in hits:
            item = QListWidgetItem(f"{page.title} ({count})")
            item.setToolTip(page.title)
            item.setData(TARGET, page.name)
            self.results.addItem(item)
        self.results_label.setText(f"Pages with “{words}”" if words else "Pages with matches")
        self.results.setVisible(bool(words))
        self.results_label.setVisible(bool(words))

    def _result_chosen(self, item: QListWidgetItem) -> None:
        page = item.data(TARGET)
        if page != self.current_page():
            self.browser.setSource(self.page_url(page))
        self.browser.setTextCursor(QTextCursor(self.browser.document()))
        self.find_next()

    def _clear_message(self, *_args) -> None:
        self._say("")

    def _say(self, text: str, role: str = "muted") -> None:
        self.message.setText(text)
        set_role(self.message, role)

    # --- the window ---------------------------------------------------------------------------

    def keep_usable(self) -> None:
        """A window's ``exec()`` blocks every window but its own: the guide, opened from one
        (the sign-in, say), goes with it to stay usable, and comes back out when it closes."""
        host = QApplication.activeModalWidget()
        if host is None or host is self or self.parentWidget() is host:
            return
        self._move_to(host)
        finished = getattr(host, "finished", None)
        if finished is not None:
            finished.connect(self._host_closed)

    def _host_closed(self, *_result) -> None:
        host = self.parentWidget()
        if host is not None and not host.isVisible():
            self._move_to(None)

    def _move_to(self, host: QWidget | None) -> None:
        showing, geometry = self.isVisible(), self.geometry()
        self.setParent(host, self.windowFlags())  # still a window of its own
        if showing:
            self.setGeometry(geometry)
            self.show()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        save_window(self, "help")
        super().closeEvent(event)


_window: HelpWindow | None = None


def help_window() -> HelpWindow:
    """The one help window (made the first time it is wanted)."""
    global _window
    if _window is None or not isValid(_window):
        _window = HelpWindow()
    return _window


def open_window() -> HelpWindow | None:
    """The help window if it is on the screen."""
    if _window is not None and isValid(_window) and _window.isVisible():
        return _window
    return None


def close_help() -> None:
    """Closes the help window and lets it go (the next F1 makes a new one)."""
    global _window
    if _window is not None and isValid(_window):
        _window.close()
        _window.deleteLater()
    _window = None


def target_for(widget: QWidget | None) -> str:
    """The guide's section for where ``widget`` is: the first screen found going out from
    it (a field, its tab, its dialog...) that has one; the start of the guide if none has."""
    widget = _tab_shown(widget)
    while widget is not None:
        target = screen_target(type(widget))
        if target is not None:
            return target
        widget = widget.parentWidget()
    return START


def _tab_shown(widget: QWidget | None) -> QWidget | None:
    """On a tab bar (the Escalation tab just clicked), the first part of the page it shows
    that has a section of its own: F1 there is about that page, not the window's first."""
    tabs = widget.parentWidget() if isinstance(widget, QTabBar) else None
    page = tabs.currentWidget() if isinstance(tabs, QTabWidget) else None
    if page is None:
        return widget
    for part in (page, *page.findChildren(QWidget)):
        if screen_target(type(part)) is not None:
            return part
    return widget


def show_help(target: str = START) -> HelpWindow:
    """Opens (or brings forward) the guide at ``target``."""
    window = help_window()
    window.keep_usable()
    window.open_target(target)
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def show_help_for(widget: QWidget | None) -> HelpWindow:
    return show_help(target_for(widget))
