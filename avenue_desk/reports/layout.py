"""Cheap flowables the letters are built from, each drawing exactly what platypus would.

* ``Para``: a ``Paragraph`` that parses less and measures once, and shapes the words of
  complex scripts (shaping.py) before breaking lines. Text with no markup at all
  (most lines) is not parsed: it gets the one fragment the parser would make for it. Other
  markup is parsed once per process (most lines are the same from letter to letter: the
  template's wording, the sign-off). Parsing was two thirds of building a letter's story.
  And it keeps its line breaking while the width stays the same: platypus asks for sizes
  often (``KeepTogether`` and ``keepWithNext`` measure their content, then the frame
  measures each piece again; a ``Table`` measures every cell twice).
* ``Together``: ``KeepTogether`` without its deep copy of the whole frame each time it
  measures (there so that flowables which add content while measured add it to a scratch
  frame; paragraphs, spacers, rules and images add none).
* ``Columns``: one row of top-aligned columns (the letterhead beside the logo; the
  recipient beside the date). It places each flowable where a one-row ``Table`` with
  ``VALIGN TOP`` and no rules places it, to the point, without building a table (cell
  styles, span and size passes, a second measuring pass when drawing).

Measured on a one-page letter: the two tables, parsing, and measuring the same paragraph
again were most of what the renderer added to a bare platypus letter of the same words.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.flowables import _listWrapOn
from reportlab.platypus.paragraph import textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from .shaping import needs_shaping, shaped_words

# What Table draws in an empty string cell: one line of its default cell style's leading.
_EMPTY_CELL_LEADING = 12

# (markup, style, bullet) -> what parsing it gave: (text, style, frags, bullet). Bounded:
# emptied when full, which costs one parse per distinct line afterwards.
_PARSED: dict[tuple, tuple] = {}
_PARSED_LIMIT = 1024
_PARSED_LOCK = threading.Lock()
# (style, case sensitivity) -> (style, the fragment the parser makes for plain text in it).
_PLAIN: dict[tuple, tuple] = {}


def _clones(frags):
    return [f.clone() for f in frags] if isinstance(frags, list | tuple) else frags


class Para(Paragraph):
    """A Paragraph whose markup is parsed once per process and whose line breaking is kept
    while the width stays the same. It prints exactly what ``Paragraph`` prints.

    Each paragraph gets its own copies of the parsed fragments (ReportLab sets attributes
    on them while laying out), so a cached parse is never changed by a paragraph using it.
    """

    _wrapped: tuple | None = None

    def _setup(self, text, style, bulletText, frags, cleaner):  # noqa: N803
        self._parse(text, style, bulletText, frags, cleaner)
        if frags is None and needs_shaping(self.frags):
            # Words in a complex script are shaped once, here, before line breaking.
            self.frags = shaped_words(self.frags)

    def _parse(self, text, style, bulletText, frags, cleaner):  # noqa: N803
        if frags is not None or not isinstance(text, str) or not (
            bulletText is None or isinstance(bulletText, str)
        ):
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        if not ("<" in text or "&" in text or ">" in text):
            cleaned = cleaner(text)
            if cleaned:  # plain text: the fragment the parser would make, without parsing
                self._plain(cleaned, style, bulletText)
                return
        key = (text, style, bulletText, self.caseSensitive, cleaner)
        found = _PARSED.get(key)
        if found is None:
            super()._setup(text, style, bulletText, None, cleaner)
            found = (self.text, self.style, _clones(self.frags), _clones(self.bulletText))
            with _PARSED_LOCK:
                if len(_PARSED) >= _PARSED_LIMIT:
                    _PARSED.clear()
                _PARSED[key] = found
            return
        self.text, self.style = found[0], found[1]
        self.frags = _clones(found[2])
        self.bulletText = _clones(found[3])
        self.debug = 0

    def _plain(self, text: str, style, bulletText) -> None:  # noqa: N803
        key = (style, self.caseSensitive)
        found = _PLAIN.get(key)
        if found is None:
            parser = ParaParser()
            parser.caseSensitive = self.caseSensitive
            parsed_style, frags, _ = parser.parse("x", style)
            found = _PLAIN[key] = (parsed_style, frags[0])
        frag = found[1].clone(text=text)
        for name, value in frag.__dict__.items():
            if isinstance(value, list):  # link, us_lines: never shared between paragraphs
                frag.__dict__[name] = list(value)
        frags = [frag]
        textTransformFrags(frags, found[0])
        self.text, self.style, self.frags, self.bulletText = text, found[0], frags, bulletText
        self.debug = 0

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        last = self._wrapped
        if last is not None and last[0] == availWidth and last[1] is self.frags:
            return last[2]
        size = super().wrap(availWidth, availHeight)
        # breakLines may replace self.frags (with a list of words); that list is what a
        # later wrap would start from, so the cached result is valid while it is unchanged.
        self._wrapped = (availWidth, self.frags, size)
        return size

    def split(self, availWidth, availHeight):  # noqa: N803
        self._wrapped = None
        return super().split(availWidth, availHeight)


class Columns(Flowable):
    """Columns of flowables side by side, top-aligned, with fixed widths.

    Places every flowable exactly where ``Table([[col, col, ...]], colWidths=widths)``
    with ``VALIGN TOP`` and the given paddings would (its ``_listCellGeom`` and
    ``_drawCell``). A column may be empty (as Table's empty string cell, it is one 12 pt
    line high). ``align[i]`` is "LEFT" or "RIGHT": where narrower flowables sit.
    """

    def __init__(
        self,
        columns: Sequence[Sequence[Flowable]],
        widths: Sequence[float],
        *,
        align: Sequence[str] = (),
        left: float = 0,
        right: float = 0,
        top: float = 0,
        bottom: float = 0,
        tallest: float | None = None,
    ) -> None:
        super().__init__()
        if len(columns) != len(widths):
            raise ValueError("Columns needs one width per column.")
        self.tallest = tallest  # the frame's height: taller than that, the columns stack
        self.columns = [list(c) for c in columns]
        self.widths = list(widths)
        self.align = list(align) + ["LEFT"] * (len(columns) - len(align))
        self.padding = (left, right, top, bottom)
        self.hAlign = "CENTER"  # as Table's, so the same position within the frame
        self._sizes: list[list[tuple[float, float]]] | None = None
        self.width = sum(self.widths)
        self.height = 0

    def wrap(self, availWidth, availHeight):  # noqa: N803
        if self._sizes is None:
            left, right, top, bottom = self.padding
            canv = getattr(self, "canv", None)
            sizes, height = [], 0.0
            for column, width in zip(self.columns, self.widths, strict=True):
                inner = width - left - right
                found = [c.wrapOn(canv, inner, 72000 - top - bottom) for c in column]
                sizes.append(found)
                height = max(height, self._column_height(column, found) + top + bottom)
            self._sizes = sizes
            self.height = height
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        """Nothing (so the columns move to the next page whole), unless they are taller
        than a whole page (a 60-line address): then one column after the other, which
        the frame splits over pages like any other text."""
        self.wrap(availWidth, availHeight)
        if self.tallest is None or self.height <= self.tallest or availHeight <= 0:
            return []
        return [flowable for column in self.columns for flowable in column]

    @staticmethod
    def _column_height(column: list[Flowable], sizes: list[tuple[float, float]]) -> float:
        if not column:
            return _EMPTY_CELL_LEADING
        total = 0.0
        for flowable, (_, height) in zip(column, sizes, strict=True):
            total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        return total - column[0].getSpaceBefore() - column[-1].getSpaceAfter()

    def draw(self) -> None:
        if self._sizes is None:
            self.wrapOn(self.canv, self.width, 72000)
        left, right, top, _ = self.padding
        x0 = 0.0
        for column, width, align, sizes in zip(
            self.columns, self.widths, self.align, self._sizes, strict=True
        ):
            y = self.height - top
            if column:
                y += column[0].getSpaceBefore()
            for flowable, (w, h) in zip(column, sizes, strict=True):
                x = x0 + width - right - w if align == "RIGHT" else x0 + left
                y -= flowable.getSpaceBefore()
                y -= h
                flowable.drawOn(self.canv, x, y)
                y -= flowable.getSpaceAfter()
            x0 += width


class RunOnTable(Table):
    """A ``Table`` whose row taller than a whole page runs on to the next page.

    Platypus moves a row that does not fit to the next page, and fails when it fits on
    none (a 10,000-character note). Only then, at the top of a page, is the row split
    inside, its cells' paragraphs continuing overleaf."""

    def __init__(self, *args, tallest: float | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.tallest = tallest  # the frame's height (None: as a plain Table)

    def split(self, availWidth, availHeight):  # noqa: N803
        parts = super().split(availWidth, availHeight)
        if not parts and self.tallest is not None and not self.splitInRow and (
            availHeight >= self.tallest - 1
        ):
            self.splitInRow = 1
            parts = super().split(availWidth, availHeight)
        for part in parts:  # the pieces are made as this class, without the height
            if isinstance(part, RunOnTable):
                part.tallest = self.tallest
        return parts


# What never adds content to the frame while it is measured.
_QUIET = (Paragraph, Spacer, HRFlowable, Image, Columns)


class Together(KeepTogether):
    """``KeepTogether`` (same decisions: see its ``split``) that measures quiet content
    without deep-copying the document's frame. Anything else is measured as before."""

    def wrap(self, aW, aH):  # noqa: N803
        content = self._content
        if not all(isinstance(f, _QUIET) for f in content):
            return super().wrap(aW, aH)
        dims: list = []
        width, height = _listWrapOn(content, aW, None, dims=dims)
        self._H = height
        self._H0 = dims[0][1] if dims else 0
        self._wrapInfo = aW, aH
        return width, 0xFFFFFF  # as KeepTogether: force a split, which places the content
