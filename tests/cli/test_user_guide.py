"""The user guide in docs/: every link leads somewhere, and every picture in it is one that
``make docs`` draws with ``avenue-desk screenshot`` (so none can be a hand-made, stale one)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from avenue_desk.cli.parser import SCREENS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GUIDE_PAGES = [DOCS / "user-guide.md", *sorted((DOCS / "guide").glob("*.md"))]
LINK = re.compile(r"\]\(([^)#\s]+)(#[^)\s]*)?\)")


def _docs_screens() -> list[str]:
    """The DOCS_SCREENS list from the Makefile (continued over backslashed lines)."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^DOCS_SCREENS :=((?:.*\\\n)*.*)$", text, re.MULTILINE)
    assert match, "the Makefile has no DOCS_SCREENS list"
    return match.group(1).replace("\\\n", " ").split()


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors for the page's headings: lower case, punctuation dropped."""
    anchors = set()
    for heading in re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        anchors.add("#" + slug)
    return anchors


@pytest.mark.parametrize("page", GUIDE_PAGES, ids=lambda p: p.name)
def test_every_link_in_the_guide_leads_somewhere(page):
    text = page.read_text(encoding="utf-8")
    for target, anchor in LINK.findall(text):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        linked = (page.parent / target).resolve()
        assert linked.exists(), f"{page.name} links to {target}, which is not there"
        if anchor and linked.suffix == ".md":
            assert anchor in _anchors(linked), f"{page.name}: no heading for {target}{anchor}"
    for anchor in re.findall(r"\]\((#[^)\s]+)\)", text):
        assert anchor in _anchors(page), f"{page.name}: no heading for {anchor}"


def test_every_picture_is_drawn_by_the_screenshot_command():
    screens = _docs_screens()
    assert set(screens) <= set(SCREENS), "make docs asks for a screen the command lacks"
    pictures = set()
    for page in GUIDE_PAGES:
        for target in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            pictures.add((page.parent / target).resolve())
    drawn = {(DOCS / "images" / f"{screen}.png").resolve() for screen in screens}
    # make docs also prints one of the demo's letters and draws its first page.
    assert "docs/images/letter.png" in (ROOT / "Makefile").read_text(encoding="utf-8")
    drawn.add((DOCS / "images" / "letter.png").resolve())
    assert pictures, "the guide shows no screens at all"
    assert pictures <= drawn, f"pictures not made by make docs: {sorted(pictures - drawn)}"
    assert {p.name for p in (DOCS / "images").glob("*.png")} <= {p.name for p in drawn}
    assert drawn <= pictures, f"drawn but shown nowhere in the guide: {sorted(drawn - pictures)}"


@pytest.mark.parametrize(("page", "heading", "screen"), [
    ("user-guide.md", "Getting help", "help"),
    ("user-guide.md", "Importing people from your MIS", "people-import"),
    ("guide/escalating-and-letters.md", "Correcting or withdrawing a step", "step-correct"),
    ("guide/governors.md", "Recording the policy's review", "policy-review"),
    ("guide/chronologies-and-accounts.md", "A person's chronology", "chronology"),
    ("guide/chronologies-and-accounts.md", "Social media accounts", "social-accounts"),
    ("guide/chronologies-and-accounts.md", "Course of conduct", "course-of-conduct"),
    ("guide/evidence-and-platform-reports.md", "What was captured, where and by whom",
     "evidence-capture"),
    ("guide/evidence-and-platform-reports.md", "Reports to the platform", "platform-reports"),
])
def test_the_newer_screens_are_shown_in_the_sections_that_describe_them(page, heading, screen):
    text = (DOCS / page).read_text(encoding="utf-8")
    section = re.split(r"^#+ .+$", text.split(f" {heading}\n", 1)[1], flags=re.MULTILINE)[0]
    pictures = re.findall(r"!\[([^\]]+)\]\(([^)\s]+)\)", section)
    assert [Path(target).name for _alt, target in pictures] == [f"{screen}.png"]
    assert all(len(alt.split()) >= 4 for alt, _target in pictures)  # says what it shows
