"""Where a post was made, and where that site keeps its "report abuse"."""

from __future__ import annotations

from dataclasses import dataclass

from ._lookup import get, name_index, parse


@dataclass(frozen=True)
class Platform:
    key: str
    label: str
    is_school_forum: bool
    report_hint: str  # one generic line; menus move too often for URLs or screenshots


PLATFORMS: tuple[Platform, ...] = (
    Platform(
        "facebook",
        "Facebook",
        False,
        "Open the three-dot menu on the post or comment and choose Report.",
    ),
    Platform(
        "x_twitter",
        "X / Twitter",
        False,
        "Open the three-dot menu on the post and choose Report post.",
    ),
    Platform(
        "instagram",
        "Instagram",
        False,
        "Open the three-dot menu on the post (or press and hold a comment) and choose Report.",
    ),
    Platform(
        "tiktok",
        "TikTok",
        False,
        "Press and hold the video or comment (or use Share) and choose Report.",
    ),
    Platform(
        "youtube",
        "YouTube",
        False,
        "Open the three-dot menu under the video or beside the comment and choose Report.",
    ),
    Platform(
        "whatsapp",
        "WhatsApp group",
        False,
        "Press and hold the message and choose Report, or open Group info and choose Report group.",
    ),
    Platform(
        "school_forum",
        "School website or forum",
        True,
        "This is the school's own site: its administrator can take the post down and block "
        "or restrict the user.",
    ),
    Platform(
        "other",
        "Other",
        False,
        "Look for Report or Report abuse on the post, on the profile or in the site's help.",
    ),
)

_BY_KEY = {p.key: p for p in PLATFORMS}

_ALIASES = {
    "fb": "facebook",
    "facebook.com": "facebook",
    "messenger": "facebook",
    "x": "x_twitter",
    "twitter": "x_twitter",
    "twitter.com": "x_twitter",
    "x.com": "x_twitter",
    "tweet": "x_twitter",
    "insta": "instagram",
    "ig": "instagram",
    "instagram.com": "instagram",
    "tiktok.com": "tiktok",
    "yt": "youtube",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "school website": "school_forum",
    "school forum": "school_forum",
    "school site": "school_forum",
    "forum": "school_forum",
}

_NAMES = name_index("platform", PLATFORMS, {p.key: p.label for p in PLATFORMS}, _ALIASES)

# How to say where a post was, in a sentence ("this one was on Facebook").
_WHERE = {
    "whatsapp": "in a WhatsApp group",
    "school_forum": "on the school's own website or forum",
    "other": "on another site",
}


def get_platform(key: str) -> Platform:
    return get("platform", _BY_KEY, key)


def parse_platform(text: str) -> Platform:
    """A platform from its key, label, web address or a common name ("X", "FB", "forum")."""
    return parse("platform", _NAMES, _BY_KEY, text)


def posted_where(platform: Platform) -> str:
    """Where the post was, as a phrase: "on Facebook", "in a WhatsApp group"."""
    return _WHERE.get(platform.key, f"on {platform.label}")
