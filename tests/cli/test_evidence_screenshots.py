"""``avenue-desk screenshot evidence-capture`` and ``platform-reports``: the user guide's
pictures of an incident's Evidence tab (a screenshot selected, with when, where and by whom
it was captured) and of its Reports to the platform tab (a report more than a week old, the
post still up, and the next route offered). Drawn from what the records hold; nothing is
written to draw them."""

from __future__ import annotations

from datetime import date, time

from avenue_desk.services.incidents import PlatformReportInput
from avenue_desk.ui.screenshots.evidence import screenshot_with_details
from tests.helpers.accounts import open_signed_in
from tests.helpers.cli import set_up
from tests.helpers.databases import data_paths
from tests.helpers.images import png_size, write_png
from tests.helpers.records import incident

URL = "https://www.instagram.com/p/A85e97_CgS4/"


def _evidence(services, tmp_path, incident_id: int, name: str, **context):
    path = write_png(tmp_path / name)
    return services.evidence.add(incident_id, path, date(2026, 11, 2), "", time(14, 5),
                                 **context)


def test_the_evidence_screen_chooses_a_screenshot_with_its_address_and_account(
        cli, gui, tmp_path):
    data = tmp_path / "data"
    with set_up(data) as services:
        older = incident(services, posted_on=date(2026, 10, 30))
        chosen = _evidence(services, tmp_path, older.id, "Screenshot 1.png", url=URL,
                           account_shown="@zoe_av", captured_by="Mrs Zoë Ng")
        newer = incident(services)  # its screenshot says less: the older one is shown
        _evidence(services, tmp_path, newer.id, "Screenshot 2.png", url=URL)
        assert screenshot_with_details(services) == (older.id, chosen.id)
    out = tmp_path / "evidence-capture.png"
    result = cli.signed_in(data, "screenshot", "evidence-capture", "-o", out)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1366, 768)
    with open_signed_in(data_paths(data)) as services:
        kept = services.evidence.get(chosen.id)
        assert (kept.url, kept.account_shown, kept.captured_by) == (URL, "@zoe_av",
                                                                    "Mrs Zoë Ng")
        assert services.evidence.count() == 2


def test_the_evidence_screen_needs_a_screenshot(cli, gui, tmp_path):
    with set_up(tmp_path / "data") as services:
        incident(services)
    out = tmp_path / "evidence-capture.png"
    result = cli.signed_in(tmp_path / "data", "screenshot", "evidence-capture", "-o", out)
    assert result.returncode == 1
    assert "No recent incident has a screenshot to show" in result.stderr
    assert not out.exists()


def test_the_platform_reports_screen_shows_a_report_left_a_week(cli, gui, tmp_path):
    data = tmp_path / "data"
    with set_up(data) as services:
        case = incident(services)
    out = tmp_path / "platform-reports.png"
    refused = cli.signed_in(data, "screenshot", "platform-reports", "-o", out)
    assert refused.returncode == 1
    assert "No open incident was reported to the platform more than a week" in refused.stderr
    assert not out.exists()
    with open_signed_in(data_paths(data)) as services:
        services.platform_reports.add(case.id, PlatformReportInput(
            date(2026, 11, 3), reference="274956344963"))
    result = cli.signed_in(data, "screenshot", "platform-reports", "-o", out)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1366, 768)
    with open_signed_in(data_paths(data)) as services:
        assert [r.reference for r in services.platform_reports.for_incident(case.id)] == [
            "274956344963"]
