"""Letter wording with merge fields: read, checked before printing, and filled.

A template is plain text (resources/templates/KIND.txt, or the school's own wording from
Settings). Lines starting with ``#`` are notes for whoever edits it and never print. The
first line ``Subject: ...`` is the subject line. Paragraphs are separated by blank lines;
a paragraph whose lines all start with ``- `` is a bulleted list, one starting with ``> ``
is a quotation, and a paragraph that is just a field holding a list (``{further_actions}``)
prints as a bulleted list. A paragraph starting with ``? `` prints only when every field in
it has a value (``? {removal_reminder}``): what the record does not say is left out, never
printed as a gap or a claim.

Merge fields are ``{name}``. The template is formatted, never the values, so braces in a
parent's name print as they are. An unknown field, a malformed one, or one whose value is
empty (outside a ``? `` paragraph) is a ``TemplateProblem`` before anything prints: a letter
is never printed with a gap.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from avenue_desk.paths import resource_path

from .errors import MissingResource, TemplateError, TemplateProblem
from .formatting import join_names

MergeValue = str | tuple[str, ...]

LETTER_KINDS = ("removal_request", "meeting", "warning", "forum_restriction", "host_takedown")

# Every merge field any letter offers, with how to name it in a sentence (the Settings
# editor lists these; a letter fills the ones that apply to it).
MERGE_FIELDS: dict[str, str] = {
    "school_name": "the school's name",
    "school_address": "the school's address",
    "school_phone": "the school's phone number",
    "school_email": "the school's email address",
    "school_contact": "how to contact the school",
    "school_website": "the school's website",
    "chair_of_governors": "the Chair of Governors' name",
    "complaints_procedure": "the complaints procedure and where it is",
    "concern_channels": "who to contact with a concern, by name",
    "class_teacher": "the children's class teacher (“Ela's class teacher”)",
    "child_education": "the children's education (“Ela's education”)",
    "head_name": "the headteacher's name",
    "parent_name": "the parent's name",
    "pupil_names": "the names of the parent's children",
    "relationship": "the parent's relationship to the school",
    "letter_date": "the date of the letter",
    "incident_ref": "the incident reference",
    "date_posted": "the date of the post",
    "date_seen": "the date the school saw the post",
    "post_dates": "when the post was made and when the school saw it",
    "platform": "the platform",
    "posted_where": "where the post was, as a phrase (“on Facebook”)",
    "post_where": "where the post was, with its page or group",
    "post_details": "the post: where, its link, when, and how it began",
    "opening": "the first sentence (“As we discussed on …” only when recorded)",
    "history": "what the school has done so far, as recorded",
    "deadline": "the date by which to act",
    "location": "where the post is (web address, page or group)",
    "excerpt": "the words of the post",
    "summary": "the summary of the incident",
    "categories": "the kind of post",
    "policy_title": "the policy's title",
    "policy_date": "the policy's date",
    "policy_quote": "the policy sentence this letter rests on",
    "refusal_quote": "the policy sentence on what follows a refusal",
    "further_actions": "the further actions the policy allows for this post",
    "further_actions_lead": "the sentence before the further actions",
    "meeting_date": "the meeting date",
    "meeting_time": "the meeting time",
    "meeting_place": "the meeting room",
    "meeting_length": "how long the meeting takes",
    "meeting_purpose": "what the meeting is to discuss",
    "companion": "the offer to bring someone to the meeting",
    "removal_reminder": "the reminder to remove the post (only while it is up)",
    "restriction_length": "how long the restriction lasts",
    "review_date": "when the restriction is reviewed",
    "appeal_route": "how to appeal",
    "platform_rules": "the name of the platform's rules",
    "breach_reasons": "the reasons the post breaks the platform's rules",
}

_FIELD_NAME = re.compile(r"[a-z_][a-z0-9_]*\Z")


@dataclass(frozen=True)
class Block:
    kind: str  # "para", "bullets", "quote"
    lines: tuple[str, ...]  # the template text of each line or item
    optional: bool = False  # "? ": left out when a field in it is empty


@dataclass(frozen=True)
class ParsedTemplate:
    subject: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class FilledLetter:
    subject: str
    blocks: tuple[Block, ...]  # lines now hold the final text (still to be escaped)


@cache
def default_template(kind: str) -> str:
    """The wording shipped in resources/templates/KIND.txt."""
    if kind not in LETTER_KINDS:
        raise ValueError(f"Unknown letter {kind!r}; letters: {', '.join(LETTER_KINDS)}.")
    path = resource_path("templates", f"{kind}.txt")
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise MissingResource(f"The letter template {path} could not be read: {exc}") from exc


@lru_cache(maxsize=64)
def parse_template(text: str) -> ParsedTemplate:
    """Split a template into its subject line and blocks (fields are not touched)."""
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").split("\n")]
    lines = [ln for ln in lines if not ln.lstrip().startswith("#")]
    subject = ""
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and lines[0].lower().startswith("subject:"):
        subject = lines.pop(0).split(":", 1)[1].strip()
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", "\n".join(lines)):
        rows = [r.strip() for r in chunk.strip().split("\n") if r.strip()]
        if not rows:
            continue
        optional = rows[0].startswith("? ")
        if optional:
            rows[0] = rows[0][2:].strip()
        if all(r.startswith("- ") for r in rows):
            block = Block("bullets", tuple(r[2:].strip() for r in rows))
        elif rows[0].startswith("> "):
            quoted = " ".join(r[2:] if r.startswith("> ") else r for r in rows)
            block = Block("quote", (quoted.strip(),))
        else:
            block = Block("para", (" ".join(rows),))
        blocks.append(Block(block.kind, block.lines, optional) if optional else block)
    return ParsedTemplate(subject, tuple(blocks))


@lru_cache(maxsize=64)
def optional_only_fields(text: str) -> frozenset[str]:
    """Fields used only in ``? `` paragraphs: an empty one leaves its paragraph out."""
    parsed = parse_template(text)
    needed = set(template_fields(parsed.subject))
    optional = set()
    for block in parsed.blocks:
        names = {n for line in block.lines for n in template_fields(line)}
        (optional if block.optional else needed).update(names)
    return frozenset(optional - needed)


def strip_comments(text: str) -> str:
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(ln for ln in lines if not ln.lstrip().startswith("#"))


def _parse_fields(text: str) -> tuple[list[str], list[TemplateProblem]]:
    names, problems = _parse_fields_cached(text)
    return list(names), list(problems)


@lru_cache(maxsize=256)
def _parse_fields_cached(text: str) -> tuple[tuple[str, ...], tuple[TemplateProblem, ...]]:
    names, problems = _parse_fields_uncached(strip_comments(text))
    return tuple(names), tuple(problems)


def _parse_fields_uncached(text: str) -> tuple[list[str], list[TemplateProblem]]:
    names: list[str] = []
    problems: list[TemplateProblem] = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        message = (
            "The wording has a { or } that is not part of a merge field such as {parent_name}; "
            "write {{ or }} to print a brace."
        )
        return names, [TemplateProblem("template", message)]
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not _FIELD_NAME.match(name) or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "")
            shown += (f":{spec}" if spec else "") + "}"
            problems.append(
                TemplateProblem(
                    name or "template",
                    f"{shown} is not a merge field; use plain names such as {{parent_name}}.",
                )
            )
        elif name not in names:
            names.append(name)
    return names, problems


def template_fields(text: str) -> tuple[str, ...]:
    """The merge fields ``text`` uses, in order of first use (malformed ones left out)."""
    return tuple(_parse_fields(text)[0])


def _is_empty(value: MergeValue | None) -> bool:
    if value is None:
        return True
    if isinstance(value, tuple):
        return not any(item.strip() for item in value)
    return not value.strip()


def check_template(text: str, values: Mapping[str, MergeValue]) -> list[TemplateProblem]:
    """Every reason ``text`` cannot be filled from ``values``: unknown, malformed, empty."""
    names, problems = _parse_fields(text)
    optional = optional_only_fields(text) if not problems else frozenset()
    for name in names:
        if name not in values:
            close = difflib.get_close_matches(name, list(values), n=1)
            hint = f" Did you mean {{{close[0]}}}?" if close else ""
            kind = "letter" if name in MERGE_FIELDS else "merge field"
            message = (
                f"{{{name}}} is not available in this letter.{hint}"
                if kind == "letter"
                else f"{{{name}}} is not a merge field.{hint}"
            )
            problems.append(TemplateProblem(name, message))
        elif _is_empty(values[name]) and name not in optional:
            label = MERGE_FIELDS.get(name, name.replace("_", " "))
            label = label[:1].upper() + label[1:]
            problems.append(
                TemplateProblem(name, f"{label} ({{{name}}}) is empty: fill it in before printing.")
            )
    return problems


def _inline(value: MergeValue) -> str:
    return join_names(value) if isinstance(value, tuple) else value


def fill_template(text: str, values: Mapping[str, MergeValue]) -> FilledLetter:
    """The letter's subject and blocks with every field filled.

    Raises:
        TemplateError: listing every problem ``check_template`` finds.
    """
    problems = check_template(text, values)
    if problems:
        raise TemplateError(problems)
    flat = {name: _inline(value) for name, value in values.items()}
    parsed = parse_template(text)
    blocks: list[Block] = []
    for block in parsed.blocks:
        if block.optional and any(_is_empty(values[n]) for line in block.lines
                                  for n in template_fields(line)):
            continue  # what the record does not say is left out
        names = template_fields(block.lines[0]) if len(block.lines) == 1 else ()
        only = block.lines[0].strip() == f"{{{names[0]}}}" if names else False
        if block.kind == "para" and only and isinstance(values[names[0]], tuple):
            items = tuple(item for item in values[names[0]] if item.strip())
            blocks.append(Block("bullets", items))
            continue
        blocks.append(Block(block.kind, tuple(line.format_map(flat) for line in block.lines)))
    return FilledLetter(parsed.subject.format_map(flat), tuple(blocks))
