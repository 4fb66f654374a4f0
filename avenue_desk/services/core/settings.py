"""The school's own settings, kept in the database beside its records.

Every key is declared once in ``policy.settings_registry`` (type, default, label, limits);
this module is the one place that turns the ``settings`` table's text into typed values and
back. A read gives the registry's default when nothing (or nothing readable) is stored; a
person's change is checked against the registry before anything is written, and a screen's
Save is one transaction: all of it is stored, or none of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from avenue_desk.policy.access import Operation
from avenue_desk.policy.settings_registry import (
    KEPT_BY_THE_APP,
    SCHOOL_DETAILS,
    SETTINGS,
    SettingKey,
    UnknownSetting,
    member_problem,
    setting,
    value_from_text,
)
from avenue_desk.policy.typed_text import invalid_text_problem
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.core.school import SchoolSettings
from avenue_desk.store.models import Setting

SAVED_SUMMARY = "School details and settings saved"


def _key(entry: SettingKey, member: str) -> str:
    if entry.family != bool(member):
        raise UnknownSetting(entry.key + member)
    return entry.key + member


def _writable(key: str) -> SettingKey:
    entry = setting(key)
    if entry.retired:
        raise UnknownSetting(f"{key} is retired: nothing may write it")
    return entry


def stored_text(session: Session, key: str) -> str | None:
    """The text stored under a declared key, or None."""
    setting(key)
    row = session.get(Setting, key)
    return None if row is None else row.value


def read_setting(session: Session, entry: SettingKey, member: str = "") -> object:
    """The typed value (``member``: which one of a family, such as a letter's kind)."""
    return entry.parse(stored_text(session, _key(entry, member)))


def check(values: Mapping[SettingKey, object], extra: Mapping[str, str] | None = None) -> None:
    """Raises ValidationError naming every value the registry refuses, beside its field
    (``extra``: stored keys with their text, such as the school's phone number, checked for
    text that is not valid (see policy/typed_text.py) and against their entry's rules)."""
    errors = {}
    for entry, value in values.items():
        if problem := _invalid_text(entry, value) or entry.problem(value):
            errors.setdefault(entry.error_field, problem)
    for key, value in (extra or {}).items():
        try:
            entry = setting(key)
        except UnknownSetting:
            continue  # an old key kept as it was stored, not typed now
        problem = _invalid_text(entry, value) or (
            "" if entry.family else entry.problem(entry.parse(value)))
        if problem:
            errors.setdefault(entry.error_field, problem)
    if errors:
        raise ValidationError(errors)


def _invalid_text(entry: SettingKey, value: object) -> str:
    return invalid_text_problem(value, entry.plain_label) if isinstance(value, str) else ""


def write_setting(session: Session, entry: SettingKey, value: object,
                  member: str = "") -> str:
    """Checks ``value`` and stores it in ``session``'s transaction; returns the stored text."""
    check({entry: value})
    key = _key(entry, member)
    _writable(key)
    text = entry.to_text(value)
    session.merge(Setting(key=key, value=text))
    return text


def remove_setting(session: Session, entry: SettingKey, member: str = "") -> None:
    """Back to the default: the stored row goes."""
    key = _key(entry, member)
    _writable(key)
    session.execute(delete(Setting).where(Setting.key == key))


@dataclass(frozen=True)
class SettingLine:
    """One setting as ``settings list`` shows it."""

    key: str
    label: str
    kind: str
    value: str  # the stored text, or the default's
    is_default: bool
    screen: str  # where a person changes it ("" for the app's own)


class SettingsService:
    """``load`` and ``get`` are for everyone (the window's title, letterheads); ``save`` and
    ``change`` are the Headteacher's. ``set_value`` is for the services' own bookkeeping (the
    date of the last check): not a user's change, so neither checked nor audited."""

    def __init__(self, db: Database, guard, audit):
        self._db = db
        self._guard = guard
        self._audit = audit

    def load(self) -> SchoolSettings:
        """The school's details, typed, and every other stored setting as text in ``extra``."""
        with self._db.read() as session:
            stored = dict(session.execute(select(Setting.key, Setting.value)).all())
        values = {entry.key: entry.parse(stored.pop(entry.key, None))
                  for entry in SCHOOL_DETAILS}
        return SchoolSettings(**values, extra=stored)

    def get(self, entry: SettingKey, member: str = "") -> object:
        with self._db.read() as session:
            return read_setting(session, entry, member)

    def get_all(self, entries: Iterable[SettingKey]) -> dict[SettingKey, object]:
        entries = tuple(entries)
        with self._db.read() as session:
            stored = dict(session.execute(select(Setting.key, Setting.value).where(
                Setting.key.in_([e.key for e in entries]))).all())
        return {entry: entry.parse(stored.get(entry.key)) for entry in entries}

    def save(self, settings: SchoolSettings,
             changes: Mapping[SettingKey, object] | None = None) -> SchoolSettings:
        """The Settings page's Save: the school's details (``extra``: the letterhead's text
        kept beside them) and ``changes`` (other settings the page edits), checked together
        and written in one transaction. One audit row for the details, as always, and one
        for each other setting that changed."""
        actor = self._guard.require(Operation.SETTINGS_EDIT)
        changes = dict(changes or {})
        with self._db.begin() as session:
            stored = dict(session.execute(select(Setting.key, Setting.value)).all())
            # Of the extras only what changed is held to today's rules: a phone number
            # stored before there was a rule stays as it was until someone edits it.
            edited = {k: v for k, v in settings.extra.items() if stored.get(k) != v}
            check({**{e: getattr(settings, e.key) for e in SCHOOL_DETAILS}, **changes}, edited)
            for entry in SCHOOL_DETAILS:
                text = entry.to_text(getattr(settings, entry.key)).strip()
                session.merge(Setting(key=entry.key, value=text))
            for key, value in settings.extra.items():
                if stored.get(key) != value:  # what is unchanged stays as stored
                    _writable(key)
                    session.merge(Setting(key=key, value=value))
            self._audit.record(session, actor, "settings", "setting", None, SAVED_SUMMARY)
            for entry, value in changes.items():
                if entry.parse(stored.get(entry.key)) != value:
                    write_setting(session, entry, value)
                    self._audit.record(session, actor, "settings", "setting", entry.key,
                                       entry.summary(value))
        return self.load()

    def change(self, values: Mapping[SettingKey, object], summary: str) -> dict:
        """Settings a screen of their own saves together (the code of conduct's periods):
        checked, then written with one audit row (``summary``) in one transaction."""
        actor = self._guard.require(Operation.SETTINGS_EDIT)
        check(values)
        with self._db.begin() as session:
            for entry, value in values.items():
                write_setting(session, entry, value)
            self._audit.record(session, actor, "settings", "setting", None, summary)
        return self.get_all(values)

    def set_value(self, key: str, value: object) -> None:
        entry = _writable(key)
        text = value if isinstance(value, str) else entry.to_text(value)
        with self._db.begin() as session:
            session.merge(Setting(key=key, value=text))

    # --- every setting by its key (the command line's ``settings list`` and ``set``) -----

    def lines(self) -> list[SettingLine]:
        """Every setting a school keeps, with its value (the default when none is stored);
        a family's members as stored (``term.autumn-2026.start``)."""
        with self._db.read() as session:
            stored = dict(session.execute(select(Setting.key, Setting.value)).all())
        found = []
        for entry in SETTINGS:
            if entry.retired:
                continue
            screen = "" if entry.key in KEPT_BY_THE_APP else entry.screen
            if entry.family:
                found += [SettingLine(key, entry.plain_label, entry.kind, text, False, screen)
                          for key, text in sorted(stored.items())
                          if key.startswith(entry.key)]
                continue
            text = stored.get(entry.key)
            shown = entry.to_text(entry.default) if text is None else text
            if entry.secret:
                shown = "(kept secret)" if text else ""
            found.append(SettingLine(entry.key, entry.plain_label, entry.kind, shown,
                                     text is None, screen))
        return found

    def set_from_text(self, key: str, text: str) -> object:
        """A person's change to one setting by its key, checked as the screen checks it and
        audited; returns the typed value stored. Letter wording goes through the letters'
        own rules (``LetterTemplates.save``), not here.

        Raises:
            ServiceError: the key is unknown, retired or the app's own.
            ValidationError: the value is refused, with the screen's message.
        """
        actor = self._guard.require(Operation.SETTINGS_EDIT)
        try:
            entry = setting(key)
        except UnknownSetting:
            raise ServiceError(f"There is no setting “{key}”: `settings list` shows "
                               "them all.") from None
        if entry.retired or key in KEPT_BY_THE_APP:
            raise ServiceError(f"“{key}” is kept by Avenue Desk itself; nobody sets it.")
        if problem := member_problem(key):
            raise ServiceError(problem)
        try:
            value = value_from_text(entry, text)
        except ValueError as error:
            raise ValidationError({entry.error_field: str(error)}) from None
        member = key[len(entry.key):] if entry.family else ""
        with self._db.begin() as session:
            write_setting(session, entry, value, member)
            summary = (entry.summary(value) if not entry.family
                       else f"{key} set to {value}")
            self._audit.record(session, actor, "settings", "setting", key, summary)
        return value

