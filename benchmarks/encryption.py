"""Encrypted records against plain ones (issue 18): every benchmark's ratio, both ways.

``python -m benchmarks --encryption-table [--rounds N] [the runner's other options]`` runs
the chosen groups N times plain and N times ``--encrypted``, alternately (plain, encrypted,
encrypted, plain, ...: a neighbour's load falls on both alike), each run a fresh
``python -m benchmarks`` process that writes its figures as JSON. It then prints, for each
benchmark, the median ratio (app ÷ anchor) of the plain runs and of the encrypted runs, and
the one over the other: what encrypting the records costs. The anchor is the same in both
(plain sqlite3 on a plain file, or no database at all), so encrypted ÷ plain is the app's
own slowdown with the machine's noise divided out. The target is 1.5× at most.

A row without an anchor (the demo's fill time) compares the app's times instead.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

TARGET = 1.5
MODES = ("plain", "encrypted")


def _run(args: list[str], encrypted: bool) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="avenue-desk-bench-json-") as folder:
        out = Path(folder) / "results.json"
        command = [sys.executable, "-m", "benchmarks", *args, "--json", str(out)]
        if encrypted:
            command.append("--encrypted")
        print(f"--- {'encrypted' if encrypted else 'plain'}: {' '.join(command[1:])}",
              flush=True)
        subprocess.run(command, check=True)
        return json.loads(out.read_text(encoding="utf-8"))


def figure(row: dict) -> tuple[float, str] | None:
    """What a run's row is compared by, and how it is shown: its ratio (app ÷ anchor); the
    anchor's own figure when the anchor is the part that reads the records (it ran on them
    encrypted too); the app's own figure when there is no anchor."""
    if row["app"] is None:
        return None
    if row.get("compared") == "anchor" and row["anchor"]:
        return row["anchor"], "anchor"
    if row["anchor"]:
        return row["app"] / row["anchor"], "ratio"
    return row["app"], "app"


def compare(args: list[str], rounds: int) -> str:
    runs: dict[str, list[list[dict]]] = {mode: [] for mode in MODES}
    for number in range(max(1, rounds)):
        order = MODES if number % 2 == 0 else tuple(reversed(MODES))
        for mode in order:
            runs[mode].append(_run(args, mode == "encrypted"))
    return comparison(runs)


def comparison(runs: dict[str, list[list[dict]]]) -> str:
    """The table: one row per benchmark, in the plain runs' order."""
    found: dict[str, dict[str, list[float]]] = {}
    kinds: dict[str, tuple[str, str]] = {}
    for mode in MODES:
        for run in runs[mode]:
            for row in run:
                compared = figure(row)
                if compared is not None:
                    found.setdefault(row["name"], {m: [] for m in MODES})[mode].append(
                        compared[0])
                    kinds[row["name"]] = (compared[1], row.get("unit", "s"))
    header = ("benchmark", "plain", "encrypted", "enc ÷ plain", "runs", "")
    lines = [header]
    missing = [name for name, values in found.items()
               if not values["plain"] or not values["encrypted"]]
    for name, values in found.items():
        if name in missing:
            continue
        plain, encrypted = (statistics.median(values[m]) for m in MODES)
        slower = encrypted / plain if plain else float("inf")
        kind, unit = kinds[name]
        lines.append((name, _shown(plain, kind, unit), _shown(encrypted, kind, unit),
                      f"{slower:.2f}×", f"{len(values['plain'])}+{len(values['encrypted'])}",
                      "" if slower <= TARGET else f"over {TARGET}×"))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = []
    for number, line in enumerate(lines):
        cells = [line[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(line[1:5], widths[1:5],
                                                                          strict=True)]
        text.append("  ".join(cells + [line[5]]).rstrip())
        if number == 0:
            text.append("  ".join("-" * w for w in widths[:5]))
    if missing:
        text += ["", "Measured one way only (see each run's output for why): "
                 + "; ".join(missing) + "."]
    return "\n".join(text + [
        "", "plain, encrypted: the median over each mode's runs of the ratio (app ÷ anchor, "
        "shown with ×); of the anchor's own time where the anchor is what reads the records "
        "(marked 'anchor'); of the app's own figure where there is no anchor. enc ÷ plain: "
        f"the one over the other, target ≤ {TARGET}×."])


def _shown(value: float, kind: str, unit: str) -> str:
    if kind == "ratio":
        return f"{value:.2f}×"
    if unit == "MB":
        shown = f"{value:,.0f} MB"
    else:
        shown = f"{value * 1000:,.1f} ms" if value < 1 else f"{value:,.2f} s"
    return shown + (" anchor" if kind == "anchor" else "")
