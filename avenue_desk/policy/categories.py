"""The kinds of inappropriate post the policy names, in the order the policy lists them."""

from __future__ import annotations

from dataclasses import dataclass

from ._lookup import get, name_index, parse
from .quotes import PolicyQuote, avenue


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    quote: PolicyQuote
    serious: bool
    serious_reason: str  # why the UI makes it stand out; "" when not serious


CATEGORIES: tuple[Category, ...] = (
    Category(
        "allegation",
        "Allegation about staff or pupils / cyber-bullying",
        avenue("Making allegations about staff or pupils at school or cyber-bullying"),
        False,
        "",
    ),
    Category(
        "complaint",
        "Complaint about the school or staff",
        avenue("Making complaints about the school or staff at The Avenue"),
        False,
        "",
    ),
    Category(
        "defamatory",
        "Defamatory statement about the school or staff",
        avenue("Making defamatory statements about school or staff at The Avenue"),
        False,
        "",
    ),
    Category(
        "offensive",
        "Negative or offensive comment about a pupil or member of staff",
        avenue("Posting negative/offensive comments about specific pupils/staff at The Avenue"),
        False,
        "",
    ),
    Category(
        "racist",
        "Racist comment",
        avenue("Posting racist comments"),
        True,
        "A post with a racial element may be a crime: the policy says the school may "
        "contact the Police.",
    ),
    Category(
        "threat",
        "Threat of violence",
        avenue("Posting comments which threaten violence"),
        True,
        "A post threatening violence may be a crime and a risk to someone's safety: the "
        "policy says the school may contact the Police.",
    ),
    Category(
        "other",
        "Other inappropriate use",
        avenue("(This list is non-exhaustive and intended to provide examples only)"),
        False,
        "",
    ),
)

_BY_KEY = {c.key: c for c in CATEGORIES}

# Words the office is likely to type; kept short so that no two categories compete.
_ALIASES = {
    "allegations": "allegation",
    "cyber-bullying": "allegation",
    "cyberbullying": "allegation",
    "bullying": "allegation",
    "complaints": "complaint",
    "defamation": "defamatory",
    "libel": "defamatory",
    "libellous": "defamatory",
    "negative": "offensive",
    "abusive": "offensive",
    "racism": "racist",
    "racist comments": "racist",
    "threats": "threat",
    "threatening": "threat",
    "violence": "threat",
}

_NAMES = name_index("category", CATEGORIES, {c.key: c.label for c in CATEGORIES}, _ALIASES)


def get_category(key: str) -> Category:
    return get("category", _BY_KEY, key)


def parse_category(text: str) -> Category:
    """A category from its key, its label or a common word for it, ignoring case."""
    return parse("category", _NAMES, _BY_KEY, text)


def serious_categories(keys: frozenset[str] | set[str]) -> tuple[Category, ...]:
    """The serious categories among ``keys``, in policy order (for warnings and banners)."""
    return tuple(c for c in CATEGORIES if c.serious and c.key in keys)
