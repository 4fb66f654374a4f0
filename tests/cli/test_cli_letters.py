"""`letter`, `guidance` and `summary` as the office would run them: the command's ``main``,
real PDFs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.helpers.accounts import open_signed_in as open_services
from tests.helpers.databases import data_paths
from tests.helpers.letters import HEAD, escalate, parent, posted, set_up_school
from tests.helpers.pdf import pdf_pages, pdf_text


@pytest.fixture
def data(tmp_path):
    """A school (real clock, as the command uses) with a Facebook post and a forum post."""
    folder = tmp_path / "data"
    with open_services(data_paths(folder)) as services:
        set_up_school(services)
        mum = parent(services)
        posted_on = date.today() - timedelta(days=20)
        facebook = posted(services, mum.id, posted_on=posted_on)
        forum = posted(services, mum.id, posted_on=posted_on, platform="school_forum")
        escalate(services, forum.id)
    assert (facebook.id, forum.id) == (1, 2)
    return folder


def _actions(folder, incident_id):
    with open_services(data_paths(folder)) as services:
        return services.incidents.get(incident_id).actions


def test_a_letter_is_saved_and_recorded_on_the_timeline(cli, data, tmp_path):
    out = tmp_path / "letters" / "removal.pdf"
    result = cli.signed_in(data, "letter", 1, "--kind", "removal-request", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Saved {out}"
    assert "Recorded on the timeline: “Ask the parent to remove the post”" in result.stdout
    text = pdf_text(out.read_bytes())
    assert "Dear Mrs Wróbel," in text and HEAD in text
    assert [a.step for a in _actions(data, 1)] == ["removal_request"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["removal.pdf"]  # no temp file left


def test_a_forum_notice_for_a_facebook_post_is_refused_with_the_reason(cli, data, tmp_path):
    out = tmp_path / "forum.pdf"
    result = cli.signed_in(data, "letter", 1, "--kind", "forum-restriction", "-o", out)
    assert result.returncode == 1
    assert "refused" in result.stderr and "on Facebook" in result.stderr
    assert "block or restrict that individual" in result.stderr
    assert not out.exists() and _actions(data, 1) == ()
    allowed = cli.signed_in(data, "letter", 2, "--kind", "forum-restriction", "-o", out)
    assert allowed.returncode == 0, allowed.stderr
    assert _actions(data, 2)[-1].step == "restrict_forum_access"


def test_a_warning_before_the_refusal_is_refused_citing_the_policy(cli, data, tmp_path):
    result = cli.signed_in(data, "letter", 1, "--kind", "warning", "-o", tmp_path / "w.pdf")
    assert result.returncode == 1
    assert "record the parent's refusal first" in result.stderr
    assert "The policy (The Avenue Primary School Social Media Policy, November 2021)" in (
        result.stderr)


def test_a_meeting_letter_needs_the_meeting_time(cli, data, tmp_path):
    out = tmp_path / "meeting.pdf"
    missing = cli.signed_in(data, "letter", 1, "--kind", "meeting", "-o", out)
    assert missing.returncode == 1 and '--meeting "2026-12-01 15:30"' in missing.stderr
    bad = cli.signed_in(data, "letter", 1, "--kind", "meeting", "--meeting", "next Tuesday",
                        "-o", out)
    assert bad.returncode == 2 and "not a date and time" in bad.stderr
    when = school_day_after(date.today() + timedelta(days=10)).isoformat()
    no_room = cli.signed_in(data, "letter", 1, "--kind", "meeting", "--meeting",
                            f"{when} 15:30", "-o", out)
    assert no_room.returncode == 1 and "The meeting room" in no_room.stderr
    made = cli.signed_in(data, "letter", 1, "--kind", "meeting", "--meeting", f"{when} 15:30",
                         "--place", "the library", "-o", out)
    assert made.returncode == 0, made.stderr
    assert "at 3:30pm, in the library" in pdf_text(out.read_bytes())
    past = (date.today() - timedelta(days=1)).isoformat()
    refused = cli.signed_in(data, "letter", 1, "--kind", "meeting", "--meeting",
                            f"{past} 10:00", "--place", "the library", "-o", out)
    assert refused.returncode == 1 and "is in the past" in refused.stderr


def school_day_after(day: date) -> date:
    from avenue_desk.policy.school_days import next_school_day

    return next_school_day(day)


def test_an_unknown_incident_is_named(cli, data, tmp_path):
    result = cli.signed_in(data, "letter", 99, "--kind", "removal-request", "-o",
                           tmp_path / "x.pdf")
    assert result.returncode == 1 and "Incident 99 does not exist." in result.stderr


def test_the_guidance_sheet(cli, data, tmp_path):
    out = tmp_path / "guidance.pdf"
    result = cli.signed_in(data, "guidance", "-o", out)
    assert result.returncode == 0, result.stderr
    pdf = out.read_bytes()
    assert len(pdf_pages(pdf)) == 1 and "Before you post" in pdf_text(pdf)


def test_the_summary_for_a_term_and_for_dates(cli, data, tmp_path):
    out = tmp_path / "summary.pdf"
    year = date.today().year - 1  # a term that is over, whatever today is
    by_term = cli.signed_in(data, "summary", "--term", f"autumn-{year}", "-o", out)
    assert by_term.returncode == 0, by_term.stderr
    assert f"Autumn term {year} (1 September {year} to 31 December {year})" in by_term.stdout
    assert "report to governors" in pdf_text(out.read_bytes())
    start = (date.today() - timedelta(days=60)).isoformat()
    by_dates = cli.signed_in(data, "summary", "--from", start, "--to", date.today().isoformat(),
                             "-o", out)
    assert by_dates.returncode == 0, by_dates.stderr
    assert "incidents logged: fewer than 3." in by_dates.stdout  # never "2 incident(s)"
    text = pdf_text(out.read_bytes())
    assert "Incidents logged fewer than 3" in text and "Wróbel" not in text


def test_the_summary_refuses_what_it_cannot_understand(cli, data, tmp_path):
    out = tmp_path / "summary.pdf"
    winter = cli.signed_in(data, "summary", "--term", "winter-2026", "-o", out)
    assert winter.returncode == 1 and "autumn-2026" in winter.stderr
    half = cli.signed_in(data, "summary", "--from", "2026-09-01", "-o", out)
    assert half.returncode == 2 and "--from needs --to" in half.stderr
    backwards = cli.signed_in(data, "summary", "--from", "2026-09-01", "--to", "2026-08-01",
                              "-o", out)
    assert backwards.returncode == 1 and "cannot end" in backwards.stderr
    assert not out.exists()


def test_documents_need_an_existing_data_folder(cli, tmp_path):
    result = cli.signed_in(tmp_path / "nowhere", "guidance", "-o", tmp_path / "g.pdf")
    assert result.returncode == 1 and "There is no Avenue Desk database" in result.stderr
    assert not (tmp_path / "nowhere").exists()
