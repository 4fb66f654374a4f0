"""The OCR engine's tests: screenshots of posts with known words, drawn by the benchmark's
generator (benchmarks/ocr_screenshots.py), and the mark for tests that need the engine."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from benchmarks.ocr_screenshots import accuracy, draw, post_text, the_post

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="the optional OCR engine is not installed here (apt-get install tesseract-ocr; "
    "`make test` installs it)")


def post_screenshot(path: Path, seed: int = 2021) -> str:
    """A phone-sized screenshot of a post at ``path``; returns the post's words."""
    rng = random.Random(seed)
    text = post_text(rng)
    draw(text, rng, path)
    return text


def post_accuracy(truth: str, read: str) -> float:
    """The share of the post's characters read right (the benchmark's measure), over the
    lines from its first word to the reactions."""
    return accuracy(truth, the_post(read, truth.split()[0]))
