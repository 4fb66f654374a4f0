"""One Avenue Desk per data folder: a second is refused; a killed one's lock is cleared."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from avenue_desk.services.safety.instance_lock import (
    LOCK_FILE,
    AlreadyOpen,
    InstanceLock,
    LockOwner,
    read_owner,
)

HOLDER = """
import sys, time
from avenue_desk.services.safety.instance_lock import InstanceLock
lock = InstanceLock(sys.argv[1]).acquire()
print("locked", flush=True)
time.sleep(120)
"""


def test_a_second_instance_is_refused_and_told_since_when(tmp_path):
    with InstanceLock(tmp_path) as first:
        assert first.held and first.stale is None
        with pytest.raises(AlreadyOpen) as refused:
            InstanceLock(tmp_path).acquire()
        since = datetime.now().strftime("%H:")
        message = str(refused.value)
        assert message.startswith("Avenue Desk is already open on this computer (since ")
        assert since in message
        assert str(tmp_path) in message
        assert refused.value.owner.pid == os.getpid()
    # Released: the next one gets it, and the emptied file is not mistaken for a crash.
    with InstanceLock(tmp_path) as again:
        assert again.stale is None
    assert (tmp_path / LOCK_FILE).read_text() == ""


def test_another_computer_is_named(tmp_path):
    with InstanceLock(tmp_path):
        other = {"pid": 4242, "host": "OFFICE-PC2", "started_at": "2026-11-20T14:05:00+00:00"}
        with open(tmp_path / LOCK_FILE, "r+") as handle:
            handle.truncate(0)
            handle.write(json.dumps(other))
        with pytest.raises(AlreadyOpen) as refused:
            InstanceLock(tmp_path).acquire()
    assert "already open on the computer “OFFICE-PC2”" in str(refused.value)
    assert "using this data folder" in str(refused.value)


def test_the_time_shown_is_the_clock_time_today_or_the_date_before():
    today = datetime.now().astimezone()
    assert LockOwner(1, "pc", today.replace(hour=14, minute=5)).since() == "14:05"
    earlier = today - timedelta(days=2)
    assert LockOwner(1, "pc", earlier).since() == earlier.strftime("%d/%m/%Y %H:%M")


def test_a_lock_left_by_a_killed_process_is_recognised_and_cleared(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)],
                              stdout=subprocess.PIPE, text=True, cwd=os.getcwd())
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(AlreadyOpen) as refused:
            InstanceLock(tmp_path).acquire()
        assert refused.value.owner.pid == holder.pid
        assert refused.value.owner.host == socket.gethostname()
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        holder.stdout.close()
    assert read_owner(tmp_path).pid == holder.pid  # the dead process's note is still there
    with InstanceLock(tmp_path) as taken:
        assert taken.stale is not None and taken.stale.pid == holder.pid
        assert read_owner(tmp_path).pid == os.getpid()


def test_a_folder_that_does_not_exist_yet_is_made(tmp_path):
    with InstanceLock(tmp_path / "new" / "Avenue Desk") as lock:
        assert lock.path.exists()
