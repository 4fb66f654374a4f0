"""What needs attention today: the home view's list."""

from __future__ import annotations

from sqlalchemy import func, literal_column, select

from avenue_desk.policy import get_platform
from avenue_desk.policy.access import Operation
from avenue_desk.policy.platform_routes import REPORT_HARMFUL_CONTENT_ROUTE
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.validation import uk_date
from avenue_desk.services.incidents.platform_reports import silent_platforms
from avenue_desk.services.incidents.records import AttentionItem, HomeSummary
from avenue_desk.store.models import Incident, Person

# 'closed' written into the SQL, not bound: only then can SQLite see that the condition is
# the open-cases index's own and count that index (0.3 ms) instead of checking each open
# case's row (20 ms at 100,000 incidents, on the window's thread as the home screen opens).
OPEN = Incident.phase != literal_column("'closed'")


class AttentionService:
    def __init__(self, db: Database, clock, guard):
        self._db = db
        self._clock = clock
        self._guard = guard

    def summary(self, limit: int = 20) -> HomeSummary:
        self._guard.require(Operation.INCIDENT_VIEW)
        today = self._clock.today()
        overdue_where = (OPEN, Incident.next_follow_up < today)
        today_where = (OPEN, Incident.next_follow_up == today)
        up_where = (OPEN, Incident.content_still_up.is_(True))
        with self._db.read() as session:
            def count(*where) -> int:
                return session.scalar(select(func.count()).select_from(Incident).where(*where))

            def rows(where, order):
                stmt = (
                    select(Incident.id, Incident.platform, Incident.posted_on,
                           Incident.next_follow_up, Incident.summary, Incident.excerpt,
                           Person.full_name)
                    .outerjoin(Person, Person.id == Incident.poster_id)
                    .where(*where).order_by(*order, Incident.id).limit(limit)
                )
                return session.execute(stmt).all()

            open_count = count(OPEN)
            totals = (count(*overdue_where), count(*today_where), count(*up_where))
            overdue = rows(overdue_where, (Incident.next_follow_up,))
            due_today = rows(today_where, ())
            still_up = rows(up_where, (Incident.posted_on,))
            silent, silent_total = silent_platforms(session, today, limit)
        return HomeSummary(
            open_incidents=open_count,
            overdue=tuple(
                _item(r, "overdue", f"follow-up was due {uk_date(r.next_follow_up)}, "
                      f"{_days_ago(today, r.next_follow_up)}")
                for r in overdue
            ),
            due_today=tuple(_item(r, "due_today", "follow-up due today") for r in due_today),
            still_up=tuple(
                _item(r, "still_up", f"posted {uk_date(r.posted_on)}, still up") for r in still_up
            ),
            overdue_total=totals[0],
            due_today_total=totals[1],
            still_up_total=totals[2],
            platform_silent=tuple(_silent_item(s) for s in silent),
            platform_silent_total=silent_total,
        )


def _item(row, kind: str, what: str) -> AttentionItem:
    """'Incident 4317 · TikTok · Dana Whitfield: follow-up was due … — "The trip was…"'."""
    who = row.full_name or "poster not known"
    about = _snippet(row.summary or row.excerpt)
    message = f"Incident {row.id} · {_platform(row.platform)} · {who}: {what}."
    if about:
        message += f" — {about}"
    due = row.next_follow_up if kind != "still_up" else None
    return AttentionItem(row.id, kind, message, due)


def _silent_item(silent) -> AttentionItem:
    """'Incident 4317 · TikTok: reported to TikTok 3 November 2026 (ref 8812), 8 days ago,
    and still up: Report Harmful Content can step in now.'"""
    platform = _platform(silent.platform)
    ref = f" (reference {silent.reference})" if silent.reference else ""
    message = (f"Incident {silent.incident_id} · {platform}: reported to {platform} "
               f"{uk_date(silent.reported_on)}{ref}, {silent.days} days ago, and still up: "
               f"{REPORT_HARMFUL_CONTENT_ROUTE.name} can step in now.")
    return AttentionItem(silent.incident_id, "platform_silent", message)


def _snippet(text: str, limit: int = 70) -> str:
    line = (text or "").strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _days_ago(today, then) -> str:
    days = (today - then).days
    return "yesterday" if days == 1 else f"{days} days ago"


def _platform(key: str) -> str:
    try:
        return get_platform(key).label
    except ValueError:
        return key
