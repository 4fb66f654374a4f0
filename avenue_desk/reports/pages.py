"""Building a PDF from one or more stories, each numbered "Page X of Y" on its own.

The footer is drawn when the canvas is saved, once every page of every document is laid
out (the classic "numbered canvas"): each page remembers which document it belongs to, via
a zero-size ``DocumentStart`` marker at the head of each document's story.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
)
from reportlab.platypus.doctemplate import LayoutError

from . import styles as S
from .errors import TooLongToPrint
from .fonts import SANS
from .glyphs import ActualTextObject
from .layout import Para, Together

_DOC_ATTR = "_avenue_document"


class DocumentStart(Flowable):
    """Marks where a document begins; calls ``on_start(index)`` when it is laid out."""

    def __init__(self, index: int, on_start: Callable[[int], None] | None = None) -> None:
        super().__init__()
        self.index = index
        self.on_start = on_start
        self.width = self.height = 0

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self) -> None:
        setattr(self.canv, _DOC_ATTR, self.index)
        if self.on_start is not None:
            self.on_start(self.index)


class _NumberedCanvas(Canvas):
    def __init__(self, *args, headers: Sequence[str] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._headers = headers
        setattr(self, _DOC_ATTR, 0)

    def beginText(self, x=0, y=0, direction=None):  # noqa: N802 (ReportLab's name)
        # Text drawn in a shaped script is marked with what was typed (glyphs.py).
        return ActualTextObject(self, x, y, direction=direction)

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        totals = Counter(page[_DOC_ATTR] for page in self._pages)
        seen: Counter = Counter()
        for page in self._pages:
            self.__dict__.update(page)
            doc = page[_DOC_ATTR]
            seen[doc] += 1
            self._footer(seen[doc], totals[doc])
            if seen[doc] > 1 and doc < len(self._headers) and self._headers[doc]:
                self._header(self._headers[doc])
            super().showPage()
        super().save()

    def _footer(self, number: int, total: int) -> None:
        self.saveState()
        self.setFont(SANS, 8)
        self.setFillColor(S.MUTED)
        self.drawCentredString(S.PAGE_SIZE[0] / 2, S.FOOTER_Y, f"Page {number} of {total}")
        self.restoreState()

    def _header(self, markup: str) -> None:
        """The running head of a continuation page (who the letter is to, its date)."""
        para = Para(markup, S.stylesheet()["running_head"])
        _, height = para.wrapOn(self, S.FRAME_WIDTH, S.MARGIN_TOP)
        para.drawOn(self, S.MARGIN_LEFT, S.PAGE_SIZE[1] - S.MARGIN_TOP / 2 - height / 2)


class _Document(BaseDocTemplate):
    """Platypus's document, saying which field would not fit instead of a LayoutError."""

    def handle_flowable(self, flowables) -> None:
        culprit = flowables[0] if flowables else None
        try:
            super().handle_flowable(flowables)
        except LayoutError:
            field, label = next(_named_fields(culprit), ("", ""))
            raise TooLongToPrint(field, label, getattr(self.canv, _DOC_ATTR, 0)) from None


def _named_fields(flowable):
    """``(field, label)`` of every piece of user text in ``flowable`` (base.user_para)."""
    if flowable is None:
        return
    named = getattr(flowable, "field", None)
    if isinstance(named, tuple):
        yield named
    inner = []
    for attr in ("columns", "_cellvalues"):  # Columns, Table: rows or columns of cells
        for group in getattr(flowable, attr, None) or ():
            inner.extend(group)
    inner.extend(getattr(flowable, "_content", None) or ())  # KeepTogether
    for item in inner:
        for each in item if isinstance(item, list | tuple) else [item]:
            yield from _named_fields(each)


@dataclass(frozen=True)
class PdfInfo:
    title: str
    author: str
    subject: str = ""


def build_pdf(
    stories: Sequence[list[Flowable]],
    info: PdfInfo,
    on_start: Callable[[int], None] | None = None,
    headers: Sequence[str] = (),
) -> bytes:
    """Lay out ``stories`` into one A4 PDF, each starting on a new page, and return it.

    ``headers[i]`` is trusted markup for the running head of story i's pages after its
    first ("" for none).

    Raises:
        TooLongToPrint: a piece taller than a page that cannot be split (naming its field
            when it is user text).
    """
    buffer = io.BytesIO()
    doc = _Document(
        buffer,
        pagesize=S.PAGE_SIZE,
        leftMargin=S.MARGIN_LEFT,
        rightMargin=S.MARGIN_RIGHT,
        topMargin=S.MARGIN_TOP,
        bottomMargin=S.MARGIN_BOTTOM,
        title=info.title,
        author=info.author,
        subject=info.subject,
        creator="Avenue Desk",
        producer="Avenue Desk (ReportLab)",
        invariant=False,
    )
    frame = Frame(
        S.MARGIN_LEFT, S.MARGIN_BOTTOM, S.FRAME_WIDTH, S.FRAME_HEIGHT,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.keepTogetherClass = Together  # for keepWithNext: the same layout, measured cheaper
    flowables: list[Flowable] = []
    for index, story in enumerate(stories):
        if index:
            flowables.append(PageBreak())
        flowables.append(DocumentStart(index, on_start))
        flowables.extend(story)
    doc.build(flowables, canvasmaker=partial(_NumberedCanvas, headers=tuple(headers)))
    return buffer.getvalue()
