"""The data key's wrapped copies (services/core/data_key.py, issue 18 item 2): each account's
password and the recovery code open the same key; a changed password opens nothing; the key
file says no name, password or key, and any change made to it outside the app is noticed."""

from __future__ import annotations

import base64
import json

import pytest

from avenue_desk.services.accounts.passwords import (
    make_hasher,
    new_recovery_code,
    normalise_recovery_code,
)
from avenue_desk.services.core.data_key import (
    KEY_FILE,
    KdfCost,
    KeyFile,
    KeyFileProblem,
    SecretRefused,
    new_data_key,
    records_key_pragma,
    subkey,
)

CHEAP = KdfCost(time_cost=1, memory_kib=8, parallelism=1)  # argon2id's least: tests stay fast
HEAD_PASSWORD = "Correct horse battery 7"
OFFICE_PASSWORD = "Lemon tree by the gate"
CODE = normalise_recovery_code("7kq2m-xw9rt-abcde-fghjk-mnpqr")


@pytest.fixture
def data_key() -> bytes:
    return new_data_key()


@pytest.fixture
def keys(data_key) -> KeyFile:
    """The Headteacher's copy, the code's, and the office's (added by the Headteacher)."""
    made = KeyFile.new(data_key, "head", HEAD_PASSWORD, CODE, CHEAP)
    return made.with_password(data_key, "j.wiśniewska", OFFICE_PASSWORD, CHEAP)


def test_every_account_and_the_code_open_the_same_key_after_a_save(keys, data_key, tmp_path):
    path = tmp_path / KEY_FILE
    keys.save(path)
    loaded = KeyFile.load(path)
    assert loaded.open_with_password("head", HEAD_PASSWORD) == data_key
    assert loaded.open_with_password("J.Wiśniewska", OFFICE_PASSWORD) == data_key  # any case
    assert loaded.open_with_recovery_code(CODE) == data_key
    assert len(data_key) == 32


def test_the_key_file_says_no_name_password_code_or_key(keys, data_key, tmp_path):
    path = tmp_path / KEY_FILE
    keys.save(path)
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    for secret in ("head", "wiśniewska", "Wi\\u015bniewska", HEAD_PASSWORD, OFFICE_PASSWORD,
                   CODE, data_key.hex(), base64.b64encode(data_key).decode()):
        assert secret.lower() not in text.lower()
    assert data_key not in raw
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    copies = json.loads(text)["copies"]
    assert sorted(copy["kind"] for copy in copies) == ["account", "account", "recovery"]


def test_a_wrong_password_or_an_unknown_name_is_refused_in_the_same_words(keys):
    with pytest.raises(SecretRefused) as wrong:
        keys.open_with_password("head", OFFICE_PASSWORD)
    with pytest.raises(SecretRefused) as unknown:
        keys.open_with_password("nobody", HEAD_PASSWORD)
    assert str(wrong.value) == str(unknown.value)
    assert "Wrong username or password" in str(wrong.value)
    assert HEAD_PASSWORD not in str(wrong.value) and OFFICE_PASSWORD not in str(wrong.value)


def test_a_changed_password_opens_and_the_old_one_opens_nothing(keys, data_key, tmp_path):
    changed = keys.with_password(data_key, "head", "A brand new sentence 42", CHEAP)
    changed.save(tmp_path / KEY_FILE)
    loaded = KeyFile.load(tmp_path / KEY_FILE)
    assert loaded.open_with_password("head", "A brand new sentence 42") == data_key
    with pytest.raises(SecretRefused):
        loaded.open_with_password("head", HEAD_PASSWORD)
    # the other account and the code are untouched
    assert loaded.open_with_password("j.wiśniewska", OFFICE_PASSWORD) == data_key
    assert loaded.open_with_recovery_code(CODE) == data_key
    assert len(loaded.entries) == 3


def test_the_recovery_code_opens_as_typed_from_paper_and_a_new_code_replaces_it(keys, data_key):
    assert keys.open_with_recovery_code(normalise_recovery_code(
        " 7KQ2M xw9rt-ABCDE fghjk MNPQR ")) == data_key
    with pytest.raises(SecretRefused, match="recovery code is not right"):
        keys.open_with_recovery_code(normalise_recovery_code(new_recovery_code()))
    new_code = normalise_recovery_code(new_recovery_code())
    renewed = keys.with_recovery_code(data_key, new_code, CHEAP)
    assert renewed.open_with_recovery_code(new_code) == data_key
    with pytest.raises(SecretRefused):
        renewed.open_with_recovery_code(CODE)
    # a forgotten password: the code opens the key, which then wraps the new password
    recovered = renewed.with_password(renewed.open_with_recovery_code(new_code), "head",
                                      "Forgotten and found again", CHEAP)
    assert recovered.open_with_password("head", "Forgotten and found again") == data_key


def test_an_account_removed_opens_nothing_and_the_others_still_do(keys, data_key):
    removed = keys.without(data_key, "J.WIŚNIEWSKA")
    assert not removed.has_account("j.wiśniewska") and removed.has_account("head")
    with pytest.raises(SecretRefused):
        removed.open_with_password("j.wiśniewska", OFFICE_PASSWORD)
    assert removed.open_with_password("head", HEAD_PASSWORD) == data_key


def test_only_the_data_key_itself_can_change_the_file(keys):
    with pytest.raises(KeyFileProblem, match="does not belong"):
        keys.with_password(new_data_key(), "intruder", "Let me in please now", CHEAP)


def _edited(tmp_path, keys, edit) -> KeyFile:
    path = tmp_path / KEY_FILE
    keys.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return KeyFile.load(path)


def _copy_of(data, kind="account", index=0):
    return [copy for copy in data["copies"] if copy["kind"] == kind][index]


def test_a_cheaper_cost_written_into_a_copy_makes_it_fail(keys, tmp_path):
    head = keys.entries[0]

    def cheaper(data):
        for copy in data["copies"]:
            if copy["holder"] == head.holder:
                copy["argon2id"]["time_cost"] = 2  # not what the copy was wrapped with
    with pytest.raises(SecretRefused):
        _edited(tmp_path, keys, cheaper).open_with_password("head", HEAD_PASSWORD)


def test_a_copy_removed_outside_the_app_is_noticed_by_the_others(keys, tmp_path):
    office = keys.entries[-1]

    def remove(data):
        data["copies"] = [copy for copy in data["copies"] if copy["holder"] != office.holder]
    with pytest.raises(KeyFileProblem, match="changed outside Avenue Desk"):
        _edited(tmp_path, keys, remove).open_with_password("head", HEAD_PASSWORD)


def test_a_copy_of_another_key_put_in_is_noticed(keys, tmp_path):
    """Someone with another data set's key file copies their own entry in: its password
    unwraps *a* key, but not the one this file was sealed with."""
    other = KeyFile.new(new_data_key(), "head", HEAD_PASSWORD, CODE, CHEAP)
    theirs = json.loads(other.to_json())["copies"][0]

    def swap(data):
        ours = _copy_of(data)
        ours.update({name: theirs[name] for name in ("salt", "nonce", "wrapped_key")})
    with pytest.raises((KeyFileProblem, SecretRefused)):
        _edited(tmp_path, keys, swap).open_with_password("head", HEAD_PASSWORD)


def test_a_flipped_byte_in_a_wrapped_key_opens_nothing(keys, tmp_path):
    def flip(data):
        wrapped = bytearray(base64.b64decode(_copy_of(data)["wrapped_key"]))
        wrapped[3] ^= 0x01
        _copy_of(data)["wrapped_key"] = base64.b64encode(bytes(wrapped)).decode()
    with pytest.raises(SecretRefused):
        _edited(tmp_path, keys, flip).open_with_password("head", HEAD_PASSWORD)


@pytest.mark.parametrize("text", ["", "{", "[]", '{"format": "something else"}',
                                  '{"format": "avenue-desk-key-file", "version": 1}'])
def test_a_damaged_key_file_is_said_so(tmp_path, text):
    path = tmp_path / KEY_FILE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KeyFileProblem, match="damaged"):
        KeyFile.load(path)


def test_a_newer_or_missing_key_file_is_said_so(keys, tmp_path):
    with pytest.raises(KeyFileProblem, match="missing"):
        KeyFile.load(tmp_path / KEY_FILE)
    with pytest.raises(KeyFileProblem, match="newer Avenue Desk"):
        _edited(tmp_path, keys, lambda data: data.update(version=2))


def test_copies_are_stretched_at_the_accounts_own_argon2id_cost(data_key):
    assert KdfCost() == KdfCost.of(make_hasher())
    made = KeyFile.new(data_key, "head", HEAD_PASSWORD, CODE)  # the real cost
    for copy in json.loads(made.to_json())["copies"]:
        hasher = make_hasher()
        assert copy["argon2id"] == {"time_cost": hasher.time_cost,
                                    "memory_kib": hasher.memory_cost,
                                    "parallelism": hasher.parallelism}
    assert made.open_with_password("head", HEAD_PASSWORD) == data_key


def test_each_use_has_its_own_key(data_key):
    records, files, seal = (subkey(data_key, purpose)
                            for purpose in ("records", "files", "key file seal"))
    assert len({records, files, seal, data_key}) == 4
    assert records_key_pragma(data_key) == f"PRAGMA key = \"x'{records.hex()}'\""
    assert subkey(data_key, "files") == files  # the same key every time
    assert data_key.hex() not in repr(KeyFile.new(data_key, "head", HEAD_PASSWORD, CODE, CHEAP))
