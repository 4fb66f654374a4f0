"""One page of the user guide as the help window shows it (``help_window``): Qt's own
Markdown, with the anchors GitHub gives headings and pictures fitted to the width."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSize, QUrl
from PySide6.QtGui import QImageReader, QTextBlock, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from avenue_desk.ui.help_guide import anchors_for

PICTURE_MARGIN = 24  # room beside a picture fitted to the page's width
SMALLEST_PICTURE = 240
UNKNOWN = QTextDocument.ResourceType.UnknownResource


class GuideBrowser(QTextBrowser):
    """One page of the guide. Qt's Markdown gives headings no anchors, so each heading gets
    the one GitHub gives it (the guide's links are written for that); pictures are fitted to
    the width (the screenshots are 1366 pixels wide)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)  # the window decides: guide pages here, web pages never
        self._fitted_width = 0

    def doSetSource(self, name: QUrl,  # noqa: N802 (Qt override)
                    kind: QTextDocument.ResourceType = UNKNOWN) -> None:
        super().doSetSource(name, kind)
        if not self.headings():  # a page just loaded (a page without headings: no matter)
            self._give_headings_anchors()
            self._fit_pictures()
            if name.fragment():  # Qt looked for it before the anchors were there
                self.scrollToAnchor(name.fragment())

    def heading_blocks(self) -> list[QTextBlock]:
        blocks = []
        block = self.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel():
                blocks.append(block)
            block = block.next()
        return blocks

    def headings(self) -> dict[str, int]:
        """Each heading's anchor, and where its block starts in the page."""
        found = {}
        for block in self.heading_blocks():
            first = block.begin()
            if not first.atEnd():
                for anchor in first.fragment().charFormat().anchorNames():
                    found[anchor] = block.position()
        return found

    def _give_headings_anchors(self) -> None:
        document = self.document()
        blocks = self.heading_blocks()
        cursor = QTextCursor(document)
        for block, anchor in zip(blocks, anchors_for([b.text() for b in blocks]), strict=True):
            cursor.setPosition(block.position())
            cursor.setPosition(block.position() + block.length() - 1,
                               QTextCursor.MoveMode.KeepAnchor)
            anchored = QTextCharFormat()
            anchored.setAnchor(True)
            anchored.setAnchorNames([anchor])
            cursor.mergeCharFormat(anchored)

    def _fit_pictures(self) -> None:
        document = self.document()
        room = max(SMALLEST_PICTURE, self.viewport().width() - PICTURE_MARGIN
                   - 2 * int(document.documentMargin()))
        pictures = []
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if fragment.charFormat().isImageFormat():
                    pictures.append((fragment.position(), fragment.length(),
                                     fragment.charFormat().toImageFormat()))
                fragments += 1
            block = block.next()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()  # one change for the layout to take in, not one a picture
        for position, length, picture in pictures:
            natural = self._natural_size(picture.name())
            if natural.isEmpty():
                continue
            width = min(natural.width(), room)
            picture.setWidth(width)
            picture.setHeight(natural.height() * width / natural.width())
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(picture)
        cursor.endEditBlock()
        self._fitted_width = self.viewport().width()
        self.lay_out_all()

    def lay_out_all(self) -> None:
        """Lays the whole page out now. After a change Qt lays out the rest bit by bit on a
        timer, and until then a scroll to a section lands short, or past it."""
        document = self.document()
        document.markContentsDirty(0, document.characterCount())
        document.documentLayout().blockBoundingRect(document.lastBlock())

    def picture_file(self, name: str) -> Path:
        """Where a picture named in the page is (its name is relative to the page)."""
        return Path(self.source().resolved(QUrl(name)).toLocalFile())

    def _natural_size(self, name: str) -> QSize:
        return QImageReader(str(self.picture_file(name))).size()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if abs(self.viewport().width() - self._fitted_width) <= PICTURE_MARGIN // 2:
            return
        # The pictures made to fit the new width move the text below them: the paragraph
        # at the top stays at the top (and a section opened before the window was shown is
        # scrolled to once everything is laid out at its real width).
        reading = self.cursorForPosition(QPoint(0, 0)).block()
        self._fit_pictures()
        if self.isVisible() and reading.isValid() and reading.position() > 0:
            top = self.document().documentLayout().blockBoundingRect(reading).top()
            self.verticalScrollBar().setValue(int(top))
