"""Every kind of account against every operation the services offer, on a real database.

One row per ``policy.access.Operation``, each a real service call. For every role the
policy's answer (``allowed``) decides what must happen: an allowed call goes through; a
refused one raises PermissionDenied and writes nothing (the database file, the audit trail
and the data folder are exactly as they were).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest

from avenue_desk.demo.school import fill_demo
from avenue_desk.paths import AppPaths
from avenue_desk.policy.access import Operation, Role, allowed
from avenue_desk.services.conduct.records import PERMISSION, AuthorisationInput, BreachInput
from avenue_desk.services.core.access import PermissionDenied
from avenue_desk.services.core.audit import AuditQuery
from avenue_desk.services.incidents.records import ActionInput
from avenue_desk.services.people.records import PersonInput
from tests.helpers.accounts import HEAD_PASSWORD, OWN_PASSWORD, open_signed_in, sign_in_as
from tests.helpers.conduct import answers
from tests.helpers.csv_files import write
from tests.helpers.databases import dump as database_dump
from tests.helpers.images import write_png
from tests.helpers.letters import escalate, parent, posted, set_up_school
from tests.helpers.records import incident_input

ROLES = tuple(Role)
LEGAL_NOTE = "Solicitor's advice on the defamatory post (privileged)."


@dataclass
class World:
    """What the Headteacher set up before the account under test signed in; the files are
    named relative to the data set's folder, so a copy of it works the same."""

    tmp: Path
    incident: int = 0
    escalated: int = 0
    evidence: int = 0
    staff: int = 0

    @property
    def backup(self) -> Path:
        return self.tmp / "backup.zip"

    @property
    def people_csv(self) -> Path:
        return self.tmp / "sims.csv"

    @property
    def new_png(self) -> Path:
        return self.tmp / "another.png"

    def own_person(self, services) -> int:
        actor = services.guard.actor
        return actor.person_id if actor.person_id is not None else self.staff


def build_world(services, tmp: Path) -> World:
    world = World(tmp)
    set_up_school(services)
    mum = parent(services)
    world.incident = posted(services, mum.id).id
    services.escalation.record(world.incident, ActionInput(
        "police", date(2026, 11, 12), notes=LEGAL_NOTE))
    world.escalated = posted(services, mum.id).id
    escalate(services, world.escalated)
    world.evidence = services.evidence.add(world.incident, write_png(tmp / "shot.png")).id
    write_png(world.new_png, width=7)
    world.staff = services.people.create(PersonInput("Mr Dafydd Hughes", "staff")).id
    services.breaches.create(BreachInput(world.staff, ("na_images",), "Photos of pupils.",
                                         date(2026, 11, 20), reported_by="A parent"))
    write(world.people_csv, [["Wróbel, Millie", "A1", "Mother", "Ola W"]],
          header=["Name", "UPN", "Contact 1 Relationship", "Contact 1 Name"])
    services.backup.backup(world.backup)
    for role in ("office", "governor", "staff"):  # their accounts, own passwords chosen
        services.accounts.authenticate("head", HEAD_PASSWORD)
        sign_in_as(services, role, role)
    services.accounts.authenticate("head", HEAD_PASSWORD)
    return world


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The school every case starts from, made once and copied for each case (a copy of
    the folder is a fraction of the time of making it again)."""
    folder = tmp_path_factory.mktemp("matrix") / "school"
    folder.mkdir()
    with open_signed_in(AppPaths(folder / "Avenue Desk")) as services:
        world = build_world(services, folder)
    return folder, world


@pytest.fixture
def school_as(template, tmp_path):
    """``school_as(role)``: a copy of the template school, signed in as that kind of account."""
    opened = []

    def make(role: Role):
        folder, world = template
        copy = tmp_path / "school"
        shutil.copytree(folder, copy)
        services = open_signed_in(AppPaths(copy / "Avenue Desk"))
        opened.append(services)
        if role is not Role.HEAD:
            services.accounts.authenticate(role.value, OWN_PASSWORD)
        return services, replace(world, tmp=copy)

    yield make
    for services in opened:
        services.close()


def _render_screen(services, world: World) -> None:
    """``screenshot`` checks the operation in the same place the command does."""
    from avenue_desk.services.container import open_services
    from avenue_desk.ui.screenshots.screens import render_screen

    actor = services.guard.actor
    render_screen(services.paths, "reports", world.tmp / "shot.png",
                  sign_in=lambda opened: opened.guard.sign_in(actor),
                  open_services=open_services)


CALLS: dict[Operation, Callable[[object, World], object]] = {
    Operation.INCIDENT_VIEW: lambda s, w: s.incidents.get(w.incident),
    Operation.INCIDENT_CREATE: lambda s, w: s.incidents.create(incident_input()),
    Operation.INCIDENT_UPDATE: lambda s, w: s.incidents.update(
        w.incident, incident_input(summary="Corrected summary")),
    Operation.ACTION_RECORD: lambda s, w: s.escalation.record(
        w.incident, ActionInput("informal_discussion", date(2026, 11, 13), "Mrs Shah",
                                "Spoke to the parent")),
    Operation.ACTION_RECORD_LEGAL: lambda s, w: s.escalation.record(
        w.incident, ActionInput("police", date(2026, 11, 14), "Mrs Patel", "Reported")),
    Operation.LEGAL_NOTES_VIEW: lambda s, w: s.incidents.current(w.incident),
    Operation.EVIDENCE_VIEW: lambda s, w: s.evidence.viewing_copy(w.evidence),
    Operation.EVIDENCE_ADD: lambda s, w: s.evidence.add(w.incident, w.new_png),
    Operation.PEOPLE_VIEW: lambda s, w: s.people.search(""),
    Operation.PEOPLE_EDIT: lambda s, w: s.people.create(PersonInput("Ms New", "parent")),
    Operation.DATA_IMPORT: lambda s, w: s.transfer.import_people(w.people_csv),
    Operation.DATA_EXPORT: lambda s, w: s.transfer.export_incidents(w.tmp / "out.csv"),
    Operation.DEMO: lambda s, w: fill_demo(s, incidents=0),
    Operation.LETTER_PARENT: lambda s, w: s.letters.prepare(w.incident, "removal-request"),
    Operation.LETTER_HOST: lambda s, w: s.letters.prepare(w.escalated, "host-takedown"),
    Operation.LETTER_POLICE: lambda s, w: s.letters.prepare(w.incident, "police-referral"),
    Operation.GUIDANCE_SHEET: lambda s, w: s.letters.render_guidance(),
    Operation.GOVERNOR_SUMMARY: lambda s, w: s.summaries.build_term("summer-2026"),
    Operation.SUMMARY_ANY_DATES: lambda s, w: s.summaries.build(date(2026, 10, 3),
                                                                date(2026, 10, 4)),
    Operation.POLICY_REVIEW_STATUS: lambda s, w: s.summaries.policy_review(),
    Operation.POLICY_REVIEW_RECORD: lambda s, w: s.policy_review.record(date(2026, 11, 18)),
    Operation.SETTINGS_EDIT: lambda s, w: s.settings.save(
        replace(s.settings.load(), follow_up_days=10)),
    Operation.LETTER_TEMPLATES_EDIT: lambda s, w: s.letters.templates.reset("warning"),
    Operation.CONDUCT_OWN_WIZARD: lambda s, w: s.conduct.save_progress(
        w.own_person(s), None, answers()[:2]),
    Operation.CONDUCT_OWN_RECORD: lambda s, w: s.conduct.history(w.own_person(s)),
    Operation.CONDUCT_REGISTER_VIEW: lambda s, w: s.conduct_register.rows(),
    Operation.CONDUCT_MANAGE: lambda s, w: s.conduct.record_paper(
        w.staff, answers(), date(2026, 11, 3), "Office"),
    Operation.CONDUCT_PERMISSIONS: lambda s, w: s.authorisations.create(
        PERMISSION, AuthorisationInput(w.staff, "The logo on the PTA posters", "PTA page",
                                       date(2026, 11, 1), uses=("logo",))),
    Operation.CONDUCT_BREACHES: lambda s, w: s.breaches.list(),
    Operation.AUDIT_VIEW: lambda s, w: s.audit.page(),
    Operation.AUDIT_EXPORT: lambda s, w: s.audit.export_csv(AuditQuery(), w.tmp / "a.csv"),
    Operation.ACCOUNTS_MANAGE: lambda s, w: s.accounts.list_users(),
    Operation.BACKUP: lambda s, w: s.backup.backup(w.tmp / "by-hand.zip"),
    Operation.RESTORE: lambda s, w: s.backup.request_restore(w.backup),
    Operation.CHECK: lambda s, w: s.health.check(),
    Operation.SCREENSHOT: _render_screen,
    Operation.RETENTION_REVIEW: lambda s, w: s.retention.review(),
    Operation.RETENTION_DESTROY: lambda s, w: s.retention.destroy([]),  # refused before all
    Operation.SUBJECT_ACCESS: lambda s, w: s.subject_access.export(w.staff, w.tmp / "sar"),
}


def test_every_operation_has_a_real_call():
    assert set(CALLS) == set(Operation) and len(CALLS) == 39


def fingerprint(services, tmp: Path) -> tuple:
    """Everything a call could write: every row of the database, and every other file
    (the database file's own size is left out: SQLite may fold its log back in)."""
    dump = database_dump(services.paths)
    database = services.paths.database_file.name
    files = sorted((str(p.relative_to(tmp)), p.stat().st_size) for p in tmp.rglob("*")
                   if p.is_file() and not p.name.startswith(database))
    return hashlib.sha256(dump.encode()).hexdigest(), files


@pytest.mark.parametrize("operation", list(Operation), ids=lambda o: o.value)
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
def test_each_role_against_each_operation(request, school_as, qapp, tmp_path, role,
                                          operation):
    if operation is Operation.DEMO and role is Role.HEAD:
        # The demo fills only an empty database: the fixture's, with just its Headteacher.
        services, world = request.getfixturevalue("services"), World(tmp_path)
    else:
        services, world = school_as(role)
    call = CALLS[operation]
    if operation is Operation.LEGAL_NOTES_VIEW:
        return check_legal_notes(services, world, role)
    if allowed(role, operation):
        call(services, world)  # raises if the account were refused
        return
    before = fingerprint(services, world.tmp)
    with pytest.raises(PermissionDenied) as refused:
        call(services, world)
    assert refused.value.operation is not None and str(refused.value)
    assert fingerprint(services, world.tmp) == before, "a refused call wrote something"


def check_legal_notes(services, world: World, role: Role) -> None:
    """Not a call of its own: opening the incident shows or withholds the legal notes."""
    if not allowed(role, Operation.INCIDENT_VIEW):
        before = fingerprint(services, world.tmp)
        with pytest.raises(PermissionDenied):
            services.incidents.current(world.incident)
        assert fingerprint(services, world.tmp) == before
        return
    (police,) = [a for a in services.incidents.current(world.incident).actions
                 if a.step == "police"]
    if allowed(role, Operation.LEGAL_NOTES_VIEW):
        assert police.notes == LEGAL_NOTE and not police.withheld
    else:
        assert police.notes == "" and police.withheld
        assert police.taken_on == date(2026, 11, 12)  # the step and its date stay


def test_the_matrix_is_the_issues(services):
    """The roles as the issue puts them, read back from the policy the matrix follows."""
    office = {o for o in Operation if allowed(Role.OFFICE, o)}
    assert {Operation.LETTER_POLICE, Operation.LEGAL_NOTES_VIEW, Operation.ACTION_RECORD_LEGAL,
            Operation.CONDUCT_BREACHES, Operation.ACCOUNTS_MANAGE,
            Operation.POLICY_REVIEW_RECORD} & office == set()
    assert {Operation.INCIDENT_VIEW, Operation.PEOPLE_EDIT, Operation.LETTER_PARENT} <= office
    governor = {o for o in Operation if allowed(Role.GOVERNOR, o)}
    assert governor == {Operation.GOVERNOR_SUMMARY, Operation.POLICY_REVIEW_STATUS,
                        Operation.GUIDANCE_SHEET, Operation.CONDUCT_OWN_WIZARD,
                        Operation.CONDUCT_OWN_RECORD}
    staff = {o for o in Operation if allowed(Role.STAFF, o)}
    assert staff == {Operation.CONDUCT_OWN_WIZARD, Operation.CONDUCT_OWN_RECORD}
    assert all(allowed(Role.HEAD, o) for o in Operation)


def test_a_staff_account_opens_only_its_own_record(school_as):
    services, world = school_as(Role.STAFF)
    tmp_path = world.tmp
    own = services.guard.actor.person_id
    assert services.conduct.history(own) == []
    before = fingerprint(services, tmp_path)
    for refused in (lambda: services.conduct.history(world.staff),
                    lambda: services.conduct.begin(world.staff),
                    lambda: services.conduct.save_progress(world.staff, None, answers()[:1]),
                    lambda: services.conduct_documents.form_pdf(world.staff)):
        with pytest.raises(PermissionDenied, match="only your own"):
            refused()
    assert fingerprint(services, tmp_path) == before
    assert services.conduct_documents.form_pdf(own)[:4] == b"%PDF"


def test_the_office_is_not_offered_legal_steps_or_the_police_pack(school_as):
    services, world = school_as(Role.OFFICE)
    options = {o.step.key: o for o in services.escalation.options(world.incident)}
    assert options["police"].verdict.value == "refused"
    assert "Headteacher alone" in options["police"].reason
    assert "police" not in [o.step.key for o in services.escalation.suggestions(
        world.incident)]
    offered = {c.kind: c for c in services.letters.offered(world.incident)}
    assert not offered["police-referral"].allowed
    assert offered["removal-request"].allowed
