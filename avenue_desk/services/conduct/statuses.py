"""The code of conduct register's statuses, most urgent first.

A module of plain constants (and one function that words them), so the command line can
offer them as choices without building the dataclasses (which slowed the app's first paint).
"""

NEVER, OVERDUE, CHANGED, DUE_SOON, CURRENT = "never", "overdue", "changed", "due_soon", "current"
STATUSES = (NEVER, OVERDUE, CHANGED, DUE_SOON, CURRENT)
STATUS_LABELS = {
    NEVER: "Never acknowledged",
    OVERDUE: "Overdue",
    CHANGED: "Changed items to acknowledge",
    DUE_SOON: "Due soon",
    CURRENT: "Current",
}
# A tone, not a status: "current", with a check's answer still to put right (coloured amber).
PUT_RIGHT = "put_right"


def status_text(status: str, to_put_right: int = 0) -> str:
    """"Current", or "Current — 1 item to put right" while a check's answer still needs
    putting right: someone with an open item is never shown as plainly current."""
    label = STATUS_LABELS[status]
    if not to_put_right:
        return label
    return f"{label} — {to_put_right} item{'s' * (to_put_right != 1)} to put right"
