"""The staff code of conduct's tables (issue 4): acknowledgements and their answers, the
permissions and designations the code requires, contact exceptions, breaches and their
investigation. Kept apart from ``models`` for size; ``models`` imports every name here, so
``from avenue_desk.store.models import ConductBreach`` works as it always did.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from avenue_desk.store.base import NAMING, Base, Versioned  # noqa: F401 - Base is imported from here too

# --- the staff code of conduct (issue 4) -------------------------------------------------


class ConductAcknowledgement(Versioned, Base):
    """One person working through the code of conduct checklist, on screen or on paper.

    ``scope`` is "full" (every item: the annual renewal) or "changes" (only the items whose
    wording changed since the person last signed). A row stays "in_progress" until signed.
    """

    __tablename__ = "conduct_acknowledgements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), index=True
    )
    edition: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    signed_name: Mapped[str] = mapped_column(String(200), default="")
    signed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    on_paper: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[str] = mapped_column(String(200), default="")  # who typed in the paper
    last_section: Mapped[str] = mapped_column(String(20), default="")  # where to resume

    items: Mapped[list[ConductAcknowledgementItem]] = relationship(
        cascade="all, delete-orphan", order_by="ConductAcknowledgementItem.id"
    )


class ConductAcknowledgementItem(Base):
    """The exact words a person accepted (and their version), with the answer given."""

    __tablename__ = "conduct_acknowledgement_items"
    __table_args__ = (UniqueConstraint("acknowledgement_id", "item_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    acknowledgement_id: Mapped[int] = mapped_column(
        ForeignKey("conduct_acknowledgements.id", ondelete="CASCADE"), index=True
    )
    item_key: Mapped[str] = mapped_column(String(40))
    item_text: Mapped[str] = mapped_column(Text)
    item_version: Mapped[str] = mapped_column(String(16))
    answer: Mapped[str] = mapped_column(String(10), default="")  # accepted / yes / no / ""
    note: Mapped[str] = mapped_column(Text, default="")


class _Authorisation:
    """What the Headteacher agreed for one person: what, where, from and until."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), index=True
    )
    what: Mapped[str] = mapped_column(String(2000))
    place: Mapped[str] = mapped_column(String(2000), default="")
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    agreed_by: Mapped[str] = mapped_column(String(200), default="")
    agreed_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ConductPermission(_Authorisation, Versioned, Base):
    """Written permission to use the school's name, logo or published material."""

    __tablename__ = "conduct_permissions"
    uses: Mapped[str] = mapped_column(String(60))  # comma-separated: name, logo, material


class ConductDesignation(_Authorisation, Versioned, Base):
    """A designated person for publicity images or for the school's own accounts."""

    __tablename__ = "conduct_designations"
    purpose: Mapped[str] = mapped_column(String(20), index=True)  # images / accounts


class ContactException(_Authorisation, Versioned, Base):
    """Personal contact details the Headteacher agreed a person may give (``place``: to whom)."""

    __tablename__ = "conduct_contact_exceptions"


class ConductBreach(Versioned, Base):
    """A potential breach of the code by one person, its investigation and outcome."""

    __tablename__ = "conduct_breaches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), index=True
    )
    what: Mapped[str] = mapped_column(Text)
    occurred_on: Mapped[date] = mapped_column(Date)
    reported_on: Mapped[date] = mapped_column(Date)
    reported_by: Mapped[str] = mapped_column(String(200), default="")
    outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    outcome_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    outcome_notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    items: Mapped[list[ConductBreachItem]] = relationship(
        cascade="all, delete-orphan", order_by="ConductBreachItem.id"
    )
    steps: Mapped[list[ConductBreachStep]] = relationship(
        cascade="all, delete-orphan", order_by="(ConductBreachStep.taken_on, ConductBreachStep.id)"
    )
    evidence: Mapped[list[ConductBreachEvidence]] = relationship(
        cascade="all, delete-orphan", order_by="ConductBreachEvidence.id"
    )


class ConductBreachItem(Base):
    """A code item the breach concerns, citing the words the person had acknowledged."""

    __tablename__ = "conduct_breach_items"
    __table_args__ = (UniqueConstraint("breach_id", "item_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    breach_id: Mapped[int] = mapped_column(
        ForeignKey("conduct_breaches.id", ondelete="CASCADE"), index=True
    )
    item_key: Mapped[str] = mapped_column(String(40))
    item_text: Mapped[str] = mapped_column(Text)
    item_version: Mapped[str] = mapped_column(String(16))
    # None: the person had not acknowledged this item before the breach (the policy's
    # current words are cited instead).
    acknowledgement_id: Mapped[int | None] = mapped_column(
        ForeignKey("conduct_acknowledgements.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    acknowledged_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class ConductBreachStep(Base):
    """One step of the investigation."""

    __tablename__ = "conduct_breach_steps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    breach_id: Mapped[int] = mapped_column(
        ForeignKey("conduct_breaches.id", ondelete="CASCADE"), index=True
    )
    taken_on: Mapped[date] = mapped_column(Date)
    taken_by: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ConductBreachEvidence(Base):
    """A file for a breach, kept exactly as incident evidence is (copied, hashed, checked)."""

    __tablename__ = "conduct_breach_evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    breach_id: Mapped[int] = mapped_column(
        ForeignKey("conduct_breaches.id", ondelete="CASCADE"), index=True
    )
    original_name: Mapped[str] = mapped_column(String(500))
    stored_name: Mapped[str] = mapped_column(String(500))
    media_type: Mapped[str] = mapped_column(String(60))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    captured_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")
