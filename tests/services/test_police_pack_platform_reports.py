"""The police referral pack lists the reports made to the platform: the date, who took it,
the platform's reference and its reply (police guidance asks for the reference); and says
so plainly when none is recorded (read back from the PDF)."""

from __future__ import annotations

from datetime import date

from avenue_desk.services.incidents import PlatformReportInput
from tests.helpers.letters import parent, posted, set_up_school
from tests.helpers.pdf import pdf_text

REASON = "Repeated posts about Mr Ćwik; staff are alarmed & distressed."
REFERENCE = "FB-Case #2041 <urgent> & “escalated”"
REPLY = "Reviewed: it doesn't go against our Community Standards (Łucja's appeal noted)."


def test_the_pack_lists_each_report_with_its_reference_and_reply(services):
    set_up_school(services)
    case = posted(services, parent(services).id, poster_account="@angrymum_av")
    services.platform_reports.add(case.id, PlatformReportInput(
        date(2026, 11, 3), REFERENCE, REPLY, date(2026, 11, 5)))
    services.platform_reports.add(case.id, PlatformReportInput(
        date(2026, 11, 12), "RHC-77", made_to="report_harmful_content"))
    other = posted(services, None)  # another incident's report is not this pack's
    services.platform_reports.add(other.id, PlatformReportInput(date(2026, 11, 4), "ELSEWHERE"))
    services.incidents.record_referral(case.id, REASON, "harassment")
    text = pdf_text(services.letters.render(case.id, "police-referral"))
    flat = " ".join(text.split())
    assert "Reports to the platform" in text
    assert "Reported To Reference Reply" in flat
    assert "3 November 2026 Facebook" in flat
    assert " ".join(REFERENCE.split()) in flat  # every character kept, "<" and "&" too
    assert f"5 November 2026: {REPLY}" in flat
    assert "12 November 2026 Report Harmful Content RHC-77 no reply recorded" in flat
    assert "ELSEWHERE" not in text
    # In the order an officer reads: the incident, what the platform was told, the rest.
    assert flat.index("The incident") < flat.index("Reports to the platform") < flat.index(
        "Other incidents by the same poster")


def test_no_report_recorded_is_said_not_left_out(services):
    set_up_school(services)
    case = posted(services, parent(services).id)
    services.incidents.record_referral(case.id, REASON, "harassment")
    text = " ".join(pdf_text(services.letters.render(case.id, "police-referral")).split())
    assert ("No report to the platform is recorded on the school's record for this "
            "incident.") in text
