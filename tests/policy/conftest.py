"""Shared fixtures for the policy tests: the policy texts every quote must come from."""

from __future__ import annotations

import pytest

from avenue_desk.policy import EDITIONS, IncidentFacts, Phase
from tests.helpers.policy_texts import POLICY_DIR


@pytest.fixture(scope="session")
def policy_texts() -> dict[str, str]:
    """Edition key -> full text. Fails (never skips) when the texts are not there."""
    if not POLICY_DIR.is_dir():
        pytest.fail(
            f"Policy texts not found: expected the folder {POLICY_DIR} (shared/policy next to "
            "the repository) holding the policy .txt files the quotes are checked against."
        )
    texts = {}
    for key, edition in EDITIONS.items():
        path = POLICY_DIR / edition.source_filename
        if not path.is_file():
            pytest.fail(f"Policy text for edition {key!r} not found at {path}.")
        texts[key] = path.read_text(encoding="utf-8")
    return texts


def _make_facts(
    phase: Phase = Phase.NEW,
    categories: tuple[str, ...] = (),
    *,
    on_school_forum: bool = False,
    content_still_up: bool = True,
    steps_taken: tuple[str, ...] = (),
    phase_before_close: Phase | None = None,
    platform: str | None = None,
) -> IncidentFacts:
    return IncidentFacts(
        phase=phase,
        categories=frozenset(categories),
        on_school_forum=on_school_forum,
        content_still_up=content_still_up,
        steps_taken=steps_taken,
        phase_before_close=phase_before_close,
        platform=platform,
    )


@pytest.fixture
def make_facts():
    """A factory for IncidentFacts with friendly defaults (new case, post still up)."""
    return _make_facts
