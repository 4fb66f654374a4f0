"""One letter for many incidents, into one PDF; safe to run on a worker thread.

``plan_batch`` says, before anything is made, which incidents can have the letter and why
the others cannot (the policy's stage, no poster, an empty field, a character no font
has): the window lists them. ``render_batch`` then lays the letters out in one PDF, each
starting on a new page and numbered on its own. It checks the policy for every incident
again (the list may be minutes old) but builds each letter only once: a letter that turns
out to have a problem is left out and named (``skip_refused``), or stops the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.letters.records import LABELS, BatchPlan, Cancelled

# ``LetterService.batch_documents``: (incident id, letter) for each incident the policy
# allows the letter for, and the plan naming the refused. Handed in, so that this module
# needs nothing of the service but its public answer.
Documents = Callable[[Sequence[int], str], tuple[list[tuple[int, object]], BatchPlan]]


@dataclass(frozen=True)
class BatchResult:
    pdf: bytes
    included: tuple[int, ...]  # the incidents whose letters are in the PDF, in its order
    skipped: tuple[tuple[int, str], ...]  # (incident id, why its letter was left out)


def plan_batch(documents: Documents, incident_ids: Sequence[int], kind: str) -> BatchPlan:
    """Every refusal, including each letter's own problems (this builds every letter once)."""
    ready, plan = documents(incident_ids, kind)
    fine, refused = [], list(plan.refused)
    for incident_id, document in ready:
        problems = document.problems()
        if problems:
            refused.append((incident_id, " ".join(p.message for p in problems)))
        else:
            fine.append(incident_id)
    order = {incident_id: n for n, incident_id in enumerate(dict.fromkeys(incident_ids))}
    refused.sort(key=lambda item: order.get(item[0], len(order)))
    return BatchPlan(kind, tuple(fine), tuple(refused))


def render_batch(documents: Documents, incident_ids: Sequence[int], kind: str,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, *,
                 skip_refused: bool = False) -> BatchResult:
    """One PDF holding this letter for each incident that can have it.

    Raises:
        ServiceError: an incident cannot have the letter (listing each, up to ten) and
            ``skip_refused`` is False; or none of them can.
        Cancelled: ``cancelled()`` answered True; nothing was made.
    """
    from avenue_desk.reports import BatchProblem, RenderCancelled, ReportError
    from avenue_desk.reports import render_batch as render_documents

    ready, plan = documents(incident_ids, kind)
    skipped = list(plan.refused)
    if skipped and not skip_refused:
        raise ServiceError(_refusals(skipped))
    while True:
        if not ready:
            raise ServiceError("None of the chosen incidents can have this letter."
                               + (f" {_refusals(skipped)}" if skipped else ""))
        try:
            pdf = render_documents([d for _i, d in ready], progress, cancelled,
                                   title=f"{LABELS[kind]} ({len(ready)})")
        except BatchProblem as problem:
            incident_id = ready[problem.index][0]
            skipped.append((incident_id, str(problem.error)))
            if not skip_refused:
                raise ServiceError(_refusals(skipped)) from problem
            del ready[problem.index]  # rare: leave it out and lay out the rest again
            continue
        except RenderCancelled as error:
            raise Cancelled() from error
        except ReportError as error:
            raise ServiceError(str(error)) from error
        return BatchResult(pdf, tuple(i for i, _d in ready), tuple(skipped))


def _refusals(refused: list[tuple[int, str]]) -> str:
    listed = "; ".join(f"incident {i}: {why}" for i, why in refused[:10])
    more = len(refused) - 10
    listed += f"; and {more} more" if more > 0 else ""
    return f"{len(refused)} of the incidents cannot have this letter ({listed})."
