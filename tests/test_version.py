"""One version everywhere: avenue_desk.__version__ is the one place, and pyproject.toml,
`avenue-desk --version`, the About box and the built program all read it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from avenue_desk import __version__
from avenue_desk.policy.changelog import version_key

ROOT = Path(__file__).resolve().parents[1]


def test_the_version_is_semantic():
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    assert version_key(__version__) is not None


def test_pyproject_reads_the_version_from_the_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]  # never written twice
    assert "version" in project["project"]["dynamic"]
    attr = project["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "avenue_desk.__version__"


def test_the_installed_package_says_the_same_version():
    from importlib.metadata import version

    assert version("avenue-desk") == __version__  # pip install -e . reads it from the package


def test_the_command_line_says_the_version(capsys):
    from avenue_desk.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"Avenue Desk {__version__}"


def test_the_about_box_says_the_version(qapp, services):
    from avenue_desk.ui.main_window import MainWindow

    window = MainWindow(services)
    try:
        assert f"<h3>Avenue Desk {__version__}</h3>" in window.about_text()
    finally:
        window.close()
        window.deleteLater()


def test_the_built_program_carries_the_package_and_no_version_of_its_own():
    """build.spec bundles every avenue_desk module, __init__ with its __version__ among
    them, and writes no version of its own that could disagree."""
    source = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert 'collect_submodules("avenue_desk")' in source
    assert "version=" not in source.replace(" ", "")
    assert not re.search(r"\b\d+\.\d+\.\d+\b", source)
    assert '(str(root / "CHANGELOG.md"), ".")' in source  # for What's new
