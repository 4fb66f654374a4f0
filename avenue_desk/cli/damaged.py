"""The command line meeting a damaged records file: what the window says at start (the
file is damaged, read-only where anything can be read), and the newest good backup with
the one command that restores it. No Qt here.
"""

from __future__ import annotations

import sys

from avenue_desk.policy.backup_rotation import local_time
from avenue_desk.services.core.errors import ServiceError


def restore_offer(services) -> str:
    """The newest backup that passes its checks and the command that puts it back; or
    where none was found. ``restore`` needs no sign-in while the records are damaged (their
    accounts may be unreadable), as the window's offer needs none."""
    data_dir = services.paths.data_dir
    try:
        newest = services.backup.newest_good_backup()
    except ServiceError:
        newest = None
    if newest is None:
        return (f"No backup that passes its checks was found in {services.backup.folder()}. "
                "If the backups are on a USB stick, plug it in and restore one with:\n"
                f"    avenue-desk --data-dir \"{data_dir}\" restore FILE")
    made = local_time(newest.created_at).strftime("%d/%m/%Y %H:%M")
    return (f"The newest good backup was made on {made} ({newest.count('incidents'):,} "
            f"incident(s), {newest.count('people'):,} people). Restore it with:\n"
            f"    avenue-desk --data-dir \"{data_dir}\" restore \"{newest.path}\"")


def meet_damage(services) -> None:
    """Before a command signs in: nothing to do for a sound file; for one opened read-only
    the warning and the offer (the command then reads what it can); for one that cannot be
    read at all, a refusal carrying both, as nobody can even sign in to it."""
    db = services.db
    if not db.damaged:
        if db.trail_notice:  # rows lost since last noted beside the backups
            print(f"Warning: {db.trail_notice}\n\n{restore_offer(services)}\n",
                  file=sys.stderr)
        return
    if not db.readable:
        raise ServiceError(f"{db.notices[0]}\n\n{restore_offer(services)}")
    print(f"Warning: {db.notices[0]}\n\n{restore_offer(services)}\n", file=sys.stderr)


def with_offer(error: ServiceError, services) -> ServiceError:
    """A ``RecordsDamaged`` met while a command ran, with the restore offered."""
    return ServiceError(f"{error}\n\n{restore_offer(services)}")


def refuse_if_damaged(services, nothing: str) -> None:
    """For commands that would write into the records (``init``, ``demo``): a damaged file
    is restored, never set up again over (``nothing``: "Nothing was set up.")."""
    if services.db.damaged:
        raise ServiceError(f"{nothing} {services.db.notices[0]}\n\n{restore_offer(services)}")
