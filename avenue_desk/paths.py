"""Where Avenue Desk keeps its data, and where its bundled resources are.

Nothing here touches the disk at import time; `AppPaths.resolve()` is called by
``cli/parser.py`` with the command-line options and environment it was given.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Avenue Desk"
DATA_DIR_ENV = "AVENUE_DESK_DATA_DIR"
DATABASE_URL_ENV = "AVENUE_DESK_DATABASE_URL"
DATABASE_FILE = "avenue-desk.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    """The folders of one Avenue Desk data set (the school's, or the demo school's)."""

    data_dir: Path
    database_url_override: str | None = None

    @classmethod
    def resolve(
        cls,
        data_dir: str | os.PathLike | None = None,
        database_url: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> AppPaths:
        """Command-line options win over the environment, which wins over platformdirs."""
        env = os.environ if environ is None else environ
        chosen_dir = data_dir or env.get(DATA_DIR_ENV) or user_data_dir(APP_NAME, appauthor=False)
        url = database_url or env.get(DATABASE_URL_ENV) or None
        return cls(Path(chosen_dir).expanduser().resolve(), url)

    @property
    def database_file(self) -> Path:
        return self.data_dir / DATABASE_FILE

    @property
    def database_url(self) -> str:
        if self.database_url_override:
            return self.database_url_override
        return f"sqlite:///{self.database_file.as_posix()}"

    @property
    def uses_sqlite_file(self) -> bool:
        return self.database_url.startswith("sqlite:///") and ":memory:" not in self.database_url

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "exports"

    def demo(self) -> AppPaths:
        """The demo school lives beside the real data, never inside it, so the two never mix."""
        return AppPaths(self.data_dir.with_name(self.data_dir.name + " (demo)"))

    def ensure(self) -> AppPaths:
        for folder in (self.data_dir, self.evidence_dir, self.backups_dir):
            make_private_folder(folder)
        return self


# --- keeping the records to this computer account -------------------------------------
#
# Every folder and file Avenue Desk makes for the records (the data folder, the database,
# evidence, backups, exports) is for the account that made it only: 0700 and 0600 on Linux
# and macOS, whatever the umask, because they hold pupils' details and password hashes.
# Here, not in services/core/files.py, because ``ensure`` above and the store's database
# copies need them and may import nothing of the services; the services use them through
# services/core/files.py. On Windows a new folder takes its permissions from the folder it
# is in (README.md says how to keep the data folder to the office's accounts).

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
ON_POSIX = os.name == "posix"


def keep_private(path: str | os.PathLike) -> None:
    """Makes a folder 0700 or a file 0600 (POSIX; nothing on Windows). Quietly leaves one
    it may not change (another account's): the health check names it."""
    if not ON_POSIX:
        return
    target = Path(path)
    try:
        os.chmod(target, PRIVATE_FOLDER if target.is_dir() else PRIVATE_FILE)
    except OSError:
        pass


def make_private_folder(folder: str | os.PathLike) -> Path:
    """``mkdir -p`` where every folder made is 0700; folders already there are left as they
    are. Raises FileExistsError if ``folder`` is a file, as ``mkdir`` does."""
    folder = Path(folder)
    missing = []
    current = folder
    while not current.exists() and current.parent != current:
        missing.append(current)
        current = current.parent
    for made in reversed(missing):
        try:
            made.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:
            continue  # made by someone else meanwhile: theirs to keep as it is
        keep_private(made)  # mkdir's mode passes through the umask
    if not folder.is_dir():
        raise FileExistsError(errno.EEXIST, "A file is in the way of a folder", str(folder))
    return folder


def open_private(path: str | os.PathLike):
    """A new binary file for writing (an existing one is emptied), 0600 whatever the
    umask, made so before anything is written to it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                 PRIVATE_FILE)
    if ON_POSIX:
        os.fchmod(fd, PRIVATE_FILE)
    return open(fd, "wb")


def resource_path(*parts: str) -> Path:
    """A file under resources/, inside a PyInstaller bundle or a source checkout."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    root = Path(bundle_root) if bundle_root else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)


def forms_path(*parts: str) -> Path:
    bundle_root = getattr(sys, "_MEIPASS", None)
    root = Path(bundle_root) if bundle_root else Path(__file__).resolve().parent.parent
    return root.joinpath("forms", *parts)


def docs_path(*parts: str) -> Path:
    """A file of the user guide (docs/), which the Help window shows: build.spec bundles
    the guide's pages and pictures under the same names as in a source checkout."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    root = Path(bundle_root) if bundle_root else Path(__file__).resolve().parent.parent
    return root.joinpath("docs", *parts)
