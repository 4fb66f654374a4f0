"""The school's settings: saved, reloaded, and checked."""

from __future__ import annotations

import pytest

from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.core.school import SchoolSettings


def test_settings_round_trip(services):
    assert services.settings.load().set_up is False
    saved = services.settings.save(
        SchoolSettings(
            school_name="St Mary & St John's <Primary>",
            address="1 Elm Road\nLeeds LS1 1AA",
            head_name="Dr Zoë Łukasik",
            policy_edition="parental-2019",
            follow_up_days=10,
            set_up=True,
        )
    )
    assert saved.school_name == "St Mary & St John's <Primary>"
    assert saved.address == "1 Elm Road\nLeeds LS1 1AA"
    assert saved.head_name == "Dr Zoë Łukasik"
    assert saved.policy_edition == "parental-2019"
    assert saved.follow_up_days == 10 and saved.set_up is True


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"school_name": " "}, "school_name"),
        ({"head_name": ""}, "head_name"),
        ({"policy_edition": "2030"}, "policy_edition"),
        ({"evidence_limit_mb": 0}, "evidence_limit_mb"),
        ({"follow_up_days": 400}, "follow_up_days"),
    ],
)
def test_bad_settings_are_refused_and_nothing_changes(services, changes, field):
    good = SchoolSettings(school_name="Ash", head_name="H")
    services.settings.save(good)
    bad = SchoolSettings(**{**good.__dict__, **changes})
    with pytest.raises(ValidationError) as caught:
        services.settings.save(bad)
    assert field in caught.value.errors
    assert services.settings.load().school_name == "Ash"
