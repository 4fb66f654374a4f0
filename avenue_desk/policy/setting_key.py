"""What one setting is: its key, type, default, label, the screen where a person changes it,
and the limits a value must keep (``SettingKey``). The entries themselves are declared in
``settings_registry`` (and, for the school's own details, ``settings_school``).

Pure data and rules: standard library only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

TEXT, WHOLE_NUMBER, YES_NO, DAY = "text", "whole number", "yes/no", "date"

# Where a person changes a setting ("" for the app's own bookkeeping).
SETTINGS_PAGE = "Settings"
LETTER_WORDING_SCREEN = "Settings › Letter wording…"
RETENTION_SCREEN = "Settings › Retention…"
BACKUPS_SCREEN = "Settings › Backups…"
CONDUCT_SCREEN = "Code of conduct › Register"
POLICY_REVIEW_SCREEN = "Home, Reports or Settings › Record review…"
FIRST_RUN_SCREEN = "The first start's set-up"
COMMAND_LINE = "avenue-desk settings set (no screen yet)"
BY_THE_APP = ""


@dataclass(frozen=True)
class SettingKey:
    """One setting. ``family``: ``key`` is a prefix, one stored key per letter (say)."""

    key: str
    kind: str
    default: object
    label: str  # as the screen shows it, with its "&" shortcut
    screen: str
    field: str = ""  # the form field a problem is shown beside; the key by default
    limits: tuple[int, int] | None = None  # smallest and largest whole number
    limits_message: str = ""  # "{low}" and "{high}" are filled in
    required: str = ""  # the message when left empty
    rule: Callable[[object], str] | None = None  # any other check: a problem or ""
    audit: str = ""  # the audit summary when changed on its own; "{value}" is filled in
    family: bool = False
    retired: bool = False  # no longer read or written; old databases may still hold it
    secret: bool = False  # the app's own key: listed without its value, never shown

    @property
    def plain_label(self) -> str:
        return self.label.replace("&", "").rstrip(":")

    @property
    def error_field(self) -> str:
        return self.field or self.key

    def parse(self, stored: str | None) -> object:
        """The typed value of stored text; the default when none is stored or it is unreadable."""
        if stored is None:
            return self.default
        try:
            if self.kind == WHOLE_NUMBER:
                return int(stored)
            if self.kind == YES_NO:
                return stored == "1"
            if self.kind == DAY:
                return date.fromisoformat(stored.strip()) if stored.strip() else self.default
        except ValueError:
            return self.default
        return stored

    def to_text(self, value: object) -> str:
        """How a value is stored: the same text the app has always written."""
        if self.kind == YES_NO:
            return "1" if value else "0"
        if self.kind == DAY and isinstance(value, date):
            return value.isoformat()
        return "" if value is None else str(value)

    def problem(self, value: object) -> str:
        """Why ``value`` may not be stored, in the words the screens show; "" if it may."""
        if self.required and not str(value).strip():
            return self.required
        if self.limits is not None:
            low, high = self.limits
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                return self.limits_message.format(low=low, high=high)
        if self.rule is not None:
            return self.rule(value)
        return ""

    def summary(self, value: object) -> str:
        return self.audit.format(value=value) if self.audit else f"{self.plain_label} changed"


class UnknownSetting(KeyError):
    """A key the registry does not declare: a programming error the tests catch."""
