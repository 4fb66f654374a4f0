"""Complex scripts shaped with HarfBuzz, glyph by glyph, keeping the text layer exact.

Devanagari, Bengali, Tamil, Thai and the other scripts of ``fonts.SHAPED`` do not print
one glyph per character: consonants join into conjuncts, some vowel signs are drawn before
the consonant they follow, marks sit above or below. HarfBuzz turns a run of characters into
the font's glyphs and their positions; each glyph is then drawn through a code of its own
(a ``TextFont`` alias) whose text layer is the characters of its cluster, in the order they
were typed, so copying a name out of the PDF gives back the name.

ReportLab can shape a paragraph itself, but it shapes a whole word with the font of the
word's first piece (a word such as ``(नमस्ते)`` whose brackets are in another font loses its
glyphs) and maps shaped glyphs to text by glyph alone. So ``Para`` (layout.py) hands its
fragments here once, before line breaking: every word comes back as ReportLab's shaped word,
which its line breaking, splitting and drawing already know.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr, makeShapedFragWord
from reportlab.platypus.paragraph import _getFragWords

from .glyphs import SHAPED_FONTS, TextFont


def _is_shaped(frag) -> bool:
    return frag.fontName in SHAPED_FONTS


def needs_shaping(frags) -> bool:
    """True when a fragment of parsed paragraph text is in a shaped font."""
    return any(
        getattr(frag, "text", "") and _is_shaped(frag)
        for frag in frags
        if hasattr(frag, "fontName")
    )


def shaped_words(frags) -> list:
    """The paragraph's fragments as ReportLab's words, each piece in a shaped font shaped."""
    return [shape_word(word) for word in _getFragWords(frags)]


def shape_word(word: list) -> list:
    """``[width, (frag, text), ...]`` with the text of shaped fonts replaced by glyph codes
    and its width by the shaped width; the word's kind (followed by a space or not) kept."""
    pieces = word[1:]
    if not any(text and _is_shaped(frag) for frag, text in pieces if hasattr(frag, "fontName")):
        return word
    shaped = makeShapedFragWord(word)([])
    width = 0.0
    for frag, text in pieces:
        if text and not hasattr(frag, "cbDefn") and _is_shaped(frag):
            glyphs, advance = shape_text(frag.fontName, text)
            shaped.append((frag, glyphs))
            width += advance * frag.fontSize / 1000
        else:
            shaped.append((frag, text))
            if text:
                width += stringWidth(text, frag.fontName, frag.fontSize)
    shaped.insert(0, width)
    return shaped


@lru_cache(maxsize=4096)
def _shape(font_name: str, text: str) -> tuple[str, tuple[ShapeData, ...] | None, float]:
    import uharfbuzz as hb

    font: TextFont = getFont(font_name)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font.hb_font, buffer)
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    clusters = sorted({info.cluster for info in infos})
    ends = dict(zip(clusters, [*clusters[1:], len(text)], strict=True))
    scale = font.face._pdfScale
    char_to_glyph = font.face.charToGlyph
    codes: list[str] = []
    data: list[ShapeData] = []
    moved = False
    index = 0
    while index < len(infos):
        cluster = infos[index].cluster
        stop = index
        while stop < len(infos) and infos[stop].cluster == cluster:
            stop += 1
        # From 0 for the first: a character HarfBuzz dropped (an invisible joiner at the
        # start) still belongs to the text of the glyphs around it.
        piece = text[(cluster if index else 0):ends[cluster]]
        glyphs = [info.codepoint for info in infos[index:stop]]
        for k, (glyph, part) in enumerate(zip(glyphs, _share(piece, len(glyphs)), strict=True)):
            position = positions[index + k]
            advance, x_offset = scale(position.x_advance), scale(position.x_offset)
            y_offset = scale(position.y_offset)
            own = font.glyph_width(glyph)
            if x_offset or abs(advance - own) > 1e-6:
                # Recorded with the width that leaves the pen where HarfBuzz puts it.
                width = max(advance - x_offset, 0.0)
                code = font.glyph_alias(glyph, part, width)
            elif len(part) == 1 and char_to_glyph.get(ord(part)) == glyph:
                width, code = own, part  # the character's own glyph: no alias needed
            else:
                width, code = own, font.glyph_alias(glyph, part)
            entry = ShapeData(cluster, advance, scale(position.y_advance), x_offset, y_offset,
                              width)
            moved = moved or bool(x_offset or y_offset) or abs(advance - width) > 1e-6
            codes.append(code)
            data.append(entry)
        index = stop
    advance = sum(entry.x_advance for entry in data)
    return "".join(codes), tuple(data) if moved else None, advance


def shape_text(font_name: str, text: str) -> tuple[str, float]:
    """``text`` (left to right, one font) as the codes of its glyphs, and its advance in
    thousandths of the font size. The codes are a ReportLab ``ShapedStr`` carrying each
    glyph's position when anything moved (a mark placed over its consonant, a kerned
    pair); plain characters when nothing did."""
    codes, data, advance = _shape(font_name, text)
    return (ShapedStr(codes, shapeData=list(data)) if data else codes), advance


def _share(piece: str, count: int) -> list[str]:
    """``piece`` shared out over ``count`` glyphs in the order they are drawn: one
    character each, the rest to the last, nothing to any glyph beyond the characters.
    Read back in drawing order the glyphs give exactly ``piece``, whatever the reordering."""
    if count == 1:
        return [piece]
    parts = [piece[k] if k < len(piece) else "" for k in range(count - 1)]
    parts.append(piece[count - 1:])
    return parts
