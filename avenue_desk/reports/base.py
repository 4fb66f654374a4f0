"""The renderer every document shares: fonts, styles, letterhead, checks, and bytes out.

A document subclasses ``DocumentRenderer`` and implements ``story()`` only, building it
with the helpers here so that every piece of user text is escaped and checked. ``render()``
returns the PDF; ``problems()`` says, before printing, what would stop it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PIL import Image as PILImage
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Image, Paragraph, Spacer, Table, TableStyle

from . import styles as S
from .context import SchoolDetails
from .errors import (
    MissingResource,
    TemplateError,
    TemplateProblem,
    UnprintableText,
    unprintable_note,
)
from .fonts import FontRegistry, bundled_fonts
from .layout import Columns, Para, RunOnTable
from .pages import PdfInfo, build_pdf
from .text import markup, uncovered_characters

LOGO_MAX_WIDTH = 32 * mm
LOGO_MAX_HEIGHT = 24 * mm


class DocumentRenderer:
    """Base class: subclasses set ``title`` and implement ``story()``."""

    title = "Document"
    step: str | None = None  # the policy step that printing this document records, if any
    # Text no bundled font can draw: a document printed from an editor that names the field
    # and offers to describe the characters (a letter, the police pack) refuses to print;
    # any other prints a note in that one field's place and the rest as usual, so one name
    # in a script no font has never holds up a whole register.
    refuses_unprintable = False

    def __init__(self, school: SchoolDetails, *, fonts: FontRegistry | None = None) -> None:
        self.school = school
        self.fonts = fonts or bundled_fonts()
        self.styles = S.stylesheet()
        self._problems: list[TemplateProblem] = []
        self._unprintable: dict[str, UnprintableText] = {}

    # -- what a document implements -------------------------------------------------------

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def pdf_title(self) -> str:
        return self.title

    def continuation_header(self) -> str:
        """Markup for the top of every page after the first ("" for none)."""
        return ""

    # -- public ---------------------------------------------------------------------------

    def problems(self) -> tuple[TemplateProblem, ...]:
        """Everything that would stop ``render()``, each with a sentence for the office."""
        self.build_story()
        return tuple(self._problems)

    def render(self) -> bytes:
        """The PDF.

        Raises:
            TemplateError: the wording or a merge field needs attention.
            UnprintableText: a field holds characters no bundled font has.
            MissingResource: the logo (or a font) could not be read.
            LetterNotAllowed: the policy does not allow this document for this incident.
        """
        story = self.build_story()
        header = self.continuation_header()
        self.raise_problems()
        return build_pdf([story], self.pdf_info(), headers=[header])

    def pdf_info(self) -> PdfInfo:
        return PdfInfo(self.pdf_title(), self.school.name, self.title)

    def build_story(self) -> list[Flowable]:
        """The story, with problems collected (not raised) in ``self._problems``."""
        self.fonts.ensure()
        self._problems = []
        self._unprintable = {}
        return self.story()

    def raise_problems(self) -> None:
        """Raise the first kind of problem found by ``build_story()``, if any."""
        unprintable = {e.problem for e in self._unprintable.values()}
        others = [p for p in self._problems if p not in unprintable]
        if others:
            raise TemplateError(others)
        if self._unprintable:
            raise next(iter(self._unprintable.values()))

    # -- helpers for stories --------------------------------------------------------------

    def report(self, problem: TemplateProblem) -> None:
        self._problems.append(problem)

    def check_printable(self, text: str, field: str, label: str = "") -> bool:
        """Record an UnprintableText problem for ``field`` if ``text`` cannot all print
        (only where the document refuses unprintable text)."""
        missing = uncovered_characters(text, self.fonts)
        if not missing:
            return True
        if self.refuses_unprintable and field not in self._unprintable:
            error = UnprintableText(field, missing, label)
            self._unprintable[field] = error
            self.report(error.problem)
        return False

    def safe(
        self, text: str, field: str, style: str = "body", label: str = "", width: float = 0
    ) -> str:
        """Markup for untrusted ``text`` in ``style``, checked for unprintable characters
        (refused, or replaced by a note saying so: see ``refuses_unprintable``).

        ``width`` is the line width when it is narrower than the frame (a table cell).
        """
        if not self.check_printable(text, field, label) and not self.refuses_unprintable:
            text = unprintable_note(uncovered_characters(text, self.fonts))
        st = self.styles[style]
        width = (width or S.FRAME_WIDTH) - st.leftIndent - st.rightIndent
        return markup(text, st.fontName, fonts=self.fonts, width=width, size=st.fontSize)

    def para(self, text: str, style: str = "body", **kw) -> Paragraph:
        """A paragraph of trusted markup written in this package (never user text)."""
        return Para(text, self.styles[style], **kw)

    def user_para(
        self, text: str, field: str, style: str = "body", label: str = "", width: float = 0
    ) -> Paragraph:
        para = Para(self.safe(text, field, style, label, width), self.styles[style])
        para.field = (field, label)  # named if it cannot be laid out (pages.build_pdf)
        return para

    def plain(self, text: str, style: str = "body") -> Paragraph:
        """Fixed text from this package or the policy, escaped all the same."""
        st = self.styles[style]
        return Para(markup(text, st.fontName, fonts=self.fonts), st)

    def letterhead(self) -> list[Flowable]:
        """School name and address, with the logo on the right when there is one."""
        name = self.user_para(self.school.name, "school_name", "school_name", "the school's name")
        lines = [self.school.address]
        contact = " · ".join(part for part in (
            self.school.phone, self.school.email, self.school.website) if part)
        if contact:
            lines.append(contact)
        address = self.user_para(
            "\n".join(line for line in lines if line.strip()),
            "school_address",
            "school_address",
            "the school's address",
        )
        logo = self._logo()
        logo_width = LOGO_MAX_WIDTH + 4 * mm if logo else 0
        # Placed exactly where a one-row table without padding put it (see layout.Columns).
        head = Columns(
            [[name, Spacer(1, 2), address], [logo] if logo else []],
            [S.FRAME_WIDTH - logo_width, logo_width],
            align=["LEFT", "RIGHT"],
            tallest=S.FRAME_HEIGHT,
        )
        rule = HRFlowable(width="100%", thickness=0.8, color=S.RULE, spaceBefore=5, spaceAfter=0)
        return [head, rule, Spacer(1, 8 * mm)]

    def _logo(self) -> Image | None:
        path = self.school.logo_path
        if path is None or str(path) == "":
            return None
        try:
            return scaled_image(Path(path), LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT)
        except MissingResource as exc:
            self.report(TemplateProblem("logo_path", f"The school logo cannot be used: {exc}"))
            return None

    def table(self, rows: Iterable[list], col_widths: list[float], header: bool = True) -> Table:
        """A plain ruled table in the house style."""
        table = RunOnTable(
            list(rows), colWidths=col_widths, repeatRows=1 if header else 0,
            tallest=S.FRAME_HEIGHT,
        )
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, S.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), S.SHADE))
        table.setStyle(TableStyle(commands))
        return table


def scaled_image(path: Path, max_width: float, max_height: float) -> Image:
    """An Image flowable fitted inside the box, keeping its proportions.

    Raises:
        MissingResource: the file is missing or is not an image ReportLab can read.
    """
    try:
        with PILImage.open(path) as picture:
            width, height = picture.size
    except (OSError, ValueError, PILImage.DecompressionBombError) as exc:
        raise MissingResource(f"{path.name} could not be read as an image ({exc}).") from exc
    if width <= 0 or height <= 0:
        raise MissingResource(f"{path.name} has no size.")
    scale = min(max_width / width, max_height / height)
    return Image(str(path), width=width * scale, height=height * scale)
