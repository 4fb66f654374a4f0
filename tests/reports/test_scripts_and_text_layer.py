"""Every script prints, shaped, and copies back out of the PDF exactly as it was typed.

Read back with pypdf (what the tests use everywhere) and with PDFium (the app's own preview
and Chrome's reader): the raw text, not normalised, so a lost emoji, a dropped joiner or a
conjunct copied as private-use characters fails.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from datetime import date

import pypdfium2
import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Paragraph

from avenue_desk.reports.conduct_context import RegisterLine, RegisterSummary
from avenue_desk.reports.conduct_register import ConductRegisterDocument
from avenue_desk.reports.context import ActionLine, PersonDetails
from avenue_desk.reports.errors import TooLongToPrint
from avenue_desk.reports.fonts import SHAPED, bundled_fonts
from avenue_desk.reports.glyphs import text_of, to_unicode_cmap
from avenue_desk.reports.layout import Columns
from avenue_desk.reports.letters import PoliceReferralPack, RemovalRequestLetter
from avenue_desk.reports.pages import PdfInfo, build_pdf
from avenue_desk.reports.shaping import shape_text
from avenue_desk.reports.styles import stylesheet
from avenue_desk.reports.text import markup, uncovered_characters
from tests.helpers.letters import LETTER_DATE
from tests.helpers.pdf import pdf_text

# Names as UK families write them: conjuncts (प्रि, স্ক), vowel signs drawn before their
# consonant (ि, ে, ெ), two-part vowels (ো, ொ), a Sinhala joiner (ශ්‍රී), stacked Khmer.
NAMES = {
    "Devanagari": "प्रिया शर्मा",
    "Bengali": "কৌশিক সোনার",
    "Korean": "김민준",
    "Gurmukhi": "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ",
    "Gujarati": "કિરણ પટેલ",
    "Tamil": "செல்வி கொண்டு",
    "Telugu": "శ్రీనివాస్",
    "Kannada": "ಕೃಷ್ಣ",
    "Malayalam": "ലക്ഷ്മി",
    "Sinhala": "ශ්\u200dරී ලංකා",
    "Thai": "สมชาย ใจดี",
    "Khmer": "សុខា",
    "Burmese": "မြန်မာ",
    "Odia": "ଓଡ଼ିଆ",
    "Amharic": "አበበ በቀለ",
    "Urdu": "محمد علی خان",
    "Japanese": "山田花子",
}
EXCERPT = "Look 😀 at this 👍🏽 — नमस्ते — 안녕하세요 ❤️ 👨\u200d👩\u200d👧 (প্রিয়া)"


def pypdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def pdfium_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def letter_to(school, incident, name: str, address: str = "1 High Street\nLeeds") -> bytes:
    person = PersonDetails(name=name, address=address, title="Mrs")
    return RemovalRequestLetter(school, person, incident, letter_date=LETTER_DATE).render()


def register(school, *lines: RegisterLine) -> bytes:
    summary = RegisterSummary(date(2026, 11, 21), 12, 30, tuple(lines))
    return ConductRegisterDocument(school, summary).render()


def staff(name: str, notes: str = "Signed on paper.") -> RegisterLine:
    return RegisterLine(name, "Member of staff", "current", "Current", date(2026, 9, 3),
                        date(2027, 9, 3), notes)


@pytest.mark.parametrize("script", sorted(NAMES))
def test_every_script_uk_families_write_in_has_a_font(script):
    assert uncovered_characters(NAMES[script]) == set()


@pytest.mark.parametrize("script", ["Devanagari", "Bengali", "Korean"])
def test_a_name_prints_in_a_letter_and_copies_back_exactly(script, school, incident):
    name = NAMES[script]
    pdf = letter_to(school, incident, name)
    assert name in pypdf_text(pdf)
    assert name in pdfium_text(pdf)
    assert "\x00" not in pypdf_text(pdf)  # a missing glyph reads back as U+0000


@pytest.mark.parametrize("script", sorted(NAMES))
def test_names_in_every_script_copy_back_exactly_from_the_register(script, school):
    name = NAMES[script]
    pdf = register(school, staff("Łucja Wróbel"), staff(name))
    if script == "Urdu":  # stored as shaped presentation forms: they fold back to letters
        assert name in pdf_text(pdf)
        return
    assert name in pypdf_text(pdf)
    assert name in pdfium_text(pdf)
    assert "Łucja Wróbel" in pypdf_text(pdf)


@pytest.mark.parametrize("script", ["Devanagari", "Bengali", "Tamil", "Sinhala", "Khmer"])
def test_complex_scripts_are_shaped_with_no_missing_glyph(script):
    bundled_fonts().ensure()
    name = NAMES[script].split()[0]
    font_name = bundled_fonts().font_for(name[0], "DejaVuSans")
    assert font_name in SHAPED
    codes, _advance = shape_text(font_name, name)
    face = getFont(font_name).face
    glyphs = [face.charToGlyph[ord(code)] for code in codes]
    assert 0 not in glyphs  # no .notdef box
    unshaped = [face.charToGlyph.get(ord(ch), 0) for ch in name]
    assert glyphs != unshaped  # conjuncts, reordered or split vowels: not letter by letter
    assert "".join(text_of(ord(code)) for code in codes) == name  # the text layer


def test_a_devanagari_conjunct_is_drawn_with_the_half_form_harfbuzz_chooses():
    bundled_fonts().ensure()
    font = getFont("NotoSansDevanagari")
    codes, advance = shape_text("NotoSansDevanagari", "स्त")  # sa + virama + ta
    glyphs = [font.face.charToGlyph[ord(code)] for code in codes]
    assert len(glyphs) == 2 and glyphs[0] != font.face.charToGlyph[ord("स")]  # half sa
    assert [text_of(ord(code)) for code in codes] == ["स्", "त"]
    assert advance < font.stringWidth("स्त", 1000)  # narrower than the letters side by side


def test_the_police_pack_excerpt_copies_back_exactly_emoji_and_all(school, incident):
    referred = replace(incident, excerpt=EXCERPT, referral_reason="A threat to a teacher.",
                       offence_kind="threats")
    pack = PoliceReferralPack(school, referred, prepared_on=LETTER_DATE)
    pdf = pack.render()
    assert EXCERPT in pypdf_text(pdf)
    assert EXCERPT in pdfium_text(pdf)


def test_a_letter_excerpt_copies_back_exactly(school, incident):
    from avenue_desk.reports.letters import HostTakedownLetter

    posted = "Look 😀 at this 👍🏽 — नमस्ते — 안녕하세요"
    letter = HostTakedownLetter(school, replace(incident, excerpt=posted),
                                letter_date=LETTER_DATE)
    assert posted in pypdf_text(letter.render())


def test_invisible_characters_ride_in_the_text_layer_and_are_not_drawn():
    # A heart with its emoji selector: one glyph printed, both characters copied.
    tagged = markup("I ❤️ it", "DejaVuSerif")
    assert "\ufe0f" not in tagged and "❤" not in tagged  # drawn through an alias
    alias = next(ch for ch in tagged if ord(ch) >= 0xF0000)
    assert text_of(ord(alias)) == "❤\ufe0f"


def test_a_skin_tone_is_not_drawn_as_a_square_of_its_own_but_copies_back():
    # The black-and-white emoji font draws a lone modifier as a shaded square, which
    # reads as a character missing: after an emoji it rides in that emoji's text layer.
    tagged = markup("Look 👍🏽 here", "DejaVuSerif")
    assert "\U0001F3FD" not in tagged and "👍" not in tagged
    alias = next(ch for ch in tagged if ord(ch) >= 0xF0000)
    assert text_of(ord(alias)) == "👍🏽"


def test_the_text_layer_writes_characters_above_ffff_as_surrogate_pairs():
    cmap = to_unicode_cmap("AAAAAA+Symbola", [0, ord("😀"), ord("A")])
    assert "<01> <D83DDE00>" in cmap and "<02> <0041>" in cmap
    assert "<1F600>" not in cmap  # what ReportLab wrote: "Look ὠ" when copied


def test_a_60_line_address_prints_over_pages_in_full(school, incident):
    address = "\n".join(f"Line {n} of the address" for n in range(1, 61))
    pdf = letter_to(school, incident, NAMES["Devanagari"], address)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 2
    text = pypdf_text(pdf)
    assert all(f"Line {n} of the address" in text for n in range(1, 61))
    assert "Our ref: AD-42" in text and "Yours sincerely" in text


def test_a_10000_character_note_and_summary_run_on_over_pages(school, incident):
    long_text = " ".join(f"word{n}" for n in range(1500))  # about 10,000 characters
    assert len(long_text) > 9000
    pdf = register(school, staff("Łucja Wróbel"), staff(NAMES["Bengali"], long_text),
                   staff(NAMES["Korean"]))
    text = pdf_text(pdf)
    assert "word0 " in text and "word1499" in text and NAMES["Korean"] in text
    pack = PoliceReferralPack(
        school, replace(incident, summary=long_text, referral_reason="A threat to a teacher.",
                        offence_kind="threats"), prepared_on=LETTER_DATE,
        actions=[ActionLine(date(2026, 10, 5), "informal_discussion", "Mrs Carter", long_text)],
    ).render()
    assert pdf_text(pack).count("word1499") == 2  # the summary and the action's outcome


def test_a_name_no_font_can_draw_is_said_in_its_cell_and_the_register_prints(school):
    pdf = register(school, staff("Łucja Wróbel"), staff("Zofia 𓂀 Quinn"), staff(NAMES["Korean"]))
    text = pdf_text(pdf)
    assert ("[Not printed: it has characters none of the printer's fonts can draw "
            "(U+13080 EGYPTIAN HIEROGLYPH D010). See it on screen in Avenue Desk.]") in text
    assert "Zofia" not in text and "Quinn" not in text  # never half a name
    assert "Łucja Wróbel" in text and NAMES["Korean"] in text
    assert "3 people" in text


def test_a_piece_that_can_never_fit_a_page_names_its_field(school):
    # Columns that may not stack (no page height given) and hold a 200-line paragraph.
    para = Paragraph("<br/>".join(["line"] * 200), stylesheet()["body"])
    para.field = ("parent_address", "the parent's address")
    story = [Columns([[para], []], [300, 100])]
    with pytest.raises(TooLongToPrint) as caught:
        build_pdf([story], PdfInfo("t", "s"))
    assert caught.value.field == "parent_address"
    assert str(caught.value) == ("Too long to fit on a page of the PDF: the parent's address. "
                                 "Shorten it and print again.")


def test_a_batch_says_which_document_cannot_be_laid_out(school, incident):
    from avenue_desk.reports.base import DocumentRenderer
    from avenue_desk.reports.batch import BatchProblem, render_batch

    class Unsplittable(DocumentRenderer):
        def story(self):
            para = self.user_para("\n".join(["line"] * 200), "notes", "body", "the notes")
            return [Columns([[para], []], [300, 100])]

    good = RemovalRequestLetter(school, PersonDetails("Łucja Wróbel", "1 High Street"),
                                incident, letter_date=LETTER_DATE)
    with pytest.raises(BatchProblem) as caught:
        render_batch([good, Unsplittable(school)])
    assert caught.value.index == 1
    assert str(caught.value) == ("Document 2: Too long to fit on a page of the PDF: the "
                                 "notes. Shorten it and print again.")


@pytest.mark.parametrize("text", ["\u200cनमस्ते", "नम\u200dस्ते", "👍🏽\u200e आमार", "\ufeffকৌশিক"])
def test_joiners_and_marks_anywhere_in_a_shaped_name_copy_back_and_draw_no_box(text, school):
    pdf = register(school, staff(text))
    assert text in pypdf_text(pdf)
    assert "\x00" not in pypdf_text(pdf)


ARABIC_SCRIPT = {"Arabic": "ولي الأمر محمد علي", "Urdu": NAMES["Urdu"],
                 "Persian": "زهرا احمدی", "lam-alef": "لا يوافق"}


@pytest.mark.parametrize("script", sorted(ARABIC_SCRIPT))
def test_arabic_script_copies_back_as_the_letters_typed(script, school, incident):
    # Shaping draws each letter in its joined form (U+FExx); the text layer gives back the
    # letter itself. Only the lam-alef ligature keeps its one code (see text._typed),
    # which NFKC folds to the two letters typed.
    name = ARABIC_SCRIPT[script]
    pdf = letter_to(school, incident, name)
    for read in (pypdf_text(pdf), pdfium_text(pdf)):
        words = [w for w in read.split() if any("\u0600" <= ch <= "\ufeff" for ch in w)]
        joined_forms = {ch for w in words for ch in w if "\ufb50" <= ch <= "\ufeff"}
        assert joined_forms <= {"\ufef5", "\ufef6", "\ufef7", "\ufef8", "\ufef9", "\ufefa",
                                "\ufefb", "\ufefc"}
    assert name in pdf_text(pdf)
    assert name in unicodedata.normalize("NFKC", pdfium_text(pdf))
