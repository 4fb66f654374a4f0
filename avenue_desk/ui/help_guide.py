"""The user guide as the Help window reads it: its pages in reading order, their headings,
and the anchors the guide's own links use for them.

The guide is docs/user-guide.md and docs/guide/*.md (``paths.docs_path`` finds them in a
source checkout and in the built program). The links inside it are written for GitHub, so
a section's anchor is GitHub's: the heading in lower case, punctuation dropped, spaces as
hyphens ("Signing: the wizard" is ``#signing-the-wizard``). The window gives each heading
that anchor, so the guide's links and the F1 table (``help_topics``) both land on it.

Standard library only: the table's test reads the guide through this module too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from avenue_desk.paths import docs_path

START_PAGE = "user-guide.md"
PAGES_FOLDER = "guide"

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
_EMPHASIS = re.compile(r"[*`]")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class GuidePage:
    """``name`` is the page's path inside docs/, as the links write it ("guide/governors.md")."""

    name: str
    title: str
    headings: tuple[Heading, ...]

    def has_anchor(self, anchor: str) -> bool:
        return any(heading.anchor == anchor for heading in self.headings)


def guide_root() -> Path:
    return docs_path()


def plain_heading(markdown_text: str) -> str:
    """A heading's words as they read on the page: links by their text, no ``*`` or `````."""
    return _EMPHASIS.sub("", _LINK.sub(r"\1", markdown_text)).strip()


def slug(text: str) -> str:
    """GitHub's anchor for a heading (``\\w`` keeps letters of every alphabet)."""
    kept = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return kept.replace(" ", "-")


def anchors_for(texts: list[str]) -> list[str]:
    """Each heading's anchor; a repeated heading gets -1, -2... as on GitHub."""
    seen: dict[str, int] = {}
    anchors = []
    for text in texts:
        base = slug(text)
        count = seen.get(base, 0)
        anchors.append(base if count == 0 else f"{base}-{count}")
        seen[base] = count + 1
    return anchors


def headings_in(markdown: str) -> tuple[Heading, ...]:
    """The ``#`` headings of a page, skipping lines inside ``` code blocks."""
    found: list[tuple[int, str]] = []
    in_code = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            in_code = not in_code
            continue
        match = None if in_code else _HEADING.match(line)
        if match:
            found.append((len(match[1]), plain_heading(match[2])))
    anchors = anchors_for([text for _level, text in found])
    return tuple(Heading(level, text, anchor)
                 for (level, text), anchor in zip(found, anchors, strict=True))


def read_page(root: Path, name: str) -> GuidePage:
    headings = headings_in((root / name).read_text(encoding="utf-8"))
    title = next((h.text for h in headings if h.level == 1), Path(name).stem)
    return GuidePage(name, title, headings)


def page_names(root: Path) -> list[str]:
    """The start page, then the pages of guide/ in the order the start page links to them
    (its contents list), then any it does not link to. Empty when the guide is missing."""
    start = root / START_PAGE
    if not start.is_file():
        return []
    folder = root / PAGES_FOLDER
    present = sorted(f"{PAGES_FOLDER}/{path.name}" for path in folder.glob("*.md")) \
        if folder.is_dir() else []
    linked = []
    for _text, target in _LINK.findall(start.read_text(encoding="utf-8")):
        name = target.split("#", 1)[0]
        if name in present and name not in linked:
            linked.append(name)
    return [START_PAGE, *linked, *(name for name in present if name not in linked)]


def read_guide(root: Path | None = None) -> list[GuidePage]:
    """Every page of the guide, in reading order (an empty list when it cannot be found)."""
    root = guide_root() if root is None else root
    try:
        return [read_page(root, name) for name in page_names(root)]
    except (OSError, UnicodeDecodeError):
        return []


def split_target(target: str) -> tuple[str, str]:
    """``"guide/governors.md#the-policys-review"`` → the page and the anchor ("" for none)."""
    page, _hash, anchor = target.partition("#")
    return page or START_PAGE, anchor
