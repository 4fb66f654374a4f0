"""Reproducible speed and memory measurements of Avenue Desk against its stack's own limits.

Run ``python -m benchmarks`` from the repository root (``--quick`` for a smaller data set).
Each figure is set beside an *anchor*: the same work done the plainest way the stack allows
(raw ``sqlite3`` on the same file), measured in the same run, so the ratio says what our
layers cost whatever the machine. See README.md.
"""
