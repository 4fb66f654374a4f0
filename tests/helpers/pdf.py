"""A PDF read back as text, as pypdf extracts it."""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, as pypdf extracts it."""
    assert pdf.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    """All pages' text, NFKC-normalised and with runs of whitespace made single spaces.

    NFKC folds Arabic presentation forms (what the PDF holds after shaping) back to the
    letters the user typed; pypdf already puts right-to-left runs back in logical order.
    Whitespace is squeezed because a name may wrap at the end of a line.
    """
    return squeeze("\n".join(pdf_pages(pdf)))


def squeeze(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())
