"""One Avenue Desk per data folder.

The lock is a file in the data folder, ``avenue-desk.lock``, locked by the operating system
(``fcntl.flock`` on Linux and macOS, ``msvcrt.locking`` on Windows) for as long as the app
has the folder open. The operating system lets go of such a lock when the process ends,
however it ends, so a crash or a kill never leaves the folder locked. The file also says who
holds it (computer, process, since when), so that a second copy can say where the first is.

When the lock is free but the file still names an owner, that owner died without tidying
up: the lock is stale, and it is taken over (``InstanceLock.stale`` tells who it was).
"""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from avenue_desk.paths import PRIVATE_FILE, make_private_folder
from avenue_desk.services.core.errors import ServiceError

LOCK_FILE = "avenue-desk.lock"
_WINDOWS_LOCK_OFFSET = 1 << 30  # lock a byte far past the text, which stays readable


@dataclass(frozen=True)
class LockOwner:
    pid: int
    host: str
    started_at: datetime  # local time, with its offset

    def since(self, today=None) -> str:
        local = self.started_at.astimezone()
        today = today or datetime.now().astimezone().date()
        if local.date() == today:
            return local.strftime("%H:%M")
        return local.strftime("%d/%m/%Y %H:%M")


class AlreadyOpen(ServiceError):
    def __init__(self, owner: LockOwner | None, data_dir: Path):
        self.owner = owner
        self.data_dir = data_dir
        if owner is None:
            text = ("Avenue Desk is already open with this data folder, on this computer or "
                    "another one.")
        elif owner.host == socket.gethostname():
            text = f"Avenue Desk is already open on this computer (since {owner.since()})."
        else:
            text = f"Avenue Desk is already open on the computer “{owner.host}” " \
                   f"(since {owner.since()}), using this data folder."
        super().__init__(
            f"{text}\n\nOnly one copy can use a data folder at a time, so that records are "
            f"never saved over each other. Switch to the open window (it may be minimised), "
            f"or close it there and try again.\n\nData folder: {data_dir}")


def without_window_text(refusal: AlreadyOpen, answered: bool) -> str:
    """What to say when the copy holding the folder shows no window to switch to:
    ``answered`` it has none on screen, else it did not answer at all."""
    owner = refusal.owner
    if owner is not None and owner.host != socket.gethostname() and not answered:
        return str(refusal)  # on another computer: its window is there, not here
    state = ("but none of its windows is on the screen" if answered else
             "but it is not answering")
    if owner is None:
        where = ("Avenue Desk already has this data folder open, on this computer or "
                 f"another one, {state} here.")
        end = "If it is open on another computer, close it there. If not, end Avenue Desk"
    else:
        where = f"Avenue Desk is already open on this computer (since {owner.since()}), " \
                f"{state}."
        end = f"To get back in, end it (process {owner.pid}, named python or Avenue Desk)"
    return (f"{where}\n\n{end} in Task Manager (or System Monitor), then start Avenue "
            f"Desk again. Anything already saved is kept.\n\nData folder: "
            f"{refusal.data_dir}")


class InstanceLock:
    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / LOCK_FILE
        self.stale: LockOwner | None = None  # set by acquire() when a dead owner's was cleared
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> InstanceLock:
        """Takes the lock, or raises ``AlreadyOpen`` naming who has it."""
        if self._fd is not None:
            return self
        make_private_folder(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        try:
            if not _try_lock(fd):
                raise AlreadyOpen(_owner_in(fd), self.path.parent)
            self.stale = _owner_in(fd)
            me = {"pid": os.getpid(), "host": socket.gethostname(),
                  "started_at": datetime.now().astimezone().isoformat(timespec="seconds")}
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, json.dumps(me).encode("utf-8"))
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def release(self) -> None:
        """Lets go; the emptied file tells the next one that nobody died holding it."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        finally:
            _unlock(fd)
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def read_owner(data_dir: Path) -> LockOwner | None:
    """Who the lock file names (which may be stale); None if nobody."""
    try:
        fd = os.open(Path(data_dir) / LOCK_FILE, os.O_RDONLY)
    except OSError:
        return None
    try:
        return _owner_in(fd)
    finally:
        os.close(fd)


def _owner_in(fd: int) -> LockOwner | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode("utf-8"))
        return LockOwner(int(data["pid"]), str(data["host"]),
                         datetime.fromisoformat(data["started_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


if sys.platform == "win32":  # pragma: no cover - Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError:  # pragma: no cover - a file system with no locks at all
            return True  # (rare network shares): the owner's note is all there is
        return True

    def _unlock(fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        except OSError:  # pragma: no cover
            pass
