"""`summary` on a governor's terminal: whole terms and months only, and never a count of 1
or 2 printed, in the PDF or on the terminal. The command runs on the real clock, so the
periods used are last year's, which are over whatever today is."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.helpers.accounts import OWN_PASSWORD, sign_in_as
from tests.helpers.cli import set_up
from tests.helpers.letters import parent, posted, set_up_school
from tests.helpers.pdf import pdf_text

YEAR = date.today().year - 1
ONE_DAY = date(YEAR, 8, 10)  # in the summer holiday: one post that day, and no other


@pytest.fixture
def folder(tmp_path):
    data = tmp_path / "data"
    with set_up(data) as services:
        set_up_school(services)
        mum = parent(services)
        posted(services, mum.id, posted_on=ONE_DAY)
        for day in (3, 4):
            posted(services, mum.id, posted_on=date(YEAR, 10, day))
        sign_in_as(services, "governor", "governor")
    return data


def governor(cli, folder, *argv):
    return cli.signed_in(folder, "summary", *argv, user="governor", password=OWN_PASSWORD)


def _counts_printed(stdout: str) -> list[str]:
    """What follows "incidents logged:" on each line, the one count the terminal prints."""
    return re.findall(r"incidents logged: ([^.]+)\.", stdout)


def test_a_governors_terminal_never_shows_a_count_below_three(cli, folder, tmp_path):
    out = tmp_path / "report.pdf"
    for argv in (("--month", f"{YEAR}-08"), ("--term", f"summer-holiday-{YEAR}"),
                 ("--month", f"{YEAR}-10"), ("--term", f"autumn-{YEAR}")):
        ran = governor(cli, folder, *argv, "-o", out)
        assert ran.returncode == 0, ran.stderr
        assert _counts_printed(ran.stdout) == ["fewer than 3"], ran.stdout
        assert not re.search(r"\b[12] incident", ran.stdout)
        text = pdf_text(out.read_bytes())
        assert "Incidents logged fewer than 3" in text
    # August is in a report: the summer holiday's.
    holiday = governor(cli, folder, "--term", f"summer-holiday-{YEAR}", "-o", out)
    assert f"Summer holiday {YEAR} (1 August {YEAR} to 31 August {YEAR})" in holiday.stdout


def test_a_governor_may_not_ask_for_a_single_day_or_any_other_dates(cli, folder, tmp_path):
    out = tmp_path / "report.pdf"
    day = ONE_DAY.isoformat()
    for start, end in ((day, day), (f"{YEAR}-08-01", f"{YEAR}-08-10"),
                       (f"{YEAR}-09-01", f"{YEAR}-10-03"), (f"{YEAR}-09-01", f"{YEAR}-10-04")):
        ran = governor(cli, folder, "--from", start, "--to", end, "-o", out)
        assert ran.returncode == 1 and ran.stdout == ""
        assert "whole terms, the summer holiday or whole months" in ran.stderr
        assert "Traceback" not in ran.stderr
    assert not out.exists()
    # The Headteacher may, and sees the same protection.
    head = cli.signed_in(folder, "summary", "--from", day, "--to", day, "-o", out)
    assert head.returncode == 0, head.stderr
    assert _counts_printed(head.stdout) == ["fewer than 3"]
    assert "Incidents logged fewer than 3" in pdf_text(out.read_bytes())


def test_a_governor_waits_for_a_term_to_end(cli, folder, tmp_path):
    out = tmp_path / "report.pdf"
    this_year = date.today().year + 1  # still to come: refused for everyone
    ran = governor(cli, folder, "--term", f"autumn-{this_year}", "-o", out)
    assert ran.returncode == 1 and "cannot start after today" in ran.stderr
    assert not out.exists()
