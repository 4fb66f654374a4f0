"""What makes a password acceptable, as pure functions (the list of common ones is passed in).

The rules follow NIST SP 800-63B and the UK NCSC's advice rather than composition rules:
long enough, not one of the passwords attackers try first, and not the obvious words for
this account (its username, the school's name). Messages never repeat the password.
"""

from __future__ import annotations

from collections.abc import Iterable

from .typed_text import invalid_character, invalid_text_problem

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200  # argon2 takes any length; this only stops a pasted essay
COMMON_PASSWORDS_COUNT = 10_000
USERNAME_LENGTH = (2, 40)
# argon2id's cost for every secret the app stretches: account passwords, the recovery code,
# and the keys they unlock (services/core/data_key.py). OWASP's minimum for argon2id
# (Password Storage Cheat Sheet): 19 MiB, 2 passes, 1 lane.
ARGON2_TIME_COST = 2
ARGON2_MEMORY_KIB = 19 * 1024
ARGON2_PARALLELISM = 1

PASSWORD_RULES: tuple[str, ...] = (
    f"At least {MIN_PASSWORD_LENGTH} characters. A short sentence or three or four unrelated "
    "words is easier to remember than a jumble.",
    f"Not one of the {COMMON_PASSWORDS_COUNT:,} commonest passwords.",
    "Not your username and not the school's name.",
)


def fold(text: str) -> str:
    """Letters and digits only, case-folded: how passwords are compared with names."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def common_password_set(lines: Iterable[str]) -> frozenset[str]:
    """The list as read from its file: one password a line, compared case-insensitively."""
    return frozenset(line.strip().casefold() for line in lines if line.strip())


def password_problems(password: str, *, username: str = "", school_name: str = "",
                      common: frozenset[str] = frozenset()) -> list[str]:
    """Every rule the password breaks, as sentences to show beside the field."""
    if not password:
        return ["Enter a password."]
    if invalid_character(password):  # nothing could store or check it
        return [invalid_text_problem(password, "The password")]
    problems = []
    length = len(password)
    if length < MIN_PASSWORD_LENGTH:
        problems.append(
            f"Use at least {MIN_PASSWORD_LENGTH} characters (this has {length})."
        )
    if length > MAX_PASSWORD_LENGTH:
        problems.append(f"Use at most {MAX_PASSWORD_LENGTH} characters.")
    if password.strip().casefold() in common:
        problems.append(
            f"This is one of the {COMMON_PASSWORDS_COUNT:,} commonest passwords, so it would "
            "be guessed quickly. Choose another."
        )
    folded = fold(password)
    user = fold(username)
    if user and len(user) >= 3 and user in folded:
        problems.append("Do not use your username in the password.")
    school = fold(school_name)
    if school and school in folded:
        problems.append("Do not use the school's name as the password.")
    return problems


def username_problem(username: str) -> str:
    """Why the username cannot be used, or "" when it can."""
    low, high = USERNAME_LENGTH
    if not username:
        return "Enter a username."
    if not low <= len(username) <= high:
        return f"Use {low} to {high} characters for the username."
    if not all(ch.isalnum() or ch in "._-" for ch in username):
        return "Use only letters, digits, dots, dashes and underscores in the username."
    return ""


def username_key(username: str) -> str:
    """How usernames are compared: "JSmith" and "jsmith" are one account."""
    return username.strip().casefold()
