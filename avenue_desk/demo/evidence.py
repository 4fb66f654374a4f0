"""The demo school's evidence as the police ask for it (part 10): mock screenshots on the
newest incidents, each with the time it was captured, the post's web address, the account
it shows and who in the office captured it; and one report to the platform, made more than
a week ago about a post still up, with the platform's reference and its refusal, so Home
and the incident's tab offer the next route (Report Harmful Content).

Everything goes through the services (hashes, checks and audit rows and all), with
generators of their own so that the rest of the demo is the same with or without it. The
web addresses and references are made up: no real post is behind any of them.
"""

from __future__ import annotations

import random
import string
import tempfile
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from avenue_desk.demo.png import mock_post_png
from avenue_desk.demo.social_accounts import plain_letters
from avenue_desk.policy.platform_routes import PLATFORM, REPORT_HARMFUL_CONTENT_ROUTE
from avenue_desk.services.incidents import PlatformReportInput
from avenue_desk.store.models import Action, Incident

CAPTURE_NOTE = "Screenshot taken by the office (demo)."
# The reply a platform gives when it will not take a post down (made up, in its manner).
PLATFORM_REPLY = ("Thanks for your report. We reviewed the post and found that it does not "
                  "go against our community standards, so it has not been removed. You can "
                  "block or unfollow the account.")
_SHORT = string.ascii_letters + string.digits + "_-"


def attach_screenshots(services, recent: list[dict], seed: int, captured_by: str,
                       website: str) -> int:
    """A mock screenshot on each of ``recent`` (incident rows), from a temporary folder that
    is removed afterwards. Returns how many were added."""
    rng = random.Random(f"avenue-desk demo screenshots {seed}")
    added = 0
    with tempfile.TemporaryDirectory(prefix="avenue-demo-") as folder:
        for row in recent:
            stamp = row["created_at"]
            path = Path(folder) / f"Screenshot {row['seen_on']:%Y-%m-%d} at {stamp:%H.%M}.png"
            path.write_bytes(mock_post_png(rng, row["platform"]))
            incident = services.incidents.current(row["id"])
            shown = incident.poster_account or _name_shown(rng, incident)
            services.evidence.add(
                row["id"], path, captured_on=row["seen_on"], note=CAPTURE_NOTE,
                captured_at=stamp.time().replace(second=0, microsecond=0),
                url=post_address(rng, incident.platform, shown if shown.startswith("@")
                                 else "", website),
                account_shown=shown, captured_by=captured_by)
            path.unlink()
            added += 1
    return added


def _name_shown(rng: random.Random, incident) -> str:
    """The poster as the site shows them, where no account of theirs is on record:
    Facebook and WhatsApp show their own name, the other sites a handle made from it."""
    if incident.poster is None or incident.platform in ("other", "school_forum"):
        return ""
    if incident.platform in ("facebook", "whatsapp"):
        return incident.poster.full_name
    given = plain_letters(incident.poster.full_name.split()[0]) or "parent"
    return f"@{given}{rng.randint(10, 99)}"


def post_address(rng: random.Random, platform: str, handle: str, website: str) -> str:
    """A made-up web address of the post, in the site's own form ("" for a WhatsApp message
    or an unnamed site, which have none to copy)."""
    name = handle.lstrip("@")
    digits = "".join(rng.choice(string.digits) for _ in range(19))
    code = "".join(rng.choice(_SHORT) for _ in range(11))
    if platform == "facebook":
        return f"https://www.facebook.com/groups/elmgroveparents/posts/{digits[:16]}/"
    if platform == "instagram":
        return f"https://www.instagram.com/p/{code}/"
    if platform == "x_twitter":
        return f"https://x.com/{name or 'i'}/status/{digits}"
    if platform == "tiktok":
        return (f"https://www.tiktok.com/@{name}/video/{digits}" if name
                else f"https://vm.tiktok.com/{code[:9]}/")
    if platform == "youtube":
        return f"https://www.youtube.com/watch?v={code}"
    if platform == "school_forum":
        return f"https://{website}/forum/topic/{digits[:4].lstrip('0') or '1'}"
    return ""


def report_to_platform(services, seed: int) -> int | None:
    """The newest open incident whose post is still up and was reported to the site more
    than a week ago (a "report to the site" step) gets that report recorded, with the
    platform's reference and its reply refusing to take the post down. Returns the
    incident's id (None when the demo has no such incident)."""
    rng = random.Random(f"avenue-desk demo platform report {seed}")
    today = services.clock.today()
    week = today - timedelta(days=REPORT_HARMFUL_CONTENT_ROUTE.after_days + 1)
    with services.db.read() as session:
        found = session.execute(
            select(Action.incident_id, Action.taken_on)
            .join(Incident, Incident.id == Action.incident_id)
            .where(Action.step == "report_to_site", Action.taken_on <= week,
                   Incident.phase != "closed", Incident.content_still_up.is_(True))
            .order_by(Action.taken_on.desc(), Action.incident_id.desc()).limit(1)).first()
    if found is None:
        return None
    incident_id, reported_on = found
    reference = "".join(rng.choice(string.digits) for _ in range(rng.choice((10, 12, 16))))
    replied = min(reported_on + timedelta(days=rng.randint(1, 3)), today)
    services.platform_reports.add(incident_id, PlatformReportInput(
        reported_on, reference=reference, reply=PLATFORM_REPLY, reply_on=replied,
        made_to=PLATFORM))
    return incident_id
