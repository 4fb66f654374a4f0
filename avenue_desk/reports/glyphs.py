"""TrueType fonts whose PDF text layer gives back exactly the characters that were printed.

A PDF shows glyphs; copying text out of it (or pypdf's ``extract_text``) reads each
glyph's code through the font's ToUnicode map. ReportLab writes that map with four hex
digits a code, so everything above U+FFFF (most emoji) came back wrong ("Look ὠ"), and it
has no way to say that one glyph stands for several characters (a Devanagari conjunct, an
emoji with its invisible U+FE0F) or for none (the second half of a Bengali split vowel).

``TextFont`` fixes both. Its map writes characters above U+FFFF as UTF-16 surrogate pairs,
and it hands out *aliases*: private code points (planes 15 and 16, which no bundled font
uses) drawn with a given glyph and mapped in the text layer to a given text:

* ``glyph_alias(glyph, text)``: a glyph that shaping produced (``shaping.py``), standing
  for the characters of its cluster;
* ``char_alias(ch, text)``: a character drawn as itself whose text layer also carries the
  invisible characters next to it (``"❤\\ufe0f"``, an emoji's zero-width joiner), which
  have nothing of their own to draw.

A shaped cluster can have more glyphs than characters (a Bengali or Tamil vowel drawn on
both sides of its consonant): one glyph then stands for nothing, which pypdf reads as
such but Chrome's and Poppler's readers do not. ``ActualTextObject`` (the text object of
every document's canvas, pages.py) also marks each run of a shaped script with its text as
typed (a PDF ``/ActualText`` span), which those readers prefer to the glyphs' own text.

One table of aliases serves the whole process (a code means the same text in every font),
filled under a lock because a batch renders on a worker thread.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.textobject import PDFTextObject

# Supplementary Private Use Areas A and B, less their last two (non-)characters.
_ALIAS_RANGES = ((0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))

_LOCK = threading.Lock()
_TEXTS: dict[int, str] = {}  # alias code -> the text it stands for
_CHAR_CODES: dict[tuple[str, str], int] = {}  # (character drawn, text) -> alias code
_GLYPH_CODES: dict[tuple, int] = {}  # (font, glyph, text, width) -> alias code
_NEXT = [_ALIAS_RANGES[0][0]]
SHAPED_FONTS: set[str] = set()  # names of the registered fonts that HarfBuzz shapes


def _allocate(text: str) -> int | None:
    """A new alias code for ``text`` (call with the lock held); None once all are used."""
    code = _NEXT[0]
    if code > _ALIAS_RANGES[0][1] and code < _ALIAS_RANGES[1][0]:
        code = _ALIAS_RANGES[1][0]
    if code > _ALIAS_RANGES[1][1]:
        return None  # 131,068 distinct glyph texts in one process: never in practice
    _NEXT[0] = code + 1
    _TEXTS[code] = text
    return code


def text_of(code: int) -> str:
    """What the text layer says for ``code``: an alias's text, else the character."""
    found = _TEXTS.get(code)
    return chr(code) if found is None else found


def is_alias(ch: str) -> bool:
    return ord(ch) in _TEXTS


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be", "surrogatepass").hex().upper()


def to_unicode_cmap(name: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap for one 256-glyph subset, written so that each code gives
    back its whole text: surrogate pairs above U+FFFF, several characters or none."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({name})",
        f"/Ordering ({name})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # At most 100 entries a block (the CMap specification's limit).
    for start in range(0, len(subset), 100):
        block = subset[start:start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines += [
            f"<{start + i:02X}> <{_utf16_hex(text_of(code))}>" for i, code in enumerate(block)
        ]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class TextFont(TTFont):
    """A TrueType font with an exact text layer; ``shaped`` fonts go through HarfBuzz."""

    def __init__(self, name: str, filename: str, *, shaped: bool = False) -> None:
        super().__init__(name, filename, shapable=shaped)
        self.shaped = shaped
        self._hb_font = None
        if shaped:
            SHAPED_FONTS.add(name)

    # -- aliases ----------------------------------------------------------------------------

    def glyph_width(self, glyph: int) -> float:
        """The glyph's own advance, in thousandths of the font size."""
        return self.face._pdfScale(self.face.hmetrics[glyph][0])

    def _register(self, code: int, glyph: int, width: float | None = None) -> None:
        face = self.face
        face.charWidths[code] = self.glyph_width(glyph) if width is None else width
        face.charToGlyph[code] = glyph  # last: a reader without the lock sees it complete

    def glyph_alias(self, glyph: int, text: str, width: float | None = None) -> str:
        """A code drawn as ``glyph`` of this font whose text layer is ``text``.

        ``width`` (thousandths of the font size; default the glyph's own) is the advance
        the PDF records for the code. Shaping gives a mark moved back over its consonant
        the width that brings the pen back to where it was, so the text needs no step to
        the right afterwards, which text extraction would read as a space."""
        key = (self.fontName, glyph, text, None if width is None else round(width, 3))
        code = _GLYPH_CODES.get(key)
        if code is None:
            with _LOCK:
                code = _GLYPH_CODES.get(key)
                if code is None:
                    code = _allocate(text)
                    if code is None:
                        return self._natural(glyph)
                    self._register(code, glyph, width)
                    _GLYPH_CODES[key] = code
        return chr(code)

    def _natural(self, glyph: int) -> str:
        found = self.face.glyphToChar.get(glyph)
        return chr(found[0]) if found else ""

    def char_alias(self, ch: str, text: str) -> str | None:
        """A code drawn as ``ch`` whose text layer is ``text`` (``ch`` with the invisible
        characters around it); None if this font has no glyph for ``ch``."""
        glyph = self.face.charToGlyph.get(ord(ch))
        if not glyph:
            return None
        key = (ch, text)
        with _LOCK:
            code = _CHAR_CODES.get(key)
            if code is None:
                code = _allocate(text)
                if code is None:
                    return ch
                _CHAR_CODES[key] = code
            if code not in self.face.charToGlyph:
                self._register(code, glyph)
        return chr(code)

    # -- shaping --------------------------------------------------------------------------

    @property
    def hb_font(self):
        """The HarfBuzz font (positions in font units), made once."""
        if self._hb_font is None:
            import uharfbuzz

            with _LOCK:
                if self._hb_font is None:
                    self._hb_font = uharfbuzz.Font(uharfbuzz.Face(self.face._ttf_data))
        return self._hb_font

    # -- the PDF --------------------------------------------------------------------------

    def addObjects(self, doc) -> None:  # noqa: N802 (ReportLab's name)
        """ReportLab's subsets, then each subset's ToUnicode map written again."""
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        names = [self.getSubsetInternalName(n, doc)[1:] for n in range(len(subsets))]
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for name, subset in zip(names, subsets, strict=True):
            base = fonts[name].BaseFont
            doc.idToObject["toUnicodeCMap:" + base].content = to_unicode_cmap(base, subset)


class ActualTextObject(PDFTextObject):
    """ReportLab's text object, with each run of a shaped script marked with the text it
    stands for, as typed."""

    def _formatText(self, text):  # noqa: N802 (ReportLab's name)
        code = super()._formatText(text)
        if self._fontname in SHAPED_FONTS:
            typed = "".join(text_of(ord(ch)) for ch in text)
            if typed != text:
                return f"/Span <</ActualText <FEFF{_utf16_hex(typed)}>>> BDC {code} EMC"
        return code
