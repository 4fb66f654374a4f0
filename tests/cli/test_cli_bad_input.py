"""The command line refuses half a character in what it is given with the window's own
message, never a traceback (issue 16, part 6)."""

from __future__ import annotations

from tests.helpers.cli import set_up

ARGV_BYTE = "\udcff"  # how Python keeps the byte 0xFF of a command line that is not UTF-8
NOT_TEXT = "contains a character that is not valid text"


def test_the_command_line_says_so_and_stops(cli, tmp_path):
    data = tmp_path / "data"
    with set_up(data):
        pass
    ran = cli.signed_in(data, "settings", "set", "school_name", f"Oak{ARGV_BYTE} Primary")
    assert ran.returncode == 1 and "Traceback" not in ran.stderr
    assert f"School name {NOT_TEXT} (U+DCFF); retype it." in ran.stderr
    ran = cli.signed_in(data, "check", user=f"he{ARGV_BYTE}ad")
    assert ran.returncode == 1 and "Traceback" not in ran.stderr
    assert f"The username {NOT_TEXT} (U+DCFF); retype it." in ran.stderr
    fresh = tmp_path / "new"
    ran = cli("--data-dir", fresh, "init", "--school", "Oak Primary", "--head",
              f"Mrs {ARGV_BYTE}Patel", "--admin-user", "head")
    assert ran.returncode == 1 and "Traceback" not in ran.stderr
    assert NOT_TEXT in ran.stderr
