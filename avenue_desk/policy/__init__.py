"""The school's social media policy as data, and the escalation rules as a pure state machine.

Standard library only, and nothing happens on import beyond building constant tables.
"""

from ._lookup import UnknownPolicyKey
from .catalogue import all_quotes, missing_quotes
from .categories import CATEGORIES, Category, get_category, parse_category, serious_categories
from .channels import (
    CHANNELS,
    CHANNELS_QUOTE,
    CHILDREN_QUOTE,
    INAPPROPRIATE_USES_INTRO,
    PARENT_QUESTIONS,
    PARENT_QUESTIONS_INTRO,
    Channel,
    get_channel,
)
from .editions import (
    DEFAULT_EDITION_KEY,
    EDITIONS,
    PolicyEdition,
    ReviewStatus,
    edition_for_incident,
    edition_in_force,
    get_edition,
    review_status,
)
from .escalation import (
    TRANSITIONS,
    IncidentFacts,
    Phase,
    StepOption,
    StepRefused,
    Transition,
    Verdict,
    apply_step,
    option_for,
    options,
    suggestions,
)
from .people import (
    ASSOCIATE_QUOTE,
    CODE_OF_CONDUCT_QUOTE,
    ROLES,
    PersonRole,
    get_role,
    parse_role,
    quote_for_role,
)
from .platforms import PLATFORMS, Platform, get_platform, parse_platform, posted_where
from .procedure import STEP_KEYS, STEPS, Step, get_step
from .quotes import AVENUE_2021, PARENTAL_2019, PolicyQuote

__all__ = [
    "ASSOCIATE_QUOTE",
    "AVENUE_2021",
    "CATEGORIES",
    "CHANNELS",
    "CHANNELS_QUOTE",
    "CHILDREN_QUOTE",
    "INAPPROPRIATE_USES_INTRO",
    "CODE_OF_CONDUCT_QUOTE",
    "DEFAULT_EDITION_KEY",
    "EDITIONS",
    "PARENTAL_2019",
    "PARENT_QUESTIONS",
    "PARENT_QUESTIONS_INTRO",
    "PLATFORMS",
    "ROLES",
    "STEPS",
    "STEP_KEYS",
    "TRANSITIONS",
    "Category",
    "Channel",
    "IncidentFacts",
    "PersonRole",
    "Phase",
    "Platform",
    "PolicyEdition",
    "PolicyQuote",
    "ReviewStatus",
    "Step",
    "StepOption",
    "StepRefused",
    "Transition",
    "UnknownPolicyKey",
    "Verdict",
    "all_quotes",
    "apply_step",
    "edition_for_incident",
    "edition_in_force",
    "get_category",
    "get_channel",
    "get_edition",
    "get_platform",
    "get_role",
    "get_step",
    "missing_quotes",
    "option_for",
    "options",
    "parse_category",
    "parse_platform",
    "parse_role",
    "posted_where",
    "quote_for_role",
    "review_status",
    "serious_categories",
    "suggestions",
]
