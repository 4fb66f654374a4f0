"""A read-only list of records, one a line, each opened by double-click or Enter: a person's
chronology, an incident's course of conduct."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QWidget


def record_tree(parent: QWidget, columns, accessible_name: str) -> QTreeWidget:
    """The columns sized to their contents but the last, which takes the rest (the text)."""
    tree = QTreeWidget(parent)
    tree.setRootIsDecorated(False)
    tree.setHeaderLabels(list(columns))
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setAccessibleName(accessible_name)
    header = tree.header()
    for column in range(len(columns) - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return tree
