"""Writing files so that a crash or a power cut never leaves half of one behind.

Everything the app writes outside the database (PDFs, CSVs, backups, the lock and restore
notes) goes to a temporary file beside the target, is flushed to the disk, and is then
renamed over the target in one step: afterwards the file is either the old one or the new
one, never a mixture.

And everything written is private to the computer account that writes it (0700 folders,
0600 files on Linux and macOS, whatever the umask): ``private_folder`` for every folder the
app makes, ``open_private`` or ``private_copy`` for every file that is not written through
``atomic_output`` (whose temporary file is already 0600 and keeps it when renamed). The
primitives live in avenue_desk/paths.py, which the store's copies use too.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from avenue_desk.paths import (  # noqa: F401 - the services' one way to these
    PRIVATE_FILE,
    PRIVATE_FOLDER,
    keep_private,
    make_private_folder,
    open_private,
)

CHUNK = 1 << 20
PART_SUFFIX = ".part"  # every half-written file's name ends so (see safety/leftovers.py)


def private_folder(folder: str | os.PathLike) -> Path:
    """The folder, made (with any missing parents) for this computer account only."""
    return make_private_folder(folder)


def private_copy(source: str | os.PathLike, target: str | os.PathLike) -> Path:
    """Copies ``source``'s bytes to ``target``, a file that is 0600 before any is written
    (``shutil.copyfile`` would make it 0644 under the usual umask)."""
    with open(source, "rb") as reading, open_private(target) as writing:
        shutil.copyfileobj(reading, writing, CHUNK)
    return Path(target)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def fsync_folder(folder: Path) -> None:
    """Makes a rename inside ``folder`` durable (POSIX; Windows has no such call)."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some network and FAT file systems refuse: the rename still happened
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file handle whose contents replace ``path`` only if the block succeeds.

    On any error (or cancel) the temporary file is removed and ``path`` is untouched.
    """
    target = Path(path)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                     suffix=PART_SUFFIX)  # made 0600
    temp = Path(temp_name)
    try:
        hold_while_writing(fd)
        with open(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
        fsync_folder(target.parent)
    finally:
        temp.unlink(missing_ok=True)


def hold_while_writing(fd: int) -> None:
    """Locks a half-written file for as long as it is open, so that the tidying at the next
    start (safety/leftovers.py) can tell one being written now from one a killed process
    left (POSIX; on Windows an open file cannot be deleted anyway)."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        pass  # a file system without locks: the file is written all the same


def in_use(path: Path) -> bool:
    """Whether another process holds ``path`` open for writing under
    ``hold_while_writing`` (always False on Windows, where deleting it would fail)."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return False
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # closing lets go of the lock just taken
    return False


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Writes ``data`` to ``path`` all at once, or not at all (flushed to the disk first)."""
    with atomic_output(path) as handle:
        handle.write(data)


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
