"""Words the window shows for the policy's keys (platforms, categories, phases, roles)."""

from __future__ import annotations

from datetime import date

from avenue_desk.policy import get_category, get_platform, get_role, get_step

PHASE_LABELS = {
    "new": "New",
    "informal": "Informal stage",
    "meeting": "Meeting stage",
    "escalated": "Escalated",
    "closed": "Closed",
}


def _label(getter, key: str) -> str:
    try:
        return getter(key).label
    except ValueError:
        return key


def platform_label(key: str) -> str:
    return _label(get_platform, key)


def category_label(key: str) -> str:
    return _label(get_category, key)


def role_label(key: str) -> str:
    return _label(get_role, key)


def step_label(key: str) -> str:
    return _label(get_step, key)


def phase_label(key: str) -> str:
    return PHASE_LABELS.get(key, key)


def uk_date(value: date | None) -> str:
    """'21 November 2026' — how a school writes a date."""
    return f"{value.day} {value:%B %Y}" if value else ""


def short_date(value: date | None) -> str:
    """'21/11/2026' for table cells."""
    return f"{value:%d/%m/%Y}" if value else ""
