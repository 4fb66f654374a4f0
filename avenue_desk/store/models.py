"""The tables, in SQLAlchemy 2 declarative style.

Every change to these classes needs an Alembic migration in ``migrations/versions``;
``tests/store/test_migrations.py`` fails when the two disagree.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from avenue_desk.store.base import NAMING, Base, Versioned  # noqa: F401 - Base is imported from here too


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Person(Versioned, Base):
    __tablename__ = "people"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    # The parts a letter is addressed by ("Dear Mr Okafor"): filled from the full name only
    # where that is unambiguous, editable, never guessed at print time (migration 0005).
    title: Mapped[str] = mapped_column(String(40), default="", server_default="")
    forenames: Mapped[str] = mapped_column(String(200), default="", server_default="")
    surname: Mapped[str] = mapped_column(String(200), default="", server_default="")
    salutation: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # Case- and space-folded name, indexed, so "matched by name" is one lookup.
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    role: Mapped[str] = mapped_column(String(20), index=True)
    class_name: Mapped[str] = mapped_column(String(60), default="")
    year_group: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    # The MIS's own id (a pupil's UPN or admission number, a contact's id): one person per
    # id, "" for none (uq_people_mis_id below; migration 0007).
    mis_id: Mapped[str] = mapped_column(String(60), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


# Unique where given: two imports at once (two office PCs) cannot store one pupil twice, and
# the many people with no MIS id are not held to it. Partial, on SQLite and PostgreSQL alike.
Index("uq_people_mis_id", Person.mis_id, unique=True, sqlite_where=Person.mis_id != "",
      postgresql_where=Person.mis_id != "")


class PersonLink(Base):
    """An adult (parent, carer, relative) linked to a pupil."""

    __tablename__ = "person_links"
    __table_args__ = (UniqueConstraint("adult_id", "pupil_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    adult_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    relationship_label: Mapped[str] = mapped_column(String(60), default="")
    # What the MIS says of this adult for this child (migration 0007). None: not given.
    parental_responsibility: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    priority: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # 0: none
    court_order: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Not to be given information about this child: marked wherever the adult is shown,
    # and a letter about the child warns before addressing them.
    restricted_access: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class SocialAccount(Versioned, Base):
    """An account or profile on a site ("@angrymum_av" on Facebook), a record of its own:
    linked to a person once the school knows who it is, "not yet known" (no person) until
    then. ``handle_key`` is the handle folded as the services compare it (no "@", any
    case), so one account on one site is one row (migration 0008)."""

    __tablename__ = "social_accounts"
    __table_args__ = (UniqueConstraint("platform", "handle_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    handle: Mapped[str] = mapped_column(String(500), default="")  # as the site shows it
    handle_key: Mapped[str] = mapped_column(String(500), index=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    profile_url: Mapped[str] = mapped_column(String(2000), default="")
    # RESTRICT: a person an account is linked to cannot vanish from under it.
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Incident(Versioned, Base):
    __tablename__ = "incidents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    posted_on: Mapped[date] = mapped_column(Date, index=True)
    seen_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Times where known, for a police officer's chronology (migration 0005).
    posted_at: Mapped[time | None] = mapped_column(Time, nullable=True)
    seen_at: Mapped[time | None] = mapped_column(Time, nullable=True)
    # The account or profile that posted, as shown on the site ("@name", a profile URL).
    poster_account: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # The same account as a record of its own (migration 0008): found or made from
    # ``poster_account`` on saving, so it can be linked to a person once the school knows.
    # No ON DELETE: an account with incidents cannot be deleted all the same (NO ACTION),
    # and SQLite reads back no ON DELETE for a column added in place, as this one was.
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("social_accounts.id"), nullable=True, index=True
    )
    # The Headteacher's own reason for a police referral, and the kind of offence the
    # school believes it may be (policy.police_referral's keys), as recorded.
    referral_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    offence_kind: Mapped[str] = mapped_column(String(30), default="", server_default="")
    reported_by: Mapped[str] = mapped_column(String(200), default="")
    platform: Mapped[str] = mapped_column(String(20), index=True)
    location: Mapped[str] = mapped_column(String(2000), default="")
    # RESTRICT: a person named as a poster cannot vanish from under an incident.
    poster_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    excerpt: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    content_still_up: Mapped[bool] = mapped_column(Boolean, default=True)
    on_school_forum: Mapped[bool] = mapped_column(Boolean, default=False)
    policy_edition: Mapped[str] = mapped_column(String(20))
    phase: Mapped[str] = mapped_column(String(12), index=True)
    phase_before_close: Mapped[str | None] = mapped_column(String(12), nullable=True)
    # Earliest follow-up still to do, kept by the services so "overdue" is an indexed filter.
    next_follow_up: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    poster: Mapped[Person | None] = relationship(foreign_keys=[poster_id])
    account: Mapped[SocialAccount | None] = relationship(foreign_keys=[account_id])
    categories: Mapped[list[IncidentCategory]] = relationship(
        cascade="all, delete-orphan", order_by="IncidentCategory.category"
    )
    named_people: Mapped[list[IncidentPerson]] = relationship(cascade="all, delete-orphan")
    actions: Mapped[list[Action]] = relationship(
        cascade="all, delete-orphan", order_by="(Action.taken_on, Action.id)"
    )
    evidence: Mapped[list[Evidence]] = relationship(
        cascade="all, delete-orphan", order_by="Evidence.id"
    )


class IncidentCategory(Base):
    __tablename__ = "incident_categories"
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[str] = mapped_column(String(20), primary_key=True, index=True)


class IncidentPerson(Base):
    """A pupil or member of staff named or targeted in the post."""

    __tablename__ = "incident_people"
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), primary_key=True, index=True
    )


# An action row's status: the step as it stands, an earlier version replaced by a
# correction, or a step withdrawn (kept, struck through on the timeline).
ACTION_CURRENT, ACTION_CORRECTED, ACTION_WITHDRAWN = "current", "corrected", "withdrawn"


class Action(Base):
    """One step of the procedure taken on an incident."""

    __tablename__ = "actions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    step: Mapped[str] = mapped_column(String(30))
    taken_on: Mapped[date] = mapped_column(Date)
    taken_at: Mapped[time | None] = mapped_column(Time, nullable=True)  # where known (0005)
    taken_by: Mapped[str] = mapped_column(String(200), default="")
    outcome: Mapped[str] = mapped_column(String(2000), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    follow_up_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    follow_up_done: Mapped[bool] = mapped_column(Boolean, default=False)
    removal_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Nothing recorded is overwritten or deleted (migration 0004). A correction is a new row
    # naming the step's first row in ``version_of``; the row it replaces keeps its text and
    # becomes "corrected". A withdrawn step keeps its row, marked "withdrawn", with why.
    status: Mapped[str] = mapped_column(String(12), default=ACTION_CURRENT,
                                        server_default=ACTION_CURRENT)
    version_of: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id", ondelete="SET NULL"), nullable=True, index=True
    )
    recorded_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    correction_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    withdrawn_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The letter whose saving or printing recorded this step ("" when typed in by hand).
    letter: Mapped[str] = mapped_column(String(80), default="", server_default="")
    # How the follow-up was closed: the note given when marked done, or which step's
    # follow-up replaced it (the first row of that step, so it survives corrections).
    follow_up_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    follow_up_closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    follow_up_closed_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    follow_up_superseded_by: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id", ondelete="SET NULL"), nullable=True
    )


class Evidence(Versioned, Base):
    """A file copied into the data folder, with the hash taken when it arrived."""

    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    original_name: Mapped[str] = mapped_column(String(500))
    stored_name: Mapped[str] = mapped_column(String(500))
    media_type: Mapped[str] = mapped_column(String(60))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    captured_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    captured_at: Mapped[time | None] = mapped_column(Time, nullable=True)  # where known (0005)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    # What a police officer asks of a screenshot (migration 0009): the web address that was
    # captured, who captured it, and the account the capture shows ("@name"), as typed.
    url: Mapped[str] = mapped_column(String(2000), default="", server_default="")
    captured_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    account_shown: Mapped[str] = mapped_column(String(500), default="", server_default="")


class PlatformReport(Versioned, Base):
    """A report the school made to the platform (its "report abuse" route): the platform's
    reference number and its reply, so that a week without removal is noticed (0009)."""

    __tablename__ = "platform_reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    reported_on: Mapped[date] = mapped_column(Date, index=True)
    # "platform" (its own report route), or a route after it (policy.platform_routes'
    # NEXT_ROUTES keys: "report_harmful_content").
    made_to: Mapped[str] = mapped_column(String(40), default="platform",
                                         server_default="platform")
    reference: Mapped[str] = mapped_column(String(200), default="", server_default="")
    reply: Mapped[str] = mapped_column(Text, default="", server_default="")
    reply_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    recorded_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


Index("ix_actions_follow_up", Action.follow_up_due, Action.follow_up_done)
# The list's commonest filter is "open cases on one platform", and the home view lists open
# cases by date: without these SQLite reads every row (measured: 18 ms -> 2 ms at 100,000).
Index("ix_incidents_platform_phase", Incident.platform, Incident.phase)
Index(
    "ix_incidents_open_posted",
    Incident.posted_on,
    sqlite_where=Incident.phase != "closed",
    postgresql_where=Incident.phase != "closed",
)
# Open cases on one platform, newest first (migration 0013): the page read from the index
# rather than every open case of the platform sorted, which SQLCipher's SQLite chose.
Index(
    "ix_incidents_open_platform_posted",
    Incident.platform,
    Incident.posted_on,
    Incident.id,
    sqlite_where=Incident.phase != "closed",
    postgresql_where=Incident.phase != "closed",
)


class EvidenceContent(Base):
    """The bytes of an evidence file kept on a database server (migration 0011), so every
    PC reaches them: one row per megabyte ("part"), in order, keyed by the stored name the
    evidence row holds. A school on SQLite keeps its files in the data folder and leaves
    this table empty (services/core/evidence_store.py chooses)."""

    __tablename__ = "evidence_content"
    stored_name: Mapped[str] = mapped_column(String(500), primary_key=True)
    part: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)


# The accounts and audit tables live in their own module on the same Base; importing it
# here means Alembic and the tests always see the whole schema.
from avenue_desk.store import models_accounts  # noqa: E402,F401

# The code of conduct's tables, in a module of their own (size); their names are this
# module's too, so every import of them from here keeps working.
from avenue_desk.store.models_conduct import (  # noqa: E402,F401
    ConductAcknowledgement,
    ConductAcknowledgementItem,
    ConductBreach,
    ConductBreachEvidence,
    ConductBreachItem,
    ConductBreachStep,
    ConductDesignation,
    ConductPermission,
    ContactException,
)
