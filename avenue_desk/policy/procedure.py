"""The steps the school can take over an inappropriate post, in the order of the ladder.

Which step is allowed when is decided in escalation.py; this module only says what each
step is and which sentence of the policy it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._lookup import get
from .quotes import PolicyQuote, avenue, parental


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    description: str
    quote: PolicyQuote
    needs_refusal: bool  # only once the parent has refused to comply or carried on
    needs_school_forum: bool  # only when the post was on the school's own site or forum
    closes: bool
    # After this step the school waits for something (a reply, a removal, the site's or the
    # police's decision), so the app proposes a follow-up date.
    expects_reply: bool = False


# Shared with escalation.py, which quotes it when a further action is asked for too early.
PARENT_REFUSES_QUOTE = avenue(
    "If the parent refuses to comply with these procedures and continues to use social "
    "networking sites in a manner the school considers inappropriate, the school will "
    "consider taking the following action"
)

POLICE_QUOTE = avenue(
    "Contact the Police where the school feels it appropriate – for example, if it considers "
    "a crime (such as harassment) has been committed; or in cases where the posting has a "
    "racial element, is considered to be grossly obscene or is threatening violence"
)

REMOVAL_QUOTE = avenue(
    "The school will also expect that any parent/carer removes such comments immediately"
)


# How long a restriction of forum access lasts unless the Headteacher chooses otherwise,
# and the lengths a letter offers, in months. The policy sets no length: the school's choice.
FORUM_RESTRICTION_MONTHS = 3
FORUM_RESTRICTION_RANGE = (1, 12)

_EXPECTS_REPLY = frozenset({
    "informal_discussion", "report_to_site", "removal_request", "headteacher_meeting",
    "written_warning", "legal_advice", "police", "contact_host", "other_legal_action",
})


def _step(key, label, description, quote, *, refusal=False, forum=False, closes=False):
    return Step(key, label, description, quote, refusal, forum, closes, key in _EXPECTS_REPLY)


STEPS: tuple[Step, ...] = (
    _step(
        "informal_discussion",
        "Informal discussion with the parent",
        "Talk to the parent to try to resolve the matter and ask for the post to be taken down.",
        parental(
            "Therefore, as a first step the school will usually discuss the matter with the "
            "parent to try to resolve it and to ask that the relevant information be removed "
            "from the social networking site in question."
        ),
    ),
    _step(
        "report_to_site",
        "Report to the site's 'report abuse'",
        "Report the post through the site's own 'report abuse' route.",
        avenue(
            "In the event that any pupil or parent/carer of a child/ren at The Avenue is found "
            "to be posting libellous or defamatory comments on Facebook or other social network "
            "sites, they will be reported to the appropriate 'report abuse' section of the "
            "network site."
        ),
    ),
    _step(
        "removal_request",
        "Ask the parent to remove the post",
        "Tell the parent the school expects the comments to be removed immediately.",
        REMOVAL_QUOTE,
    ),
    _step(
        "headteacher_meeting",
        "Meeting with the Headteacher",
        "Ask the parent to a meeting with the Headteacher about the breaking of the AUP "
        "agreement and what may follow.",
        avenue(
            "will be asked to attend a meeting with the Headteacher to discuss the breaking of "
            "the AUP agreement and the possible repercussions of such action"
        ),
    ),
    _step(
        "parent_refused",
        "Parent refuses or carries on",
        "Record that the parent will not remove the post or keeps posting; this opens the "
        "further actions.",
        PARENT_REFUSES_QUOTE,
    ),
    _step(
        "written_warning",
        "Written warning",
        "Write to the parent setting out the school's concerns, giving a warning and asking "
        "for the material to be removed.",
        avenue(
            "If required set out the school's concerns to you in writing, giving you a warning "
            "and requesting that the material in question is removed"
        ),
        refusal=True,
    ),
    _step(
        "legal_advice",
        "Legal advice or legal action",
        "Take legal advice, and legal action if warranted, especially where the post is "
        "defamatory.",
        avenue(
            "Take legal advice and/or legal action where the information posted is defamatory "
            "in any way or if the circumstances warrant this"
        ),
        refusal=True,
    ),
    _step(
        "police",
        "Contact the Police",
        "Contact the Police, for example over harassment, a racial element, gross obscenity "
        "or a threat of violence.",
        POLICE_QUOTE,
    ),
    _step(
        "restrict_forum_access",
        "Block or restrict forum access",
        "Block or restrict the person's access to the school's own website or forum.",
        avenue(
            "If the inappropriate comments have been made on a school forum, the school may take "
            "action to block or restrict that individual's access to that website or forum"
        ),
        refusal=True,
        forum=True,
    ),
    _step(
        "contact_host",
        "Contact the host or provider",
        "Complain to the company that runs the site and ask for the post to be removed.",
        avenue(
            "Contact the host/provider of the Social Networking site to complain about the "
            "content of the site and ask for removal of the information"
        ),
        refusal=True,
    ),
    _step(
        "other_legal_action",
        "Other legal action",
        "Take other legal action against the person.",
        avenue("Take other legal action against the individual"),
        refusal=True,
    ),
    _step(
        "content_removed",
        "Post confirmed removed",
        "Record that someone has checked and the post is no longer there.",
        REMOVAL_QUOTE,
    ),
    _step(
        "close",
        "Close the case",
        "Close the case now the matter is dealt with.",
        parental(
            "The school will always try to deal with concerns raised by parents in a "
            "professional and appropriate manner"
        ),
        closes=True,
    ),
    _step(
        "reopen",
        "Reopen the case",
        "Reopen a closed case, for example because the inappropriate use has started again.",
        avenue("Procedure the school will follow if inappropriate use continues"),
    ),
)

STEP_KEYS: tuple[str, ...] = tuple(s.key for s in STEPS)

_BY_KEY = {s.key: s for s in STEPS}


def get_step(key: str) -> Step:
    return get("step", _BY_KEY, key)
