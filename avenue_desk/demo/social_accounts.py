"""The demo school's social media accounts: the parents who post most post through an
account of their own, on the site they use most; the school has linked most of those
accounts to the parent, and a few are still "not yet known" (linked to no one).

Run after the incidents are written, with a generator of its own, so that the people and
incidents a seed makes are the same with or without it.
"""

from __future__ import annotations

import random
import unicodedata
from collections import Counter
from datetime import datetime

from sqlalchemy import func, insert, select, update

from avenue_desk.services.incidents import handle_key
from avenue_desk.store.models import Incident, Person, SocialAccount

HANDLE_SITES = ("facebook", "instagram", "x_twitter", "tiktok")
POSTERS_WITH_ACCOUNTS = 12


def plain_letters(text: str) -> str:
    # Handles are typed in plain letters: "Łucja" is "lucja" (NFKD keeps Ł and ø whole).
    text = text.translate(str.maketrans("ŁłØøĐđ", "LlOoDd"))
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def add_social_accounts(session, rng: random.Random, now: datetime) -> int:
    """Accounts for the busiest posters, their incidents on that site marked as posted
    through it. Returns how many accounts were made."""
    busiest = session.execute(
        select(Incident.poster_id, func.count().label("n"))
        .where(Incident.poster_id.is_not(None), Incident.platform.in_(HANDLE_SITES))
        .group_by(Incident.poster_id)
        .order_by(func.count().desc(), Incident.poster_id)
        .limit(POSTERS_WITH_ACCOUNTS)).all()
    made = 0
    for number, (poster_id, _count) in enumerate(busiest, start=1):
        person = session.get(Person, poster_id)
        sites = Counter(session.scalars(select(Incident.platform).where(
            Incident.poster_id == poster_id, Incident.platform.in_(HANDLE_SITES))))
        site = min(sites, key=lambda s: (-sites[s], s))
        given = plain_letters(person.forenames or person.full_name.split()[0]) or "parent"
        handle = rng.choice((f"@{given}_{rng.randint(10, 99)}",
                             f"@{given}{plain_letters(person.surname)[:1]}_av",
                             f"@angry{given}{rng.randint(1, 9)}",
                             f"@{given}.of.elmgrove{rng.randint(2, 4)}"))
        known = number % 3 != 0  # a third still to be linked by the office
        session.execute(insert(SocialAccount.__table__).values(
            id=number, platform=site, handle=handle, handle_key=handle_key(handle),
            display_name="", profile_url="", person_id=poster_id if known else None,
            notes="", created_at=now, updated_at=now))
        session.execute(update(Incident.__table__)
                        .where(Incident.__table__.c.poster_id == poster_id,
                               Incident.__table__.c.platform == site)
                        .values(account_id=number, poster_account=handle))
        made += 1
    return made
