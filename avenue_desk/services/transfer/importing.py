"""Importing CSV files: an existing incident log, and pupils with their contacts from the MIS.

Both imports are all or nothing. Every row is checked with the same rules as the editor
(``clean_incident``, ``clean_person``); every problem is collected with its file line; if
there is any, the one transaction is rolled back and nothing is kept. The formats are
described for the office in docs/import-formats.md.

Rows are checked and written in a single pass inside that transaction, so memory stays
flat however long the file is; once a problem is found writing stops and checking goes on.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy.orm import Session

from avenue_desk.policy import UnknownPolicyKey, parse_category, parse_platform, parse_role
from avenue_desk.services.core.csv_import import (  # noqa: F401 - callers' names
    CHUNK,
    ImportProblem,
    ImportResult,
    Progress,
    failed,
    run_import,
)
from avenue_desk.services.core.csvfiles import CsvTable, header_key
from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.core.import_preview import ImportPreview
from avenue_desk.services.incidents import (
    NEW_PHASE,
    IncidentInput,
    clean_incident,
    edition_for,
    index_many,
)
from avenue_desk.services.people import import_people, preview_people
from avenue_desk.services.transfer.bulk import BulkWriter, PeopleIndex
from avenue_desk.store.models import Incident, IncidentCategory, IncidentPerson

INCIDENT_COLUMNS = (
    "date_posted", "platform", "poster_name", "poster_relationship", "pupils",
    "categories", "where", "excerpt", "summary", "status",
)


def import_incidents_csv(service, path, progress: Progress | None = None) -> ImportResult:
    """Imports an incident log (see docs/import-formats.md); all rows or none.

    ``progress(done, 1000)`` is called as the file is read, for a progress bar.
    """
    return run_import(service, path, incident_header_problem,
                      lambda session, table: IncidentLoader(session, service.clock), progress)


def import_people_csv(service, path, progress: Progress | None = None,
                      preview: ImportPreview | None = None, mapping=()) -> ImportResult:
    """Imports pupils and their contacts from an MIS export; re-importing updates. With the
    ``preview`` the office looked at, exactly what it showed (refused rows left out)."""
    return import_people(service, path, progress, preview, tuple(mapping))


def preview_people_csv(service, path, progress: Progress | None = None,
                       mapping=()) -> ImportPreview:
    """What importing pupils and contacts from ``path`` would do; nothing is saved."""
    return preview_people(service, path, progress, tuple(mapping))


def incident_header_problem(table: CsvTable) -> ImportProblem | None:
    expected = {header_key(c): c for c in INCIDENT_COLUMNS}
    seen: set[str] = set()
    unexpected, repeated = [], []
    for name, key in zip(table.header, table.keys, strict=True):
        if key in seen:
            repeated.append(name)
        elif key not in expected and key != "id":
            unexpected.append(name or "(a column with no heading)")
        seen.add(key)
    missing = [c for k, c in expected.items() if k not in seen]
    if not (missing or unexpected or repeated):
        return None
    parts = [f"missing {', '.join(missing)}"] if missing else []
    parts += [f"not expected {', '.join(unexpected)}"] if unexpected else []
    parts += [f"repeated {', '.join(repeated)}"] if repeated else []
    return ImportProblem(table.header_line, "The header row does not match the incident log "
                         f"format ({'; '.join(parts)}). The columns must be: "
                         f"{','.join(INCIDENT_COLUMNS)} (optionally with id first).")


_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{4})")
_TIME = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")


def parse_date(value: str) -> date | None:
    """YYYY-MM-DD or DD/MM/YYYY (a midnight time from Excel is allowed); None when blank."""
    value = value.strip()
    if not value:
        return None
    found = _DATE.match(value)
    if found and _TIME.fullmatch(value, found.end()):
        y, m, d = found.group(1, 2, 3) if found.group(1) else found.group(6, 5, 4)
        try:
            return date(int(y), int(m), int(d))
        except ValueError:
            raise ValueError(f"The date posted “{value}” is not a real date.") from None
    raise ValueError(f"The date posted “{value}” is not a date in the form YYYY-MM-DD "
                     "(2026-03-31) or DD/MM/YYYY (31/03/2026).")


def policy_key(parse, label: str):
    """A parser giving the policy key for a cell, with a problem that lists the valid keys."""

    def key_of(value: str) -> str:
        try:
            return parse(value).key
        except UnknownPolicyKey as error:
            raise ValueError(f"The {label} “{value}” is not one the app knows; use one of: "
                             f"{', '.join(error.valid_keys)}.") from None

    return key_of


PARSERS = {
    "posted_on": parse_date,
    "platform": policy_key(parse_platform, "platform"),
    "categories": policy_key(parse_category, "category"),
    "poster_relationship": policy_key(parse_role, "poster relationship"),
}


class IncidentLoader:
    def __init__(self, session: Session, clock):
        self.session = session
        self.today, self.now = clock.today(), clock.now()
        self.ids = BulkWriter(session)
        self.people = PeopleIndex(session, self.now)
        self.problems: list[ImportProblem] = []
        self.rows: list[tuple[dict, tuple[str, ...], tuple[int, ...]]] = []
        self.editions: dict[date, str] = {}
        self.cache: dict[tuple[str, str], tuple[object, str]] = {}  # -> (value, problem)
        self.created = self.closed = 0

    def add(self, line: int, values: dict[str, str], extra_cells: int) -> None:
        errors: dict[str, str] = {}
        if extra_cells:
            errors["row"] = f"This row has {extra_cells} filled cell(s) beyond the last column."
        posted_on = self._parsed(errors, "posted_on", values["dateposted"])
        platform = self._parsed(errors, "platform", values["platform"])
        categories = tuple(
            key for word in values["categories"].split(";") if word.strip()
            if (key := self._parsed(errors, "categories", word.strip()))
        )
        status = values["status"].strip().casefold() or "open"
        if status not in ("open", "closed"):
            errors["status"] = f"The status “{values['status']}” must be open or closed."
        data = IncidentInput(
            posted_on=posted_on, platform=platform or "other", categories=categories,
            location=values["where"], excerpt=values["excerpt"], summary=values["summary"],
        )
        try:
            data = clean_incident(data, self.today)
        except ValidationError as error:
            for field, message in error.errors.items():
                errors.setdefault(field, message)
        poster_id = self._poster(errors, values["postername"], values["posterrelationship"])
        pupil_ids = [self._person(errors, "pupils", self.people.pupil, name)
                     for name in values["pupils"].split(";") if name.strip()]
        if errors:
            self.problems.extend(ImportProblem(line, message) for message in errors.values())
        elif not self.problems:  # once anything is wrong nothing will be kept: just check
            row = self._incident_row(data, poster_id, status)
            self.rows.append((row, data.categories, tuple(dict.fromkeys(pupil_ids))))
            if len(self.rows) >= CHUNK:
                self.flush()

    def finish(self) -> None:
        self.flush()

    def result(self, file_name: str) -> ImportResult:
        made = self.people.created
        who = "person" if made == 1 else "people"
        added = f"; added {made:,} {who} not already on record" if made else ""
        return ImportResult(self.created, 0, (), f"Imported {self.created:,} incident(s) "
                            f"({self.closed:,} closed) from {file_name}{added}.")

    def flush(self) -> None:
        if self.problems or not self.rows:
            return
        self.people.flush(self.ids)
        for row, _, _ in self.rows:
            row["poster_id"] = self.people.resolve(row["poster_id"])
        new_ids = self.ids.insert(Incident, [row for row, _, _ in self.rows])
        categories, named, searchable = [], [], []
        for new_id, (row, keys, pupil_ids) in zip(new_ids, self.rows, strict=True):
            categories += [{"incident_id": new_id, "category": key} for key in keys]
            named += [{"incident_id": new_id, "person_id": self.people.resolve(p)}
                      for p in pupil_ids]
            searchable.append((new_id, row["excerpt"], row["summary"], ""))
        self.ids.insert(IncidentCategory, categories, keyed=False)
        self.ids.insert(IncidentPerson, named, keyed=False)
        index_many(self.session, searchable)
        self.created += len(new_ids)
        self.rows = []

    def _incident_row(self, data: IncidentInput, poster_id: int | None, status: str) -> dict:
        if data.posted_on not in self.editions:
            self.editions[data.posted_on] = edition_for(self.session, data.posted_on)
        closed = status == "closed"
        self.closed += closed
        return {
            "posted_on": data.posted_on, "seen_on": None, "reported_by": "",
            "platform": data.platform, "location": data.location, "poster_id": poster_id,
            "excerpt": data.excerpt, "summary": data.summary, "content_still_up": True,
            "on_school_forum": data.on_school_forum,
            "policy_edition": self.editions[data.posted_on],
            "phase": "closed" if closed else NEW_PHASE,
            "phase_before_close": NEW_PHASE if closed else None,
            "next_follow_up": None, "created_at": self.now, "updated_at": self.now,
        }

    def _poster(self, errors: dict[str, str], name: str, relationship: str) -> int | None:
        if not name.strip():
            if relationship.strip():
                errors["poster_name"] = (f"The poster's relationship is “{relationship}” but "
                                         "poster_name is empty; give the name, or leave both "
                                         "empty when the poster is not known.")
            return None
        # Blank means "parent": the policy counts carers, relatives and anyone associated
        # with the school as parents (ASSOCIATE_QUOTE), so that part applies either way.
        role = "parent"
        if relationship.strip():
            role = self._parsed(errors, "poster_relationship", relationship)
        return self._person(errors, "poster_name", self.people.poster, name, role) if role else None

    def _parsed(self, errors: dict[str, str], field: str, value: str):
        """Each distinct cell text is parsed once per field: a log repeats itself a lot."""
        try:
            found, problem = self.cache[(field, value)]
        except KeyError:
            try:
                found, problem = PARSERS[field](value), ""
            except ValueError as error:
                found, problem = None, str(error)
            self.cache[(field, value)] = (found, problem)
        if problem:
            errors.setdefault(field, problem)
        return found

    @staticmethod
    def _person(errors: dict[str, str], field: str, lookup, *args) -> int | None:
        try:
            return lookup(*args)
        except ValidationError as error:
            errors.setdefault(field, "; ".join(error.errors.values()))
            return None
