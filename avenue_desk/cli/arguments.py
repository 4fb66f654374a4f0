"""What the commands share: argument types that explain a bad value, and terminal progress.

Kept free of the commands themselves, so every command module can use them without
importing another.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from datetime import date, datetime


def positive_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date like 2026-09-01") from None


def meeting_time(text: str) -> datetime:
    try:
        return datetime.strptime(" ".join(text.split()), "%Y-%m-%d %H:%M")
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{text}” is not a date and time like \"2026-12-01 15:30\"") from None


def progress_printer(label: str):
    """A one-line progress counter on a terminal; silent when output is redirected."""
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{label}: {done:,}/{total:,}", end=end, file=sys.stderr, flush=True)

    return report


@contextmanager
def folder_held(data_dir, nothing_done: str):
    """The data folder's lock, held while a command replaces or moves its records (restore,
    migrate-to, encrypt-records), so no window saves into what is being replaced. Refused,
    beginning with ``nothing_done`` ("nothing was restored"), while a window has it open."""
    from avenue_desk.services.core.errors import ServiceError
    from avenue_desk.services.safety import AlreadyOpen, InstanceLock

    lock = InstanceLock(data_dir)
    try:
        lock.acquire()
    except AlreadyOpen as error:
        raise ServiceError(f"{nothing_done}. {error}") from None
    try:
        yield
    finally:
        lock.release()
