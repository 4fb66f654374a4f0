"""Times of day read as a school office types them, and refused in words when they are not."""

from __future__ import annotations

from datetime import time

import pytest

from avenue_desk.policy.typed_times import UnreadableTime, read_typed_time, time_text


@pytest.mark.parametrize(("typed", "meant"), [
    ("14:05", time(14, 5)),
    ("2:05pm", time(14, 5)),
    ("2.05 pm", time(14, 5)),
    ("2:05 P.M.", time(14, 5)),
    ("1405", time(14, 5)),
    ("2pm", time(14, 0)),
    ("9am", time(9, 0)),
    ("09:30", time(9, 30)),
    ("0:00", time(0, 0)),
    ("23:59", time(23, 59)),
    ("12am", time(0, 0)),
    ("12:30am", time(0, 30)),
    ("12pm", time(12, 0)),
    ("noon", time(12, 0)),
    (" Midnight ", time(0, 0)),
])
def test_every_form_an_office_types_reads(typed, meant):
    assert read_typed_time(typed) == meant


def test_an_empty_box_is_not_known():
    assert read_typed_time("") is None and read_typed_time("   ") is None


@pytest.mark.parametrize(("typed", "why"), [
    ("25:00", "hours 0 to 23"),
    ("14:05pm", "with pm the hour is 1 to 12"),
    ("13pm", "with pm the hour is 1 to 12"),
    ("0am", "with am the hour is 1 to 12"),
    ("2:60", "the minutes go up to 59"),
    ("2", "add the minutes or am/pm"),
    ("half two", "Type a time like 14:05 or 2:05pm"),
    ("<b>9</b>", "Type a time like 14:05 or 2:05pm"),
])
def test_what_is_not_a_time_is_refused_saying_why(typed, why):
    with pytest.raises(UnreadableTime) as caught:
        read_typed_time(typed)
    assert why in str(caught.value) and f"“{typed.strip()}”" in str(caught.value)


def test_a_time_is_shown_back_on_the_24_hour_clock():
    assert time_text(time(8, 5)) == "08:05" and time_text(None) == ""
    assert read_typed_time(time_text(time(21, 47))) == time(21, 47)
