"""An encrypted school's plain copies (a screenshot opened in a viewer, the store's opened
copies) do not outlive the window: closing it clears them (services/core/plain_copies.py).
A command run beside the window leaves the window's alone, and a plain school keeps them
for their day, as before."""

from __future__ import annotations

from avenue_desk.services.container import open_services
from avenue_desk.services.core import records_key
from avenue_desk.services.core.plain_copies import clear_plain_copies
from tests.helpers.accounts import HEAD_PASSWORD, cheap_hashing
from tests.helpers.images import write_png
from tests.helpers.postgres import sqlite_only

pytestmark = sqlite_only("a server's records are the trust's to encrypt, not the app's")


def _school_with_a_screenshot(paths, tmp_path, origin: str, encrypt: bool = True):
    services = open_services(paths, origin=origin, hashing=cheap_hashing(),
                             encrypt_new=encrypt)
    services.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
    services.accounts.authenticate("head", HEAD_PASSWORD)
    from tests.helpers.records import incident_input

    incident = services.incidents.create(incident_input())
    record = services.evidence.add(incident.id, write_png(tmp_path / "shot.png", 30, 20))
    copy = services.evidence.viewing_copy(record.id)
    assert copy.read_bytes() == (tmp_path / "shot.png").read_bytes()  # plain, for a viewer
    return services, copy


def test_closing_the_window_clears_an_encrypted_school_s_plain_copies(paths, tmp_path):
    services, copy = _school_with_a_screenshot(paths, tmp_path, "gui")
    assert records_key.is_encrypted(paths)
    services.close()
    assert not copy.exists()
    assert not (paths.data_dir / "viewing").exists()


def test_a_command_beside_the_window_leaves_them(paths, tmp_path):
    services, copy = _school_with_a_screenshot(paths, tmp_path, "cli")
    services.close()
    assert copy.exists()
    assert clear_plain_copies(paths) == [] and not copy.exists()  # the window's next opening


def test_a_plain_school_keeps_them_for_their_day(paths, tmp_path):
    services, copy = _school_with_a_screenshot(paths, tmp_path, "gui", encrypt=False)
    services.close()
    assert copy.exists()
