"""Demo incidents as plain rows, each with a history the escalation rules allow.

Histories are made by walking the real state machine (``policy.apply_step``) from a new
case, mostly taking the step the policy suggests, so every stored history replays. Old
cases end closed with the post removed; recent ones are still open, some with follow-ups
overdue, so the home view has something to show.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from avenue_desk.demo.people import School
from avenue_desk.demo.text import EVENTS, LOCATIONS, NOTES, OUTCOMES, POSTS, REPORTED_BY
from avenue_desk.policy import (
    IncidentFacts,
    Phase,
    Verdict,
    apply_step,
    get_platform,
    options,
    suggestions,
)

PLATFORM_WEIGHTS = {"facebook": 34, "whatsapp": 30, "instagram": 8, "x_twitter": 6,
                    "tiktok": 6, "school_forum": 5, "youtube": 2, "other": 9}
CATEGORY_WEIGHTS = {"complaint": 34, "offensive": 24, "allegation": 12, "defamatory": 10,
                    "other": 12, "racist": 4, "threat": 4}
# Chance that a step gets a follow-up date, and how many days after it the gap runs.
FOLLOW_UP = {"informal_discussion": 0.5, "report_to_site": 0.6, "removal_request": 0.8,
             "headteacher_meeting": 0.6, "parent_refused": 0.3, "written_warning": 0.9,
             "legal_advice": 0.7, "police": 0.8, "contact_host": 0.8,
             "other_legal_action": 0.5, "restrict_forum_access": 0.3}
GAPS = {"police": (0, 2), "informal_discussion": (2, 9), "report_to_site": (1, 5),
        "removal_request": (2, 7), "headteacher_meeting": (3, 12), "parent_refused": (1, 5),
        "written_warning": (7, 21), "legal_advice": (7, 28), "contact_host": (7, 28),
        "other_legal_action": (14, 40), "content_removed": (0, 4), "reopen": (1, 5)}
RESOLVE = {Phase.INFORMAL: 0.6, Phase.MEETING: 0.6, Phase.ESCALATED: 0.4}
NOT_BY_CHANCE = frozenset({"close", "reopen", "content_removed", "police",
                           "other_legal_action"})
HEAD_STEPS = frozenset({"headteacher_meeting", "parent_refused", "written_warning",
                        "legal_advice", "other_legal_action"})
OFFICE_STEPS = frozenset({"report_to_site", "content_removed", "contact_host",
                          "restrict_forum_access", "removal_request"})


@dataclass
class Batch:
    incidents: list[dict]
    categories: list[dict]
    people: list[dict]
    actions: list[dict]
    search: list[tuple[int, str, str, str]]


def posting_days(start: date, today: date, rng: random.Random, n: int) -> list[date]:
    """``n`` sorted dates from ``start`` to ``today``: a rising trend, quieter in August and
    over Christmas."""
    days = [start + timedelta(d) for d in range((today - start).days + 1)]
    span = max(1, len(days) - 1)

    def weight(i: int, d: date) -> float:
        trend = 0.7 + 0.6 * i / span
        if d.month == 8:
            return 0.3 * trend
        if (d.month, d.day) >= (12, 22) or (d.month, d.day) <= (1, 3):
            return 0.5 * trend
        return trend

    cum = list(itertools.accumulate(weight(i, d) for i, d in enumerate(days)))
    return sorted(rng.choices(days, cum_weights=cum, k=n))


class IncidentMaker:
    def __init__(self, rng: random.Random, school: School, now: datetime, school_short: str,
                 town: str, follow_up_days: int, edition_of: Callable[[date], str]):
        self.rng = rng
        self.school = school
        self.now = now
        self.today = now.date()
        self.follow_up_days = follow_up_days
        self.edition_of = edition_of
        self.short = school_short
        self.town = town
        self._next: dict[tuple[IncidentFacts, str], IncidentFacts] = {}
        self._suggested: dict[IncidentFacts, tuple[str, ...]] = {}
        self._allowed: dict[IncidentFacts, tuple[str, ...]] = {}
        adults = school.adults
        # Most parents never post; a few post again and again.
        weights = [rng.choices((0, 1, 4, 15), (60, 30, 8, 2))[0] for _ in adults]
        if not any(weights):
            weights[0] = 1
        self._posters = adults
        self._poster_cum = list(itertools.accumulate(weights))
        self._platforms = list(PLATFORM_WEIGHTS)
        self._platform_cum = list(itertools.accumulate(PLATFORM_WEIGHTS.values()))
        self._categories = list(CATEGORY_WEIGHTS)
        self._category_cum = list(itertools.accumulate(CATEGORY_WEIGHTS.values()))
        self._by_class = {}
        for pupil in school.pupils:
            self._by_class.setdefault(pupil.class_name, []).append(pupil)
        self._teacher = {p.class_name: p for p in school.staff_titled("Class teacher")}
        self._assistant = {p.class_name: p for p in school.staff_titled("Teaching assistant")}
        self._deputy = school.staff_titled("Deputy Headteacher")[0]
        self._office = (school.staff_titled("Office manager")
                        + school.staff_titled("Administrative officer"))

    # --- the rules, remembered: a few hundred distinct situations cover every walk -------

    def _apply(self, facts: IncidentFacts, step: str) -> IncidentFacts:
        key = (facts, step)
        after = self._next.get(key)
        if after is None:
            after = self._next[key] = apply_step(facts, step)
        return after

    def _suggest(self, facts: IncidentFacts) -> tuple[str, ...]:
        found = self._suggested.get(facts)
        if found is None:
            found = self._suggested[facts] = tuple(
                o.step.key for o in suggestions(facts)
                if o.step.key not in ("close", "content_removed"))
        return found

    def _open(self, facts: IncidentFacts) -> tuple[str, ...]:
        found = self._allowed.get(facts)
        if found is None:
            found = self._allowed[facts] = tuple(
                o.step.key for o in options(facts)
                if o.verdict is not Verdict.REFUSED and o.step.key not in NOT_BY_CHANCE)
        return found

    def _choose(self, facts: IncidentFacts, closes: bool, taken: int, stall: int) -> str | None:
        rng = self.rng
        if not closes and taken >= stall:
            return None
        if not facts.content_still_up:
            return "close" if closes else None
        if taken == 0 and rng.random() < 0.07:
            return "content_removed"  # deleted before the school spoke to anyone
        if facts.phase is not Phase.NEW and rng.random() < RESOLVE[facts.phase]:
            return "content_removed"
        suggested = self._suggest(facts)
        if suggested and rng.random() < 0.85:
            return suggested[1] if len(suggested) > 1 and rng.random() < 0.2 else suggested[0]
        allowed = self._open(facts)
        return rng.choice(allowed) if allowed else "content_removed"

    def _walk(self, facts: IncidentFacts, seen_on: date, age: int):
        rng, today = self.rng, self.today
        if age > 60:
            closes = rng.random() < 0.98
        else:
            closes = rng.random() < (0.6 if age > 21 else 0.2)
        stall = rng.randint(0, 4)
        reopen = closes and rng.random() < 0.03
        day = seen_on + timedelta(rng.choice((0, 0, 1, 1, 2, 3)))
        steps: list[tuple[str, date]] = []
        while day <= today:
            if facts.phase is Phase.CLOSED:
                if not reopen:
                    break
                step, reopen, closes = "reopen", False, rng.random() < 0.7
                day += timedelta(rng.randint(10, 60))
                if day > today:
                    break
            elif len(steps) >= 12:
                step = "close" if closes else None
            else:
                step = self._choose(facts, closes, len(steps), stall)
            if step is None:
                break
            facts = self._apply(facts, step)
            steps.append((step, day))
            low, high = GAPS.get(step, (1, 7))
            day += timedelta(rng.randint(low, high))
        return facts, steps

    # --- one incident -------------------------------------------------------------------

    def _who(self, step: str, class_name: str) -> str:
        rng = self.rng
        if step in HEAD_STEPS:
            person = self.school.head
        elif step in OFFICE_STEPS:
            person = rng.choice(self._office)
        elif step in ("police", "close", "reopen"):
            person = rng.choice((self.school.head, self._deputy))
        else:
            person = rng.choice((self._teacher[class_name], self._deputy, self.school.head))
        return person.name.full

    def _stamp(self, day: date) -> datetime:
        stamp = datetime.combine(day, time(8)) + timedelta(minutes=self.rng.randint(0, 540))
        return min(stamp, self.now)

    def make(self, incident_id: int, posted_on: date, first_action_id: int, batch: Batch) -> int:
        """Adds one incident's rows to ``batch``; returns the next free action id."""
        rng, today = self.rng, self.today
        poster = self._posters[bisect.bisect(self._poster_cum,
                                             rng.random() * self._poster_cum[-1])]
        child = rng.choice(poster.children)
        platform = self._platforms[bisect.bisect(self._platform_cum,
                                                 rng.random() * self._platform_cum[-1])]
        primary = self._categories[bisect.bisect(self._category_cum,
                                                 rng.random() * self._category_cum[-1])]
        categories = [primary]
        if rng.random() < 0.25:
            second = rng.choice(("complaint", "offensive", "allegation", "defamatory"))
            if second != primary:
                categories.append(second)
        excerpt, summary = rng.choice(POSTS[primary])
        staff_roll = rng.random()
        if staff_roll < 0.6:
            teacher = self._teacher[child.class_name]
        elif staff_roll < 0.75:
            teacher = self._assistant[child.class_name]
        elif staff_roll < 0.9:
            teacher = self.school.head
        else:
            teacher = rng.choice(self.school.staff)
        classmates = self._by_class[child.class_name]
        pupil = rng.choice(classmates)
        if pupil is child:
            pupil = classmates[(classmates.index(child) + 1) % len(classmates)]
        class_label = child.class_name.split(" (")[0] + " class"
        fill = {"school": self.short, "teacher": teacher.formal, "pupil": pupil.name.given,
                "child": child.name.given, "class": class_label, "event": rng.choice(EVENTS),
                "town": self.town}
        named = []
        if "{teacher}" in excerpt + summary:
            named.append(teacher.id)
        if "{pupil}" in excerpt + summary:
            named.append(pupil.id)
        location = rng.choice(LOCATIONS[platform]).format(**fill)
        on_forum = platform == "school_forum"
        if platform == "facebook" and rng.random() < 0.08:
            location, on_forum = "Comment on the school's own Facebook page", True
        seen_on = min(posted_on + timedelta(rng.choice((0, 0, 0, 1, 1, 2, 3, 5))), today)
        still_up = rng.random() < 0.95
        start = IncidentFacts(Phase.NEW, frozenset(categories), on_forum, still_up,
                              platform=platform)
        facts, steps = self._walk(start, seen_on, (today - posted_on).days)
        created = self._stamp(seen_on)
        updated = created
        last = len(steps) - 1
        stale = (today - posted_on).days > 90
        forgotten = facts.phase is not Phase.CLOSED and not stale and rng.random() < 0.08
        notes, next_due = [], None
        fill.update(poster=poster.name.given, platform=get_platform(platform).label,
                    ref=str(rng.randint(1000, 99999)))
        action_id = first_action_id
        for i, (step, day) in enumerate(steps):
            due = None
            if rng.random() < FOLLOW_UP.get(step, 0.0):
                due = day + timedelta(rng.choice((self.follow_up_days,) * 3 + (3, 14)))
            # A case still open after months waits on someone else (the site, the lawyers):
            # its follow-ups were done, so the home view lists only this term's work.
            done = due is not None and (facts.phase is Phase.CLOSED or i < last or stale)
            if done and forgotten and i == last - 1:
                done = False
            if due is not None and not done and (next_due is None or due < next_due):
                next_due = due
            note = rng.choice(NOTES[step]).format(**fill)
            if note:
                notes.append(note)
            stamp = max(self._stamp(day), created) if day > seen_on else created
            updated = max(updated, stamp)
            batch.actions.append({
                "id": action_id, "incident_id": incident_id, "step": step, "taken_on": day,
                "taken_by": self._who(step, child.class_name),
                "outcome": rng.choice(OUTCOMES.get(step, ("",))), "notes": note,
                "follow_up_due": due, "follow_up_done": done,
                "removal_confirmed": step == "content_removed", "created_at": stamp,
            })
            action_id += 1
        excerpt, summary = excerpt.format(**fill), summary.format(**fill)
        batch.incidents.append({
            "id": incident_id, "posted_on": posted_on, "seen_on": seen_on,
            "reported_by": rng.choice(REPORTED_BY), "platform": platform,
            "location": location, "poster_id": poster.id, "excerpt": excerpt,
            "summary": summary, "content_still_up": facts.content_still_up,
            "on_school_forum": on_forum, "policy_edition": self.edition_of(posted_on),
            "phase": facts.phase.value,
            "phase_before_close": facts.phase_before_close.value
            if facts.phase_before_close else None,
            "next_follow_up": next_due, "created_at": created, "updated_at": updated,
        })
        batch.categories.extend({"incident_id": incident_id, "category": c} for c in categories)
        batch.people.extend({"incident_id": incident_id, "person_id": p} for p in named)
        batch.search.append((incident_id, excerpt, summary, "\n".join(notes)))
        return action_id

