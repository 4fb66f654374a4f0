"""``avenue-desk screenshot``: a 1366×768 PNG of a screen, made without a display."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the command must manage without a display by itself
    return subprocess.run(
        [sys.executable, "-m", "avenue_desk", *args], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120,
    )


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("screen", ["home", "incidents", "people", "reports", "settings",
                                    "first-run"])
def test_each_screen_is_a_1366_by_768_png(tmp_path, screen):
    out = tmp_path / f"{screen}.png"
    result = run("--data-dir", str(tmp_path / "data"), "screenshot", screen, "-o", str(out),
                 tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1366, 768)


def test_the_incident_screen_needs_an_incident(tmp_path):
    out = tmp_path / "incident.png"
    result = run("--data-dir", str(tmp_path / "data"), "screenshot", "incident", "-o", str(out),
                 tmp_path=tmp_path)
    assert result.returncode == 1
    assert "no incidents" in result.stderr
    assert not out.exists()


def test_the_smoke_test_opens_and_closes_the_window_on_a_fresh_folder(tmp_path):
    result = run("--data-dir", str(tmp_path / "fresh"), "--smoke-test", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "painted" in result.stderr


def test_the_incident_screen_shows_the_first_incident(tmp_path):
    pytest.importorskip("avenue_desk.ui.dialogs.incident_editor")
    from avenue_desk.paths import AppPaths
    from avenue_desk.services.container import open_services
    from tests.ui.builders import incident

    data = tmp_path / "data"
    with open_services(AppPaths(data)) as services:
        incident(services, summary="Post about the nativity play <b>&amp; “quotes”</b>.")
    out = tmp_path / "incident.png"
    result = run("--data-dir", str(data), "screenshot", "incident", "-o", str(out),
                 tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1366, 768)
