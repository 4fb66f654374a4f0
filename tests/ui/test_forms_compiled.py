"""The checked-in Python for each Designer form matches its .ui source (run `make forms`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORMS = sorted((ROOT / "forms").glob("*.ui"))


def _code_lines(text: str) -> list[str]:
    # The header names the uic version, which differs between machines; the code must not.
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _uic() -> str:
    found = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent))
    if not found:
        pytest.fail("pyside6-uic is missing from the virtual environment")
    return found


@pytest.mark.parametrize("form", FORMS, ids=[f.stem for f in FORMS])
def test_compiled_form_is_up_to_date(form):
    compiled = ROOT / "avenue_desk" / "ui" / "forms" / f"ui_{form.stem}.py"
    assert compiled.is_file(), f"{compiled.name} is missing: run `make forms`"
    fresh = subprocess.run([_uic(), str(form)], capture_output=True, text=True, check=True)
    assert _code_lines(compiled.read_text()) == _code_lines(fresh.stdout), (
        f"{compiled.name} is stale: run `make forms`"
    )
