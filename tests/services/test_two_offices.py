"""Two PCs writing at the same moment keep one audit chain (issue 17, part 13 item 2).

On a PostgreSQL server two PCs creating incidents at once lost 36 of 200 to a raw
``IntegrityError`` on the audit table's primary key: both read the same last row and chained
to it. Two real processes here, each with its own connections, create 100 incidents each
as fast as they can, on whichever database the run uses (``make test-postgres``: the server).
"""

from __future__ import annotations

import time

from avenue_desk.services.incidents.records import IncidentQuery
from tests.helpers import busy_office

EACH = 100


def test_two_pcs_logging_incidents_at_once_lose_none_and_keep_one_chain(services, tmp_path):
    before = services.audit.count()
    go = tmp_path / "go"
    offices = [busy_office.start(services.paths, go, EACH) for _ in range(2)]
    started = time.monotonic()
    go.touch()
    results = [busy_office.outcome(office) for office in offices]
    seconds = time.monotonic() - started
    for created, failed, first_failure in results:
        assert (created, failed) == (EACH, 0), first_failure
    assert services.incidents.count(IncidentQuery()) == 2 * EACH
    # Each PC's sign-in, and one row for each incident it logged.
    assert services.audit.count() == before + 2 + 2 * EACH
    assert services.audit.verify() == []
    print(f"{2 * EACH} incidents from two processes in {seconds:.1f} s, no failures, "
          f"{services.audit.count()} audit rows in one intact chain")
