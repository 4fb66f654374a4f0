"""The plain copies an encrypted school cannot do without, removed as soon as they can be.

Another program (a PDF viewer, an image viewer) cannot open a sealed file, so opening a
letter or a screenshot makes a plain, read-only copy inside the data folder: ``viewing``
(copies opened in another program), ``evidence-cache`` (the evidence store's opened
copies, for thumbnails and the police pack) and ``incoming`` (a pasted picture on its way
in). At a plain school they are kept for a day, as before. At an encrypted school they are
the only plain copies of its records on the disk, so the window clears them when it
closes, and again when it next opens (a copy still open in a viewer on Windows cannot be
removed at once; a crash leaves them too).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from avenue_desk.paths import AppPaths

PLAIN_COPY_FOLDERS = ("viewing", "evidence-cache", "incoming")


def clear_plain_copies(paths: AppPaths) -> list[Path]:
    """Removes every file in those folders; returns those that could not be removed (open
    in another program on Windows, say): they go at the next opening or closing."""
    left: list[Path] = []
    for name in PLAIN_COPY_FOLDERS:
        folder = paths.data_dir / name
        if not folder.is_dir():
            continue
        for item in sorted(folder.rglob("*"), reverse=True):  # files before their folders
            try:
                if item.is_dir() and not item.is_symlink():
                    item.rmdir()
                else:
                    os.chmod(item, 0o600)  # read-only copies, as viewing copies are made
                    item.unlink()
            except OSError:
                left.append(item)
        if not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
    return left
