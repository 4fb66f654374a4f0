"""The house style of every document: A4, margins, type sizes, colours."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm

from .fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, SERIF_ITALIC

PAGE_SIZE = A4
MARGIN_LEFT = 24 * mm
MARGIN_RIGHT = 22 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 22 * mm
FOOTER_Y = 11 * mm
FRAME_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9aa5b1")
ACCENT = colors.HexColor("#1f3a5f")
ALERT = colors.HexColor("#b00020")
SHADE = colors.HexColor("#eef1f5")

BODY_SIZE = 10.5


@cache
def stylesheet() -> StyleSheet1:
    """One stylesheet for the process; styles are never changed after this."""
    sheet = StyleSheet1()

    def add(name: str, parent: ParagraphStyle | None = None, **kw) -> None:
        base = {"allowWidows": 0, "allowOrphans": 0, "textColor": INK}
        sheet.add(ParagraphStyle(name, parent=parent, **(base | kw)))

    add("body", fontName=SERIF, fontSize=BODY_SIZE, leading=14.5, spaceAfter=7, alignment=TA_LEFT)
    body = sheet["body"]
    add("tight", body, spaceAfter=0)
    add("right", body, spaceAfter=0, alignment=TA_RIGHT)
    add("subject", body, fontName=SERIF_BOLD, spaceBefore=2, spaceAfter=9, keepWithNext=1)
    add("salutation", body, spaceBefore=10, keepWithNext=1)
    add(
        "quote",
        body,
        fontName=SERIF_ITALIC,
        leftIndent=8 * mm,
        rightIndent=6 * mm,
        textColor=colors.HexColor("#333333"),
    )
    add("bullet", body, leftIndent=8 * mm, bulletIndent=3 * mm, spaceAfter=4)
    add(
        "excerpt",
        body,
        leftIndent=8 * mm,
        rightIndent=6 * mm,
        backColor=SHADE,
        borderPadding=6,
        spaceBefore=6,
        spaceAfter=12,
    )
    add(
        "h1",
        fontName=SANS_BOLD,
        fontSize=16,
        leading=20,
        spaceAfter=4,
        textColor=ACCENT,
        keepWithNext=1,
    )
    add(
        "h2",
        fontName=SANS_BOLD,
        fontSize=11.5,
        leading=15,
        spaceBefore=12,
        spaceAfter=5,
        textColor=ACCENT,
        keepWithNext=1,
    )
    add("meta", fontName=SANS, fontSize=9, leading=12, textColor=MUTED, spaceAfter=10)
    add("cell", fontName=SANS, fontSize=8.8, leading=11.5)
    add("cell_bold", sheet["cell"], fontName=SANS_BOLD)
    add("cell_right", sheet["cell"], alignment=TA_RIGHT)
    add("cell_small", sheet["cell"], fontSize=7.4, leading=9.5)
    add("alert", fontName=SANS_BOLD, fontSize=10, leading=13, textColor=ALERT, spaceAfter=6)
    add("note", fontName=SANS, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=6)
    add("school_name", fontName=SERIF_BOLD, fontSize=17, leading=21, textColor=ACCENT)
    add("school_address", fontName=SANS, fontSize=8.8, leading=11.5, textColor=MUTED)
    add("footer", fontName=SANS, fontSize=8, leading=10, textColor=MUTED, alignment=TA_CENTER)
    add("running_head", fontName=SANS, fontSize=8, leading=10, textColor=MUTED, alignment=TA_RIGHT)
    add("signature_name", body, spaceAfter=0, spaceBefore=0)
    # A sheet that must keep to one page (the guidance for parents): a size smaller.
    add("compact", body, fontSize=9.4, leading=12, spaceAfter=4)
    add("compact_bullet", sheet["compact"], leftIndent=7 * mm, bulletIndent=2.5 * mm,
        spaceAfter=1)
    add("compact_h2", sheet["h2"], fontSize=10.5, leading=13, spaceBefore=7, spaceAfter=2)
    return sheet
