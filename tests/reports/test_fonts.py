"""The bundled fonts: present with their licences, registered once, chosen per character."""

from __future__ import annotations

import subprocess
import sys

from reportlab.pdfbase import pdfmetrics

from avenue_desk.paths import resource_path
from avenue_desk.reports import fonts as fonts_module
from avenue_desk.reports.fonts import (
    ARABIC,
    CJK,
    KOREAN,
    SANS,
    SANS_BOLD,
    SERIF,
    SERIF_BOLD,
    FontRegistry,
    bundled_fonts,
)


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
    monkeypatch.setattr(fonts_module, "TextFont", lambda *a, **k: calls.append(a))
    registry.ensure()
    FontRegistry(registry.folder).ensure()  # a second registry reuses ReportLab's fonts
    assert calls == []
    assert bundled_fonts() is registry
    assert {SERIF, SANS, CJK} <= set(pdfmetrics.getRegisteredFontNames())


def test_fallback_chains_follow_weight_and_script():
    registry = bundled_fonts()
    assert registry.font_for("Ł", SERIF) == SERIF
    assert registry.font_for("Ж", SERIF_BOLD) == SERIF_BOLD
    assert registry.font_for("א", SERIF_BOLD) == "DejaVuSans-Bold"  # the serif has no Hebrew
    assert registry.font_for("王", SERIF) == CJK
    assert registry.font_for("𓂀", SERIF) is None


def test_a_script_with_a_face_of_its_own_prints_in_it_whatever_else_has_the_character():
    registry = bundled_fonts()
    # DejaVu Sans has most Arabic letters but not all of Urdu's: one face for a whole name.
    assert registry.covers(SANS, "م")
    assert registry.font_for("م", SERIF) == ARABIC and registry.font_for("ے", SERIF) == ARABIC
    # Droid Sans Fallback has a handful of Hangul syllables: Korean is never a patchwork.
    assert [registry.covers(CJK, s) for s in "가각"] == [True, False]
    assert {registry.font_for(s, SERIF) for s in "가각"} == {KOREAN}
    assert registry.font_for("क", SERIF) == "NotoSansDevanagari"
    assert registry.font_for("ক", SANS_BOLD) == "NotoSansBengali"


def test_every_script_face_ships_with_its_licence_and_is_listed_in_the_readme():
    folder = resource_path("fonts")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for name in (*fonts_module._SCRIPTS, ARABIC, KOREAN):
        filename = fonts_module._FILES[name]
        assert (folder / filename).is_file(), filename
        assert filename in readme, f"{filename} is not listed in resources/fonts/README.md"
    noto = (folder / "LICENSE-Noto.txt").read_text(encoding="utf-8")
    nanum = (folder / "LICENSE-Nanum.txt").read_text(encoding="utf-8")
    for licence in (noto, nanum):
        assert "SIL OPEN FONT LICENSE" in licence and "Version 1.1" in licence
    assert "Google" in noto and "NAVER" in nanum


def test_importing_the_reports_package_does_not_load_reportlab():
    code = "import avenue_desk.reports, sys; print('reportlab' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
