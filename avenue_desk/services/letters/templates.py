"""The school's own wording for each letter, and the letterhead's logo, kept in Settings.

A school's wording is stored under the settings key ``template.<kind>`` (``kind`` as the
command line names it: ``template.removal-request``); without one, the standard wording
shipped in resources/templates is used. Wording is checked before it is stored: a merge
field the letter does not offer, or a brace that is not a field, is refused with a message
naming it, so a letter can never be printed with a gap.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from avenue_desk.policy.access import Operation
from avenue_desk.policy.settings_registry import LETTER_LOGO, LETTER_WORDING, family_key
from avenue_desk.reports.context import IncidentDetails, PersonDetails, SchoolDetails
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.core.files import private_copy, private_folder
from avenue_desk.services.core.filetypes import JPEG, PNG, sniff
from avenue_desk.services.core.school import LOGO_KEY
from avenue_desk.services.core.settings import (
    SettingsService,
    remove_setting,
    write_setting,
)

TEMPLATE_PREFIX = LETTER_WORDING.key
TEMPLATE_LIMIT = 20_000  # characters: several pages of wording is already far too long
LOGO_LIMIT_MB = 5

# What every letter offers, to check a school's wording against (the values are samples).
_SAMPLE_SCHOOL = SchoolDetails("School", "1 Road\nTown", "Head", None, "0100 000000", "a@b.c")
_SAMPLE_PERSON = PersonDetails("Parent Name", "1 Street", title="Mrs", children=("Child (1A)",))
_SAMPLE_INCIDENT = IncidentDetails(
    1, date(2026, 1, 5), "school_forum", ("complaint",), "avenue-2021", date(2026, 1, 6),
    "https://example.org/post", "words", "summary", True, ("Child",), ("Teacher",), "Office",
)


# Fields the edit-before-printing dialog shows but does not let anyone change: the policy's
# own words (a letter must quote them exactly) and what comes from Settings or the record.
READ_ONLY_FIELDS = frozenset({
    "policy_title", "policy_date", "policy_quote", "refusal_quote", "further_actions",
    "school_name", "school_address", "school_phone", "school_email", "school_contact",
    "head_name", "incident_ref", "letter_date",
    # What the record and Settings say, so that a letter claims nothing else: the post, what
    # was done and when, the date the follow-up falls on, the school's real contacts.
    "post_details", "post_where", "opening", "history", "deadline", "further_actions_lead",
    "school_website", "chair_of_governors", "complaints_procedure", "concern_channels",
    "class_teacher", "child_education", "restriction_length", "review_date", "appeal_route",
})
POLICY_FIELDS = frozenset({"policy_title", "policy_date", "policy_quote", "refusal_quote",
                           "further_actions"})
_EXTRA_LABELS = {
    "parent_address": "the parent's address",
    "poster_name": "the poster's name",
    "reported_by": "who reported it",
    "poster_account": "the account that posted (as the site shows it)",
    "parent_title": "title for “Dear …” (Mr, Mrs, Ms, Dr…)",
    "parent_surname": "surname for “Dear …”",
    "parent_salutation": "all of “Dear …”, when said differently (Mr and Mrs Okafor)",
}


def field_label(name: str) -> str:
    """``Parent's name``: how to name a merge field beside its box."""
    from avenue_desk.reports.templates import MERGE_FIELDS

    text = _EXTRA_LABELS.get(name) or MERGE_FIELDS.get(name) or name.replace("_", " ")
    return text[:1].upper() + text[1:]


def merge_fields(kind: str) -> tuple[tuple[str, str], ...]:
    """Every merge field this letter's wording may use, with what it holds."""
    from avenue_desk.reports.templates import MERGE_FIELDS

    offered = sample_values(kind)
    return tuple((name, field_label(name)) for name in MERGE_FIELDS if name in offered)


def template_kind(kind: str) -> str:
    """The template file's name for a letter kind (``removal-request`` -> ``removal_request``)."""
    from avenue_desk.reports.letters import LETTERS

    letter = LETTERS.get(kind)
    if letter is None or not getattr(letter, "kind", ""):
        raise ServiceError(f"The {kind} document has no wording to edit.")
    return letter.kind


def editable_kinds() -> tuple[str, ...]:
    from avenue_desk.reports.letters import LETTERS

    return tuple(k for k, cls in LETTERS.items() if getattr(cls, "kind", ""))


def sample_values(kind: str) -> dict:
    """Every merge field this letter fills, with sample values (for checking wording)."""
    from avenue_desk.reports.letters import LETTERS

    cls = LETTERS[kind]
    template_kind(kind)
    common = dict(letter_date=date(2026, 1, 7), template="")
    if kind == "host-takedown":
        letter = cls(_SAMPLE_SCHOOL, _SAMPLE_INCIDENT, **common)
    elif kind == "meeting":
        letter = cls(_SAMPLE_SCHOOL, _SAMPLE_PERSON, _SAMPLE_INCIDENT,
                     meeting_at=datetime(2026, 1, 12, 15, 30), **common)
    else:
        letter = cls(_SAMPLE_SCHOOL, _SAMPLE_PERSON, _SAMPLE_INCIDENT, **common)
    return letter.merge_values()


def wording_problems(kind: str, text: str) -> list[str]:
    """Why ``text`` cannot be this letter's wording; empty when it can."""
    from avenue_desk.reports.templates import check_template, parse_template

    if not text.strip():
        return ["The wording is empty. Write the letter, or restore the standard wording."]
    if len(text) > TEMPLATE_LIMIT:
        return [f"The wording is {len(text):,} characters long; the limit is "
                f"{TEMPLATE_LIMIT:,}."]
    values = {name: "x" for name in sample_values(kind)}  # only unknown or malformed fields
    problems = [p.message for p in check_template(text, values)]
    parsed = parse_template(text)
    if not problems and not parsed.blocks:
        problems.append("The wording has a subject line but no letter: add at least one "
                        "paragraph.")
    return problems


class LetterTemplates:
    """Anyone who makes letters reads the wording; only the Headteacher changes it."""

    def __init__(self, db: Database, settings: SettingsService, guard, audit):
        self._db = db
        self._settings = settings
        self._guard = guard
        self._audit = audit

    def get(self, kind: str, settings=None) -> str:
        """The school's wording for ``kind``, or the standard wording (``settings``: already
        loaded SchoolSettings, to save reading them again)."""
        from avenue_desk.reports.templates import default_template

        if settings is not None:
            stored = settings.extra.get(family_key(LETTER_WORDING, kind))
        else:
            stored = self._settings.get(LETTER_WORDING, kind)
        return stored if stored else default_template(template_kind(kind))

    def is_custom(self, kind: str) -> bool:
        template_kind(kind)
        return bool(self._settings.get(LETTER_WORDING, kind))

    def standard(self, kind: str) -> str:
        from avenue_desk.reports.templates import default_template

        return default_template(template_kind(kind))

    def save(self, kind: str, text: str) -> str:
        """Stores the school's wording.

        Raises:
            ValidationError: ``{"template": message}`` naming every problem found.
        """
        self._guard.require(Operation.LETTER_TEMPLATES_EDIT)
        template_kind(kind)
        text = text.replace("\r\n", "\n")
        problems = wording_problems(kind, text)
        if problems:
            raise ValidationError({"template": " ".join(problems)})
        if text.strip() == self.standard(kind).strip():
            return self.reset(kind)
        with self._db.begin() as session:
            write_setting(session, LETTER_WORDING, text, kind)
            self._audit.record(session, self._guard.actor, "settings", "setting",
                               TEMPLATE_PREFIX + kind, f"Wording of the {kind} letter changed")
        return self.get(kind)

    def reset(self, kind: str) -> str:
        """Back to the standard wording."""
        actor = self._guard.require(Operation.LETTER_TEMPLATES_EDIT)
        template_kind(kind)
        with self._db.begin() as session:
            remove_setting(session, LETTER_WORDING, kind)
            self._audit.record(session, actor, "settings", "setting", TEMPLATE_PREFIX + kind,
                               f"Wording of the {kind} letter back to the standard")
        return self.get(kind)

    # --- the logo -------------------------------------------------------------------------

    def logo_path(self) -> Path | None:
        stored = self._settings.get(LETTER_LOGO).strip()
        return Path(stored) if stored else None

    def set_logo(self, source: str | Path) -> Path:
        """Copies a PNG or JPEG into the data folder, so the letterhead never depends on a
        memory stick or a network drive being there; returns the stored copy."""
        self._guard.require(Operation.LETTER_TEMPLATES_EDIT)
        source = Path(source)
        if not source.is_file():
            raise ValidationError({"logo": f"“{source.name}” could not be found."})
        if source.stat().st_size > LOGO_LIMIT_MB * 1024 * 1024:
            raise ValidationError({"logo": f"The logo must be smaller than {LOGO_LIMIT_MB} MB."})
        with open(source, "rb") as handle:
            kind = sniff(handle.read(1024))
        if kind not in (PNG, JPEG):
            raise ValidationError({"logo": f"“{source.name}” is not a PNG or JPEG picture."})
        try:
            from PIL import Image

            with Image.open(source) as picture:
                picture.verify()
        except Exception as exc:  # noqa: BLE001 - any decoding failure means "unreadable"
            raise ValidationError(
                {"logo": f"“{source.name}” could not be read as a picture ({exc})."}
            ) from exc
        folder = private_folder(self._db.paths.data_dir / "letterhead")
        for old in folder.glob("logo.*"):
            old.unlink(missing_ok=True)
        target = private_copy(source, folder / f"logo{kind.extension}")
        with self._db.begin() as session:
            write_setting(session, LETTER_LOGO, str(target))
            self._audit.record(session, self._guard.actor, "settings", "setting", None,
                               "Letterhead logo changed")
        return target

    def clear_logo(self) -> None:
        actor = self._guard.require(Operation.LETTER_TEMPLATES_EDIT)
        with self._db.begin() as session:
            remove_setting(session, LETTER_LOGO)
            self._audit.record(session, actor, "settings", "setting", LOGO_KEY,
                               "Letterhead logo removed")
