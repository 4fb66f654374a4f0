"""Signing in on the command line: ``--user NAME``, and the password from a prompt that does
not echo, or from ``AVENUE_DESK_PASSWORD`` for scripts.

Every command that reads or changes records opens its services through ``signed_in``; the
services then refuse whatever that account may not do, exactly as in the window. No Qt here.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.errors import ServiceError

PASSWORD_ENV = "AVENUE_DESK_PASSWORD"
NO_TERMINAL = (f"No password: set {PASSWORD_ENV} for a script, or run the command in a "
               "terminal to be asked for it.")


def init_hint(paths: AppPaths) -> str:
    return (f"avenue-desk --data-dir \"{paths.data_dir}\" init --school NAME --head NAME "
            "--admin-user NAME")


def require_database(paths: AppPaths) -> None:
    """Commands that read records never create an empty database as a side effect."""
    from avenue_desk.services.core.database import database_exists

    if not database_exists(paths):
        raise ServiceError(f"There is no Avenue Desk database in {paths.data_dir} yet. Check "
                           f"--data-dir, or set one up first with: {init_hint(paths)}")


def _password_from_environment(environ, stdin) -> str | None:
    """``AVENUE_DESK_PASSWORD`` when set; None when a terminal can be asked instead; and
    a clear refusal when there is neither (a script must never hang on a prompt)."""
    environ = os.environ if environ is None else environ
    stdin = sys.stdin if stdin is None else stdin
    if environ.get(PASSWORD_ENV):
        return environ[PASSWORD_ENV]
    if stdin is None or not stdin.isatty():
        raise ServiceError(NO_TERMINAL)
    return None


def read_password(prompt: str = "Password: ", environ=None, stdin=None) -> str:
    """``AVENUE_DESK_PASSWORD`` if set, else asked for without echo; never both missing."""
    given = _password_from_environment(environ, stdin)
    return given if given is not None else getpass.getpass(prompt)


def read_new_password(environ=None, stdin=None) -> str:
    """A new password: ``AVENUE_DESK_PASSWORD``, or typed twice without echo."""
    given = _password_from_environment(environ, stdin)
    if given is not None:
        return given
    first = getpass.getpass("Choose the administrator's password: ")
    if getpass.getpass("The same password again: ") != first:
        raise ServiceError("The two passwords are not the same. Nothing was set up.")
    return first


def unlock_records(paths: AppPaths, username: str | None) -> str | None:
    """An encrypted school's records opened for this command (services/core/records_key.py):
    the account's password unwraps their key before anything can be read. Returns the
    password it read, so the sign-in that follows does not ask again; None when the
    records are plain or open already."""
    from avenue_desk.services.accounts import unlock_records as unlock
    from avenue_desk.services.core import records_key

    if not records_key.is_locked(paths):
        return None
    if not username:
        raise ServiceError(NO_USER)
    password = read_password(f"Password for {username}: ")
    unlock(paths, username, password)  # wrong ones counted as the accounts count them
    return password


NO_USER = ("Say who you are with --user NAME (your Avenue Desk username), before the "
           "command: avenue-desk --user NAME COMMAND …")


def sign_in(services, username: str | None, paths: AppPaths | None = None,
            password: str | None = None) -> None:
    """Signs ``username`` in to ``services`` (the guard then holds the account); with the
    ``password`` already read to unlock the records, if it was."""
    if not services.accounts.has_users():
        where = paths or services.paths
        raise ServiceError("This database has no accounts yet. Make the administrator's "
                           f"account first with: {init_hint(where)}")
    if not username:
        raise ServiceError(NO_USER)
    if password is None:
        password = read_password(f"Password for {username}: ")
    actor = services.accounts.authenticate(username, password)
    from avenue_desk.services.accounts import note_unlock_failures

    note_unlock_failures(services)  # wrong passwords before the records opened, if any
    if actor.must_change_password:
        services.accounts.sign_out()
        raise ServiceError("Your password is a temporary one. Sign in to the Avenue Desk "
                           "window once to choose your own, then try again.")


@contextmanager
def signed_in(args, paths: AppPaths) -> Iterator:
    """The services of an existing database, signed in as ``args.user``."""
    from avenue_desk.cli.damaged import meet_damage, with_offer
    from avenue_desk.services.container import open_services
    from avenue_desk.services.core.errors import RecordsDamaged

    require_database(paths)
    username = getattr(args, "user", None)
    password = unlock_records(paths, username)
    with open_services(paths, origin="cli") as services:
        meet_damage(services)  # said, with the newest good backup, before anything is read
        try:
            sign_in(services, username, paths, password)
            yield services
        except RecordsDamaged as error:  # damage met on the way: the restore offered too
            raise with_offer(error, services) from None


def screenshot_sign_in(args, paths: AppPaths):
    """For ``screenshot``: a function that signs the services in (password asked for now,
    once, before anything is drawn)."""
    username = getattr(args, "user", None)
    if not username:
        raise ServiceError("Say which account to draw the screen for with --user NAME.")
    password = read_password(f"Password for {username}: ")
    from avenue_desk.services.core import records_key

    if records_key.is_locked(paths):
        from avenue_desk.services.accounts import unlock_records

        unlock_records(paths, username, password)

    def sign(services) -> None:
        if not services.accounts.has_users():
            raise ServiceError("This database has no accounts yet. Make the administrator's "
                               f"account first with: {init_hint(paths)}")
        actor = services.accounts.authenticate(username, password)
        if actor.must_change_password:
            raise ServiceError("That account's password is a temporary one: sign in to the "
                               "window once to choose its own.")

    return sign
