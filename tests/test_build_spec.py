"""build.spec stays a valid Python file naming what the bundle needs."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_build_spec_parses_and_ships_resources_forms_and_migrations():
    source = (ROOT / "build.spec").read_text()
    ast.parse(source)
    for needed in ('"resources"', '"forms"', '"migrations"', "COLLECT(", "__main__.py"):
        assert needed in source


def test_build_spec_ships_the_user_guide_the_help_window_shows():
    """Help ▸ User guide (F1) reads docs/ through avenue_desk.paths.docs_path: the bundle
    keeps the guide's pages and pictures under the same names."""
    source = (ROOT / "build.spec").read_text()
    for needed in ('"user-guide.md"), "docs")', '"guide"), "docs/guide")',
                   '"images"), "docs/images")'):
        assert needed in source
