"""Every Qt item model the window shows passes pytest-qt's ``qtmodeltester`` (Qt's own
QAbstractItemModelTester) over real records, and a new model cannot be added without one.

The models are found by reading avenue_desk/ui/: any class derived from a Qt item model
(or from one of ours, such as ``PagedTableModel``) must have a builder in ``BUILDERS``.
"""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from avenue_desk.services.conduct.records import RegisterQuery
from avenue_desk.services.core.audit import AuditQuery
from avenue_desk.ui.models.audit_table import AuditTableModel
from avenue_desk.ui.models.conduct_register_table import ConductRegisterModel
from avenue_desk.ui.models.import_preview import ADD_COLUMNS, PreviewTableModel
from avenue_desk.ui.models.incident_table import IncidentTableModel
from avenue_desk.ui.models.paged_table import PagedTableModel
from avenue_desk.ui.models.people_table import PeopleTableModel
from tests.helpers.conduct import answers, sign, staff
from tests.helpers.csv_files import write
from tests.helpers.records import close, follow_up, incident, person

UI = Path(__file__).resolve().parents[2] / "avenue_desk" / "ui"
QT_MODEL = re.compile(r"Q\w*(?:Item|Table|List|Tree|Proxy)Model")


def item_model_classes() -> set[str]:
    """Names of the classes in avenue_desk/ui/ derived (at any depth) from a Qt item model."""
    bases: dict[str, set[str]] = {}
    for path in UI.rglob("*.py"):
        if "forms" in path.relative_to(UI).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {_base_name(b) for b in node.bases}
    found: set[str] = set()
    while True:
        more = {name for name, of in bases.items()
                if any(QT_MODEL.fullmatch(b) or b in found for b in of)} - found
        if not more:
            return found
        found |= more


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Subscript):  # PagedTableModel[IncidentRow]
        node = node.value
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


class NumbersModel(PagedTableModel[tuple[int, str]]):
    """The paging base over a plain list: small pages, so a check crosses many of them."""

    HEADERS = ("Number", "Word")
    HEADER_TIPS = {1: "The number in words."}
    PAGE_SIZE = 7
    MAX_PAGES = 2

    def __init__(self, rows: list[tuple[int, str]]):
        super().__init__()
        self.rows = rows

    def count_rows(self) -> int:
        return len(self.rows)

    def fetch_rows(self, offset: int, limit: int) -> list[tuple[int, str]]:
        return self.rows[offset:offset + limit]

    def data(self, index, role: int = 0):
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or role != 0:
            return None
        return str(row[index.column()])


def _numbers(services):
    return NumbersModel([(n, f"number {n}") for n in range(40)])


def _people(services):
    amir = person(services, "Amir Khan", "pupil", class_name="Oak", year_group="Year 3")
    person(services, "Dana <b>Whitfield</b>", "parent", linked_pupil_ids=(amir.id,))
    person(services, "Ольга Смирнова", "staff")
    return PeopleTableModel(services)


def _incidents(services):
    poster = person(services, "Łucja Wróbel")
    for day in range(1, 9):
        incident(services, posted_on=date(2026, 10, day), poster_id=poster.id,
                 categories=("racist", "threat") if day % 3 == 0 else ("complaint",))
    follow_up(services, 2, date(2026, 11, 10))
    close(services, 3)
    return IncidentTableModel(services)


def _audit(services):
    for number in range(5):
        services.audit.record_now(services.guard.actor, "open", "incident", number)
    return AuditTableModel(services.audit)


def _conduct_register(services):
    signed = staff(services, "Ama Okonkwo")
    sign(services, signed)
    late = staff(services, "Craig Marsh", "governor")
    services.conduct.record_paper(late.id, answers(), date(2025, 6, 1), "Office")
    staff(services, "王小明", "volunteer")
    return ConductRegisterModel(services)


def _import_preview(services, tmp_path):
    file = write(tmp_path / "mis.csv", [
        ["Amir", "Khan", "U1", "3C", "Dana <b>Whitfield</b>", "Mother"],
        ["", "", "U2", "2B", "", ""],  # no pupil's name: refused
        ["अनन्या", "शर्मा", "U3", "1A", "", ""],
    ], ["Forename", "Surname", "UPN", "Class", "Contact 1 Name", "Contact 1 Relationship"])
    preview = services.transfer.preview_people(file)
    model = PreviewTableModel(ADD_COLUMNS)
    model.set_rows(preview.to_add)
    return model


BUILDERS = {
    "PagedTableModel": _numbers,
    "PreviewTableModel": _import_preview,
    "PeopleTableModel": _people,
    "IncidentTableModel": _incidents,
    "AuditTableModel": _audit,
    "ConductRegisterModel": _conduct_register,
}


def test_every_item_model_in_the_window_is_checked_here():
    assert item_model_classes() == set(BUILDERS), "add a builder for each model to BUILDERS"


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_the_model_is_valid(qtmodeltester, services, tmp_path, name):
    build = BUILDERS[name]
    model = build(services, tmp_path) if name == "PreviewTableModel" else build(services)
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_the_paging_base_stays_valid_as_rows_come_and_go(qtmodeltester):
    model = NumbersModel([(n, f"number {n}") for n in range(40)])
    qtmodeltester.check(model)
    assert len(model.loaded_pages()) <= NumbersModel.MAX_PAGES
    del model.rows[30:]  # deleted by someone else since the count: blanks, never errors
    assert model.rowCount() == 40 and model.data(model.index(35, 0)) is None
    model.reload()
    assert model.rowCount() == 30
    qtmodeltester.check(model)
    model.rows.clear()
    model.reload()
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_the_conduct_register_stays_valid_when_filtered(qtmodeltester, services):
    model = _conduct_register(services)
    assert [r.full_name for r in model.rows] == ["Craig Marsh", "Ama Okonkwo", "王小明"]  # surname
    model.set_query(RegisterQuery(statuses=("never",)))
    assert [r.full_name for r in model.rows] == ["王小明"]
    qtmodeltester.check(model)
    model.set_query(RegisterQuery(text="nobody by that name"))
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_the_audit_model_stays_valid_when_filtered_to_nothing(qtmodeltester, services):
    model = _audit(services)
    model.set_query(AuditQuery(action="no such action"))
    assert model.rowCount() == 0
    qtmodeltester.check(model)
