"""``avenue-desk conduct register|form`` and ``screenshot conduct-wizard|conduct-register``,
run through the command's ``main``."""

from __future__ import annotations

import csv

import pytest

from avenue_desk.paths import AppPaths
from tests.helpers.accounts import open_signed_in as open_services
from tests.helpers.conduct import sign, staff
from tests.helpers.databases import data_paths
from tests.helpers.images import png_size
from tests.helpers.pdf import pdf_text


@pytest.fixture
def data(tmp_path) -> AppPaths:
    paths = data_paths(tmp_path / "data")
    with open_services(paths) as services:
        sign(services, staff(services, "Łucja Wróbel"))
        staff(services, "王小明", "governor")
    return paths


def test_the_register_as_pdf_and_as_csv(cli, data, tmp_path):
    done = cli.signed_in(data.data_dir, "conduct", "register", "-o", tmp_path / "r.pdf")
    assert done.returncode == 0, done.stderr
    assert "Saved the register (2 people)" in done.stdout
    text = pdf_text((tmp_path / "r.pdf").read_bytes())
    assert "Łucja Wróbel" in text and "王小明" in text and "Never acknowledged" in text
    never = cli.signed_in(data.data_dir, "conduct", "register", "--status", "never", "-o",
                          tmp_path / "r.CSV")
    assert never.returncode == 0, never.stderr
    rows = list(csv.reader((tmp_path / "r.CSV").read_text("utf-8-sig").splitlines()))
    assert [r[1] for r in rows[1:]] == ["王小明"]


def test_a_blank_form_and_one_for_a_person(cli, data, tmp_path):
    blank = cli.signed_in(data.data_dir, "conduct", "form", "-o", tmp_path / "blank.pdf")
    assert blank.returncode == 0, blank.stderr
    assert "I understand and will follow this" in pdf_text((tmp_path / "blank.pdf").read_bytes())
    one = cli.signed_in(data.data_dir, "conduct", "form", "--person", "2", "-o",
                        tmp_path / "one.pdf")
    assert one.returncode == 0, one.stderr
    assert "王小明" in pdf_text((tmp_path / "one.pdf").read_bytes())
    assert "form for person 2" in one.stdout


def test_problems_are_explained_with_exit_status_1(cli, data, tmp_path):
    xlsx = cli.signed_in(data.data_dir, "conduct", "register", "-o", tmp_path / "r.xlsx")
    assert xlsx.returncode == 1
    assert ".pdf or a .csv" in xlsx.stderr
    nobody = cli.signed_in(data.data_dir, "conduct", "form", "--person", "99", "-o",
                           tmp_path / "x.pdf")
    assert nobody.returncode == 1
    assert "Person 99 does not exist" in nobody.stderr
    text = cli.signed_in(data.data_dir, "conduct", "form", "-o", tmp_path / "x.txt")
    assert text.returncode == 1
    assert not (tmp_path / "x.txt").exists()
    bogus = cli.signed_in(data.data_dir, "conduct", "register", "--status", "bogus", "-o",
                          tmp_path / "x.pdf")
    assert bogus.returncode == 2 and "invalid choice: 'bogus'" in bogus.stderr


@pytest.mark.parametrize("screen", ["conduct-wizard", "conduct-register"])
def test_the_conduct_screens_are_1366_by_768_and_write_nothing(cli, gui, data, tmp_path,
                                                               screen):
    out = tmp_path / f"{screen}.png"
    done = cli.signed_in(data.data_dir, "screenshot", screen, "-o", out)
    assert done.returncode == 0, done.stderr
    assert png_size(out) == (1366, 768)
    with open_services(data) as services:
        assert not any(r.in_progress for r in services.conduct_register.rows())
