"""What a file really is, judged by its first bytes rather than its name."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileKind:
    media_type: str
    extension: str
    label: str

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")


PNG = FileKind("image/png", ".png", "PNG image")
JPEG = FileKind("image/jpeg", ".jpg", "JPEG image")
GIF = FileKind("image/gif", ".gif", "GIF image")
WEBP = FileKind("image/webp", ".webp", "WebP image")
BMP = FileKind("image/bmp", ".bmp", "BMP image")
PDF = FileKind("application/pdf", ".pdf", "PDF document")
HTML = FileKind("text/html", ".html", "saved web page")
MHTML = FileKind("multipart/related", ".mhtml", "saved web page (MHTML)")

ACCEPTED_DESCRIPTION = (
    "a screenshot or photo (PNG, JPEG, GIF, WebP, BMP), a PDF, or a saved web page"
)


def sniff(head: bytes) -> FileKind | None:
    """The kind of file whose first bytes are ``head`` (give at least 512), or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:2] == b"BM" and len(head) > 14:
        return BMP
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"%PDF-":
        return PDF
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")):
        return HTML
    if b"mime-version:" in text[:300] and b"multipart/related" in text:
        return MHTML
    return None
