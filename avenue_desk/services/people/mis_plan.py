"""What an MIS import did, or would do: who is added, who changed and how, what the file no
longer has (a re-import is a sync: listed, never deleted), and the summary the audit trail,
the command line and the window show. A mixin of ``mis_import.Directory``, which holds the
people touched and the links made.
"""

from __future__ import annotations

from avenue_desk.policy import get_role
from avenue_desk.services.core.csv_import import ImportResult
from avenue_desk.services.core.import_preview import FieldChange, PreviewEntry

# What the preview calls each field a re-import may change.
CHANGED_FIELDS = {"full_name": "Name", "class_name": "Class", "year_group": "Year",
                  "mis_id": "MIS id", "email": "Email", "phone": "Phone", "title": "Title",
                  "forenames": "Forenames", "surname": "Surname", "salutation": "Salutation"}
_FACTS = ("Relationship", "Parental responsibility", "Priority", "Court order",
          "Restricted access")
LISTED = 12  # people and links named in a summary before "and N more"


def _shown(value) -> str:
    if value is None:
        return "not given"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value) if value != 0 else "none"


class PlanMixin:
    changed_fields = CHANGED_FIELDS

    def plan(self) -> tuple[list[PreviewEntry], list[PreviewEntry], int]:
        """Who would be added, who changed (and how), and how many are already up to date."""
        self.settle()
        links: dict[int, list[tuple]] = {}
        for (adult_id, pupil_id), (_, pupil, old) in self.links_touched.items():
            links.setdefault(adult_id, []).append(
                (pupil, old, _facts_of(self.links[(adult_id, pupil_id)])))
        added, updated = [], []
        for person, line, before in self.touched.values():
            linked = links.get(person.id, [])
            entry = PreviewEntry(line, person.full_name, get_role(person.role).label,
                                 _detail(person, linked))
            if before is None:
                added.append(entry)
                continue
            changes = [FieldChange(label, before[name], getattr(person, name))
                       for name, label in CHANGED_FIELDS.items()
                       if before[name] != getattr(person, name)]
            for pupil, old, now in linked:
                changes += _link_changes(pupil, old, now)
            if changes:
                updated.append(PreviewEntry(entry.line, entry.name, entry.kind, entry.detail,
                                            tuple(changes)))
        # In the file's order (contacts known only by name are matched in a second pass).
        added.sort(key=lambda entry: entry.line)
        updated.sort(key=lambda entry: entry.line)
        return added, updated, len(self.touched) - len(added) - len(updated)

    def gone(self) -> list[str]:
        """Pupils and links on record that this file no longer has: listed, not removed."""
        self.settle()
        out = []
        if "mis_id" in self.columns.pupil:
            for people in self.by_name.values():
                for person in people:
                    if person.role == "pupil" and person.mis_id and person.id not in self.seen:
                        out.append(f"Pupil {person.full_name} (MIS id {person.mis_id}) is not "
                                   "in this file.")
        names = {p.id: p for group in self.by_name.values() for p in group}
        for (adult_id, pupil_id) in sorted(self.links):
            if pupil_id in self.seen and (adult_id, pupil_id) not in self.linked_now \
                    and adult_id in names and pupil_id in names:
                out.append(f"{names[adult_id].full_name} is no longer listed as a contact of "
                           f"{names[pupil_id].full_name}.")
        return sorted(out)

    def extras(self) -> dict:
        layout = self.columns.layout
        return {"layout": f"This looks like {layout.name}." if layout else
                "This file's layout is not one the app knows: its columns were read by name.",
                "understood": tuple(self.columns.understood()), "gone": tuple(self.gone()),
                "doubtful": tuple(self.doubtful), "mapping": tuple(self.mapping)}

    def result(self, file_name: str) -> ImportResult:
        _, updated, _ = self.plan()
        return ImportResult(len(self.created), len(updated), (), self.summary(file_name))

    def summary(self, file_name: str) -> str:
        _, updated, unchanged = self.plan()
        text = (f"Imported {file_name}: {self.pupil_count:,} pupil(s) and "
                f"{self.contact_count:,} contact(s); {len(self.created):,} added, "
                f"{len(updated):,} updated, {unchanged:,} already up to date; "
                f"{self.links_added:,} new link(s) between pupils and contacts.")
        refused = len({problem.line for problem in self.problems})
        if refused:
            text += (f" {refused:,} row(s) left out, as the preview showed: they could not "
                     "be imported.")
        text += "".join(f" {note}" for note in self.notes())
        return text

    def notes(self) -> list[str]:
        self.settle()
        notes = []
        if self.saved_mapping_used:
            notes.append("The column choices saved for files with these headings were used.")
        ignored = self.columns.ignored
        if ignored:
            names = ", ".join(self.columns.header[p] or "(no heading)" for p in ignored)
            notes.append(f"Columns not used: {names}.")
        notes += self.households
        notes += _listed("Doubtful matches, not made", self.doubtful)
        notes += _listed("In the records but not in this file (nothing was removed)",
                         self.gone())
        return notes


def _listed(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    more = f" …and {len(items) - LISTED} more." if len(items) > LISTED else ""
    return [f"{title}: {' '.join(items[:LISTED])}{more}"]


def _facts_of(link) -> tuple:
    return (link.relationship_label, link.parental_responsibility, link.priority,
            link.court_order, link.restricted_access)


def _link_changes(pupil, old, now) -> list[FieldChange]:
    # "Link to Lily Chen: not linked → Mother", "Restricted access (Lily Chen): no → yes".
    if old is None:
        return [FieldChange(f"Link to {pupil.full_name}", "not linked", now[0] or "linked")]
    return [FieldChange(f"{label} ({pupil.full_name})", _shown(was), _shown(is_))
            for label, was, is_ in zip(_FACTS, old, now, strict=True) if was != is_]


def _detail(person, linked) -> str:
    """What the preview shows beside a name: class and year for a pupil; for a contact,
    whose contact they are, how to reach them, and what the MIS says of them."""
    if person.role == "pupil":
        parts = [f"Class {person.class_name}" if person.class_name else "",
                 person.year_group, f"MIS id {person.mis_id}" if person.mis_id else ""]
    else:
        parts = []
        for pupil, _, now in linked:
            relationship, responsibility, _, court, restricted = now
            said = f"Contact of {pupil.full_name}" + (f" ({relationship})" if relationship
                                                      else "")
            if responsibility is not None:
                said += "; parental responsibility" if responsibility else (
                    "; no parental responsibility")
            if restricted or court:
                said += "; RESTRICTED ACCESS" if restricted else "; court order"
            parts.append(said)
        parts += [person.email, person.phone]
    return " · ".join(part for part in parts if part)
