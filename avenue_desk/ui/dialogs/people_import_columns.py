"""The people import's columns: the question it asks when a column could mean two things,
and the header row as the import understood it.

``ColumnQuestion`` is the window's side of ``AmbiguousColumns`` (issue 15): the file is never
read by a guess, so for each column in doubt the office chooses what it holds (the pupil's
name, the contact's, or not used), starting from the choice the command line would suggest.
Its answers are the same ``(field, column)`` pairs as ``--map``; an import made with them saves
them for this school (``services.people.mis_mapping``), so next term's file is not asked about.

``ColumnsTable`` lists every column of the file beside what it is read as ("not used" for
the rest), from ``ImportPreview.understood``; ``line_list`` holds the preview's other lists
(what the records have and the file no longer does).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.people import MANY_ALLOWED, AmbiguousColumns, field_label
from avenue_desk.ui.style import set_role

ARROW = " → "  # how ``ColumnMap.understood`` joins a column and its meaning


def _plain_label(text: str, role: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # headings and names are not markup
    if role:
        set_role(label, role)
    return label


class ColumnQuestion(QGroupBox):
    """"Which column is which?": one choice per column in doubt. ``answered(mapping)`` is
    emitted with every choice, as ``--map`` pairs, when the office presses the button."""

    answered = Signal(tuple)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Which column is which?", parent)
        self.setAccessibleName("Which column is which")
        layout = QVBoxLayout(self)
        layout.addWidget(_plain_label(
            "Some columns in this file could mean two things, and a name in the wrong place "
            "is worse than none, so the file has not been read yet. Say what each column "
            "below holds, then check the file again. Your choice is kept for this school "
            "once you import, and used again for files with the same columns.", "lead"))
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.problem_label = _plain_label("", "error")
        self.problem_label.setAccessibleName("Problem with the choices")
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.check_button = QPushButton("Check the file with these choices")
        set_role(self.check_button, "primary")
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self._answer)
        buttons.addWidget(self.check_button)
        layout.addLayout(buttons)
        self.choices: list[tuple[str, QComboBox]] = []  # (column as --map names it, its box)
        self.given: tuple[tuple[str, str], ...] = ()  # choices already made for this file

    def ask(self, error: AmbiguousColumns, given: tuple[tuple[str, str], ...] = ()) -> None:
        """The question for ``error``'s columns; ``given``: choices made before, kept."""
        self.given = tuple(given)
        while self.form.rowCount():
            self.form.removeRow(0)
        self.choices = []
        self.problem_label.hide()
        for ambiguity in error.ambiguities:
            self.form.addRow(_plain_label(ambiguity.question, "muted"))
            suggested = {column: field for field, column in ambiguity.suggestion}
            for position, name, options in zip(ambiguity.columns, ambiguity.names,
                                               ambiguity.choices, strict=True):
                box = QComboBox()
                for option in options:
                    box.addItem(field_label(option), option)
                wanted = box.findData(suggested.get(name, options[0]))
                box.setCurrentIndex(max(wanted, 0))
                heading = error.header[position] or "(no heading)"
                box.setAccessibleName(f"What column {position + 1}, {heading}, holds")
                self.form.addRow(_plain_label(f"“{heading}” (column {position + 1})"), box)
                self.choices.append((name, box))
        if self.choices:
            self.choices[0][1].setFocus()

    def mapping(self) -> tuple[tuple[str, str], ...]:
        """The choices as ``--map`` pairs: those made before, then these."""
        now = tuple((box.currentData(), name) for name, box in self.choices)
        asked = {name for name, _ in self.choices}
        return tuple(pair for pair in self.given if pair[1] not in asked) + now

    def clash(self) -> str:
        """Why the choices cannot all be right (one field for two columns), or ""."""
        seen: dict[str, str] = {}
        for name, box in self.choices:
            field = box.currentData()
            # A row may fill an email or phone from several columns; any other field chosen
            # twice would have its second column never read.
            if field == "ignore" or field.split(".")[1] in MANY_ALLOWED:
                continue
            if field in seen:
                return (f"“{seen[field]}” and “{name}” are both chosen as "
                        f"{field_label(field)}: choose one of them, and something else (or "
                        "“not used”) for the other.")
            seen[field] = name
        return ""

    def _answer(self) -> None:
        problem = self.clash()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        if not problem:
            self.answered.emit(self.mapping())


def shape_table(table: QTableView, name: str, widths: tuple[int, ...]) -> QTableView:
    """The import window's lists: read-only rows, chosen whole, one line each, as tall as the
    text. ``widths``: each column's but the last, which takes the rest."""
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    vertical = table.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    header.setStretchLastSection(True)
    return table


class ColumnsTable(QTableWidget):
    """The header row as understood: each column of the file, and what it is read as."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels(["Column in the file", "Read as"])
        shape_table(self, "The file's columns and what each is read as", (170,))
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)

    def show_lines(self, understood: tuple[str, ...]) -> None:
        """``understood``: "“UPN” → the pupil's MIS id (UPN)" lines, a column each."""
        self.setRowCount(len(understood))
        for row, line in enumerate(understood):
            # The meaning never holds an arrow; a heading might, so split at the last one.
            column, _, meaning = line.rpartition(ARROW)
            for place, text in enumerate((column, meaning)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(row, place, item)

    def rows(self) -> list[tuple[str, str]]:
        return [(self.item(row, 0).text(), self.item(row, 1).text())
                for row in range(self.rowCount())]


def line_list(name: str) -> QListWidget:
    """Lines of text, one an item (a list item shows names as written, never as markup)."""
    listed = QListWidget()
    listed.setAccessibleName(name)
    listed.setAlternatingRowColors(True)
    listed.setWordWrap(True)
    return listed
