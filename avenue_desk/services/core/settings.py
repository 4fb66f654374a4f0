"""The school's own settings, kept in the database beside its records."""

from __future__ import annotations

from dataclasses import fields, replace

from sqlalchemy import select

from avenue_desk.policy import get_edition
from avenue_desk.policy.access import Operation
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.core.school import SchoolSettings
from avenue_desk.store.models import Setting

_TYPED = {f.name: f.type for f in fields(SchoolSettings) if f.name != "extra"}


class SettingsService:
    """``load`` is for everyone (the window's title, letterheads); ``save`` is the
    Headteacher's. ``set_value`` is for the services' own bookkeeping (the date of the last
    check, a folder last saved to): not a user's change, so neither checked nor audited."""

    def __init__(self, db: Database, guard, audit):
        self._db = db
        self._guard = guard
        self._audit = audit

    def load(self) -> SchoolSettings:
        with self._db.read() as session:
            stored = dict(session.execute(select(Setting.key, Setting.value)).all())
        values: dict[str, object] = {}
        extra = {}
        for key, raw in stored.items():
            if key not in _TYPED:
                extra[key] = raw
            elif _TYPED[key] in ("bool", bool):
                values[key] = raw == "1"
            elif _TYPED[key] in ("int", int):
                values[key] = int(raw)
            else:
                values[key] = raw
        return replace(SchoolSettings(), **values, extra=extra)

    def save(self, settings: SchoolSettings) -> SchoolSettings:
        actor = self._guard.require(Operation.SETTINGS_EDIT)
        errors = {}
        if not settings.school_name.strip():
            errors["school_name"] = "Enter the school's name."
        if not settings.head_name.strip():
            errors["head_name"] = "Enter the headteacher's name."
        try:
            get_edition(settings.policy_edition)
        except ValueError as exc:
            errors["policy_edition"] = str(exc)
        if not 1 <= settings.evidence_limit_mb <= 500:
            errors["evidence_limit_mb"] = "The evidence size limit must be 1 to 500 MB."
        if not 1 <= settings.follow_up_days <= 365:
            errors["follow_up_days"] = "Follow-ups must be 1 to 365 days ahead."
        if errors:
            raise ValidationError(errors)
        with self._db.begin() as session:
            for name in _TYPED:
                value = getattr(settings, name)
                if isinstance(value, bool):
                    value = "1" if value else "0"
                session.merge(Setting(key=name, value=str(value).strip()))
            for key, value in settings.extra.items():
                session.merge(Setting(key=key, value=value))
            self._audit.record(session, actor, "settings", "setting", None,
                               "School details and settings saved")
        return self.load()

    def set_value(self, key: str, value: str) -> None:
        with self._db.begin() as session:
            session.merge(Setting(key=key, value=value))
