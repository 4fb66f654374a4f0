"""A small grey mock of a social media post as a PNG, made with zlib and struct alone.

Stands in for a screenshot in the demo, so the incident editor has thumbnails to show.
"""

from __future__ import annotations

import random
import struct
import zlib

BACKGROUND = (236, 238, 241)
CARD = (255, 255, 255)
AVATAR = (176, 184, 196)
TEXT = (96, 104, 116)
FAINT = (208, 213, 220)
# The header band roughly in the site's colour, so thumbnails tell platforms apart.
HEADERS = {"facebook": (66, 103, 178), "whatsapp": (37, 211, 102), "instagram": (193, 53, 132),
           "x_twitter": (40, 40, 40), "tiktok": (238, 29, 82), "youtube": (230, 33, 23),
           "school_forum": (46, 110, 90)}
OTHER_HEADER = (120, 120, 120)


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def encode_png(width: int, height: int, rows: list[bytearray]) -> bytes:
    """An 8-bit RGB PNG from ``height`` rows of ``width * 3`` bytes."""
    raw = b"".join(b"\x00" + bytes(row) for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b""))


class _Canvas:
    def __init__(self, width: int, height: int, colour: tuple[int, int, int]):
        self.width, self.height = width, height
        self.rows = [bytearray(bytes(colour) * width) for _ in range(height)]

    def rect(self, x0: int, y0: int, x1: int, y1: int, colour: tuple[int, int, int]) -> None:
        x0, x1 = max(0, x0), min(self.width, x1)
        span = bytes(colour) * (x1 - x0)
        for y in range(max(0, y0), min(self.height, y1)):
            self.rows[y][x0 * 3 : x1 * 3] = span

    def disc(self, cx: int, cy: int, r: int, colour: tuple[int, int, int]) -> None:
        for dy in range(-r, r + 1):
            half = int((r * r - dy * dy) ** 0.5)
            self.rect(cx - half, cy + dy, cx + half + 1, cy + dy + 1, colour)


def mock_post_png(rng: random.Random, platform: str = "", width: int = 480,
                  height: int = 320) -> bytes:
    """A made-up post: header band, avatar, a few lines of 'text', reactions underneath."""
    canvas = _Canvas(width, height, BACKGROUND)
    canvas.rect(0, 0, width, 28, HEADERS.get(platform, OTHER_HEADER))
    canvas.rect(20, 44, width - 20, height - 16, CARD)
    canvas.disc(52, 78, 18, AVATAR)
    canvas.rect(80, 66, 80 + rng.randint(90, 170), 76, TEXT)
    canvas.rect(80, 84, 80 + rng.randint(50, 90), 90, FAINT)
    y = 116
    for _ in range(rng.randint(3, 6)):
        canvas.rect(36, y, 36 + rng.randint(180, width - 80), y + 9, TEXT)
        y += 20
    canvas.rect(36, height - 52, width - 36, height - 51, FAINT)
    for i in range(3):
        canvas.rect(36 + i * 90, height - 40, 36 + i * 90 + rng.randint(40, 70), height - 32,
                    FAINT)
    return encode_png(width, height, canvas.rows)
