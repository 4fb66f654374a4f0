"""The school's real contacts in a sentence: how to reach the office, the Chair of
Governors by name, where the complaints procedure is. Plain text (escaped when printed);
what Settings leaves empty is left out, never replaced by a made-up contact."""

from __future__ import annotations

from ..context import SchoolDetails
from ..formatting import join_names


def office_contact(school: SchoolDetails) -> str:
    """ "by telephone on 0113 496 0000 or by email at office@school.sch.uk"; "" for none."""
    ways = [f"by telephone on {school.phone}" if school.phone else "",
            f"by email at {school.email}" if school.email else ""]
    return " or ".join(way for way in ways if way)


def chair_phrase(school: SchoolDetails) -> str:
    """ "the Chair of Governors, Mr Tom Price", or without the name when none is set."""
    name = school.chair_of_governors.strip()
    return f"the Chair of Governors, {name}," if name else "the Chair of Governors"


def complaints_phrase(school: SchoolDetails) -> str:
    """ "the school's complaints procedure (on the school website)"; where it is comes from
    Settings, and the school office otherwise."""
    where = school.complaints_procedure.strip() or "available from the school office"
    return f"the school's complaints procedure ({where})"


def class_teacher_phrase(children: tuple[str, ...]) -> str:
    """ "Ela's class teacher", "Ela's or Jan's class teacher", "the class teacher": said to a
    grandparent or carer as much as to a parent (never "your child's")."""
    names = [first_name(child) for child in children if child.strip()]
    if not names:
        return "the class teacher"
    owners = [f"{name}’s" for name in dict.fromkeys(names)]
    joined = join_names(owners).replace(" and ", " or ")
    return f"{joined} class teacher"


def first_name(child: str) -> str:
    """ "Ela" from "Ela Wróbel (3B)": the name a teacher would use in a letter home."""
    name = child.split(" (", 1)[0].strip()
    return name.split()[0] if name.split() else name


def concern_channels(school: SchoolDetails, children: tuple[str, ...]) -> str:
    """How to raise a concern, finishing "If you have a concern, please …": the policy's
    four channels with the school's real names and places."""
    return (f"speak to {class_teacher_phrase(children)} or to me, contact "
            f"{chair_phrase(school)} or use {complaints_phrase(school)}")
