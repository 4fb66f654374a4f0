"""Reading the words off a screenshot (issue 14, item 7): a *proposal* for an incident's
excerpt, which the person at the desk checks against the picture and corrects before
anything is kept. The excerpt must be exactly what was posted, and the engine gets accents,
emoji and the odd word wrong (docs/performance.md: 97.9% of characters right on average,
8 screenshots in 50 read exactly), so nothing read here is ever saved by itself.

The engine is Tesseract, run as its own program: no shell, one thread, English, a time
limit, and stopped at once when the person presses Cancel. Not pytesseract: that package
is a thin wrapper that runs the same program the same way, so it would add a dependency
and nothing else; the engine itself is a system install either way (the UB Mannheim
installer on Windows, ``apt-get install tesseract-ocr`` on Linux). It is optional: without
it the app says how to add it, and everything else works as before.

It reads only a file on this computer (the evidence's read-only viewing copy), never
anything from the network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from avenue_desk.services.core.errors import Cancelled, ServiceError

TIMEOUT_S = 60.0  # a phone screenshot takes about half a second; a huge picture, longer
POLL_S = 0.1  # how often a running read looks at Cancel
LANGUAGE = "eng"
# Automatic page layout (Tesseract's own default): the account name and time above a post,
# and the reactions below it, come back as paragraphs of their own, easy to delete.
PAGE_LAYOUT = "3"

ENGINE_MISSING = (
    "Reading the words off a screenshot needs the free Tesseract OCR engine, which is not "
    "installed on this computer. On Windows, install it with the UB Mannheim installer "
    "(search for “Tesseract UB Mannheim”; keep the English language data ticked). On "
    "Linux: sudo apt-get install tesseract-ocr. Then try again; everything else in Avenue "
    "Desk works without it.")
NO_ENGLISH = (
    "The Tesseract OCR engine is installed without its English language data, so it cannot "
    "read this screenshot. Install it again with English ticked (Windows), or: sudo "
    "apt-get install tesseract-ocr-eng (Linux).")
UNREADABLE = ("The OCR engine could not read this picture. Type the excerpt from the "
              "screenshot instead (Open shows it).")
TOO_SLOW = ("Reading this picture took more than {seconds:.0f} seconds, so it was stopped. "
            "Crop the screenshot to the post and add the cropped copy, or type the excerpt.")
CANCELLED = "Cancelled: no words were read, and the excerpt is as it was."


class OcrUnavailable(ServiceError):
    """The engine is not installed (or cannot run here): the message says how to add it."""


def _windows_places() -> list[Path]:
    """Where the UB Mannheim installer puts the program: for everyone, or for one person.
    It does not add itself to PATH unless asked, so these are looked at too."""
    places = []
    for variable, tail in (("ProgramFiles", "Tesseract-OCR"),
                           ("ProgramFiles(x86)", "Tesseract-OCR"),
                           ("LOCALAPPDATA", "Programs/Tesseract-OCR")):
        root = os.environ.get(variable)
        if root:
            places.append(Path(root) / tail / "tesseract.exe")
    return places


def find_engine() -> Path | None:
    """The Tesseract program on this computer, or None."""
    found = shutil.which("tesseract")
    if found:
        return Path(found)
    if sys.platform == "win32":
        return next((place for place in _windows_places() if place.is_file()), None)
    return None


def tidy(read: str) -> str:
    """The engine's text as a proposal: its lines as read (a person decides which breaks
    were the poster's and which the phone's), with trailing spaces, the page-end character
    and runs of blank lines taken out. No letter is changed."""
    lines = [line.rstrip() for line in read.replace("\f", "\n").splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def join_lines(text: str) -> str:
    """Lines within each paragraph joined with a space: a post wrapped by the phone's
    screen width, put back on one line. Paragraphs (blank lines) are kept."""
    paragraphs = re.split(r"\n\s*\n", text)
    return "\n\n".join(" ".join(line.strip() for line in paragraph.splitlines()
                                if line.strip()) for paragraph in paragraphs).strip()


class ScreenshotReader:
    """The engine adapter. ``executable`` names the program to run (found on this computer
    when not given); a path where there is no program makes every read say how to add it."""

    def __init__(self, executable: str | Path | None = None, timeout_s: float = TIMEOUT_S):
        self._executable = Path(executable) if executable is not None else None
        self._timeout_s = timeout_s

    def engine(self) -> Path | None:
        """The program that will be run, or None when there is none (looked for each time:
        installed while the app is open, it is used at the next try)."""
        if self._executable is not None:
            return self._executable if self._executable.is_file() else None
        return find_engine()

    def require(self) -> Path:
        """The program, or OcrUnavailable saying how to add it."""
        engine = self.engine()
        if engine is None:
            raise OcrUnavailable(ENGINE_MISSING)
        return engine

    def read(self, picture: Path, cancelled: Callable[[], bool] = lambda: False) -> str:
        """The words on ``picture`` as a proposal (``tidy``). Raises OcrUnavailable when
        there is no engine, Cancelled when ``cancelled()`` turns true meanwhile, and a
        ServiceError worded for the desk when the picture cannot be read."""
        engine = self.require()
        # One thread: the office's computer stays responsive while it reads.
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        command = [str(engine), str(picture), "stdout", "-l", LANGUAGE, "--psm", PAGE_LAYOUT]
        try:
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, env=env,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))  # no console flash
        except OSError as error:  # not a program, not allowed to run, wrong architecture
            raise OcrUnavailable(f"{ENGINE_MISSING} ({engine} could not be run: "
                                 f"{error.strerror or error}.)") from error
        out, err = self._wait(process, cancelled)
        if process.returncode != 0:
            message = err.decode("utf-8", "replace")
            if "Failed loading language" in message or "Error opening data file" in message:
                raise OcrUnavailable(NO_ENGLISH)
            raise ServiceError(UNREADABLE)
        return tidy(out.decode("utf-8", "replace"))

    def _wait(self, process: subprocess.Popen, cancelled: Callable[[], bool]):
        deadline = time.monotonic() + self._timeout_s
        while True:
            if cancelled():
                stop = Cancelled(CANCELLED)
            elif time.monotonic() > deadline:
                stop = ServiceError(TOO_SLOW.format(seconds=self._timeout_s))
            else:
                try:
                    return process.communicate(timeout=POLL_S)
                except subprocess.TimeoutExpired:
                    continue
            process.kill()
            process.communicate()  # reaped, its pipes closed
            raise stop
