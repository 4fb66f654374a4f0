"""Small builders shared by the services tests."""

from __future__ import annotations

import struct
import zlib
from datetime import date
from pathlib import Path

from avenue_desk.services.incidents.records import IncidentInput
from avenue_desk.services.people.records import PersonInput

NAMES_IN_MANY_SCRIPTS = (
    "Łucja Wróbel",
    "Çağrı Yılmaz",
    "Nguyễn Thị Hương",
    "Γιώργος Παπαδόπουλος",
    "Ольга Смирнова",
    "محمد العلي",
    "王小明",
    "Siobhán O'Neill-Smith",
)
MARKUP = 'Mr <b>Smith</b> & "friends" say <img src="/etc/passwd"> it\'s <font size=40>BIG</font>'


def incident_input(**changes) -> IncidentInput:
    values = dict(
        posted_on=date(2026, 11, 1),
        platform="facebook",
        categories=("complaint",),
        summary="Complaint about the school trip posted in the Year 4 parents' group.",
        excerpt="This school never listens, the trip was a shambles.",
        location="Elm Grove Parents (Facebook group)",
        reported_by="Mrs Patel (class teacher)",
    )
    values.update(changes)
    return IncidentInput(**values)


def person(services, name="Jo Bloggs", role="parent", **more):
    return services.people.create(PersonInput(full_name=name, role=role, **more))


def write_png(path: Path, width: int = 4, height: int = 3) -> Path:
    """A real, tiny PNG made without any imaging library."""
    raw = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path
