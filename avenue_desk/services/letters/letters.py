"""Letters about an incident: which the policy allows, prepared for editing, printed, recorded.

Every letter quotes the policy edition of its incident (``incident.policy_edition``), never
the current one. A letter whose step the escalation rules do not allow at this stage is
refused with the rules' own reason and the policy's sentence (a formal warning before the
parent's refusal is recorded; a forum notice for a post that was not on the school's forum).

Saving or printing a letter records its step on the incident's timeline, once a day per
letter (saving and then printing the same warning is one warning, not two). Two documents
are exceptions by design:

* the police referral pack records "Contact the Police" while the case is open; for a
  closed case it can still be made (the Police may ask for it later) and records nothing;
* the guidance sheet for parents belongs to no incident and records nothing.

Nothing here returns an ORM object: the UI and the command line get bytes, frozen records
and messages.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType

from avenue_desk.policy import CODE_OF_CONDUCT_QUOTE, Verdict, get_platform, get_step, option_for
from avenue_desk.policy.access import Operation, explain, operation_for_step, refusal_tag
from avenue_desk.policy.procedure import FORUM_RESTRICTION_MONTHS as DEFAULT_MONTHS
from avenue_desk.policy.school_days import follow_up_after
from avenue_desk.policy.settings_registry import TERM_DATES
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import NotFound, ServiceError, StepNotAllowed
from avenue_desk.services.core.evidence_store import evidence_store
from avenue_desk.services.core.school import school_details
from avenue_desk.services.core.validation import uk_date
from avenue_desk.services.incidents import ActionInput
from avenue_desk.services.letters import batch
from avenue_desk.services.letters.context import (
    STAFF_ROLES,
    LetterContext,
    load_contexts,
    verified_evidence,
)
from avenue_desk.services.letters.outputs import GuidanceAndCopies
from avenue_desk.services.letters.records import (  # noqa: F401 - the public names live here too
    ACTIONS,
    GUIDANCE,
    KINDS,
    LABELS,
    POLICE_FIELDS,
    RECIPIENT_FIELDS,
    RECIPIENT_PARTS,
    SHORT_NAMES,
    TO_PARENT,
    BatchPlan,
    Cancelled,
    LetterChoice,
    LetterProblems,
    LetterRefused,
    PreparedLetter,
    RecordResult,
    _problem,
    audit_action,
    check_kind,
    letter_operation,
    safe_file_name,
    write_pdf,
)
from avenue_desk.services.letters.templates import LetterTemplates


def uncovered_characters(text: str) -> set[str]:
    from avenue_desk.reports import uncovered_characters as uncovered

    return uncovered(text)


def load_layouts() -> None:
    """Imports the letters' layouts, and ReportLab under them, and reads the bundled fonts,
    ahead of need: the window calls this on the worker that opens the records behind the
    sign-in screen, so that neither its own thread nor the first preview's worker waits
    for them (a few tenths of a second) when the first letter or report is asked for."""
    import avenue_desk.reports.letters  # noqa: F401

    uncovered_characters("")  # registers the fonts and reads their character maps


@dataclass(frozen=True)
class LetterBasics:
    """What every letter of one kind made now shares (read once for a batch)."""

    school: object  # reports.context.SchoolDetails
    template: str | None
    today: date
    reply_by: date | None  # the follow-up date recording the letter sets
    term_dates: Mapping[str, str] = field(default_factory=dict)  # the ``term.*`` settings


class LetterService(GuidanceAndCopies):
    def __init__(self, db: Database, clock, settings, escalation, guard, audit):
        self._db = db
        self._clock = clock
        self._settings = settings
        self._escalation = escalation
        self._guard = guard
        self._audit = audit
        self.templates = LetterTemplates(db, settings, guard, audit)

    # --- what is offered ----------------------------------------------------------------

    def _require(self, kind: str):
        check_kind(kind)
        return self._guard.require(letter_operation(kind))

    def context(self, incident_id: int, with_evidence: bool = False) -> LetterContext:
        self._guard.require(Operation.INCIDENT_VIEW)
        return self._context(incident_id, with_evidence)

    def _context(self, incident_id: int, with_evidence: bool = False) -> LetterContext:
        with self._db.read() as session:
            found = load_contexts(session, [incident_id], self._db.paths.evidence_dir,
                                  with_evidence)
        if incident_id not in found:
            raise NotFound(f"Incident {incident_id} does not exist.")
        return found[incident_id]

    def offered(self, incident_id: int) -> tuple[LetterChoice, ...]:
        """Every letter, in the policy's order, each allowed or refused with the reason (the
        policy's, or why this account may not make it)."""
        context = self.context(incident_id)
        return tuple(self._choice(kind, context) for kind in KINDS)

    def _choice(self, kind: str, context: LetterContext) -> LetterChoice:
        from avenue_desk.reports.letters import LETTERS, refusal_reason

        label = LABELS[kind]
        actor = self._guard.actor
        if actor is not None and not actor.may(letter_operation(kind)):
            operation = letter_operation(kind)
            return LetterChoice(kind, label, False, explain(actor.role, operation),
                                unavailable=refusal_tag(actor.role, operation))
        step_label = get_step(LETTERS[kind].step).label
        if kind == "forum-restriction":
            refused = refusal_reason(context.incident)
            if refused is not None:
                return LetterChoice(kind, label, False, refused.reason, refused.quote)
        option = option_for(context.facts, LETTERS[kind].step)
        if option.verdict is Verdict.REFUSED:
            if kind == "police-referral":
                reason = ("The case is closed, so making the pack will not be recorded as "
                          "contacting the Police. Reopen the case first to record it.")
                return LetterChoice(kind, label, True, reason, option.quote, False, step_label)
            return LetterChoice(kind, label, False, option.reason, option.quote)
        if kind in TO_PARENT:
            if context.poster is None:
                return LetterChoice(kind, label, False, "No one is recorded as the poster: "
                                    "choose who posted it on the Details tab first.")
            if context.poster_role in STAFF_ROLES:
                return LetterChoice(
                    kind, label, False,
                    f"{context.poster.name} is a member of staff, a volunteer or a governor: "
                    "the staff code of conduct applies, not the letters to parents.",
                    CODE_OF_CONDUCT_QUOTE)
            if context.poster_role == "pupil":
                return LetterChoice(kind, label, False, "The poster is recorded as a pupil: "
                                    "letters go to parents and carers.")
        return LetterChoice(kind, label, True, option.reason, option.quote, True, step_label)

    def _allowed(self, kind: str, context: LetterContext) -> LetterChoice:
        choice = self._choice(kind, context)
        if not choice.allowed:
            raise LetterRefused(choice.reason, choice.quote)
        return choice

    # --- one letter ---------------------------------------------------------------------

    def _basics(self, kind: str, settings=None) -> LetterBasics:
        """What every letter of ``kind`` made now shares: read once for a whole batch."""
        settings = settings or self._settings.load()
        today = self._clock.today()
        terms = {k: v for k, v in settings.extra.items() if k.startswith(TERM_DATES.key)}
        template = self.templates.get(kind, settings) if kind != "police-referral" else None
        # The follow-up date recording the letter will set (the rule record_sent's
        # default_follow_up applies, from the settings already read): the date it asks for.
        reply_by = follow_up_after(today, settings.follow_up_days, terms)
        return LetterBasics(school_details(settings), template, today, reply_by, terms)

    def _document(self, kind: str, context: LetterContext, overrides, template, meeting_at,
                  basics: LetterBasics | None = None, *, answered: Iterable[str] = (),
                  restriction_months: int | None = None):
        from dataclasses import replace

        from avenue_desk.reports.letters import LETTERS, PoliceReferralPack

        basics = basics or self._basics(kind)
        school, today = basics.school, basics.today
        if template is None:
            template = basics.template
        edits = dict(overrides or {})
        if kind == "police-referral":
            # Corrections for this pack only (e.g. an emoji described in words); the record
            # keeps what was posted.
            incident = replace(context.incident, **{
                k: str(edits[k]) for k in POLICE_FIELDS if k in edits})
            poster = context.poster
            if poster is not None and "poster_name" in edits:
                poster = replace(poster, name=str(edits["poster_name"]))
            return PoliceReferralPack(school, incident, prepared_on=today,
                                      actions=context.actions, poster=poster,
                                      evidence=verified_evidence(
                                          context, evidence_store(self._db)),
                                      related=context.course.related,
                                      withdrawn_steps=context.course.withdrawn_steps,
                                      platform_reports=context.platform_reports)
        common = dict(letter_date=today, template=template, reply_by=basics.reply_by,
                      actions=context.actions, answered=answered, term_dates=basics.term_dates)
        if kind == "host-takedown":
            for name in RECIPIENT_FIELDS:
                edits.pop(name, None)
            return LETTERS[kind](school, context.incident, overrides=edits, **common)
        person = context.poster
        changes = {key: str(edits.pop(name)) for name, key in RECIPIENT_PARTS if name in edits}
        person = replace(person, **changes) if changes else person
        if kind == "meeting":
            return LETTERS[kind](school, person, context.incident, overrides=edits,
                                 meeting_at=meeting_at, now=self._clock.now(), **common)
        if kind == "forum-restriction":
            return LETTERS[kind](school, person, context.incident, overrides=edits,
                                 restriction_months=restriction_months or DEFAULT_MONTHS,
                                 **common)
        return LETTERS[kind](school, person, context.incident, overrides=edits, **common)

    def prepare(self, incident_id: int, kind: str, overrides: Mapping | None = None,
                template: str | None = None, *, meeting_at: datetime | None = None,
                answered: Iterable[str] = (), restriction_months: int | None = None
                ) -> PreparedLetter:
        """The letter's merge values for the edit-before-printing dialog, and its problems:
        empty fields, characters no font has, and the checks (no address, a post recorded
        as removed, a meeting the school cannot hold) not put right or ``answered``.

        Raises:
            LetterRefused: the policy does not allow this letter for this incident now.
        """
        from avenue_desk.reports.templates import template_fields

        self._require(kind)
        context = self._context(incident_id, kind == "police-referral")
        self._allowed(kind, context)
        document = self._document(kind, context, overrides, template, meeting_at,
                                  answered=answered, restriction_months=restriction_months)
        problems = document.problems()
        if kind == "police-referral":
            inc = document.incident
            values = {k: getattr(inc, k) for k in POLICE_FIELDS}
            values["poster_name"] = document.poster.name if document.poster else ""
            flagged = {p.field for p in problems}
            fields = tuple(k for k in ("excerpt", "summary", *POLICE_FIELDS[2:], "poster_name")
                           if k in flagged or (k in ("excerpt", "summary") and values[k]))
        else:
            values = document.merge_values()
            recipient = document.recipient
            values.update(parent_address=recipient.address, parent_title=recipient.title,
                          parent_surname=recipient.family_name,
                          parent_salutation=recipient.addressed_as)
            used = template_fields(document.template)
            recipient = RECIPIENT_FIELDS if kind in TO_PARENT else ()
            fields = tuple(dict.fromkeys(
                [*recipient, *(f for f in used if f in values)]))
        unprintable = tuple(f for f in fields if isinstance(values.get(f), str)
                            and uncovered_characters(values[f]))
        checks = getattr(document, "checks", lambda: [])()
        return PreparedLetter(
            incident_id, kind, LABELS[kind], MappingProxyType(values), fields, tuple(problems),
            self._notes(kind, context, document), self.file_name(incident_id, kind),
            unprintable, tuple(c for c in checks if c.key),
        )

    def _notes(self, kind: str, context: LetterContext, document) -> tuple[str, ...]:
        from avenue_desk.reports.letters import post_identified

        notes = []
        recipient = getattr(document, "recipient", None)
        if kind in TO_PARENT and recipient is not None and not recipient.addressed_as.strip() \
                and not (recipient.title.strip() and recipient.family_name.strip()):
            notes.append(f"No title and surname are recorded for {recipient.name}, so the "
                         f"letter begins “Dear {recipient.salutation},”. Add them in People, "
                         "or type them below for this letter, to use their name.")
        if kind in TO_PARENT and not post_identified(context.incident):
            notes.append("Nothing on the incident says where the post is or what it said: add "
                         "its web address, page or group, or its words, so that the reader "
                         "knows which post this is.")
        if kind in TO_PARENT:  # restricted access about a child the letter is about (issue 15)
            notes += self._restricted(context.incident.id)
        if kind == "police-referral":
            bad = [e for e in document.evidence if not e.verified]
            if bad:
                notes.append(f"{len(bad)} evidence file(s) no longer match their SHA-256: "
                             "the pack says so beside each.")
        return tuple(notes)

    def _restricted(self, incident_id: int) -> list[str]:
        """The warnings for a letter to this incident's poster about a child whose MIS
        record restricts them (none: [])."""
        from avenue_desk.services.letters.restricted import restricted_notes

        with self._db.read() as session:
            return restricted_notes(session, incident_id)

    @staticmethod
    def describe_unprintable(text: str) -> str:
        """``text`` with each character no font has written out in words, in brackets:
        "Look 👇" becomes "Look [white down pointing backhand index]". Shown in the letter,
        never silent; the invisible joiners and variation selectors of emoji are dropped."""
        missing = uncovered_characters(text)
        invisible = {"\u200d", "\ufe0e", "\ufe0f"}
        return "".join(
            "" if ch in invisible and ch in missing
            else f"[{unicodedata.name(ch, f'character U+{ord(ch):04X}').lower()}]"
            if ch in missing else ch
            for ch in text)

    def render(self, incident_id: int, kind: str, overrides: Mapping | None = None,
               template: str | None = None, *, meeting_at: datetime | None = None,
               record: bool = True, action: str = "saved", file_name: str = "",
               answered: Iterable[str] = (), restriction_months: int | None = None) -> bytes:
        """The PDF; with ``record`` the letter's step is recorded on the timeline too.

        Callers that write a file should render with ``record=False`` and call
        ``record_sent`` once the file is safely written (the window and the command line do).

        Raises:
            LetterRefused: not allowed by the policy now.
            LetterProblems: a field is empty or unknown, or holds characters no font has.
        """
        from avenue_desk.reports import ReportError, TemplateError

        self._require(kind)
        context = self._context(incident_id, kind == "police-referral")
        self._allowed(kind, context)
        document = self._document(kind, context, overrides, template, meeting_at,
                                  answered=answered, restriction_months=restriction_months)
        try:
            pdf = document.render()
        except TemplateError as error:
            raise LetterProblems(error.problems, LABELS[kind]) from error
        except ReportError as error:
            raise LetterProblems([getattr(error, "problem", _problem(str(error)))],
                                 LABELS[kind]) from error
        if record:
            self.record_sent(incident_id, kind, action, file_name=file_name,
                             meeting_at=meeting_at, restriction_months=restriction_months)
        return pdf

    def record_sent(self, incident_id: int, kind: str, action: str = "saved", *,
                    file_name: str = "", meeting_at: datetime | None = None,
                    restriction_months: int | None = None) -> RecordResult:
        """Records the letter's step on the timeline (once a day per letter), and the letter
        saved or printed in the audit trail (every time)."""
        from avenue_desk.reports.letters import LETTERS

        actor = self._require(kind)
        if action not in ACTIONS:
            raise ServiceError(f"Unknown action {action!r}: {', '.join(ACTIONS)}.")
        step = get_step(LETTERS[kind].step)
        self._guard.require(operation_for_step(step.key))
        context = self._context(incident_id)
        choice = self._allowed(kind, context)
        today = self._clock.today()
        done = f"{LABELS[kind]} {'printed' if action == 'printed' else 'saved'}" + (
            f" ({file_name})" if file_name else "")
        if not choice.records:
            self._audit.record_now(actor, audit_action(action), "incident", incident_id, done)
            return RecordResult(None, "Nothing was recorded on the timeline: the case is closed.")
        label = f"{LABELS[kind]}:"
        if any(s == step.key and on == today and notes.startswith(label)
               for s, on, notes in context.action_keys):
            self._audit.record_now(actor, audit_action(action), "incident", incident_id, done)
            return RecordResult(None, f"“{step.label}” was already recorded today for this "
                                      "letter; it was not recorded again.")
        settings = self._settings.load()
        due = None
        if meeting_at is not None and meeting_at.date() >= today:
            due = meeting_at.date()
        elif kind == "forum-restriction":  # the review the letter promises
            from avenue_desk.reports.letters import review_date

            terms = {k: v for k, v in settings.extra.items() if k.startswith(TERM_DATES.key)}
            due = review_date(today, restriction_months or DEFAULT_MONTHS, terms)
        elif step.expects_reply:
            due = self._escalation.default_follow_up(today)  # on a school day: the letter's date
        verb = "printed" if action == "printed" else "saved as a PDF"
        notes = f"{label} {verb}" + (f" ({file_name})" if file_name else "") + "."
        with self._db.begin() as session:
            # Who and the outcome, as a step that moves the case on needs them: the letter
            # goes out over the Headteacher's name, and the letter itself is what came of it.
            recorded = self._escalation.record_in(session, actor, incident_id, ActionInput(
                step=step.key, taken_on=today, taken_by=settings.head_name or actor.display_name,
                outcome=f"{LABELS[kind]} {verb}.", notes=notes, follow_up_due=due,
                letter=LABELS[kind]))
            self._audit.record(session, actor, audit_action(action), "incident", incident_id,
                               done)
        follow = f"; follow-up due {uk_date(due)}" if due else ""
        return RecordResult(recorded, f"Recorded on the timeline: “{step.label}”, "
                                      f"{uk_date(today)}{follow}.")

    def file_name(self, incident_id: int, kind: str) -> str:
        """``Incident 42 - Warning letter - 21 November 2026.pdf``."""
        name = SHORT_NAMES[kind]
        if kind == "host-takedown":
            try:
                platform = get_platform(self._context(incident_id).incident.platform).label
                name = f"Takedown request to {platform}"
            except (NotFound, ValueError):
                pass
        return safe_file_name(f"Incident {incident_id} - {name} - "
                              f"{uk_date(self._clock.today())}.pdf")

    # --- many letters (batch.py) --------------------------------------------------------

    def batch_documents(self, incident_ids: Sequence[int], kind: str):
        """(incident id, letter) for each incident the policy allows ``kind`` for, built
        once each, and the plan naming the refused with the reason."""
        check_kind(kind)
        if kind == "meeting":
            raise ServiceError("Meeting invitations each need their own date and time: "
                               "prepare them one at a time from the incident.")
        with self._db.read() as session:
            contexts = load_contexts(session, incident_ids, self._db.paths.evidence_dir,
                                     with_evidence=kind == "police-referral")
        basics = self._basics(kind)
        ready, refused = [], []
        for incident_id in dict.fromkeys(incident_ids):
            context = contexts.get(incident_id)
            if context is None:
                refused.append((incident_id, "This incident does not exist."))
                continue
            choice = self._choice(kind, context)
            if not choice.allowed:
                refused.append((incident_id, choice.reason))
                continue
            if kind in TO_PARENT and self._restricted(incident_id):
                # A batch shows no letter's notes: never printed there without the warning.
                refused.append((incident_id, "The MIS records restricted access or a court "
                                "order for this letter's recipient about a child the "
                                "incident names: prepare this letter on its own, to see the "
                                "warning, after checking with the Designated Safeguarding "
                                "Lead."))
                continue
            ready.append((incident_id, self._document(kind, context, None, None, None,
                                                      basics)))
        return ready, BatchPlan(kind, tuple(i for i, _d in ready), tuple(refused))

    def plan_batch(self, incident_ids: Sequence[int], kind: str) -> BatchPlan:
        """Which incidents can have this letter, and why the others cannot (before rendering)."""
        self._require(kind)
        return batch.plan_batch(self.batch_documents, incident_ids, kind)

    def render_batch(self, incident_ids: Sequence[int], kind: str,
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None, *,
                     skip_refused: bool = False) -> bytes:
        """One PDF of this letter for each incident (see ``batch.render_batch``)."""
        return self.render_batch_result(incident_ids, kind, progress, cancelled,
                                        skip_refused=skip_refused).pdf

    def render_batch_result(self, incident_ids, kind, progress=None, cancelled=None, *,
                            skip_refused: bool = False):
        self._require(kind)
        return batch.render_batch(self.batch_documents, incident_ids, kind, progress, cancelled,
                                  skip_refused=skip_refused)

    def record_batch(self, incident_ids: Sequence[int], kind: str, action: str = "saved",
                     file_name: str = "") -> int:
        """Records the letter on each incident's timeline; returns how many were recorded."""
        recorded = 0
        for incident_id in incident_ids:
            try:
                result = self.record_sent(incident_id, kind, action, file_name=file_name)
            except StepNotAllowed:
                continue  # moved on since the batch was made: its own timeline says so
            recorded += result.action is not None
        return recorded
