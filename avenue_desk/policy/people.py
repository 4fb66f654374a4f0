"""Who posted (or who is involved), and which part of the policy applies to them."""

from __future__ import annotations

from dataclasses import dataclass

from ._lookup import get, name_index, parse
from .quotes import PolicyQuote, avenue


@dataclass(frozen=True)
class PersonRole:
    key: str
    label: str
    is_adult: bool
    is_parent_like: bool  # the parental part of the policy applies (see ASSOCIATE_QUOTE)
    is_code_of_conduct: bool  # the staff code of conduct applies (see CODE_OF_CONDUCT_QUOTE)


ASSOCIATE_QUOTE = avenue(
    'When we have referred to "parent" in this document, we also include carers; '
    "relatives; or anyone associated with the school."
)

CODE_OF_CONDUCT_QUOTE = avenue(
    "This refers to all persons linked to The Avenue such as Staff, Volunteers and Governors."
)

# Pupils are neither "parents" nor bound by the staff code, but the procedure names them
# too, so a pupil's post can still be reported to the site.
PUPIL_QUOTE = avenue(
    "In the event that any pupil or parent/carer of a child/ren at The Avenue is found to be "
    "posting libellous or defamatory comments on Facebook or other social network sites, "
    "they will be reported to the appropriate 'report abuse' section of the network site."
)

ROLES: tuple[PersonRole, ...] = (
    PersonRole("parent", "Parent", True, True, False),
    PersonRole("carer", "Carer", True, True, False),
    PersonRole("relative", "Relative", True, True, False),
    PersonRole("other_associate", "Someone else associated with the school", True, True, False),
    PersonRole("pupil", "Pupil", False, False, False),
    PersonRole("staff", "Member of staff", True, False, True),
    PersonRole("volunteer", "Volunteer", True, False, True),
    PersonRole("governor", "Governor", True, False, True),
)

_BY_KEY = {r.key: r for r in ROLES}

_ALIASES = {
    "parents": "parent",
    "mum": "parent",
    "mother": "parent",
    "dad": "parent",
    "father": "parent",
    "parent/carer": "parent",
    "carers": "carer",
    "guardian": "carer",
    "foster carer": "carer",
    "relatives": "relative",
    "family member": "relative",
    "grandparent": "relative",
    "grandmother": "relative",
    "grandfather": "relative",
    "gran": "relative",
    "grandma": "relative",
    "grandad": "relative",
    "aunt": "relative",
    "uncle": "relative",
    "associate": "other_associate",
    "other": "other_associate",
    "pupils": "pupil",
    "child": "pupil",
    "student": "pupil",
    "ex-pupil": "pupil",
    "staff member": "staff",
    "teacher": "staff",
    "teaching assistant": "staff",
    "employee": "staff",
    "volunteers": "volunteer",
    "helper": "volunteer",
    "governors": "governor",
}

_NAMES = name_index("role", ROLES, {r.key: r.label for r in ROLES}, _ALIASES)


def get_role(key: str) -> PersonRole:
    return get("role", _BY_KEY, key)


def parse_role(text: str) -> PersonRole:
    """A role from its key, label or an everyday word ("mum", "teacher", "governors")."""
    return parse("role", _NAMES, _BY_KEY, text)


def quote_for_role(role: PersonRole) -> PolicyQuote:
    """The sentence that brings this role under the policy."""
    if role.is_code_of_conduct:
        return CODE_OF_CONDUCT_QUOTE
    if role.is_parent_like:
        return ASSOCIATE_QUOTE
    return PUPIL_QUOTE


def relation_word(role: str, relationship_label: str = "") -> str:
    """Who someone is to the children, to address them as such: "parent or carer",
    "grandmother" (the relationship the school records), "relative"."""
    label = relationship_label.strip().lower()
    if role == "relative":
        return label or "relative"
    if role in ("parent", "carer") or not label:
        return "parent or carer"
    return label


def salutation(*, addressed_as: str = "", title: str = "", surname: str = "",
               role: str = "parent", relationship_label: str = "",
               children: tuple[str, ...] = ()) -> str:
    """What follows "Dear", only from what is recorded: the salutation the school keeps
    ("Mr and Mrs Okafor"); else title and surname when both are recorded ("Mr Okafor");
    else who they are to the children by first name ("parent or carer of Ela", "grandmother
    of Ela and Jan"); else "Parent/Carer". Never a surname guessed from a full name."""
    if addressed_as.strip():
        return addressed_as.strip()
    if title.strip() and surname.strip():
        return f"{title.strip()} {surname.strip()}"
    names = list(dict.fromkeys(name.strip() for name in children if name.strip()))
    if names:
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"{relation_word(role, relationship_label)} of {joined}"
    return "Parent/Carer"
