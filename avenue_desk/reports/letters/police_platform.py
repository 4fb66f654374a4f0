"""The police pack's "Reports to the platform": each report the school made about the post
(to the platform, or to Report Harmful Content after it), with the reference number it was
given and the reply. UK police guidance asks for the platform's report reference; an
officer also sees at a glance whether the platform was told and what it answered.

Kept apart from ``police_referral`` (a section of that pack) so that file stays small.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from avenue_desk.policy import get_platform
from avenue_desk.policy.platform_routes import NEXT_ROUTES, PLATFORM

from .. import styles as S
from ..context import PlatformReportLine
from ..formatting import uk_date

NOT_RECORDED = "not recorded"
NONE_RECORDED = ("No report to the platform is recorded on the school's record for this "
                 "incident.")


def made_to(report: PlatformReportLine, platform_key: str) -> str:
    """Who took the report: the platform by name, or the route after it."""
    if report.made_to == PLATFORM:
        return get_platform(platform_key).label
    return next((route.name for route in NEXT_ROUTES if route.key == report.made_to),
                report.made_to)


def platform_reports_section(pack, reports: Sequence[PlatformReportLine]) -> list[Flowable]:
    """The heading, then a table (or a sentence saying none is recorded). ``pack`` is the
    PoliceReferralPack: its styles, tables and its lenient text for other records' words."""
    story: list[Flowable] = [pack.para("Reports to the platform", "h2")]
    if not reports:
        return [*story, pack.plain(NONE_RECORDED)]
    widths = [30 * mm, 34 * mm, 40 * mm, S.FRAME_WIDTH - 104 * mm]
    rows = [[pack.para(t, "cell_bold") for t in ("Reported", "To", "Reference", "Reply")]]
    for report in reports:
        reply = report.reply.strip()
        if reply and report.reply_on is not None:
            reply = f"{uk_date(report.reply_on)}: {reply}"
        rows.append([
            pack.plain(uk_date(report.reported_on), "cell"),
            pack.plain(made_to(report, pack.incident.platform), "cell"),
            pack._lenient(report.reference, "cell", widths[2]) if report.reference.strip()
            else pack.para(NOT_RECORDED, "cell_small"),
            pack._lenient(reply, "cell", widths[3]) if reply
            else pack.para("no reply recorded", "cell_small"),
        ])
    lead = pack.plain("Each report the school made about this post, with the reference it "
                      "was given and the reply, as recorded:")
    lead.keepWithNext = True
    return [*story, lead, pack.table(rows, widths)]
