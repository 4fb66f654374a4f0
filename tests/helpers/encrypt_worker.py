"""A stand-in for ``avenue-desk encrypt-records``, for test_encrypt_conversion_kills: it signs
the Headteacher in to a plain school, says ``ready``, and converts it, saying each step as it
begins, until it ends or is killed.

    ready                       signed in; the conversion starts now
    step <what>                 a step of the conversion begins
    done <code>                 converted; the new recovery code
    temporary <user> <password> an account's temporary password

Run as a server that starts each conversion as a process forked from itself, everything
already imported (``python -m tests.helpers.encrypt_worker --serve``): it reads
``DATA_DIR<tab>OUT_FILE<tab>ERR_FILE<tab>DIE_AT`` lines, answers ``started PID``, and ``ended
STATUS`` (-9 for SIGKILL) once that process has ended. ``DIE_AT`` makes the process kill
itself (SIGKILL, as the test would) at one exact moment that a random delay would seldom
hit: ``rename:N`` just before the swap's Nth rename, ``aside`` just before the plain files
set aside are deleted; empty for none (the test kills it from outside).
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from pathlib import Path

from tests.helpers.accounts import HEAD_PASSWORD


def say(line: str) -> None:
    print(line, flush=True)


class _DyingOs:
    """``os`` for the swap's module, killing the process before its Nth rename."""

    def __init__(self, at: int):
        self.at, self.renames = at, 0

    def __getattr__(self, name):
        return getattr(os, name)

    def replace(self, source, target) -> None:
        self.renames += 1
        if self.renames == self.at:
            os.kill(os.getpid(), signal.SIGKILL)
        os.replace(source, target)


class _DyingShutil:
    """``shutil`` for the conversion's module, killing the process before the plain files
    set aside are deleted."""

    def __getattr__(self, name):
        import shutil

        return getattr(shutil, name)

    def rmtree(self, path, *args, **kwargs) -> None:
        import shutil

        from avenue_desk.services.safety.encrypt import PLAIN_ASIDE

        if Path(path).name.startswith(PLAIN_ASIDE):
            os.kill(os.getpid(), signal.SIGKILL)
        shutil.rmtree(path, *args, **kwargs)


def main(data_dir: Path, die_at: str) -> None:
    from avenue_desk.paths import AppPaths
    from avenue_desk.services.container import open_services
    from avenue_desk.services.core import swap_journal
    from avenue_desk.services.safety import encrypt
    from tests.helpers.accounts import cheap_hashing

    if die_at.startswith("rename:"):
        swap_journal.os = _DyingOs(int(die_at.removeprefix("rename:")))
    elif die_at == "aside":
        encrypt.shutil = _DyingShutil()
    paths = AppPaths(data_dir)
    with open_services(paths, origin="test", hashing=cheap_hashing(),
                       encrypt_new=False) as services:
        actor = services.accounts.authenticate("head", HEAD_PASSWORD)
    say("ready")
    result = encrypt.encrypt_records(paths, actor, HEAD_PASSWORD, hashing=cheap_hashing(),
                                     origin="test", say=lambda text: say(f"step {text}"))
    say(f"done {result.recovery_code}")
    for account in result.temporary:
        say(f"temporary {account.username} {account.password}")


def serve() -> None:
    """Runs ``main`` in a forked process for each line of stdin (see the module's doc)."""
    from avenue_desk.paths import AppPaths  # noqa: F401  (what main imports, once, here)
    from avenue_desk.services.container import open_services  # noqa: F401
    from avenue_desk.services.safety import (
        encrypt,  # noqa: F401
        encrypt_staging,  # noqa: F401
        verify,  # noqa: F401
    )

    say("loaded")
    for line in sys.stdin:
        data_dir, out, err, die_at = line.rstrip("\n").split("\t")
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _forked(Path(data_dir), out, err, die_at)
        say(f"started {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"ended {os.waitstatus_to_exitcode(status)}")


def _forked(data_dir: Path, out: str, err: str, die_at: str) -> None:
    """The forked process: its output to its own files, then ``main`` (ended by a kill, or
    by ``os._exit(0)`` when it finishes)."""
    status = 1
    try:
        for fd, name in ((1, out), (2, err)):
            target = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(target, fd)
            os.close(target)
        main(data_dir, die_at)
        status = 0
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)  # never back into the server's loop


if __name__ == "__main__":
    serve()
