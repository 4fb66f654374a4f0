"""What can stop a document from printing, each with a message fit to show the office."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from avenue_desk.policy import PolicyQuote


class ReportError(Exception):
    """Base class: a document that cannot be printed as asked; ``str()`` says why."""


@dataclass(frozen=True)
class TemplateProblem:
    """Something to put right before a document can print.

    ``field`` is the merge field (``"parent_name"``), or ``"template"`` for the wording
    itself; ``message`` is a whole sentence for the office.
    """

    field: str
    message: str


def describe_char(ch: str) -> str:
    """``𓂀 (U+13080 EGYPTIAN HIEROGLYPH D010)``: the character, its code and its name."""
    name = unicodedata.name(ch, "")
    code = f"U+{ord(ch):04X}"
    return f"{ch} ({code} {name})" if name else f"{ch} ({code})"


class UnprintableText(ReportError):
    """A field holds characters that no bundled font can draw.

    Raised by the renderer instead of drawing black boxes; ``field`` is the merge field or
    part of the document, ``label`` how to name it in a sentence, ``chars`` the culprits.
    """

    def __init__(self, field: str, chars: Iterable[str], label: str = "") -> None:
        self.field = field
        self.chars = tuple(sorted(set(chars)))
        self.label = label or field.replace("_", " ")
        listed = ", ".join(describe_char(c) for c in self.chars)
        subject = self.label[:1].upper() + self.label[1:]
        super().__init__(f"{subject} contains {listed}, which no font can print.")

    @property
    def problem(self) -> TemplateProblem:
        return TemplateProblem(self.field, str(self))

    def __reduce__(self):  # picklable across worker threads/processes
        return (type(self), (self.field, self.chars, self.label))


class TemplateError(ReportError):
    """The letter's wording or its merge fields need attention before printing."""

    def __init__(self, problems: Iterable[TemplateProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__(" ".join(p.message for p in self.problems))

    def __reduce__(self):
        return (type(self), (self.problems,))


class LetterNotAllowed(ReportError):
    """The policy does not allow this letter for this incident (reason and sentence)."""

    def __init__(self, reason: str, quote: PolicyQuote | None = None) -> None:
        self.reason = reason
        self.quote = quote
        super().__init__(reason)

    def __reduce__(self):
        return (type(self), (self.reason, self.quote))


class RenderCancelled(ReportError):
    """The user cancelled a batch; nothing was produced."""

    def __init__(self, message: str = "Cancelled before the PDF was finished.") -> None:
        super().__init__(message)


class MissingResource(ReportError):
    """A font, template or image the document needs could not be read."""


def unprintable_note(chars: Iterable[str]) -> str:
    """What prints in place of text holding characters no bundled font can draw, so that
    the rest of the document prints and nothing is dropped silently. Plain ASCII, which
    every font has: "[Not printed: it has characters none of the printer's fonts can
    draw (U+13080 EGYPTIAN HIEROGLYPH D010). See it on screen in Avenue Desk.]"."""
    found = sorted(set(chars))
    named = []
    for ch in found[:3]:
        name = unicodedata.name(ch, "")
        named.append(f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X}")
    if len(found) > 3:
        named.append(f"and {len(found) - 3} more")
    return (f"[Not printed: it has characters none of the printer's fonts can draw "
            f"({', '.join(named)}). See it on screen in Avenue Desk.]")


class TooLongToPrint(ReportError):
    """A piece of the document is taller than a page and cannot be split over pages.

    ``field`` is the merge field or part of the document when it is known (the message
    names it and says what to do); ``document`` which document of a batch it is in."""

    def __init__(self, field: str = "", label: str = "", document: int = 0) -> None:
        self.field = field
        self.label = label or field.replace("_", " ")
        self.document = document
        what = self.label or "part of the document"
        super().__init__(f"Too long to fit on a page of the PDF: {what}. Shorten it and "
                         "print again.")

    @property
    def problem(self) -> TemplateProblem:
        return TemplateProblem(self.field or "template", str(self))

    def __reduce__(self):
        return (type(self), (self.field, self.label, self.document))
