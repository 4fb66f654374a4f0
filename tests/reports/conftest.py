"""Shared records for the report tests (reading a PDF back is in tests/helpers/pdf.py)."""

from __future__ import annotations

from datetime import date

import pytest
from PIL import Image

from avenue_desk.reports.context import (
    ActionLine,
    EvidenceItem,
    IncidentDetails,
    PersonDetails,
    SchoolDetails,
)


@pytest.fixture
def school() -> SchoolDetails:
    return SchoolDetails(
        name="The Avenue Primary School",
        address="12 Avenue Road\nLeeds\nLS6 1AB",
        head_name="Mrs Helen Carter",
        phone="0113 496 0000",
        email="office@avenue.example.sch.uk",
    )


@pytest.fixture
def parent() -> PersonDetails:
    return PersonDetails(
        name="Łucja Wróbel",
        address="Flat 3, 27 Żaneta Court\nHeadingley\nLeeds LS6 2QQ",
        title="Mrs",
        family_name="Wróbel",
        children=("Ela Wróbel",),
    )


@pytest.fixture
def incident() -> IncidentDetails:
    return IncidentDetails(
        id=42,
        posted_on=date(2026, 10, 3),
        seen_on=date(2026, 10, 4),
        platform="facebook",
        categories=("defamatory", "offensive"),
        policy_edition="avenue-2021",
        location="https://www.facebook.com/groups/avenueparents/posts/123",
        excerpt="The Year 3 teacher is useless & lazy",
        summary="Post in the parents' group about the Year 3 teacher.",
        named_pupils=("Kuba Nowak",),
        named_staff=("Mr Ćwik",),
    )


@pytest.fixture
def forum_incident_2019() -> IncidentDetails:
    return IncidentDetails(
        id=7,
        posted_on=date(2020, 5, 3),
        platform="school_forum",
        categories=("complaint",),
        policy_edition="parental-2019",
        on_school_forum=True,
        location="https://avenue.example.sch.uk/forum/thread/9",
        excerpt="Nobody at this school listens",
    )


@pytest.fixture
def evidence(tmp_path) -> list[EvidenceItem]:
    tall = tmp_path / "screenshot-1.png"
    Image.new("RGB", (540, 960), (200, 220, 255)).save(tall)
    wide = tmp_path / "screenshot-2.png"
    Image.new("RGB", (1600, 600), (255, 220, 200)).save(wide)
    return [
        EvidenceItem("screenshot-1.png", "image/png", "a1" * 32, date(2026, 10, 4), tall, True),
        EvidenceItem(
            "screenshot-2.png", "image/png", "b2" * 32, date(2026, 10, 5), wide, False, "changed"
        ),
        EvidenceItem("saved-page.pdf", "application/pdf", "c3" * 32, None, None, True),
    ]


@pytest.fixture
def actions() -> list[ActionLine]:
    return [
        ActionLine(date(2026, 10, 5), "informal_discussion", "Mrs Carter", "Agreed to think"),
        ActionLine(date(2026, 10, 12), "headteacher_meeting", "Mrs Carter", "Did not attend"),
        ActionLine(date(2026, 10, 20), "parent_refused", "Mrs Carter"),
    ]
