"""Reading CHANGELOG.md into versions, and choosing those newer than the one last used."""

from __future__ import annotations

from pathlib import Path

from avenue_desk import __version__
from avenue_desk.policy.changelog import newer_than, releases, version_key

ROOT = Path(__file__).resolve().parents[2]

SAMPLE = """# Changelog

Some words about the format.

## [Unreleased]

- Not out yet.

## [0.10.0] - 2026-12-07

### Added

- Ten.

## [0.9.0] - 2026-12-06

### Fixed

- Nine.

## [0.2.0] - 2026-11-21

- Two.

[0.10.0]: https://example.org/0.10.0
"""


def test_each_released_version_is_read_with_its_date_and_text_newest_first():
    found = releases(SAMPLE)
    assert [(r.version, r.date) for r in found] == [
        ("0.10.0", "2026-12-07"), ("0.9.0", "2026-12-06"), ("0.2.0", "2026-11-21")]
    assert found[0].body == "### Added\n\n- Ten."
    assert found[2].body == "- Two."  # the link definitions at the foot are not part of it


def test_versions_compare_as_numbers_not_as_text():
    assert version_key("0.10.0") > version_key("0.9.0")
    assert version_key("Unreleased") is None


def test_only_the_versions_after_the_one_last_used_are_new():
    assert [r.version for r in newer_than(SAMPLE, "0.2.0")] == ["0.10.0", "0.9.0"]
    assert [r.version for r in newer_than(SAMPLE, "0.9.0")] == ["0.10.0"]
    assert newer_than(SAMPLE, "0.10.0") == []
    assert newer_than(SAMPLE, "0.11.0") == []  # an older program again: nothing new
    assert len(newer_than(SAMPLE, None)) == 3


def test_the_changelog_covers_every_part_up_to_this_version():
    """Parts 1–15, one version each, newest first and this version on top, every one dated
    and with something under it in Keep a Changelog's own sections."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    found = releases(text)
    assert [r.version for r in found] == [f"0.{minor}.0" for minor in range(15, 0, -1)]
    assert found[0].version == __version__
    kinds = ("### Added", "### Changed", "### Deprecated", "### Removed", "### Fixed",
             "### Security")
    for release in found:
        assert len(release.date) == 10 and release.date.startswith("2026-")
        sections = [line for line in release.body.splitlines() if line.startswith("###")]
        assert sections and all(section in kinds for section in sections)
        assert "- " in release.body
    assert [r.date for r in found] == sorted((r.date for r in found), reverse=True)
