"""The bundled fonts: present with their licences, registered once, chosen per character."""

from __future__ import annotations

import subprocess
import sys

from reportlab.pdfbase import pdfmetrics

from avenue_desk.paths import resource_path
from avenue_desk.reports import fonts as fonts_module
from avenue_desk.reports.fonts import CJK, SANS, SERIF, SERIF_BOLD, FontRegistry, bundled_fonts


def test_fonts_ship_with_their_licences():
    folder = resource_path("fonts")
    names = {p.name for p in folder.iterdir()}
    for face in (
        "DejaVuSerif",
        "DejaVuSerif-Bold",
        "DejaVuSerif-Italic",
        "DejaVuSerif-BoldItalic",
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSans-Oblique",
        "DejaVuSans-BoldOblique",
        "DroidSansFallbackFull",
    ):
        assert f"{face}.ttf" in names
    dejavu = (folder / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera" in dejavu and "Arev" in dejavu
    droid = (folder / "LICENSE-DroidSansFallback.txt").read_text(encoding="utf-8")
    assert "Apache License" in droid and "Version 2.0" in droid
    for ttf in folder.glob("*.ttf"):
        assert ttf.read_bytes()[:4] in (b"\x00\x01\x00\x00", b"true"), f"{ttf} is not TrueType"


def test_importing_the_reports_package_reads_no_font():
    code = (
        "import avenue_desk.reports, avenue_desk.reports.letters, sys;"
        "from reportlab.pdfbase import pdfmetrics;"
        "print(any(n.startswith('DejaVu') for n in pdfmetrics.getRegisteredFontNames()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_fonts_are_registered_once(monkeypatch):
    registry = bundled_fonts().ensure()
    calls = []
    monkeypatch.setattr(fonts_module, "TTFont", lambda *a, **k: calls.append(a))
    registry.ensure()
    FontRegistry(registry.folder).ensure()  # a second registry reuses ReportLab's fonts
    assert calls == []
    assert bundled_fonts() is registry
    assert {SERIF, SANS, CJK} <= set(pdfmetrics.getRegisteredFontNames())


def test_fallback_chains_follow_weight_and_script():
    registry = bundled_fonts()
    assert registry.font_for("Ł", SERIF) == SERIF
    assert registry.font_for("م", SERIF) == SANS
    assert registry.font_for("م", SERIF_BOLD) == "DejaVuSans-Bold"
    assert registry.font_for("王", SERIF) == CJK
    assert registry.font_for("𓂀", SERIF) is None


def test_importing_the_reports_package_does_not_load_reportlab():
    code = "import avenue_desk.reports, sys; print('reportlab' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
