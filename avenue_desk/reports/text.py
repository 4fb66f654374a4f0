"""User text on its way into a Paragraph: escaped, shaped, and given a font for each run.

Every piece of text that did not come from this package (names, addresses, excerpts, the
wording of an edited template) goes through ``markup()``, which goes through ``escape()``:
a bare ``<`` or ``&`` prints as itself, ``<img src=...>`` and ``<font size=40>`` print as
text and are never obeyed.

Right-to-left lines (Arabic, Hebrew) are shaped with arabic-reshaper and put in visual
order with python-bidi one line at a time; when the width is known, a long right-to-left
paragraph is broken into lines first, so that its lines read top to bottom in the right
order (ReportLab itself only wraps left to right). Left-to-right complex scripts
(Devanagari, Bengali, Thai...) are shaped later, by the paragraph (shaping.py).

Each run of characters gets the face that draws it (fonts.py); invisible characters
(joiners, variation selectors) are kept in the PDF's text layer (glyphs.py), so that what
is copied out of the PDF is what was typed.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape as _xml_escape

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

from .fonts import SANS, SERIF, SHAPED, FontRegistry, bundled_fonts

_RTL_CLASSES = frozenset({"R", "AL"})
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def escape(text: str) -> str:
    """The one escaping function: XML-escape, and turn each newline into ``<br/>``."""
    return _xml_escape(text).replace("\n", "<br/>")


def clean(text: str) -> str:
    """NFC (so decomposed Vietnamese prints as one glyph), newlines unified, tabs as spaces,
    control characters other than the newline dropped (they have no glyph to print)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\t", " ")
    if text.isascii() and text.isprintable():
        return text
    # Category Cc is exactly U+0000-U+001F and U+007F-U+009F (the newline is kept). Not
    # str.isprintable(), which is also False for the no-break space in every date.
    return _CONTROL.sub("", text)


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def _is_variation_selector(ch: str) -> bool:
    code = ord(ch)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _drop_invisible(text: str) -> str:
    # Format characters (bidi marks, zero-width spaces and joiners, BOM) steer layout; once
    # bidi has reordered the line they have nothing left to print. Variation selectors
    # (the invisible U+FE0F after many emoji) only choose between glyphs of the character
    # before them, which is still printed.
    return "".join(
        ch for ch in text
        if unicodedata.category(ch) != "Cf" and not _is_variation_selector(ch)
    )


def _visual(line: str) -> str:
    if not has_rtl(line):
        return _drop_invisible(line)
    return _drop_invisible(get_display(arabic_reshaper.reshape(line)))


def visual_text(text: str) -> str:
    """The characters as they will be drawn: cleaned, shaped and reordered line by line."""
    return "\n".join(_visual(line) for line in clean(text).split("\n"))


def uncovered_characters(text: str, fonts: FontRegistry | None = None) -> set[str]:
    """The characters of ``text`` that no bundled font can draw (checked after shaping)."""
    registry = fonts or bundled_fonts()
    cleaned = clean(text)
    chars = set(cleaned) - {"\n"}
    if chars <= registry.plain_characters(SANS):  # the common case, checked in C
        return set()
    return {ch for ch in set(visual_text(cleaned)) - {"\n"} if not registry.printable(ch)}


def _is_presentation_form(ch: str) -> bool:
    code = ord(ch)
    return 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF


def _typed(ch: str) -> str:
    """The letter a shaped Arabic glyph was made from: arabic-reshaper draws each letter as
    its contextual form (U+FExx), which the text layer would otherwise give back instead of
    the letter typed. A ligature (lam-alef) stands for two letters and keeps its own code:
    the line is in visual order, and readers disagree on how to reverse a glyph that stands
    for two characters (pypdf keeps them together, Poppler and PDFium swap them), while
    every reader gives back the one ligature character, which NFKC (as search does) folds
    to the two letters in the order typed."""
    if not _is_presentation_form(ch):
        return ch
    letters = unicodedata.normalize("NFKC", ch)
    return letters if len(letters) == 1 else ch


def _is_invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf" or _is_variation_selector(ch)


def _is_skin_tone(ch: str) -> bool:
    # The five Fitzpatrick modifiers after an emoji ("👍🏽"): a colour font merges them into
    # one picture; the bundled black-and-white emoji font draws the modifier as a shaded
    # square of its own, which reads as a missing character. After another character it
    # draws nothing and rides in that character's text layer, so it still copies back.
    return 0x1F3FB <= ord(ch) <= 0x1F3FF


def _runs(text: str, base: str, fonts: FontRegistry) -> list[tuple[str, str]]:
    """Split into (font, text) runs; spaces and punctuation stay in the run they are in
    when its font has them, so a Chinese name is one run rather than one per word.

    Invisible characters (joiners, bidi marks, variation selectors) have nothing to draw:
    in a shaped script they stay in the run, for HarfBuzz (a Sinhala or Devanagari joiner
    changes the conjunct); elsewhere they ride in the text layer of the character beside
    them, so "❤\ufe0f" prints one heart and copies back as "❤\ufe0f"."""
    units: list[list[str]] = []  # [font, character drawn, its text] for each visible one
    pending = ""  # invisible characters before the first visible one
    for ch in text:
        if _is_invisible(ch) or (_is_skin_tone(ch) and units and units[-1][0] not in SHAPED):
            if units and units[-1][0] in SHAPED:
                units.append([units[-1][0], ch, ch])
            elif units:
                units[-1][2] += ch
            else:
                pending += ch
            continue
        font = None
        if units and not unicodedata.category(ch).startswith(("L", "M", "N")):
            if fonts.covers(units[-1][0], ch):
                font = units[-1][0]
        if font is None:
            font = fonts.font_for(ch, base) or base  # uncovered: callers check first
        if font in SHAPED:
            units += [[font, mark, mark] for mark in pending]
            pending = ""
        units.append([font, ch, pending + _typed(ch)])
        pending = ""
    runs: list[tuple[str, str]] = []
    for font, ch, shown in units:
        if shown != ch:
            ch = fonts.alias(ch, shown, font)
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def _width(text: str, base: str, size: float, fonts: FontRegistry) -> float:
    return sum(stringWidth(part, font, size) for font, part in _runs(text, base, fonts))


def _wrap_logical(line: str, width: float, size: float, base: str, fonts: FontRegistry):
    """Greedy word wrap of a shaped line, measured in the fonts it will print in."""
    lines: list[str] = []
    current = ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and _width(candidate, base, size, fonts) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def _font_tags(text: str, base: str, fonts: FontRegistry) -> str:
    parts = []
    for font, part in _runs(text, base, fonts):
        safe = escape(part)
        parts.append(safe if font == base else f'<font name="{font}">{safe}</font>')
    return "".join(parts)


def markup(
    text: str,
    font: str = SERIF,
    *,
    fonts: FontRegistry | None = None,
    width: float | None = None,
    size: float | None = None,
) -> str:
    """Paragraph markup that prints ``text`` exactly, whatever it contains.

    Args:
        text: untrusted text; newlines become line breaks.
        font: the face of the paragraph (style) it goes into; runs it lacks get a fallback.
        fonts: the registry (default: the bundled fonts).
        width, size: the line width and font size, when known; a right-to-left line longer
            than ``width`` is then broken into lines before it is reordered.
    """
    registry = (fonts or bundled_fonts()).ensure()
    text = clean(text)
    if set(text) - {"\n"} <= registry.plain_characters(font):  # the common case
        return escape(text)
    out = []
    for line in text.split("\n"):
        if has_rtl(line):
            shaped = arabic_reshaper.reshape(line)
            pieces = (
                _wrap_logical(shaped, width * 0.98, size, font, registry)
                if width and size
                else [shaped]
            )
            visual = [_drop_invisible(get_display(piece)) for piece in pieces]
            out.append("<br/>".join(_font_tags(v, font, registry) for v in visual))
        else:
            out.append(_font_tags(line, font, registry))
    return "<br/>".join(out)
