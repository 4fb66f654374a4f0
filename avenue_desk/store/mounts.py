"""Which mount holds a path, read from Linux's mount table.

Standard library only, so that both its users can have it without SQLAlchemy: the engine
asks whether the records sit on a network share (where WAL is unsafe), and
``services/core/removable`` whether an export is going to a USB stick.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

MOUNTS_FILE = Path("/proc/mounts")
_ESCAPED = re.compile(r"\\([0-7]{3})")  # the kernel writes a space as \040, a tab as \011


@dataclass(frozen=True)
class Mount:
    device: str  # "/dev/sdb1", "//server/share", "tmpfs"
    point: str  # where it is mounted: "/media/office/STICK"
    fs_type: str  # "ext4", "vfat", "cifs"


def mount_holding(path: Path | str, mounts_file: Path = MOUNTS_FILE) -> Mount | None:
    """The mount the path is on (the longest mount point that contains it, the last one
    mounted when two share a point); None without a readable mount table."""
    try:
        lines = Path(mounts_file).read_text(encoding="utf-8", errors="replace").splitlines()
        target = str(Path(path).resolve())
    except (OSError, RuntimeError):
        return None
    best = None
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        device, point = _unescaped(fields[0]), _unescaped(fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= len(best.point)):
            best = Mount(device, point, fields[2])
    return best


def _unescaped(field: str) -> str:
    return _ESCAPED.sub(lambda match: chr(int(match.group(1), 8)), field)
