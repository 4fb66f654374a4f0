"""What the people service hands out and takes in: plain frozen records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PersonRecord:
    id: int
    full_name: str
    role: str
    class_name: str = ""
    year_group: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    mis_id: str = ""
    notes: str = ""
    linked_pupil_ids: tuple[int, ...] = ()
    linked_adult_ids: tuple[int, ...] = ()  # for a pupil: their parents, carers, relatives
    # How a letter addresses them ("Dear Mr Okafor"); "" where not recorded.
    title: str = ""
    forenames: str = ""
    surname: str = ""
    salutation: str = ""  # "Mr and Mrs Okafor": used instead of title and surname
    # Pupils about whom the MIS records restricted access or a court order for this adult:
    # marked wherever they are shown, and a letter about such a child warns (issue 15).
    restricted_about: tuple[int, ...] = ()
    row_version: int = 1  # handed back with a save (services/core/versions.py)

    @property
    def restricted_mark(self) -> str:
        """What screens put beside the name: "" when nothing is restricted."""
        return "Restricted access" if self.restricted_about else ""

    @property
    def display(self) -> str:
        detail = self.class_name or self.year_group
        return f"{self.full_name}, {detail}" if detail else self.full_name



@dataclass(frozen=True)
class PersonInput:
    full_name: str
    role: str
    class_name: str = ""
    year_group: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    mis_id: str = ""
    notes: str = ""
    linked_pupil_ids: tuple[int, ...] = ()
    # The parts a letter is addressed by. None: not given, so filled from the full name
    # where that is unambiguous (name_parts.py); "" is left empty as given.
    title: str | None = None
    forenames: str | None = None
    surname: str | None = None
    salutation: str = ""
