"""The school's own details, as every feature reads them from Settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from avenue_desk.policy import settings_registry as registry
from avenue_desk.reports.context import SchoolDetails

# The letterhead's settings kept in SchoolSettings.extra (declared in the registry).
LOGO_KEY = registry.LETTER_LOGO.key
PHONE_KEY = registry.SCHOOL_PHONE.key
EMAIL_KEY = registry.SCHOOL_EMAIL.key
WEBSITE_KEY = registry.SCHOOL_WEBSITE.key
CHAIR_KEY = registry.CHAIR_OF_GOVERNORS.key
COMPLAINTS_KEY = registry.COMPLAINTS_PROCEDURE.key
HEAD_TITLE_KEY = registry.HEAD_TITLE.key


@dataclass(frozen=True)
class SchoolSettings:
    """One field per ``registry.SCHOOL_DETAILS`` entry, with its default; ``extra`` holds
    every other stored setting as its text."""

    school_name: str = registry.SCHOOL_NAME.default
    address: str = registry.ADDRESS.default
    head_name: str = registry.HEAD_NAME.default
    policy_edition: str = registry.POLICY_EDITION.default
    evidence_limit_mb: int = registry.EVIDENCE_LIMIT_MB.default
    follow_up_days: int = registry.FOLLOW_UP_DAYS.default
    is_demo: bool = registry.IS_DEMO.default
    set_up: bool = registry.SET_UP.default
    extra: dict[str, str] = field(default_factory=dict)


def school_details(settings: SchoolSettings) -> SchoolDetails:
    """The letterhead: name, address and headteacher from Settings, logo and contact extras."""
    extra = settings.extra
    logo = extra.get(LOGO_KEY, "").strip()
    return SchoolDetails(
        name=settings.school_name.strip(),
        address=settings.address.strip(),
        head_name=settings.head_name.strip(),
        logo_path=Path(logo) if logo else None,
        phone=extra.get(PHONE_KEY, "").strip(),
        email=extra.get(EMAIL_KEY, "").strip(),
        website=extra.get(WEBSITE_KEY, "").strip(),
        chair_of_governors=extra.get(CHAIR_KEY, "").strip(),
        complaints_procedure=extra.get(COMPLAINTS_KEY, "").strip(),
        # An empty line would leave the signature unexplained: the registry's default then.
        head_title=extra.get(HEAD_TITLE_KEY, "").strip() or registry.HEAD_TITLE.default,
    )
