"""The code of conduct register's statuses, most urgent first.

A module of plain constants, apart from ``conduct_dto``, so the command line can offer them
as choices without building the dataclasses (which slowed the app's first paint).
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
