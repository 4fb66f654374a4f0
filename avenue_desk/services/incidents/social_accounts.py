"""Social media accounts as records of their own: the account that posted, on its site.

A parent often posts as "@angrymum_av", and the school may not know who that is at first.
An account is made (or found) whenever an incident is saved with the account typed in, one
per site and handle (compared without a leading "@", in any case). It stays "not yet known"
until someone links it to a person; from then on its incidents are in that person's
chronology and course of conduct. Linking and unlinking are written to the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from avenue_desk.policy import get_platform
from avenue_desk.policy.access import Operation
from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.services.core.folding import fold
from avenue_desk.services.core.validation import check_length, clean_block, clean_line
from avenue_desk.services.core.versions import locked_for_save, refuse_if_changed
from avenue_desk.store.models import Incident, Person, SocialAccount

LINK_PREFIXES = ("http://", "https://", "www.")


def handle_key(text: str) -> str:
    """How two spellings of one account compare: no "@", spaces as one, any case.
    (Migration 0008 keeps a frozen copy; a test checks they agree.)"""
    return " ".join(text.strip().lstrip("@").split()).casefold()


def is_link(text: str) -> bool:
    return text.strip().casefold().startswith(LINK_PREFIXES)


@dataclass(frozen=True)
class SocialAccountRecord:
    id: int
    platform: str
    handle: str
    display_name: str
    profile_url: str
    person_id: int | None
    person_name: str  # "" while not yet known
    notes: str
    incidents: int = 0  # how many incidents name it
    row_version: int = 1  # handed back with a save or a link (services/core/versions.py)

    @property
    def label(self) -> str:
        """What the account is called in a list: its handle, else its name, else its link."""
        return self.handle or self.display_name or self.profile_url

    @property
    def known(self) -> bool:
        return self.person_id is not None


@dataclass(frozen=True)
class SocialAccountInput:
    platform: str
    handle: str = ""
    display_name: str = ""
    profile_url: str = ""
    notes: str = ""


def _record(account: SocialAccount, person_name: str = "", incidents: int = 0
            ) -> SocialAccountRecord:
    return SocialAccountRecord(account.id, account.platform, account.handle,
                               account.display_name, account.profile_url, account.person_id,
                               person_name, account.notes, incidents,
                               account.row_version or 1)


def _key_of(handle: str, display_name: str, profile_url: str) -> str:
    return handle_key(handle or display_name or profile_url)


def account_for_text(session: Session, platform: str, typed: str, now) -> tuple[int | None, bool]:
    """The account an incident's typed account names on ``platform``: (its id, whether it
    was made now), or (None, False) when nothing usable was typed."""
    key = handle_key(typed)
    if not key or not platform:
        return None, False
    found = session.scalar(select(SocialAccount.id).where(
        SocialAccount.platform == platform, SocialAccount.handle_key == key))
    if found is not None:
        return found, False
    shown = " ".join(typed.split())
    link = is_link(shown)
    account = SocialAccount(platform=platform, handle="" if link else shown, handle_key=key,
                            display_name="", profile_url=shown if link else "",
                            person_id=None, notes="", created_at=now, updated_at=now)
    session.add(account)
    session.flush()
    return account.id, True


def clean_account(data: SocialAccountInput) -> SocialAccountInput:
    errors: dict[str, str] = {}
    try:
        get_platform(data.platform)
    except ValueError as exc:
        errors["platform"] = str(exc)
    handle = clean_line(data.handle, "handle", "The handle")
    name = clean_line(data.display_name, "display_name", "The name shown")
    url = clean_line(data.profile_url, "profile_url", "The profile link")
    notes = clean_block(data.notes, "notes", "The notes")
    check_length(errors, "handle", "The handle", handle, 500)
    check_length(errors, "display_name", "The name shown", name, 200)
    check_length(errors, "profile_url", "The profile link", url, 2000)
    if not _key_of(handle, name, url):
        errors["handle"] = "Enter the handle (as the site shows it), the name shown or a link."
    if errors:
        raise ValidationError(errors)
    return SocialAccountInput(data.platform, handle, name, url, notes)


class SocialAccountService:
    """The accounts list, making one by hand, and linking one to a person (audited)."""

    def __init__(self, db, clock, guard, audit):
        self._db = db
        self._clock = clock
        self._guard = guard
        self._audit = audit

    def list(self, text: str = "", person_id: int | None = None) -> list[SocialAccountRecord]:
        """Every account (or those whose handle, name or link holds ``text``, or one
        person's), not yet known first, then by site and handle."""
        self._guard.require(Operation.INCIDENT_VIEW)
        uses = (select(Incident.account_id, func.count().label("n"))
                .where(Incident.account_id.is_not(None)).group_by(Incident.account_id)
                .subquery())
        stmt = (select(SocialAccount, Person.full_name, uses.c.n)
                .outerjoin(Person, Person.id == SocialAccount.person_id)
                .outerjoin(uses, uses.c.account_id == SocialAccount.id))
        if person_id is not None:
            stmt = stmt.where(SocialAccount.person_id == person_id)
        with self._db.read() as session:
            rows = session.execute(stmt).all()
        found = [_record(a, name or "", n or 0) for a, name, n in rows]
        if text.strip():
            wanted = fold(text.strip().lstrip("@"))
            found = [r for r in found if any(
                wanted in fold(part) for part in (r.handle, r.display_name, r.profile_url))]
        return sorted(found, key=lambda r: (r.known, r.platform, handle_key(r.label), r.id))

    def get(self, account_id: int) -> SocialAccountRecord:
        self._guard.require(Operation.INCIDENT_VIEW)
        with self._db.read() as session:
            return self._load(session, account_id)

    def _load(self, session: Session, account_id: int) -> SocialAccountRecord:
        account = session.get(SocialAccount, account_id)
        if account is None:
            raise NotFound(f"Social media account {account_id} does not exist.")
        person = session.get(Person, account.person_id) if account.person_id else None
        count = session.scalar(select(func.count()).select_from(Incident)
                               .where(Incident.account_id == account_id)) or 0
        return _record(account, person.full_name if person else "", count)

    def _locked(self, session: Session, account_id: int, expected_version: int | None
                ) -> SocialAccount:
        """The account locked for this save, refused if changed since the version shown."""
        return locked_for_save(session, SocialAccount, account_id, expected_version,
                               "social_account", _named,
                               f"Social media account {account_id} does not exist.")

    def create(self, data: SocialAccountInput) -> SocialAccountRecord:
        """An account recorded by hand (before any incident names it, say)."""
        actor = self._guard.require(Operation.INCIDENT_UPDATE)
        data = clean_account(data)
        key = _key_of(data.handle, data.display_name, data.profile_url)
        now = self._clock.now()
        with self._db.begin() as session:
            if session.scalar(select(SocialAccount.id).where(
                    SocialAccount.platform == data.platform, SocialAccount.handle_key == key)):
                raise ValidationError({"handle": "That account on that site is already "
                                                 "recorded: choose it from the list."})
            account = SocialAccount(platform=data.platform, handle=data.handle, handle_key=key,
                                    display_name=data.display_name,
                                    profile_url=data.profile_url, person_id=None,
                                    notes=data.notes, created_at=now, updated_at=now)
            session.add(account)
            session.flush()
            self._audit.record(session, actor, "create", "social_account", account.id,
                               f"Social media account recorded: {describe(account)}")
            return self._load(session, account.id)

    def update(self, account_id: int, data: SocialAccountInput,
               expected_version: int | None = None) -> SocialAccountRecord:
        """The account's name, link and notes corrected (its site and handle stay, so the
        incidents that name it still do); ``expected_version`` (the version the screen
        showed) refuses the save if anyone has changed the account since."""
        actor = self._guard.require(Operation.INCIDENT_UPDATE)
        with self._db.begin() as session:
            account = self._locked(session, account_id, expected_version)
            data = clean_account(SocialAccountInput(
                account.platform, account.handle, data.display_name, data.profile_url,
                data.notes))
            account.display_name, account.profile_url = data.display_name, data.profile_url
            account.notes = data.notes
            account.updated_at = self._clock.now()
            session.flush()
            self._audit.record(session, actor, "update", "social_account", account_id,
                               f"Social media account details changed: {describe(account)}")
            return self._load(session, account_id)

    def link(self, account_id: int, person_id: int | None,
             expected_version: int | None = None) -> SocialAccountRecord:
        """Says who the account is (``person_id``), or that it is not known after all
        (None). Its incidents follow it into (or out of) that person's chronology.
        ``expected_version`` (the version the list showed) refuses the link if anyone has
        linked or changed the account since, unless it already says what was asked."""
        actor = self._guard.require(Operation.INCIDENT_UPDATE)
        with self._db.begin() as session:
            person = session.get(Person, person_id) if person_id is not None else None
            if person_id is not None and person is None:
                raise ValidationError({"person_id": f"No person with id {person_id}."})
            account = self._locked(session, account_id, None)
            if account.person_id == person_id:  # already so: nothing of theirs is undone
                return self._load(session, account_id)
            refuse_if_changed(session, account, expected_version, "social_account", _named)
            before = session.get(Person, account.person_id) if account.person_id else None
            account.person_id = person_id
            account.updated_at = self._clock.now()
            session.flush()
            if person is not None:
                summary = (f"Social media account {describe(account)} linked to "
                           f"{person.full_name} (person {person.id})")
                if before is not None:
                    summary += f", in place of {before.full_name} (person {before.id})"
            else:
                summary = (f"Social media account {describe(account)} no longer linked to "
                           f"{before.full_name} (person {before.id}): not yet known")
            self._audit.record(session, actor, "link", "social_account", account_id, summary)
            return self._load(session, account_id)


def _named(account) -> str:
    """The account as a refused save names it."""
    return f"The social media account {describe(account)}"


def describe(account) -> str:
    """"@angrymum_av (Facebook)": an account in a sentence of the audit trail."""
    try:
        site = get_platform(account.platform).label
    except ValueError:
        site = account.platform
    return f"{account.handle or account.display_name or account.profile_url} ({site})"


def posted_by(table, person_id: int):
    """Incidents (rows of ``table``) this person posted: as the poster on the record, or
    through an account linked to them."""
    linked = select(SocialAccount.id).where(SocialAccount.person_id == person_id)
    return or_(table.c.poster_id == person_id, table.c.account_id.in_(linked))


def account_fields(session: Session, account_id: int | None) -> dict:
    """The incident record's account fields (``IncidentRecord.account_*``)."""
    if account_id is None:
        return {}
    row = session.execute(
        select(SocialAccount.person_id, Person.full_name)
        .outerjoin(Person, Person.id == SocialAccount.person_id)
        .where(SocialAccount.id == account_id)).first()
    if row is None:
        return {}
    return {"account_id": account_id, "account_person_id": row[0],
            "account_person_name": row[1] or ""}


def record_new_account(session: Session, audit, actor, account_id: int) -> None:
    """The audit row for an account made because an incident named it."""
    account = session.get(SocialAccount, account_id)
    audit.record(session, actor, "create", "social_account", account_id,
                 f"Social media account recorded: {describe(account)} (not yet known)")
