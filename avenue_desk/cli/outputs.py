"""A command's ``-o`` output on a removable drive: said on stderr, never refused.

What a command writes where ``-o`` says (a letter, a CSV export, a subject access folder)
is a plain file there, as it is meant to be; on a USB stick or a memory card it goes
wherever the stick goes, so the command says so, in the window's words, and then writes it
as asked: a script that saves to a stick on purpose keeps working.
"""

from __future__ import annotations

import argparse
import sys

from avenue_desk.services.core import removable

# A backup is the school's own records (encrypted with them in an encrypted school), and a
# stick is the usual place for one: not warned about, as the window's backup folder is not.
NOT_WARNED = frozenset({"backup"})


def warn_if_removable(args: argparse.Namespace) -> bool:
    """Prints the warning when the command's ``-o`` is on a removable drive; True if it did."""
    output = getattr(args, "output", None)
    if output is None or args.command in NOT_WARNED:
        return False
    if not removable.is_removable(output):
        return False
    print(f"avenue-desk {args.command}: {removable.removable_drive_text(output)}",
          file=sys.stderr)
    return True
