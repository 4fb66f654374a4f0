"""Where Avenue Desk keeps its data, and where its bundled resources are.

Nothing here touches the disk at import time; `AppPaths.resolve()` is called by
``cli/parser.py`` with the command-line options and environment it was given.
"""

from __future__ import annotations

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
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resource_path(*parts: str) -> Path:
    """A file under resources/, inside a PyInstaller bundle or a source checkout."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    root = Path(bundle_root) if bundle_root else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)


def forms_path(*parts: str) -> Path:
    bundle_root = getattr(sys, "_MEIPASS", None)
    root = Path(bundle_root) if bundle_root else Path(__file__).resolve().parent.parent
    return root.joinpath("forms", *parts)
