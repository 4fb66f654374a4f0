"""The school's own details, as every feature reads them from Settings."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SchoolSettings:
    school_name: str = ""
    address: str = ""
    head_name: str = ""
    policy_edition: str = "avenue-2021"
    evidence_limit_mb: int = 25
    follow_up_days: int = 7
    is_demo: bool = False
    set_up: bool = False
    extra: dict[str, str] = field(default_factory=dict)
