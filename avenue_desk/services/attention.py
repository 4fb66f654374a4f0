"""What needs attention today: the home view's list."""

from __future__ import annotations

from sqlalchemy import func, select

from avenue_desk.policy import get_platform
from avenue_desk.services.database import Database
from avenue_desk.services.dto import AttentionItem, HomeSummary
from avenue_desk.services.validation import uk_date
from avenue_desk.store.models import Incident

OPEN = Incident.phase != "closed"


class AttentionService:
    def __init__(self, db: Database, clock):
        self._db = db
        self._clock = clock

    def summary(self, limit: int = 20) -> HomeSummary:
        today = self._clock.today()
        with self._db.read() as session:
            open_count = session.scalar(select(func.count()).select_from(Incident).where(OPEN)) or 0
            overdue_where = (OPEN, Incident.next_follow_up < today)
            overdue_total = session.scalar(
                select(func.count()).select_from(Incident).where(*overdue_where)) or 0
            overdue = session.execute(
                select(Incident.id, Incident.next_follow_up, Incident.platform)
                .where(*overdue_where)
                .order_by(Incident.next_follow_up, Incident.id)
                .limit(limit)
            ).all()
            due_today = session.execute(
                select(Incident.id, Incident.next_follow_up, Incident.platform)
                .where(OPEN, Incident.next_follow_up == today)
                .order_by(Incident.id)
                .limit(limit)
            ).all()
            up_where = (OPEN, Incident.content_still_up.is_(True))
            still_up_total = session.scalar(select(func.count()).select_from(Incident).where(*up_where)) or 0
            still_up = session.execute(
                select(Incident.id, Incident.posted_on, Incident.platform)
                .where(*up_where)
                .order_by(Incident.posted_on, Incident.id)
                .limit(limit)
            ).all()
        return HomeSummary(
            open_incidents=open_count,
            overdue=tuple(
                AttentionItem(
                    r.id, "overdue",
                    f"Incident {r.id} ({_platform(r.platform)}): follow-up was due "
                    f"{uk_date(r.next_follow_up)}, {_days_ago(today, r.next_follow_up)}.",
                    r.next_follow_up,
                )
                for r in overdue
            ),
            due_today=tuple(
                AttentionItem(r.id, "due_today",
                              f"Incident {r.id} ({_platform(r.platform)}): follow-up due today.",
                              r.next_follow_up)
                for r in due_today
            ),
            still_up=tuple(
                AttentionItem(
                    r.id, "still_up",
                    f"Incident {r.id} ({_platform(r.platform)}): posted {uk_date(r.posted_on)}, "
                    "content still up.",
                )
                for r in still_up
            ),
            still_up_total=still_up_total,
            overdue_total=overdue_total,
        )


def _days_ago(today, then) -> str:
    days = (today - then).days
    return "yesterday" if days == 1 else f"{days} days ago"


def _platform(key: str) -> str:
    try:
        return get_platform(key).label
    except ValueError:
        return key
