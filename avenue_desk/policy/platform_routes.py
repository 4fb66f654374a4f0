"""Where a school reports a post to each platform, and what the platform asks for.

Platforms take reports through their own menus and web forms, not by letter: the takedown
document is the text to put into those forms, and the escalation ladder shows the route
beside "Report to the site" and "Contact the host". Each route is described in words, as
the platform's own help pages name the menus and forms. Web addresses are given only for a
help centre's front page: deep links and menus move too often to print.

Each route names its source (the platform's help page it was checked against) and the date
it was checked. They were checked against copies of those pages, which can lag the live
ones: check them again at each review of the policy, and change ``checked`` when you do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ._lookup import get
from .procedure import get_step

CHECKED = date(2026, 12, 7)

# Routes for people who work with children in the UK, whatever the platform.
PROFESSIONALS_HELPLINE = (
    "The Professionals Online Safety Helpline (POSH), run by SWGfL as part of the UK Safer "
    "Internet Centre, advises school staff on online harassment of staff and the school, and "
    "can escalate a report to the major platforms when their own route has not worked. Find "
    "it on the UK Safer Internet Centre's website."
)
REPORT_HARMFUL_CONTENT = (
    "Report Harmful Content, also from the UK Safer Internet Centre, reviews a report once "
    "it has been made to the platform without result (threats, bullying or harassment, "
    "impersonation and hate among others)."
)


@dataclass(frozen=True)
class ReportingRoute:
    platform: str  # the key of policy.platforms
    name: str  # who takes the report, in a sentence: "Facebook", "the site"
    how_to_report: str  # the platform's own route, in words
    without_account: str  # when the school has no account or cannot see the post ("" none)
    reason_to_choose: str  # which of its report categories fits a post about a school
    asks_for: tuple[str, ...]  # what its report asks for
    rules_name: str  # what the platform calls its rules
    schools_routes: tuple[str, ...]  # routes for schools and education professionals
    help_centre: str  # the help centre's front page ("" where not printed)
    needs_link: bool  # a report must point at the post: True where posts have web links
    source: str  # the help page the route was checked against
    checked: date = CHECKED


_ASK_POST = ("the link to the post or comment", "the account that posted it",
             "the reason, chosen from the platform's list", "screenshots, where the form "
             "takes them", "a short description of what is wrong")
_SCHOOLS = (PROFESSIONALS_HELPLINE, REPORT_HARMFUL_CONTENT)

ROUTES: tuple[ReportingRoute, ...] = (
    ReportingRoute(
        "facebook",
        "Facebook",
        "On the post or comment, open the three-dot menu (…) and choose “Report post” (or "
        "“Report comment”), then follow the questions. A whole profile or Page is reported "
        "from the three-dot menu on it.",
        "Without an account, or when the post cannot be seen, use the form in the Facebook "
        "Help Centre for reporting abuse without an account (search the Help Centre for "
        "“report something without an account”), or ask someone who can see it to report it.",
        "“Bullying or harassment”; for a threat, the category for violence; for racist words, "
        "the one for hate speech.",
        _ASK_POST,
        "Community Standards",
        _SCHOOLS,
        "https://www.facebook.com/help",
        True,
        "Facebook Help Centre, “How to report things” and “Tools for addressing abuse”",
    ),
    ReportingRoute(
        "x_twitter",
        "X",
        "On the post, open the More menu (…) and choose “Report post”. Say who it is about "
        "(yourself, someone else or a specific group), describe what is happening, and add "
        "other posts from the same account when X offers to.",
        "The X Help Center has web forms for reporting abusive behaviour, for someone without "
        "an account too (search the Help Center for “report abusive behavior”).",
        "The category for abuse or harassment; for a threat, the one for violent speech; for "
        "racist words, the one for hate.",
        (*_ASK_POST, "other posts by the same account"),
        "rules (the X Rules)",
        _SCHOOLS,
        "https://help.x.com",
        True,
        "X Help Center, “Report abusive behavior”",
    ),
    ReportingRoute(
        "instagram",
        "Instagram",
        "On the post, open the three-dot menu (…) and choose “Report”; press and hold a "
        "comment to report it; report an account from the three-dot menu on its profile.",
        "The Instagram Help Centre has a form for reporting harassment or bullying by "
        "someone who has no account (search the Help Centre for “report harassment”).",
        "“Bullying or harassment”; for a threat, the category for violence; for racist words, "
        "the one for hate speech.",
        _ASK_POST,
        "Community Guidelines",
        _SCHOOLS,
        "https://help.instagram.com",
        True,
        "Instagram Help Centre, “Report harassment or bullying on Instagram”",
    ),
    ReportingRoute(
        "tiktok",
        "TikTok",
        "Press and hold the video (or tap the Share arrow) and choose “Report”; press and "
        "hold a comment to report it; report an account from the three-dot menu on its "
        "profile.",
        "TikTok's support website has a web form for reporting content without an account.",
        "The category for harassment or bullying; for a threat, the one for violence; for racist "
        "words, the one for hate.",
        _ASK_POST,
        "Community Guidelines",
        _SCHOOLS,
        "https://support.tiktok.com",
        True,
        "TikTok Support, “Report a problem” and the Community Guidelines",
    ),
    ReportingRoute(
        "youtube",
        "YouTube",
        "Under the video, open the More menu (…) and choose “Report”; beside a comment, open "
        "its menu (⋮) and choose “Report”. Give the time in the video where it happens.",
        "Several videos or comments, or a whole channel, are reported through YouTube's "
        "reporting tool in its Help Centre; a post the school believes is defamatory can be "
        "reported through Google's legal removal request form.",
        "The category for harassment or bullying; for a threat, the one for violent content; "
        "for racist words, the one for hateful content.",
        (*_ASK_POST, "the time in the video where it happens"),
        "Community Guidelines",
        _SCHOOLS,
        "https://support.google.com/youtube",
        True,
        "YouTube Help, “Harassment and cyberbullying policies” and “Report inappropriate "
        "videos, channels and other content”",
    ),
    ReportingRoute(
        "whatsapp",
        "WhatsApp",
        "Only someone in the chat or group can report it: press and hold the message and "
        "choose “Report”, or open the group's info and choose “Report group”. WhatsApp then "
        "receives the most recent messages of that chat.",
        "The school cannot report a group it is not in: ask the member who showed the school "
        "the messages to report them, and keep their screenshots as evidence.",
        "The reason WhatsApp offers for abusive or threatening messages.",
        ("the report, made from inside the chat or group (WhatsApp messages have no web "
         "link)", "screenshots kept by the school"),
        "Terms of Service",
        _SCHOOLS,
        "https://faq.whatsapp.com",
        False,
        "WhatsApp Help Center, “How to report and block someone” and “Report a group”",
    ),
    ReportingRoute(
        "school_forum",
        "the forum's administrator",
        "This is the school's own website or forum: its administrator at school removes the "
        "post and can block or restrict the account. No report to anyone else is needed.",
        "",
        "The school's own terms of use for the forum.",
        ("the thread or post (its link or title)", "the account that posted it"),
        "terms of use",
        (),
        "",
        False,
        "The school's own forum: no outside route",
    ),
    ReportingRoute(
        "other",
        "the site",
        "Look for “Report” or “Report abuse” on the post, on the account's profile or in the "
        "site's help pages. A site with no reporting route usually publishes an abuse "
        "contact for the company that hosts it.",
        "Most sites' help pages have a contact form for people without an account.",
        "The site's category for harassment or abuse of private individuals.",
        _ASK_POST,
        "terms of service and acceptable use rules",
        _SCHOOLS,
        "",
        True,
        "General route: each site's own help pages",
    ),
)

_BY_PLATFORM = {route.platform: route for route in ROUTES}


def route_for(platform_key: str) -> ReportingRoute:
    """The reporting route of a platform (its key from policy.platforms)."""
    return get("reporting route", _BY_PLATFORM, platform_key)


def route_summary(platform_key: str) -> str:
    """A few lines for a tooltip beside the "report to the site" step."""
    route = route_for(platform_key)
    lines = [route.how_to_report]
    if route.without_account:
        lines.append(route.without_account)
    lines.append(f"Reason to choose: {route.reason_to_choose}")
    if PROFESSIONALS_HELPLINE in route.schools_routes:
        lines.append(f"If the report does not work: {PROFESSIONALS_HELPLINE}")
    return "\n".join(lines)


_WEB_ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|co\.uk|uk|be|me|tv|"
    r"app|io|sch\.uk)(?:/\S*)?", re.IGNORECASE)


def web_address_in(text: str) -> str:
    """The web address in ``text`` ("" when there is none): "Avenue Parents group" has none,
    "https://facebook.com/groups/1/posts/2" and "see facebook.com/x/posts/2" do."""
    match = _WEB_ADDRESS.search(text or "")
    return match.group(0).rstrip(".,;:)»”’\"'") if match else ""


# --- after the platform: where to go when its own route has not worked -----------------


@dataclass(frozen=True)
class NextRoute:
    """A service that steps in once the platform was reported to and has not acted."""

    key: str  # kept on a platform report row (``made_to``)
    name: str
    run_by: str
    web_address: str
    after_days: int  # how long after the report to the platform it will look at a case
    when: str  # when it steps in, in a sentence
    how: str  # what the school does, in words
    policy_steps: tuple[str, ...]  # the steps of policy.procedure whose words it rests on
    source: str
    checked: date = CHECKED


REPORT_HARMFUL_CONTENT_ROUTE = NextRoute(
    "report_harmful_content",
    "Report Harmful Content",
    "the UK Safer Internet Centre (SWGfL)",
    "https://reportharmfulcontent.com",
    7,
    "It steps in once the post has been reported to the platform and the platform has not "
    "acted (or has replied that it will not) within a week: threats, bullying or "
    "harassment, impersonation and hate among others.",
    "Open reportharmfulcontent.com, answer its questions about the post, and give the "
    "date of the school's report to the platform, the platform's reference number and its "
    "reply, with the screenshots. Keep its own reference on the incident.",
    ("report_to_site", "contact_host"),
    "Report Harmful Content, “About” and “Report” pages (UK Safer Internet Centre)",
)
NEXT_ROUTES: tuple[NextRoute, ...] = (REPORT_HARMFUL_CONTENT_ROUTE,)
PLATFORM = "platform"  # a report made to the platform itself
_NEXT_BY_KEY = {route.key: route for route in NEXT_ROUTES}


def next_route(key: str) -> NextRoute:
    return get("route after the platform", _NEXT_BY_KEY, key)


def next_route_quotes(route: NextRoute) -> tuple:
    """The policy's own words the route rests on (``PolicyQuote``s, verbatim): the school
    reports to the site, and complains to its host or provider and asks for removal."""
    return tuple(get_step(key).quote for key in route.policy_steps)
