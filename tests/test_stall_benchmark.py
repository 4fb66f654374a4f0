"""The stall benchmark (``python -m benchmarks --only stall``) runs its whole scripted
session on a small demo school: every step is measured, none fails. The figures are for
reading, not for asserting (a shared machine is too noisy for a timed test)."""

from __future__ import annotations

from benchmarks import build_demo, stall

STEPS = ("sign in", "open an incident", "add a 2 MB evidence file", "preview and save a letter",
         "make the governors' summary", "export the audit trail",
         "export the conduct register", "destroy 20 records", "a subject access export")


def test_the_scripted_session_runs_end_to_end(tmp_path):
    demo = tmp_path / "demo"
    assert build_demo.main([str(demo), "300", "2021"]) == 0
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    rows, _info = stall.run(demo, sessions=1, evidence_mb=1, added_mb=2, destroy=20,
                            scratch=scratch)
    stalls = [row for row in rows if row.name.startswith("stall: ")]
    assert [step for step in STEPS if not any(step in row.name for row in stalls)] == []
    assert [row.note for row in stalls if row.app is None] == []  # none failed
    (sign_in,) = [row for row in rows if row.name.startswith("sign-in to the home screen")]
    assert "300 incidents" in sign_in.name and sign_in.app > 0 and sign_in.anchor > 0
    assert list(scratch.iterdir()) == []  # the copy, the big files and the exports are gone
