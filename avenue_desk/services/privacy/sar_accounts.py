"""The social media accounts linked to a person, for their subject access export (part 10).

An account linked to the person is theirs: the export lists it (site, handle, the name it
shows, its link, the school's notes about it, how many incidents name it), counts the
incidents posted through it as theirs ("posted it, as @angrymum_av"), and takes in the audit
trail's rows about it (made, linked, unlinked). Accounts not linked to them are not theirs,
even where an incident of theirs names one.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from avenue_desk.policy import get_platform
from avenue_desk.services.privacy.sar_redaction import Redactor
from avenue_desk.services.privacy.sar_tables import SarTable, label_of, moment_text
from avenue_desk.store.models import Incident, Person, SocialAccount

HEADERS = ("Account no.", "Site", "Handle", "Name shown", "Profile link", "Notes",
           "Incidents naming it", "Recorded on", "Last changed")


def linked_accounts(session: Session, subject: Person) -> list[SocialAccount]:
    return list(session.scalars(select(SocialAccount).where(
        SocialAccount.person_id == subject.id).order_by(SocialAccount.id)))


def posted_through(session: Session, accounts: list[SocialAccount]) -> dict[int, str]:
    """Incident id -> the account it was posted through, for the incidents of ``accounts``."""
    if not accounts:
        return {}
    label = {a.id: a.handle or a.display_name or a.profile_url for a in accounts}
    rows = session.execute(select(Incident.id, Incident.account_id)
                           .where(Incident.account_id.in_(label)).order_by(Incident.id))
    return {incident_id: label[account_id] for incident_id, account_id in rows}


def accounts_table(session: Session, accounts: list[SocialAccount],
                   redactor: Redactor) -> SarTable:
    r = redactor.redact
    counts = dict(session.execute(
        select(Incident.account_id, func.count()).where(
            Incident.account_id.in_([a.id for a in accounts])).group_by(Incident.account_id)
    ).all()) if accounts else {}
    return SarTable(
        "records/social-media-accounts.csv",
        "The social media accounts the school has linked to them", HEADERS,
        [(a.id, label_of(get_platform, a.platform), a.handle, r(a.display_name),
          a.profile_url, r(a.notes), counts.get(a.id, 0), moment_text(a.created_at),
          moment_text(a.updated_at)) for a in accounts])
