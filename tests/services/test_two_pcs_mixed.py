"""Two PCs working on the same incidents at once, 1,000 mixed operations each (issue 17,
part 13, "Done when"): edits, steps, evidence and imports from two real processes, on the
run's database (a SQLite file, or the server under ``make test-postgres``).

Found afterwards: no lost update (no two saves of one incident made against the same
version, and each incident's details are those of its last save), no raw error (every
refused save reported as a conflict, every refused step as the policy's refusal), every
step recorded on the record and no case closed twice without a reopening between, an
intact audit chain, and every evidence file verifiable from both processes."""

from __future__ import annotations

import time
from collections import Counter, defaultdict

from sqlalchemy import select

from avenue_desk.store.models import Action
from tests.helpers import mixed_office
from tests.helpers.records import incident

EACH = 1000
SHARED = 4  # incidents both PCs work on: few, so that they meet often


def test_two_pcs_a_thousand_operations_each_lose_no_update(services, tmp_path):
    ids = [incident(services, summary=f"Shared {k}").id for k in range(SHARED)]
    go = tmp_path / "go"
    pcs = [mixed_office.start(services.paths, go, seed, EACH, ids) for seed in (1, 2)]
    started = time.monotonic()
    go.touch()
    lines = [line for pc in pcs for line in mixed_office.lines_of(pc)]
    seconds = time.monotonic() - started
    kinds = Counter(line[0] for line in lines if line not in ("ready", "done"))
    errors = [line for line in lines if line.startswith("X ")]
    assert errors == [], errors[:5]
    assert kinds["S"] + kinds["K"] + kinds["P"] + kinds["R"] + kinds["E"] + kinds["C"] \
        == 2 * EACH

    saves = defaultdict(list)  # incident -> (base, new, token)
    for line in lines:
        if line.startswith("S "):
            _, incident_id, base, new, token = line.split()
            saves[int(incident_id)].append((int(base), int(new), token))
    for incident_id, made in saves.items():
        bases = [base for base, _new, _token in made]
        assert len(bases) == len(set(bases)), f"two saves of {incident_id} on one version"
        last_token = max(made, key=lambda save: save[1])[2]
        assert services.incidents.current(incident_id).summary == last_token

    recorded = {int(line.split()[2]) for line in lines if line.startswith("P ")}
    with services.db.read() as session:
        steps = session.execute(select(Action.id, Action.incident_id, Action.step)
                                .where(Action.incident_id.in_(ids))
                                .order_by(Action.id)).all()
    assert recorded <= {row.id for row in steps}
    for incident_id in ids:
        order = [row.step for row in steps if row.incident_id == incident_id
                 and row.step in ("close", "reopen")]
        assert all(a != b for a, b in zip(order, order[1:], strict=False)), (incident_id, order)

    assert services.audit.verify() == []
    for line in lines:
        if line.startswith("V "):
            _, checked, ok = line.split()
            assert int(checked) == int(ok) > 0
    for line in lines:
        if line.startswith("E "):
            _, evidence_id, digest = line.split()
            assert services.evidence.verify(int(evidence_id)).ok
    print(f"2 x {EACH} operations in {seconds:.1f} s: {kinds['S']} saves, {kinds['K']} "
          f"conflicts reported, {kinds['P']} steps, {kinds['R']} steps refused by the "
          f"policy, {kinds['E']} evidence files, {kinds['C']} imports; 0 lost updates, "
          f"0 raw errors, audit chain intact")
