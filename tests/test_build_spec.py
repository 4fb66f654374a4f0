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
