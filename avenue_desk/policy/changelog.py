"""Reading CHANGELOG.md (Keep a Changelog style) into its versions, for What's new.

Each version starts with a heading like ``## [0.15.0] - 2026-12-07`` and runs to the next
one. An ``## [Unreleased]`` section is skipped, because nobody has that version yet.
Text only: the window finds the file and shows what this returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\](?:\s*-\s*(?P<date>\S+))?\s*$")
_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


@dataclass(frozen=True)
class Release:
    version: str
    date: str  # as written, e.g. "2026-12-07"; "" when the heading has none
    body: str  # the markdown under the heading: its ### sections and bullets


def version_key(version: str) -> tuple[int, int, int] | None:
    """``"0.14.0"`` as ``(0, 14, 0)``, so that versions compare as numbers (0.9 < 0.10).
    None for anything that is not a plain major.minor.patch."""
    found = _VERSION.match(version.strip())
    return tuple(int(part) for part in found.groups()) if found else None


def releases(text: str) -> list[Release]:
    """Every released version in the changelog, in the order written (newest first)."""
    found: list[Release] = []
    version = date = None
    lines: list[str] = []

    def close() -> None:
        if version is not None and version_key(version) is not None:
            found.append(Release(version, date or "", "\n".join(lines).strip()))

    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            close()
            version, date, lines = heading["version"], heading["date"], []
        elif line.startswith("## ") or re.match(r"^\[[^\]]+\]:\s", line):
            # Another level-two heading, or a link definition at the foot, ends the entry.
            close()
            version, lines = None, []
        elif version is not None:
            lines.append(line)
    close()
    return found


def newer_than(text: str, seen: str | None) -> list[Release]:
    """The released versions after ``seen`` (the version this person last used), newest
    first. Every release when ``seen`` is None or cannot be read."""
    all_releases = releases(text)
    floor = version_key(seen) if seen else None
    if floor is None:
        return all_releases
    return [release for release in all_releases if version_key(release.version) > floor]

