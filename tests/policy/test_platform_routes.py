"""Where a school reports a post to each platform: one route for every platform the app
knows, each with its source and the date it was checked, and no made-up web address."""

from __future__ import annotations

import re
from datetime import date

import pytest

from avenue_desk.policy import PLATFORMS
from avenue_desk.policy.platform_routes import (
    PROFESSIONALS_HELPLINE,
    ROUTES,
    route_for,
    route_summary,
    web_address_in,
)
from avenue_desk.policy.police_referral import OFFENCE_KINDS, POLICE_CLAUSE, get_offence_kind

# The only addresses printed: help centres' front pages, checked by hand. Anything deeper
# moves too often (and an address nobody checked must never reach a school's printout).
HELP_CENTRES = {"https://www.facebook.com/help", "https://help.x.com",
                "https://help.instagram.com", "https://support.tiktok.com",
                "https://support.google.com/youtube", "https://faq.whatsapp.com"}


def test_every_platform_the_app_knows_has_a_route():
    assert sorted(r.platform for r in ROUTES) == sorted(p.key for p in PLATFORMS)
    for platform in PLATFORMS:
        assert route_for(platform.key).platform == platform.key


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.platform)
def test_each_route_says_where_what_and_its_source(route):
    assert route.name and route.how_to_report and route.reason_to_choose
    assert route.asks_for and route.rules_name
    assert route.source and date(2026, 1, 1) <= route.checked <= date(2027, 12, 31)
    assert route.help_centre in HELP_CENTRES | {""}
    words = " ".join([route.how_to_report, route.without_account, route.reason_to_choose,
                      *route.asks_for, *route.schools_routes])
    assert not re.search(r"https?://|www\.|\.com\b|\.org\b|\.uk\b", words), words
    assert not re.search(r"\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b", words)  # no phone number


def test_schools_are_pointed_to_the_professionals_helpline_except_on_their_own_forum():
    for route in ROUTES:
        assert (PROFESSIONALS_HELPLINE in route.schools_routes) == (
            route.platform != "school_forum")
    assert "If the report does not work" in route_summary("facebook")
    assert "If the report does not work" not in route_summary("school_forum")


def test_only_platforms_whose_posts_have_links_insist_on_one():
    assert not route_for("whatsapp").needs_link and not route_for("school_forum").needs_link
    assert route_for("facebook").needs_link and route_for("other").needs_link


@pytest.mark.parametrize(("text", "address"), [
    ("https://www.facebook.com/groups/1/posts/2", "https://www.facebook.com/groups/1/posts/2"),
    ("Avenue Parents https://fb.com/x.", "https://fb.com/x"),
    ("see facebook.com/groups/x/posts/2 today", "facebook.com/groups/x/posts/2"),
    ("www.example.org/page)", "www.example.org/page"),
    ("Avenue Parents group", ""),
    ("Local community forum", ""),
    ("Mr. Smith's page", ""),
    ("", ""),
])
def test_a_web_address_is_told_from_a_place_name(text, address):
    assert web_address_in(text) == address


def test_each_kind_of_offence_quotes_the_police_sentence_word_for_word():
    for kind in OFFENCE_KINDS:
        assert kind.clause_words in POLICE_CLAUSE.text
    assert get_offence_kind("harassment").course_of_conduct
    assert not get_offence_kind("threats").course_of_conduct
    with pytest.raises(ValueError, match="kind of offence"):
        get_offence_kind("burglary")
