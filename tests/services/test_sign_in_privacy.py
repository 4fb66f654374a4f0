"""A wrong sign-in tells nobody whether the username has an account (issue 16, part 4):
the same words, the same count-down to the lock and the same argon2id work."""

from __future__ import annotations

import argon2
import pytest
from argon2 import PasswordHasher

from avenue_desk.services.accounts.passwords import Hashing, make_hasher, unmatchable_hash
from avenue_desk.services.accounts.records import SignInRefused
from avenue_desk.services.container import open_services
from tests.helpers.accounts import ORIGIN, TEMPORARY, add_user, with_head

pytestmark = pytest.mark.no_accounts


def _refusals(accounts, username: str, tries: int) -> list[tuple[str, str, int | None]]:
    seen = []
    for _ in range(tries):
        with pytest.raises(SignInRefused) as refused:
            accounts.authenticate(username, "not the password")
        seen.append((refused.value.reason, str(refused.value), refused.value.tries_left))
    return seen


def test_an_unknown_name_and_a_wrong_password_read_and_count_down_the_same(services):
    sec, _ = with_head(services)
    add_user(sec, "office", "office")
    sec.accounts.sign_out()
    known = _refusals(sec.accounts, "office", 6)
    unknown = _refusals(sec.accounts, "Office2", 6)
    assert unknown == known
    assert [reason for reason, _, _ in known] == ["wrong"] * 4 + ["locked"] * 2
    assert known[0][1] == ("Wrong username or password. 4 tries left before the account is "
                           "locked for 15 minutes.")
    assert known[3][1].startswith("Wrong username or password. 1 try left")
    assert "After 5 wrong passwords the account is locked until" in known[4][1]
    assert known[5][1].startswith("This account is locked until")
    # The right password is refused alike while locked: nothing singles the real one out.
    with pytest.raises(SignInRefused, match="This account is locked until"):
        sec.accounts.authenticate("office", TEMPORARY)


class CountingHasher(PasswordHasher):
    """The real argon2id hasher, counting what it is asked to do."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.hashes = self.checks = 0

    def hash(self, password, *, salt=None):
        self.hashes += 1
        return super().hash(password, salt=salt)

    def verify(self, hash, password):  # noqa: A002 - argon2's own parameter name
        self.checks += 1
        return super().verify(hash, password)


@pytest.mark.parametrize("username", ["office", "nobody-here"])
def test_the_first_wrong_sign_in_in_a_process_is_one_argon2_check_either_way(
        services, paths, clock, username):
    """What made the first unknown name slower: a dummy hash made on first use."""
    sec, _ = with_head(services)
    add_user(sec, "office", "office")
    services.close()
    hasher = make_hasher()
    counting = CountingHasher(time_cost=hasher.time_cost, memory_cost=hasher.memory_cost,
                              parallelism=hasher.parallelism)
    # As a new process opens them: nothing hashed or checked yet.
    with open_services(paths, clock, origin=ORIGIN, hashing=Hashing(counting)) as fresh:
        with pytest.raises(SignInRefused):
            fresh.accounts.authenticate(username, "not the password")
    assert (counting.hashes, counting.checks) == (0, 1)


def test_the_dummy_hash_has_the_real_parameters_and_matches_no_password():
    hasher = make_hasher()
    dummy = unmatchable_hash(hasher)
    real = hasher.hash("Ivy walks the long lane")
    assert argon2.extract_parameters(dummy) == argon2.extract_parameters(real)
    assert len(dummy) == len(real)
    assert not Hashing(hasher).verify(dummy, "")
    assert unmatchable_hash(hasher) != dummy  # random each time: nothing to precompute
