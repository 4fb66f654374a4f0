"""User text reaches a Paragraph escaped, shaped and in a font that has its characters."""

from __future__ import annotations

import builtins
import io

import pytest
from reportlab.platypus import Paragraph, SimpleDocTemplate

from avenue_desk.reports.context import PersonDetails
from avenue_desk.reports.errors import UnprintableText
from avenue_desk.reports.fonts import ARABIC, CJK, SANS, SERIF, bundled_fonts
from avenue_desk.reports.letters import RemovalRequestLetter
from avenue_desk.reports.styles import stylesheet
from avenue_desk.reports.text import escape, markup, uncovered_characters, visual_text
from tests.helpers.letters import LETTER_DATE
from tests.helpers.pdf import pdf_text

NAMES = {
    "Polish": ["Łucja Wróbel", "Żaneta Ćwik"],
    "Turkish": ["Çağrı Yılmaz", "İsmail Şahin"],
    "Vietnamese": ["Nguyễn Thị Hương"],
    "Greek": ["Γιώργος Παπαδόπουλος"],
    "Cyrillic": ["Дмитрий Иванов", "Олена Шевченко"],
    "Arabic": ["محمد العلي"],
    "Hebrew": ["דוד כהן"],
    "Chinese": ["王小明"],
}


def test_escape_is_xml_escape_plus_line_breaks():
    assert escape("a < b & c > d\nnext") == "a &lt; b &amp; c &gt; d<br/>next"


@pytest.mark.parametrize(
    "hostile",
    [
        "<b>bold?</b>",
        "Fish &amp; chips",
        "a bare < and a bare &",
        '<img src="/etc/passwd"/>',
        "<font size=40>big</font>",
        "<para>&nbsp;</para>",
        "{parent_name}",
    ],
)
def test_markup_prints_markup_characters_literally(hostile):
    buffer = io.BytesIO()
    style = stylesheet()["body"]
    bundled_fonts().ensure()
    SimpleDocTemplate(buffer).build([Paragraph(markup(hostile, SERIF), style)])
    assert hostile in pdf_text(buffer.getvalue())


def test_an_img_tag_in_user_text_never_opens_the_file(monkeypatch, school, incident):
    opened = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    person = PersonDetails(name='<img src="/etc/passwd"/> Smith', address="<font size=40>1</font>")
    pdf = RemovalRequestLetter(school, person, incident, letter_date=LETTER_DATE).render()
    assert not [path for path in opened if "passwd" in path]
    text = pdf_text(pdf)
    assert '<img src="/etc/passwd"/> Smith' in text
    assert "<font size=40>1</font>" in text


def test_runs_get_a_font_that_covers_them():
    tagged = markup("Ann 王小明 محمد Дмитрий דוד", SERIF)
    assert f'<font name="{CJK}">王小明' in tagged
    assert f'<font name="{ARABIC}">' in tagged  # Arabic script: its own face
    assert f'<font name="{SANS}">' in tagged  # Hebrew: the serif has none, the sans has it
    assert tagged.startswith("Ann ") and "Дмитрий" in tagged


def test_decomposed_vietnamese_is_composed_so_it_prints_as_single_glyphs():
    decomposed = "Nguye\u0302\u0303n"
    assert visual_text(decomposed) == "Nguyễn"
    assert uncovered_characters(decomposed) == set()


@pytest.mark.parametrize("name", [n for names in NAMES.values() for n in names])
def test_every_script_is_covered_by_the_bundled_fonts(name):
    assert uncovered_characters(name) == set()


def test_characters_no_font_has_are_reported():
    assert uncovered_characters("Ann 𓂀 Lee") == {"𓂀"}
    assert uncovered_characters("Ann Lee") == set()


def test_invisible_format_characters_are_not_reported_or_printed():
    text = "Ann\u200bLee\u200e\ufeff"
    assert uncovered_characters(text) == set()
    assert visual_text(text) == "AnnLee"


def test_a_long_right_to_left_line_is_broken_before_it_is_reordered():
    words = " ".join(["محمد"] * 40)
    tagged = markup(words, SERIF, width=200, size=10.5)
    assert tagged.count("<br/>") >= 3


@pytest.mark.parametrize("script", sorted(NAMES))
def test_names_in_every_script_come_out_whole(script, school, incident):
    for name in NAMES[script]:
        person = PersonDetails(name=name, address="1 High Street\nLeeds")
        pdf = RemovalRequestLetter(school, person, incident, letter_date=LETTER_DATE).render()
        # pdf_text NFKC-normalises: Arabic is stored as shaped presentation forms, which fold
        # back to the letters typed; pypdf returns right-to-left runs in logical order.
        assert name in pdf_text(pdf), f"{script} name {name!r} did not come out whole"


def test_an_unprintable_name_raises_naming_the_field(school, incident):
    person = PersonDetails(name="Ann 𓂀 Lee", address="1 High Street")
    letter = RemovalRequestLetter(school, person, incident, letter_date=LETTER_DATE)
    with pytest.raises(UnprintableText) as caught:
        letter.render()
    assert caught.value.field == "parent_name"
    assert caught.value.chars == ("𓂀",)
    assert str(caught.value).startswith("The parent's name contains 𓂀 (U+13080")
    assert [p.field for p in letter.problems()] == ["parent_name"]


def test_an_unprintable_excerpt_is_reported_before_printing(school, incident, parent):
    from dataclasses import replace

    from avenue_desk.reports.letters import HostTakedownLetter

    bad = replace(incident, excerpt="look 𓂀")
    problems = HostTakedownLetter(school, bad, letter_date=LETTER_DATE).problems()
    assert [p.field for p in problems] == ["excerpt"]
    assert "The words of the post contains 𓂀" in problems[0].message


def test_emoji_in_a_post_print_and_invisible_selectors_are_not_a_problem(school, incident):
    from dataclasses import replace

    from pypdf import PdfReader

    from avenue_desk.reports.letters.host_takedown import HostTakedownLetter

    excerpt = "Look 👇 at this teacher 😡 ❤️ ✌ 👍🏽"  # ❤️ carries the invisible U+FE0F
    assert uncovered_characters(excerpt) == set()
    pdf = HostTakedownLetter(
        school, replace(incident, excerpt=excerpt), letter_date=LETTER_DATE
    ).render()
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    fonts = {str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}
    assert any("Symbola" in name for name in fonts), fonts  # the emoji are drawn from it
    # Every pictograph comes back out as text, those above U+FFFF and the selector too.
    assert excerpt in page.extract_text()
    # A pictograph newer than any bundled font is still named before printing, not boxed.
    assert uncovered_characters("🫠") == {"🫠"}
