"""Incidents: logging what was posted, finding it again, and what needs attention today."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.orm import Session, selectinload

from avenue_desk.policy import edition_for_incident, get_category, get_edition, get_platform
from avenue_desk.policy.access import Operation
from avenue_desk.policy.police_referral import get_offence_kind
from avenue_desk.policy.settings_registry import POLICY_EDITION
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.services.core.validation import (
    EXCERPT_LIMIT,
    LINE_LIMIT,
    SUMMARY_LIMIT,
    check_length,
    check_not_future,
    clean_block,
    clean_line,
)
from avenue_desk.services.core.versions import locked_for_save
from avenue_desk.services.incidents import search, social_accounts
from avenue_desk.services.incidents.from_rows import incident_record, withhold_legal_notes
from avenue_desk.services.incidents.records import (
    IncidentInput,
    IncidentQuery,
    IncidentRecord,
    IncidentRow,
)
from avenue_desk.services.people import to_record as person_record
from avenue_desk.store.models import (
    Incident,
    IncidentCategory,
    IncidentPerson,
    Person,
    Setting,
    SocialAccount,
)
from avenue_desk.store.prepared import Prepared

NEW_PHASE = "new"
# What create() writes: the input's own fields, then what the service decides.
_INPUT_COLUMNS = ("posted_on", "seen_on", "reported_by", "platform", "location", "poster_id",
                  "excerpt", "summary", "content_still_up", "on_school_forum", "posted_at",
                  "seen_at", "poster_account")
_RECORD_COLUMNS = tuple(c for c in _INPUT_COLUMNS if c != "poster_id") + (
    "policy_edition", "phase", "phase_before_close", "next_follow_up", "created_at",
    "updated_at")
# Saving's statements, compiled once (see store/prepared.py).
# Read raw, not through the registry: no row (never saved) means "the edition in force on
# the day posted", which the registry's default would hide.
_CHOSEN_EDITION = Prepared(select(Setting.__table__.c.value).where(
    Setting.__table__.c.key == POLICY_EDITION.key))
_INSERT_INCIDENT = Prepared(insert(Incident.__table__), *_INPUT_COLUMNS, *(
    c for c in _RECORD_COLUMNS if c not in _INPUT_COLUMNS), "account_id")
_INSERT_CATEGORY = Prepared(insert(IncidentCategory.__table__), "incident_id", "category")
_INSERT_NAMED = Prepared(insert(IncidentPerson.__table__), "incident_id", "person_id")
# The list's statements are Core, on the tables: they compile (once per process) without
# the ORM's compile step, and their rows come back without the ORM's per-row loading.
_I, _P, _C = Incident.__table__, Person.__table__, IncidentCategory.__table__
# The poster's name; with none on the record, the person the posting account is linked to,
# else the account itself ("@angrymum_av"), so an unknown poster is not a blank.
_A, _AP = SocialAccount.__table__, Person.__table__.alias("account_person")
_ROWS = select(_I.c.id, _I.c.posted_on, _I.c.platform, func.coalesce(
    _P.c.full_name, _AP.c.full_name, func.nullif(_I.c.poster_account, "")), _I.c.summary,
               _I.c.excerpt, _I.c.phase, _I.c.content_still_up, _I.c.next_follow_up,
               ).select_from(_I.outerjoin(_P, _P.c.id == _I.c.poster_id)
                             .outerjoin(_A, _A.c.id == _I.c.account_id)
                             .outerjoin(_AP, _AP.c.id == _A.c.person_id))
_COUNT = select(func.count()).select_from(_I)
_CATEGORIES_OF = select(_C.c.incident_id, _C.c.category)
_CATEGORIES_OF_JSON = _CATEGORIES_OF.where(_C.c.incident_id.in_(
    text("SELECT value FROM json_each(:ids)")))


def clean_incident(data: IncidentInput, today) -> IncidentInput:
    """The input tidied and checked against the policy; raises ValidationError per field."""
    errors: dict[str, str] = {}
    if data.posted_on is None:
        errors["posted_on"] = "Enter the date the content was posted (or first seen)."
    check_not_future(errors, "posted_on", "The date posted", data.posted_on, today)
    check_not_future(errors, "seen_on", "The date seen", data.seen_on, today)
    if data.posted_on and data.seen_on and data.seen_on < data.posted_on:
        errors["seen_on"] = "The date seen is before the date it was posted."
    check_times(errors, data)
    platform = None
    if not (data.platform or "").strip():
        errors["platform"] = "Choose the site or app it was posted on."
    else:
        try:
            platform = get_platform(data.platform)
        except ValueError as exc:
            errors["platform"] = str(exc)
    categories = tuple(dict.fromkeys(data.categories))
    if not categories:
        errors["categories"] = "Choose at least one kind of inappropriate use (or Other)."
    for key in categories:
        try:
            get_category(key)
        except ValueError as exc:
            errors["categories"] = str(exc)
    if data.policy_edition is not None:
        try:
            get_edition(data.policy_edition)
        except ValueError as exc:
            errors["policy_edition"] = str(exc)
    excerpt = clean_block(data.excerpt, "excerpt", "The excerpt")
    summary = clean_block(data.summary, "summary", "The summary")
    location = clean_line(data.location, "location", "Where it was posted")
    reported_by = clean_line(data.reported_by, "reported_by", "Who reported it")
    account = clean_line(data.poster_account, "poster_account", "The account that posted")
    check_length(errors, "poster_account", "The account that posted", account, 500)
    check_length(errors, "excerpt", "The excerpt", excerpt, EXCERPT_LIMIT)
    check_length(errors, "summary", "The summary", summary, SUMMARY_LIMIT)
    check_length(errors, "location", "Where it was posted", location, 2000)
    check_length(errors, "reported_by", "Who reported it", reported_by, LINE_LIMIT)
    if not excerpt and not summary:
        errors["summary"] = "Write a summary of what was posted, or copy the excerpt."
    if errors:
        raise ValidationError(errors)
    return IncidentInput(
        posted_on=data.posted_on,
        seen_on=data.seen_on,
        reported_by=reported_by,
        platform=data.platform,
        location=location,
        poster_id=data.poster_id,
        named_person_ids=tuple(dict.fromkeys(data.named_person_ids)),
        categories=categories,
        excerpt=excerpt,
        summary=summary,
        content_still_up=data.content_still_up,
        on_school_forum=data.on_school_forum or bool(platform and platform.is_school_forum),
        policy_edition=data.policy_edition,
        posted_at=data.posted_at,
        seen_at=data.seen_at,
        poster_account=account,
    )


def check_times(errors: dict[str, str], data: IncidentInput) -> None:
    """A time needs its date, and seen cannot come before posted on the same day. (A time
    later today is not refused: the clock of the computer that took a screenshot may
    differ from this one's by minutes.)"""
    for name, day, words in (("posted_at", data.posted_on, "posted"),
                             ("seen_at", data.seen_on, "seen")):
        if getattr(data, name) is not None and day is None:
            errors[name] = f"Enter the date {words} as well as the time."
    if (data.posted_at and data.seen_at and data.posted_on and data.posted_on == data.seen_on
            and data.seen_at < data.posted_at and "seen_on" not in errors):
        errors["seen_at"] = "The time seen is before the time it was posted, on the same day."


def edition_for(session: Session, posted_on) -> str:
    """The school's chosen edition if it was in force by then, else the one in force then."""
    chosen = session.get(Setting, POLICY_EDITION.key)  # raw: see _CHOSEN_EDITION
    return edition_for_chosen(chosen.value if chosen else None, posted_on)


def edition_for_chosen(chosen: str | None, posted_on) -> str:
    return edition_for_incident(chosen, posted_on).key


def check_people_exist(session: Session, data: IncidentInput) -> dict[int, Person]:
    """The poster and the people named, by id; raises ValidationError for any missing."""
    wanted = set(data.named_person_ids) | ({data.poster_id} if data.poster_id else set())
    if not wanted:
        return {}
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(wanted)))}
    found = set(people)
    if data.poster_id and data.poster_id not in found:
        raise ValidationError({"poster_id": f"No person with id {data.poster_id}."})
    missing = sorted(wanted - found)
    if missing:
        ids = ", ".join(map(str, missing))
        raise ValidationError({"named_person_ids": f"No person with id {ids}."})
    return people


def apply_input(session: Session, incident: Incident, data: IncidentInput, now) -> None:
    # Looked up first: the lookup autoflushes, and the row must be complete by then.
    edition = data.policy_edition or edition_for(session, data.posted_on)
    for name in _INPUT_COLUMNS:
        setattr(incident, name, getattr(data, name))
    incident.policy_edition = edition
    incident.updated_at = now
    incident.categories = [IncidentCategory(category=c) for c in data.categories]
    incident.named_people = [IncidentPerson(person_id=p) for p in data.named_person_ids]


class IncidentService:
    """Opening an incident (``get``) is audited; the list (``count``, ``page``, ``row``)
    and a screen's reload of a record it already opened (``current``) are not."""

    def __init__(self, db: Database, clock, guard, audit):
        self._db = db
        self._clock = clock
        self._guard = guard
        self._audit = audit

    def create(self, data: IncidentInput) -> IncidentRecord:
        """Logs the incident and returns it as the editor shows it after saving.

        Saving is what the office does most, so it is kept to the statements it needs: the
        rows are written by inserts compiled once and run on the transaction's connection
        (no ORM flush; see store/prepared.py), and the record returned is made from what was
        written rather than read back (a new incident has no steps or evidence yet, and the
        people were read to check them).
        """
        actor = self._guard.require(Operation.INCIDENT_CREATE)
        data = clean_incident(data, self._clock.today())
        with self._db.begin() as session:
            people = check_people_exist(session, data)
            connection = session.connection()
            now = self._clock.now()
            values = {name: getattr(data, name) for name in _INPUT_COLUMNS}
            if data.policy_edition:
                edition = data.policy_edition
            else:
                chosen = _CHOSEN_EDITION.first(connection)
                edition = edition_for_chosen(chosen[0] if chosen else None, data.posted_on)
            values.update(policy_edition=edition, phase=NEW_PHASE, phase_before_close=None,
                          next_follow_up=None, created_at=now, updated_at=now)
            account_id = self._account(session, actor, data, now)
            incident_id = _INSERT_INCIDENT.insert(connection, {**values,
                                                               "account_id": account_id})
            for category in data.categories:
                _INSERT_CATEGORY.execute(connection, {"incident_id": incident_id,
                                                      "category": category})
            for person_id in data.named_person_ids:
                _INSERT_NAMED.execute(connection, {"incident_id": incident_id,
                                                   "person_id": person_id})
            search.index_new(connection, incident_id, data.excerpt, data.summary)
            self._audit.record(session, actor, "create", "incident", incident_id,
                               "Incident logged", after_write=True)
        self._guard.require(Operation.INCIDENT_VIEW)  # as reading it back always asked
        named = sorted((people[p] for p in data.named_person_ids), key=lambda p: p.name_key)
        record = IncidentRecord(
            id=incident_id,
            poster=person_record(people[data.poster_id]) if data.poster_id else None,
            named_people=tuple(person_record(p) for p in named),
            categories=tuple(sorted(data.categories)),  # as the relationship orders them
            **{name: values[name] for name in _RECORD_COLUMNS},
        )
        if account_id is None:
            return record
        with self._db.read() as session:
            return replace(record, **social_accounts.account_fields(session, account_id))

    def _account(self, session: Session, actor, data: IncidentInput, now) -> int | None:
        """The account the typed text names, found or made (a new one audited)."""
        account_id, made = social_accounts.account_for_text(
            session, data.platform, data.poster_account, now)
        if made:
            social_accounts.record_new_account(session, self._audit, actor, account_id)
        return account_id

    def update(self, incident_id: int, data: IncidentInput,
               expected_version: int | None = None) -> IncidentRecord:
        """Saves the incident's details; ``expected_version`` (the version the screen
        opened) refuses the save if anyone has changed the incident since, a step recorded
        included (``ChangedElsewhere``, saying who and when)."""
        actor = self._guard.require(Operation.INCIDENT_UPDATE)
        data = clean_incident(data, self._clock.today())
        with self._db.begin() as session:
            incident = locked_for_save(session, Incident, incident_id, expected_version,
                                       "incident", f"Incident {incident_id}",
                                       f"Incident {incident_id} does not exist.")
            check_people_exist(session, data)
            for link in (IncidentCategory, IncidentPerson):
                session.execute(delete(link).where(link.incident_id == incident_id))
            session.expire(incident, ["categories", "named_people"])
            apply_input(session, incident, data, self._clock.now())
            incident.account_id = self._account(session, actor, data, self._clock.now())
            session.flush()
            search.reindex(session, incident_id)
            self._audit.record(session, actor, "update", "incident", incident_id,
                               "Incident details changed")
        return self.current(incident_id)

    def record_referral(self, incident_id: int, reason: str, offence_kind: str
                        ) -> IncidentRecord:
        """The Headteacher's police referral details: why the school refers the matter, in
        its own words, and the kind of offence it believes it may be (a key of
        ``policy.police_referral``, or "" for not recorded). Headteacher only, as the
        police step is."""
        actor = self._guard.require(Operation.ACTION_RECORD_LEGAL)
        reason = clean_block(reason, "referral_reason", "The reason for the referral")
        errors: dict[str, str] = {}
        check_length(errors, "referral_reason", "The reason for the referral", reason,
                     SUMMARY_LIMIT)
        if offence_kind:
            try:
                get_offence_kind(offence_kind)
            except ValueError as exc:
                errors["offence_kind"] = str(exc)
        if errors:
            raise ValidationError(errors)
        with self._db.begin() as session:
            incident = session.get(Incident, incident_id)
            if incident is None:
                raise NotFound(f"Incident {incident_id} does not exist.")
            incident.referral_reason = reason
            incident.offence_kind = offence_kind
            incident.updated_at = self._clock.now()
            self._audit.record(session, actor, "update", "incident", incident_id,
                               "Police referral details recorded")
        return self.current(incident_id)

    def get(self, incident_id: int) -> IncidentRecord:
        """Opens the incident: the opening is written to the audit trail."""
        actor = self._guard.require(Operation.INCIDENT_VIEW)
        with self._db.read_one(f"Incident {incident_id}", writing=True) as session:
            record = self._load(session, incident_id)
            self._audit.record(session, actor, "open", "incident", incident_id,
                               "Incident opened")
        return record

    def current(self, incident_id: int) -> IncidentRecord:
        """The incident as it stands now, for a screen that has already opened it (after a
        save, a step recorded, evidence added): not recorded as another opening."""
        self._guard.require(Operation.INCIDENT_VIEW)
        with self._db.read_one(f"Incident {incident_id}") as session:
            return self._load(session, incident_id)

    def _load(self, session: Session, incident_id: int) -> IncidentRecord:
        incident = session.scalar(
            select(Incident)
            .where(Incident.id == incident_id)
            .options(
                selectinload(Incident.categories),
                selectinload(Incident.named_people),
                selectinload(Incident.actions),
                selectinload(Incident.evidence),
                selectinload(Incident.poster),
            )
        )
        if incident is None:
            raise NotFound(f"Incident {incident_id} does not exist.")
        named = session.scalars(
            select(Person)
            .join(IncidentPerson, IncidentPerson.person_id == Person.id)
            .where(IncidentPerson.incident_id == incident_id)
            .order_by(Person.name_key)
        ).all()
        record = incident_record(incident, named, self._db.paths.evidence_dir)
        if incident.account_id is not None:
            record = replace(record, **social_accounts.account_fields(
                session, incident.account_id))
        if not self._guard.allowed(Operation.LEGAL_NOTES_VIEW):
            record = withhold_legal_notes(record)
        return record

    def first_id(self) -> int | None:
        self._guard.require(Operation.INCIDENT_VIEW)
        with self._db.read() as session:
            return session.scalar(select(func.min(Incident.id)))

    # --- the list -----------------------------------------------------------------------

    # The list's queries are plain column selects, run on the session's connection: Core
    # rows, without the ORM's per-row loading (which cost more than SQLite's own work).

    def count(self, query: IncidentQuery) -> int:
        self._guard.require(Operation.INCIDENT_VIEW)
        with self._db.read() as session:
            # count(*) not count(id): SQLite answers count(*) from the smallest index.
            stmt = self._filtered(session, _COUNT, query)
            return session.connection().execute(stmt).scalar() or 0

    def page(self, query: IncidentQuery, offset: int, limit: int) -> list[IncidentRow]:
        """One page of the list, in the query's order: the table model asks page by page."""
        self._guard.require(Operation.INCIDENT_VIEW)
        with self._db.read() as session:
            stmt = self._filtered(session, _ROWS, query)
            stmt = stmt.order_by(*self._order(query)).offset(offset).limit(limit)
            return self._rows(session, stmt)

    def _rows(self, session: Session, stmt) -> list[IncidentRow]:
        connection = session.connection()
        rows = connection.execute(stmt).all()
        categories = self._categories_of(connection, [r[0] for r in rows])
        return [
            IncidentRow(number, posted_on, platform, poster or "", categories.get(number, ()),
                        _first_line(summary or excerpt), phase, still_up, follow_up)
            for number, posted_on, platform, poster, summary, excerpt, phase, still_up,
            follow_up in rows
        ]

    def row(self, incident_id: int) -> IncidentRow:
        """One incident as the list shows it (finding it by number is not opening it)."""
        self._guard.require(Operation.INCIDENT_VIEW)
        with self._db.read() as session:
            rows = self._rows(session, _ROWS.where(_I.c.id == incident_id))
        if not rows:
            raise NotFound(f"Incident {incident_id} does not exist.")
        return rows[0]

    def ids(self, query: IncidentQuery) -> list[int]:
        self._guard.require(Operation.INCIDENT_VIEW)
        with self._db.read() as session:
            stmt = self._filtered(session, select(_I.c.id), query)
            stmt = stmt.order_by(*self._order(query))
            if query.sort_key == "poster":
                stmt = stmt.outerjoin(_P, _P.c.id == _I.c.poster_id)
            return list(session.scalars(stmt))

    def _filtered(self, session: Session, stmt, query: IncidentQuery):
        if query.status == "open":
            stmt = stmt.where(_I.c.phase != "closed")
        elif query.status == "closed":
            stmt = stmt.where(_I.c.phase == "closed")
        if query.category:
            stmt = stmt.where(_I.c.id.in_(
                select(_C.c.incident_id).where(_C.c.category == query.category)))
        if query.platform:
            stmt = stmt.where(_I.c.platform == query.platform)
        if query.date_from:
            stmt = stmt.where(_I.c.posted_on >= query.date_from)
        if query.date_to:
            stmt = stmt.where(_I.c.posted_on <= query.date_to)
        if query.overdue_only:
            stmt = stmt.where(
                _I.c.next_follow_up < self._clock.today(), _I.c.phase != "closed"
            )
        if query.due_today_only:
            stmt = stmt.where(
                _I.c.next_follow_up == self._clock.today(), _I.c.phase != "closed"
            )
        if query.still_up_only:
            stmt = stmt.where(_I.c.content_still_up.is_(True), _I.c.phase != "closed")
        if query.posted_by is not None:
            stmt = stmt.where(social_accounts.posted_by(_I, query.posted_by))
        if query.posted_by_account is not None:
            stmt = stmt.where(_I.c.account_id == query.posted_by_account)
        text_filter = search.search_filter(session, query.text)
        if text_filter is not None:
            stmt = stmt.where(text_filter)
        return stmt

    @staticmethod
    def _order(query: IncidentQuery):
        column = {
            "id": _I.c.id,
            "posted_on": _I.c.posted_on,
            "platform": _I.c.platform,
            "poster": _P.c.name_key,
            "phase": _I.c.phase,
            "next_follow_up": _I.c.next_follow_up,
        }.get(query.sort_key, _I.c.posted_on)
        primary = column.desc() if query.descending else column.asc()
        tie = _I.c.id.desc() if query.descending else _I.c.id.asc()
        return (primary, tie) if column is not _I.c.id else (primary,)

    @staticmethod
    def _categories_of(connection, ids: list[int]) -> dict[int, tuple[str, ...]]:
        found: dict[int, list[str]] = {}
        if ids:
            if connection.dialect.name == "sqlite":
                # One parameter (the ids as JSON) rather than 200: the same query plan, but
                # SQLAlchemy need not render and bind a list of 200 each time.
                rows = connection.execute(_CATEGORIES_OF_JSON, {"ids": json.dumps(ids)})
            else:
                rows = connection.execute(_CATEGORIES_OF.where(_C.c.incident_id.in_(ids)))
            for incident_id, category in rows.all():  # all(): not row by row
                found.setdefault(incident_id, []).append(category)
        return {k: tuple(v) for k, v in found.items()}


def _first_line(text: str, limit: int = 160) -> str:
    line = (text or "").strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"
