"""The bundled TrueType fonts: registered once, on first use, and asked which one covers what.

ReportLab keeps registered fonts in a process-wide table, so this module keeps one
``FontRegistry`` per fonts folder and registers each font once, under a lock (a batch may
render on a worker thread). Nothing is read at import time.

Besides the body faces (DejaVu), one regular face a script for the scripts UK families
write in (Noto, Nanum for Korean): a character of such a script is printed in its script's
face first, so a name is never a patchwork of fonts; the scripts in ``SHAPED`` go through
HarfBuzz (shaping.py). Bold and italic text in those scripts prints in the regular face.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError

from avenue_desk.paths import resource_path

from .errors import MissingResource
from .glyphs import TextFont

SERIF = "DejaVuSerif"
SERIF_BOLD = "DejaVuSerif-Bold"
SERIF_ITALIC = "DejaVuSerif-Italic"
SERIF_BOLD_ITALIC = "DejaVuSerif-BoldItalic"
SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SANS_ITALIC = "DejaVuSans-Oblique"
SANS_BOLD_ITALIC = "DejaVuSans-BoldOblique"
CJK = "DroidSansFallback"
# Emoji and pictographs, which parents' posts are full of: black and white (ReportLab cannot
# embed colour emoji), so a police pack still shows exactly what was posted.
SYMBOLS = "Symbola"
ARABIC = "NotoNaskhArabic"  # Arabic, Urdu, Farsi, Pashto (DejaVu Sans lacks Urdu's forms)
KOREAN = "NanumSquareR"

# One face a script, with the Unicode blocks it is preferred for.
_SCRIPTS = {
    ARABIC: ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
             (0xFE70, 0xFEFF)),
    "NotoSansDevanagari": ((0x0900, 0x097F), (0xA8E0, 0xA8FF)),  # Hindi, Marathi, Nepali
    "NotoSansBengali": ((0x0980, 0x09FF),),  # Bengali, Sylheti written in Bengali
    "NotoSansGurmukhi": ((0x0A00, 0x0A7F),),  # Punjabi
    "NotoSansGujarati": ((0x0A80, 0x0AFF),),
    "NotoSansOriya": ((0x0B00, 0x0B7F),),
    "NotoSansTamil": ((0x0B80, 0x0BFF),),
    "NotoSansTelugu": ((0x0C00, 0x0C7F),),
    "NotoSansKannada": ((0x0C80, 0x0CFF),),
    "NotoSansMalayalam": ((0x0D00, 0x0D7F),),
    "NotoSansSinhala": ((0x0D80, 0x0DFF),),
    "NotoSansThai": ((0x0E00, 0x0E7F),),
    "NotoSansMyanmar": ((0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F)),  # Burmese
    "NotoSansEthiopic": ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)),  # Amharic
    "NotoSansKhmer": ((0x1780, 0x17FF), (0x19E0, 0x19FF)),
    KOREAN: ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF)),
}
# Faces whose runs HarfBuzz shapes (conjuncts, reordered vowel signs, stacked marks).
# Arabic is not among them: it is shaped into presentation forms and put in visual order
# before it reaches a paragraph (text.py); Korean syllables and Ethiopic are precomposed.
SHAPED = frozenset(_SCRIPTS) - {ARABIC, KOREAN, "NotoSansEthiopic"}

_FILES = {
    SERIF: "DejaVuSerif.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
    SERIF_ITALIC: "DejaVuSerif-Italic.ttf",
    SERIF_BOLD_ITALIC: "DejaVuSerif-BoldItalic.ttf",
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    SANS_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    SYMBOLS: "Symbola.ttf",
    **{name: f"{name}-Regular.ttf" for name in _SCRIPTS if name != KOREAN},
    KOREAN: "NanumSquareR.ttf",
}

# family -> (regular, bold, italic, bold italic), for <b> and <i> in paragraph markup.
_FAMILIES = {
    SERIF: (SERIF, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD_ITALIC),
    SANS: (SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC),
    CJK: (CJK, CJK, CJK, CJK),
    SYMBOLS: (SYMBOLS, SYMBOLS, SYMBOLS, SYMBOLS),
    **{name: (name, name, name, name) for name in _SCRIPTS},
}

# Each face falls back to the sans of the same weight and slant (DejaVu Sans has Arabic and
# Hebrew, the serif does not), then to the CJK font; any other registered face comes last.
_CHAINS = {
    SERIF: (SERIF, SANS, CJK),
    SERIF_BOLD: (SERIF_BOLD, SANS_BOLD, CJK),
    SERIF_ITALIC: (SERIF_ITALIC, SANS_ITALIC, CJK),
    SERIF_BOLD_ITALIC: (SERIF_BOLD_ITALIC, SANS_BOLD_ITALIC, CJK),
    SANS: (SANS, CJK),
    SANS_BOLD: (SANS_BOLD, CJK),
    SANS_ITALIC: (SANS_ITALIC, CJK),
    SANS_BOLD_ITALIC: (SANS_BOLD_ITALIC, CJK),
    CJK: (CJK,),
}


@dataclass
class FontRegistry:
    """The fonts of one folder, with their character maps for per-character fallback."""

    folder: Path

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._cmaps: dict[str, frozenset[int]] = {}
        self._choice: dict[tuple[str, str], str | None] = {}
        self._plain: dict[str, frozenset[str]] = {}
        self._aliases: dict[tuple[str, str, str], str] = {}
        self._ready = False

    def ensure(self) -> FontRegistry:
        """Register every font with ReportLab (once; later calls return at once)."""
        if self._ready:
            return self
        with self._lock:
            if not self._ready:
                for name, filename in _FILES.items():
                    self._cmaps[name] = frozenset(self._register(name, filename))
                for family, (regular, bold, italic, bold_italic) in _FAMILIES.items():
                    pdfmetrics.registerFontFamily(
                        family, normal=regular, bold=bold, italic=italic, boldItalic=bold_italic
                    )
                    addMapping(family, 0, 0, regular)
                self._ready = True
        return self

    def _register(self, name: str, filename: str):
        path = self.folder / filename
        try:
            font = pdfmetrics.getFont(name)
        except KeyError:
            font = None
        if font is None:
            try:
                font = TextFont(name, str(path), shaped=name in SHAPED)
            except (OSError, TTFError) as exc:
                message = f"The font {filename} could not be read from {path}: {exc}"
                raise MissingResource(message) from exc
            pdfmetrics.registerFont(font)
        # A character mapped to glyph 0 (.notdef) would print as a box: not covered.
        return (code for code, glyph in font.face.charToGlyph.items() if glyph)

    def chain(self, font_name: str) -> tuple[str, ...]:
        """``font_name`` then its fallbacks, then every other bundled face."""
        first = _CHAINS.get(font_name, (font_name, *_CHAINS[SANS]))
        return first + tuple(name for name in _FILES if name not in first)

    def covers(self, font_name: str, ch: str) -> bool:
        return ord(ch) in self.ensure()._cmaps[font_name]

    def font_for(self, ch: str, base: str) -> str | None:
        """The first face in ``base``'s chain that has a glyph for ``ch``; None if none has."""
        key = (base, ch)
        try:
            return self._choice[key]
        except KeyError:
            pass
        self.ensure()
        code = ord(ch)
        script = _script_face(code)
        if script is not None and code in self._cmaps[script]:
            found: str | None = script
        else:
            found = next((n for n in self.chain(base) if code in self._cmaps[n]), None)
        self._choice[key] = found
        return found

    def alias(self, ch: str, text: str, font_name: str) -> str:
        """A character drawn as ``ch`` in ``font_name`` whose text layer is ``text`` (``ch``
        with the invisible characters beside it). Every face that has ``ch`` learns it, so
        it prints the same when ``<b>`` or ``<i>`` moves the run to a sibling face."""
        key = (ch, text, font_name)
        found = self._aliases.get(key)
        if found is None:
            self.ensure()
            for name, cmap in self._cmaps.items():
                if ord(ch) in cmap:
                    alias = pdfmetrics.getFont(name).char_alias(ch, text)
                    if name == font_name:
                        found = alias
            found = self._aliases[key] = found or ch
        return found

    def printable(self, ch: str) -> bool:
        return self.font_for(ch, SANS) is not None

    def plain_characters(self, font_name: str) -> frozenset[str]:
        """Characters ``font_name`` draws as they are: no fallback, shaping or reordering
        needed (left-to-right, not a format or control character). Text made only of
        these takes the fast path through markup()."""
        found = self._plain.get(font_name)
        if found is None:
            self.ensure()
            found = frozenset(
                ch
                for ch in map(chr, self._cmaps[font_name])
                if unicodedata.bidirectional(ch) not in ("R", "AL", "AN")
                and unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
            )
            self._plain[font_name] = found
        return found


def _script_face(code: int) -> str | None:
    """The face preferred for the script of character ``code``, if it has one."""
    for name, blocks in _SCRIPTS.items():
        for start, end in blocks:
            if start <= code <= end:
                return name
    return None


_REGISTRIES: dict[Path, FontRegistry] = {}
_REGISTRIES_LOCK = threading.Lock()


_DEFAULT: list[FontRegistry] = []  # the bundled folder's registry, once looked up


def bundled_fonts(folder: Path | None = None) -> FontRegistry:
    """The registry for ``folder`` (default: resources/fonts), created on first call."""
    if folder is None and _DEFAULT:
        return _DEFAULT[0]  # every document asks; resolving the path each time costs
    chosen = (folder or resource_path("fonts")).resolve()
    with _REGISTRIES_LOCK:
        registry = _REGISTRIES.get(chosen)
        if registry is None:
            registry = _REGISTRIES[chosen] = FontRegistry(chosen)
        if folder is None and not _DEFAULT:
            _DEFAULT.append(registry)
    return registry
