"""Whether a place is on a removable drive: a USB stick, a memory card.

Everything Avenue Desk keeps in its data folder is encrypted in an encrypted school; what a
person saves somewhere else on purpose (a letter, a CSV export, a subject access folder)
is plain there, as it must be to be read. That is expected on the office's own disk, but a
stick is easily lost, so the window and the command line warn before saving to one
(``REMOVABLE_WARNING``, one sentence true for plain and encrypted schools alike).

Pure standard library, no Qt, no SQLAlchemy. Linux reads the mount table and sysfs
(``proc_root`` and ``sys_root`` are parameters so that a test can lay out a fake tree);
Windows asks ``GetDriveTypeW``; macOS looks for a volume under /Volumes. Anything unknown
is not removable: the warning is a courtesy, never a refusal.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from avenue_desk.store.mounts import mount_holding

REMOVABLE_WARNING = ("What is saved there is not encrypted: anyone who has the drive can "
                     "open and read it.")
# The desktop's own places for drives it mounts as they are plugged in (udisks).
AUTOMOUNT_FOLDERS = ("/media/", "/run/media/")
_DRIVE_REMOVABLE = 2  # GetDriveTypeW's DRIVE_REMOVABLE
_MAX_LAYERS = 4  # an encrypted or LVM volume on a partition: a few layers at most


def removable_drive_text(place: Path | str) -> str:
    """The warning, naming the place."""
    return (f"“{place}” is on a removable drive, such as a USB stick or a memory card. "
            f"{REMOVABLE_WARNING}")


def is_removable(path: Path | str, *, proc_root: Path | str = "/proc",
                 sys_root: Path | str = "/sys", platform: str = sys.platform) -> bool:
    """True when ``path`` (which need not exist yet) is on a removable drive."""
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        return False  # a network share: not a drive in the hand
    try:
        if platform == "win32":  # pragma: no cover - Windows only
            return _windows_drive_is_removable(text)
        if platform == "darwin":  # pragma: no cover - macOS only
            return _mac_volume_is_removable(Path(path))
        if platform.startswith("linux"):
            return _linux_is_removable(Path(path), Path(proc_root), Path(sys_root))
    except (OSError, RuntimeError, ValueError):
        pass  # unknown: no warning rather than a failed save
    return False


def _linux_is_removable(path: Path, proc_root: Path, sys_root: Path) -> bool:
    mount = mount_holding(path, proc_root / "mounts")
    if mount is None:
        return False
    if mount.point.startswith(AUTOMOUNT_FOLDERS):
        return True
    if not mount.device.startswith("/dev/"):
        return False  # tmpfs, a network share, an overlay: no block device to ask
    # /dev/mapper/… and /dev/disk/by-… are links to the kernel's own name (dm-0, sdb1).
    name = Path(os.path.realpath(mount.device)).name
    return _block_device_is_removable(sys_root / "class" / "block", name)


def _block_device_is_removable(blocks: Path, name: str, layers: int = 0) -> bool:
    entry = blocks / name
    if not name or layers > _MAX_LAYERS or not entry.exists():
        return False
    # /sys/class/block/sdb1 links to …/usb2/2-1/…/block/sdb/sdb1: the partition's folder
    # sits inside its disk's, and the disk's folder holds "removable" and "device".
    device = entry.resolve()
    disk = device.parent if (entry / "partition").exists() else device
    if _read(disk / "removable") == "1":
        return True
    if any(part.startswith("usb") for part in disk.parts):  # …/usb2/2-1/…
        return True  # a USB disk says removable=0 but is as easily carried off
    if _read(disk / "device" / "type") == "SD":
        return True  # an SD card in a built-in reader (built-in eMMC says "MMC")
    # An encrypted (LUKS) or LVM volume: removable if what it is made from is.
    under = entry / "slaves"
    return under.is_dir() and any(
        _block_device_is_removable(blocks, slave.name, layers + 1) for slave in under.iterdir())


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return ""


def _windows_drive_is_removable(text: str) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(text))[0]
    if not drive or drive.startswith("\\\\"):
        return False
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == _DRIVE_REMOVABLE


def _mac_volume_is_removable(path: Path) -> bool:  # pragma: no cover - macOS only
    # The start-up disk is "/" (its /Volumes entry is a link back to it); every other
    # volume, a stick, a card, an external disk, is mounted under /Volumes.
    parts = path.resolve().parts
    if len(parts) < 3 or parts[:2] != ("/", "Volumes"):
        return False
    return Path("/", "Volumes", parts[2]).resolve() != Path("/")
