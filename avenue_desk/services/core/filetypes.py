"""What a file really is, judged by its first bytes rather than its name."""

from __future__ import annotations

import re
import struct
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
    """The kind of file whose first bytes are ``head`` (give at least 512; a saved page in
    one MHTML file may need 4096 to show its headers), or None.

    A picture's first bytes must be a whole, sensible header, not just its two- or
    four-letter mark: a text file that happens to start "BM" is not a BMP."""
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[8:16] == b"\x00\x00\x00\x0dIHDR":
        return PNG
    if head.startswith(b"\xff\xd8\xff") and len(head) > 3 and 0xC0 <= head[3] <= 0xFE:
        return JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP" and head[12:16] in _WEBP_CHUNKS:
        return WEBP
    if _is_bmp(head):
        return BMP
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _PDF_MARK.match(text):
        return PDF
    if not _is_plain_bytes(head):
        return None  # a web page is text: a program or archive that starts "<html" is not
    if _HTML_START.match(text):
        return HTML
    if _is_mhtml(text):
        return MHTML
    return None


# "%PDF-1.7", "%PDF-2.0": the version is part of the mark.
_PDF_MARK = re.compile(rb"%PDF-[12]\.\d")
# A saved page opens with its doctype or <html> tag, perhaps after comments (browsers
# write "<!-- saved from url=(0042)https://… -->" first) and, for a page that leaves out
# <html>, with its <head>.
_HTML_START = re.compile(rb"(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)[\s>]",
                         re.IGNORECASE | re.DOTALL)
_HEADER_LINE = re.compile(rb"[A-Za-z0-9-]+:")


def _is_plain_bytes(head: bytes) -> bool:
    """No byte a text file never holds (NUL and other control characters but tab, line
    ends and form feed), whatever the page's character set."""
    return not any(b < 0x20 and b not in b"\t\n\r\f" or b == 0x7F for b in head)


def _is_mhtml(text: bytes) -> bool:
    """An e-mail style header block (as Chrome, Edge and Internet Explorer save a page as
    one MHTML file) naming MIME-Version and a multipart/related Content-Type. Its first
    lines can be long (the page's address and title), so the whole head is read."""
    names: dict[bytes, bytes] = {}
    last = b""
    lines = text.replace(b"\r\n", b"\n").split(b"\n")
    for line in lines[:-1]:  # the last may be cut off where the head ends
        if not line.strip():
            break  # the end of the headers
        if line[:1] in (b" ", b"\t") and last:
            names[last] += b" " + line.strip()
        elif _HEADER_LINE.match(line):
            last, _colon, value = line.partition(b":")
            last = last.lower()
            names[last] = value.strip()
        else:
            return False  # not a header: not a saved page
    return b"mime-version" in names and names.get(b"content-type", b"").lower().startswith(
        b"multipart/related")


_WEBP_CHUNKS = (b"VP8 ", b"VP8L", b"VP8X")
# The sizes of the header after a BMP's first 14 bytes, one for each version of the format.
_BMP_HEADER_SIZES = (12, 40, 52, 56, 64, 108, 124)
_BMP_BITS = (1, 4, 8, 16, 24, 32)


def _is_bmp(head: bytes) -> bool:
    """"BM", then a header whose size, pixel offset, planes and bits per pixel all make sense."""
    if head[:2] != b"BM" or len(head) < 30:
        return False
    file_size, pixels_at, header_size = struct.unpack_from("<I4xII", head, 2)
    if header_size not in _BMP_HEADER_SIZES or pixels_at < 14 + header_size:
        return False
    if file_size and pixels_at >= file_size:
        return False
    if header_size == 12:  # the oldest (OS/2) header: 16-bit width and height
        width, height, planes, bits = struct.unpack_from("<HHHH", head, 18)
    else:
        width, height, planes, bits = struct.unpack_from("<iiHH", head, 18)
    return width != 0 and height != 0 and planes == 1 and bits in _BMP_BITS


# What a refused file seems to be, from its first bytes, so the message can say so.
_LOOKS_LIKE = (
    (b"PK\x03\x04", "a ZIP file (or a Word, Excel or PowerPoint document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word or Excel document"),
    (b"{\\rtf", "a Word (RTF) document"),
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a program"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x1f\x8b", "a compressed (gzip) file"),
    (b"ID3", "an MP3 sound file"),
    (b"OggS", "a sound or video file (Ogg)"),
    (b"SQLite format 3\x00", "a database file"),
)


def looks_like(head: bytes) -> str:
    """What a file that is none of the accepted kinds seems to be, in plain words ("a text
    file", "a Windows program"), or "" when nothing about it is recognisable."""
    for mark, words in _LOOKS_LIKE:
        if head.startswith(mark):
            return words
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        return ("an iPhone photo (HEIC)" if brand in (b"heic", b"heix", b"mif1", b"msf1")
                else "a video file")
    if head[:4] == b"RIFF" and head[8:12] in (b"WAVE", b"AVI "):
        return "a sound file (WAV)" if head[8:12] == b"WAVE" else "a video file (AVI)"
    if head and _is_text(head):
        return "a text file"  # even one that starts "BM" like a BMP
    if head.startswith((b"\x89PNG", b"\xff\xd8", b"BM", b"RIFF", b"GIF8")):
        return "a damaged or incomplete picture"
    return ""


def _is_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16, as Notepad saves "Unicode"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:  # not just a character cut off at the end
            return False
        text = head[:error.start].decode("utf-8")
    return all(ch.isprintable() or ch in "\t\r\n\f" for ch in text)
