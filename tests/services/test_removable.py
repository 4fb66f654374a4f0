"""Telling a removable drive from the office's own disk (``services/core/removable``).

There is no USB stick on the machine that runs the tests, so these build a fake Linux tree
in tmp_path — a mount table and the part of sysfs the check reads, laid out (with its
symbolic links) as the kernel lays out the real one — and pass its roots in. They test
the reading of those files, not the kernel: what a real stick reports was taken from real
machines (a USB stick: removable=1 under a …/usb…/ device; a USB disk: removable=0 but
still under …/usb…/; a card in a built-in reader: mmcblk with device/type "SD").
"""

from __future__ import annotations

from pathlib import Path

from avenue_desk.services.core.removable import (
    REMOVABLE_WARNING,
    is_removable,
    removable_drive_text,
)
from avenue_desk.store.mounts import mount_holding

PCI = "devices/pci0000:00/0000:00:14.0"
USB = f"{PCI}/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block"
SATA = f"{PCI}/ata1/host0/target0:0:0/0:0:0:0/block"
MMC = f"{PCI}/mmc_host/mmc0/mmc0:0001/block"


class FakeMachine:
    """A mount table under ``root/proc`` and block devices under ``root/sys``."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.proc, self.sys = self.root / "proc", self.root / "sys"
        (self.sys / "class" / "block").mkdir(parents=True)
        self.proc.mkdir()
        self.lines = ["/dev/vda / ext4 rw,relatime 0 0"]

    def place(self, name: str) -> Path:
        """A mount point inside the fake machine's own folder (a real, resolved path)."""
        folder = self.root / "mnt" / name
        folder.mkdir(parents=True)
        return folder

    def mount(self, device: str, point: Path | str, kind: str = "vfat") -> None:
        escaped = str(point).replace(" ", "\\040")
        self.lines.append(f"{device} {escaped} {kind} rw,nosuid,nodev 0 0")
        (self.proc / "mounts").write_text("\n".join(self.lines) + "\n")

    def disk(self, where: str, name: str, removable: str = "0", partitions=(),
             card_type: str = "") -> None:
        folder = self.sys / where / name
        folder.mkdir(parents=True)
        (folder / "removable").write_text(removable + "\n")
        if card_type:
            (folder / "device").mkdir()
            (folder / "device" / "type").write_text(card_type + "\n")
        self._link(name, folder)
        for partition in partitions:
            (folder / partition).mkdir()
            (folder / partition / "partition").write_text("1\n")
            self._link(partition, folder / partition)

    def mapped(self, name: str, made_from: str) -> None:
        """A device-mapper volume (an encrypted stick, say) made from another device."""
        folder = self.sys / "devices" / "virtual" / "block" / name
        (folder / "slaves").mkdir(parents=True)
        (folder / "removable").write_text("0\n")
        (folder / "slaves" / made_from).symlink_to(self.sys / "class" / "block" / made_from)
        self._link(name, folder)

    def _link(self, name: str, folder: Path) -> None:
        (self.sys / "class" / "block" / name).symlink_to(
            Path("..", "..", folder.relative_to(self.sys)))

    def removable(self, path: Path | str) -> bool:
        return is_removable(path, proc_root=self.proc, sys_root=self.sys, platform="linux")


def test_a_usb_stick_is_removable_and_the_office_disk_is_not(tmp_path):
    machine = FakeMachine(tmp_path)
    machine.disk(SATA, "sda", partitions=["sda1"])
    machine.disk(USB, "sdb", removable="1", partitions=["sdb1"])
    office, stick = machine.place("office"), machine.place("stick")
    machine.mount("/dev/sda1", office, "ext4")
    machine.mount("/dev/sdb1", stick)
    assert machine.removable(stick / "Letters" / "letter to Mrs Khan.pdf")  # not made yet
    assert machine.removable(stick)
    assert not machine.removable(office / "letter.pdf")
    assert not machine.removable(machine.root / "mnt" / "sticky" / "x.pdf")  # not inside
    assert not machine.removable(machine.root / "elsewhere.csv")  # on the root disk (vda)


def test_a_usb_disk_that_says_it_is_not_removable_still_is(tmp_path):
    machine = FakeMachine(tmp_path)
    machine.disk(USB, "sdc", removable="0", partitions=["sdc1"])
    disk = machine.place("usb disk")
    machine.mount("/dev/sdc1", disk, "exfat")
    assert machine.removable(disk / "export.csv")


def test_a_removable_disk_off_the_usb_bus_and_a_whole_disk_without_partitions(tmp_path):
    machine = FakeMachine(tmp_path)
    machine.disk(SATA, "sdd", removable="1")  # a drive bay, formatted whole
    machine.disk(SATA, "sde", removable="0")
    machine.disk(SATA, "sdh", removable="1", partitions=["sdh1"])  # asked of its disk
    bay, second, card = machine.place("bay"), machine.place("second disk"), machine.place("cf")
    machine.mount("/dev/sdd", bay)
    machine.mount("/dev/sde", second, "ext4")
    machine.mount("/dev/sdh1", card)
    assert machine.removable(bay / "a.pdf")
    assert machine.removable(card / "a.pdf")
    assert not machine.removable(second / "a.pdf")


def test_an_sd_card_in_a_built_in_reader_but_not_built_in_emmc(tmp_path):
    machine = FakeMachine(tmp_path)
    machine.disk(MMC, "mmcblk0", card_type="SD", partitions=["mmcblk0p1"])
    machine.disk(MMC.replace("mmc0", "mmc1"), "mmcblk1", card_type="MMC",
                 partitions=["mmcblk1p1"])
    card, emmc = machine.place("card"), machine.place("emmc")
    machine.mount("/dev/mmcblk0p1", card)
    machine.mount("/dev/mmcblk1p1", emmc, "ext4")
    assert machine.removable(card / "a.pdf")
    assert not machine.removable(emmc / "a.pdf")


def test_an_encrypted_stick_is_removable_through_what_it_is_made_from(tmp_path):
    machine = FakeMachine(tmp_path)
    machine.disk(USB, "sdb", removable="1", partitions=["sdb1"])
    machine.disk(SATA, "sda", partitions=["sda2"])
    machine.mapped("dm-0", made_from="sdb1")
    machine.mapped("dm-1", made_from="sda2")  # the office PC's own encrypted disk
    stick, home = machine.place("locked stick"), machine.place("home")
    machine.mount("/dev/dm-0", stick, "ext4")
    machine.mount("/dev/dm-1", home, "ext4")
    assert machine.removable(stick / "a.pdf")
    assert not machine.removable(home / "a.pdf")


def test_what_the_desktop_mounts_under_media_is_removable_whatever_sysfs_says(tmp_path):
    machine = FakeMachine(tmp_path)
    machine.mount("/dev/sdf1", "/media/office/MY STICK")  # a space, as \040 in the table
    machine.mount("/dev/sdg1", "/run/media/office/CARD")
    assert machine.removable("/media/office/MY STICK/SAR - Tunde Adebayo")
    assert machine.removable("/run/media/office/CARD/register.csv")


def test_unknown_is_not_removable(tmp_path):
    machine = FakeMachine(tmp_path)
    share = machine.place("share")
    machine.mount("//server/office", share, "cifs")
    shm = machine.place("shm")
    machine.mount("tmpfs", shm, "tmpfs")
    machine.mount("/dev/sdz1", machine.place("gone"))  # no such device in sysfs
    assert not machine.removable(share / "a.pdf")
    assert not machine.removable(shm / "a.pdf")
    assert not machine.removable(machine.root / "mnt" / "gone" / "a.pdf")
    assert not machine.removable("//server/office/a.pdf")
    assert not is_removable(tmp_path, proc_root=tmp_path / "no proc", sys_root=tmp_path,
                            platform="linux")
    assert not is_removable(tmp_path / "a.pdf", platform="sunos5")
    assert not is_removable("bad\0name.pdf", proc_root=machine.proc, sys_root=machine.sys,
                            platform="linux")  # the save then says what is wrong with it


def test_the_test_folder_on_this_machine_is_not_removable(tmp_path):
    """The real mount table and sysfs (the tests do not run from a stick)."""
    assert not is_removable(tmp_path / "letter.pdf")


def test_the_mount_table_the_engine_shares(tmp_path):
    table = tmp_path / "mounts"
    table.write_text("/dev/vda / ext4 rw 0 0\n"
                     "/dev/sdb1 /media/a\\040b vfat rw 0 0\n"
                     "short line\n"
                     "/dev/sdc1 /media/a\\040b vfat rw 0 0\n")  # mounted over the first
    mount = mount_holding("/media/a b/c.pdf", table)
    assert (mount.device, mount.point, mount.fs_type) == ("/dev/sdc1", "/media/a b", "vfat")
    assert mount_holding("/srv/x", table).point == "/"
    assert mount_holding("/srv/x", tmp_path / "none") is None


def test_the_warning_names_the_place_and_says_it_is_not_encrypted():
    text = removable_drive_text("E:\\Exports")
    assert text.startswith("“E:\\Exports” is on a removable drive")
    assert text.endswith(REMOVABLE_WARNING)
    assert "not encrypted" in text and "anyone who has the drive" in text
