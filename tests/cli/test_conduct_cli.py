"""``avenue-desk conduct register|form`` (run_conduct, called as cli/commands.py will) and the
``screenshot conduct-wizard|conduct-register`` hooks, in a real process."""

from __future__ import annotations

import argparse
import csv
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from avenue_desk.cli.conduct import add_conduct_parser, run_conduct
from avenue_desk.paths import AppPaths
from tests.reports.conftest import pdf_text
from tests.services.account_helpers import HEAD_PASSWORD
from tests.services.account_helpers import open_signed_in as open_services
from tests.services.conduct_helpers import sign, staff

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def password(monkeypatch):
    monkeypatch.setenv("AVENUE_DESK_PASSWORD", HEAD_PASSWORD)


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="avenue-desk")
    parser.add_argument("--user")
    add_conduct_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["--user", "head", *argv])


@pytest.fixture
def data(tmp_path) -> AppPaths:
    paths = AppPaths(tmp_path / "data")
    with open_services(paths) as services:
        sign(services, staff(services, "Łucja Wróbel"))
        staff(services, "王小明", "governor")
    return paths


def test_the_register_as_pdf_and_as_csv(data, tmp_path, capsys):
    assert run_conduct(parse("conduct", "register", "-o", str(tmp_path / "r.pdf")), data) == 0
    assert "Saved the register (2 people)" in capsys.readouterr().out
    text = pdf_text((tmp_path / "r.pdf").read_bytes())
    assert "Łucja Wróbel" in text and "王小明" in text and "Never acknowledged" in text
    args = parse("conduct", "register", "--status", "never", "-o", str(tmp_path / "r.CSV"))
    assert run_conduct(args, data) == 0
    rows = list(csv.reader((tmp_path / "r.CSV").read_text("utf-8-sig").splitlines()))
    assert [r[1] for r in rows[1:]] == ["王小明"]


def test_a_blank_form_and_one_for_a_person(data, tmp_path, capsys):
    assert run_conduct(parse("conduct", "form", "-o", str(tmp_path / "blank.pdf")), data) == 0
    assert "I understand and will follow this" in pdf_text((tmp_path / "blank.pdf").read_bytes())
    assert run_conduct(parse("conduct", "form", "--person", "2", "-o",
                             str(tmp_path / "one.pdf")), data) == 0
    assert "王小明" in pdf_text((tmp_path / "one.pdf").read_bytes())
    assert "form for person 2" in capsys.readouterr().out


def test_problems_are_explained_with_exit_status_1(data, tmp_path, capsys):
    assert run_conduct(parse("conduct", "register", "-o", str(tmp_path / "r.xlsx")), data) == 1
    assert ".pdf or a .csv" in capsys.readouterr().err
    assert run_conduct(parse("conduct", "form", "--person", "99", "-o",
                             str(tmp_path / "x.pdf")), data) == 1
    assert "Person 99 does not exist" in capsys.readouterr().err
    assert run_conduct(parse("conduct", "form", "-o", str(tmp_path / "x.txt")), data) == 1
    assert not (tmp_path / "x.txt").exists()
    with pytest.raises(SystemExit):
        parse("conduct", "register", "--status", "bogus", "-o", "x.pdf")


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("screen", ["conduct-wizard", "conduct-register"])
def test_the_conduct_screens_are_1366_by_768_and_write_nothing(data, tmp_path, screen):
    out = tmp_path / f"{screen}.png"
    code = ("import sys; from pathlib import Path; from avenue_desk.paths import AppPaths; "
            "from avenue_desk.ui.conduct_screens import render_conduct_screen; "
            "render_conduct_screen(AppPaths(Path(sys.argv[1])), sys.argv[2], sys.argv[3], "
            "sign_in=lambda s: s.accounts.authenticate('head', sys.argv[4]))")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run([sys.executable, "-c", code, str(data.data_dir), screen, str(out),
                             HEAD_PASSWORD],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1366, 768)
    with open_services(data) as services:
        assert not any(r.in_progress for r in services.conduct_register.rows())
