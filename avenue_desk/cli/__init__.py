"""The command line: ``avenue-desk`` (and ``python -m avenue_desk``).

``parser`` builds the arguments and starts the window or a headless command; the commands
themselves live beside it, one module per group. Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """The console script's entry point (see ``parser.main``)."""
    from avenue_desk.cli.parser import main as run

    return run(argv)
