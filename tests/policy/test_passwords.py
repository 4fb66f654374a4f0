"""Password rules: length, the common-password list, not the username or the school."""

from __future__ import annotations

import pytest

from avenue_desk.policy.passwords import (
    MIN_PASSWORD_LENGTH,
    PASSWORD_RULES,
    common_password_set,
    password_problems,
    username_key,
    username_problem,
)
from avenue_desk.services.accounts.passwords import load_common_passwords

COMMON = common_password_set(["password123", "Qwertyuiop", "  iloveyou12  ", ""])


def problems(password, **kwargs):
    kwargs.setdefault("common", COMMON)
    return password_problems(password, **kwargs)


def test_a_good_password_passes():
    assert problems("ivy walks the long lane", username="jsmith",
                    school_name="The Avenue Primary School") == []


@pytest.mark.parametrize("password", ["", "short", "123456789"])
def test_too_short(password):
    found = problems(password)
    assert found and ("at least 10" in found[0] or found[0] == "Enter a password.")


def test_the_message_counts_but_never_repeats_the_password():
    found = problems("abcdefg")
    assert found == [f"Use at least {MIN_PASSWORD_LENGTH} characters (this has 7)."]
    assert "abcdefg" not in " ".join(found)


@pytest.mark.parametrize("password", ["password123", "PASSWORD123", "QWERTYUIOP", "iloveyou12"])
def test_common_passwords_in_any_case(password):
    assert any("commonest" in p for p in problems(password))
    assert password not in " ".join(problems(password))


def test_not_the_username_or_the_school():
    assert problems("JSmith-2026!", username="jsmith") == [
        "Do not use your username in the password."]
    assert problems("the avenue primary school", school_name="The Avenue Primary School") == [
        "Do not use the school's name as the password."]
    assert problems("Avenue.Primary.School.1", school_name="Avenue Primary School")


def test_the_shipped_list_has_ten_thousand_and_catches_the_usual_ones():
    common = load_common_passwords()
    assert len(common) == 10_000
    for password in ("1234567890", "qwertyuiop", "password123", "Iloveyou123"):
        assert any("commonest" in p for p in password_problems(password, common=common))
    assert password_problems("Ivy walks the lane", common=common) == []
    assert len(PASSWORD_RULES) == 3


def test_usernames():
    assert username_problem("jsmith") == ""
    assert username_problem("j") and username_problem("j smith") and username_problem("")
    assert username_key(" JSmith ") == "jsmith"
