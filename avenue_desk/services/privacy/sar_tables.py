"""The plain tables a subject access export is made of, and how their cells are written.

Shared by ``sar_collect`` (the person, their incidents, letters and audit rows) and
``sar_conduct`` (their code of conduct records).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class EvidenceCopy:
    source: str  # its stored name (core/evidence_store.py)
    target: str  # where it goes in the export ("evidence/incident-12/evidence-3.png")
    sha256: str
    belongs_to: str  # "Incident 12", "Breach record 3"


@dataclass
class SarTable:
    file: str  # "records/incidents.csv"
    what: str  # for the index
    headers: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)


@dataclass
class Collected:
    name: str
    role: str
    tables: list[SarTable]
    evidence: list[EvidenceCopy]
    legal_notes: int = 0


def label_of(lookup, key: str) -> str:
    try:
        return lookup(key).label
    except ValueError:
        return key


def day_text(value) -> str:
    return value.isoformat() if value else ""


def moment_text(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


EVIDENCE_HEADERS = ("Belongs to", "File in this folder", "Original file name", "Type",
                    "Size (bytes)", "SHA-256 fingerprint", "Captured on", "Added on", "Note",
                    "Redact by hand")


def evidence_row(belongs_to: str, target: str, item, r) -> tuple:
    return (belongs_to, target, r(item.original_name), item.media_type, item.size_bytes,
            item.sha256, day_text(item.captured_on), moment_text(item.added_at), r(item.note),
            "Yes: check and redact by hand before sending")
