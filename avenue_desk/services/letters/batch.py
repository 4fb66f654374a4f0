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
from avenue_desk.services.letters.context import load_contexts, school_details


@dataclass(frozen=True)
class BatchResult:
    pdf: bytes
    included: tuple[int, ...]  # the incidents whose letters are in the PDF, in its order
    skipped: tuple[tuple[int, str], ...]  # (incident id, why its letter was left out)


def _documents(service, incident_ids, kind: str):
    """(incident id, letter) for each incident the policy allows it for, and the refused."""
    from avenue_desk.services.letters.letters import BatchPlan, check_kind

    check_kind(kind)
    if kind == "meeting":
        raise ServiceError("Meeting invitations each need their own date and time: "
                           "prepare them one at a time from the incident.")
    with service._db.read() as session:
        contexts = load_contexts(session, incident_ids, service._db.paths.evidence_dir,
                                 with_evidence=kind == "police-referral")
    template = service.templates.get(kind) if kind != "police-referral" else None
    school = school_details(service._settings.load())
    ready, refused = [], []
    for incident_id in dict.fromkeys(incident_ids):
        context = contexts.get(incident_id)
        if context is None:
            refused.append((incident_id, "This incident does not exist."))
            continue
        choice = service._choice(kind, context)
        if not choice.allowed:
            refused.append((incident_id, choice.reason))
            continue
        ready.append((incident_id, service._document(kind, context, None, template, None,
                                                     school)))
    return ready, BatchPlan(kind, tuple(i for i, _d in ready), tuple(refused))


def plan_batch(service, incident_ids: Sequence[int], kind: str):
    """Every refusal, including each letter's own problems (this builds every letter once)."""
    from avenue_desk.services.letters.letters import BatchPlan

    ready, plan = _documents(service, incident_ids, kind)
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


def render_batch(service, incident_ids: Sequence[int], kind: str,
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
    from avenue_desk.services.letters.letters import LABELS, Cancelled

    ready, plan = _documents(service, incident_ids, kind)
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
