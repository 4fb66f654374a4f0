"""The index of a subject access export: what the folder holds, when the reply is due, and
what the Headteacher checks before sending it.

Built from plain records (``SarIndex``) whose text the services have already redacted: the
only person named here is the one who asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from . import styles as S
from .base import DocumentRenderer
from .context import SchoolDetails
from .fonts import FontRegistry
from .formatting import uk_date, uk_time


@dataclass(frozen=True)
class SarIndexFile:
    path: str  # relative to the folder: "records/incidents.csv"
    what: str
    items: int | None = None  # rows or files; None for the index and the key


@dataclass(frozen=True)
class SarEvidenceLine:
    path: str  # in the folder, or "" when it could not be copied
    belongs_to: str  # "Incident 12"
    original_name: str  # already redacted
    status: str  # "Copied; fingerprint matches" / why it is not there


@dataclass(frozen=True)
class SarIndex:
    person_name: str
    person_id: int
    role: str  # a label
    received_on: date
    exported_at: datetime  # local time
    reply_due: date
    deadline_note: str
    files: tuple[SarIndexFile, ...]
    evidence: tuple[SarEvidenceLine, ...]
    placeholders: int  # other people (and shared names) replaced
    replacements: int  # places a name was replaced
    legal_notes: int
    key_file: str
    before_sending: tuple[str, ...]
    not_included: str = ""


class SubjectAccessIndex(DocumentRenderer):
    title = "Subject access request"

    def __init__(self, school: SchoolDetails, index: SarIndex, *,
                 fonts: FontRegistry | None = None) -> None:
        super().__init__(school, fonts=fonts)
        self.index = index

    def pdf_title(self) -> str:
        return f"{self.title}: {self.index.person_name}"

    def continuation_header(self) -> str:
        return f"Subject access request · person no. {self.index.person_id}"

    def story(self) -> list[Flowable]:
        index = self.index
        story = [*self.letterhead(), self.para(self.title, "h1")]
        story.append(self.user_para(f"Everything Avenue Desk holds about {index.person_name} "
                                    f"({index.role}, person no. {index.person_id}).",
                                    "person_name", "subject", "the person's name"))
        story.append(self._dates())
        story.append(self.plain(index.deadline_note, "note"))
        story += [self.para("What is in this folder", "h2"), self._contents()]
        if index.not_included:
            story.append(self.plain(index.not_included, "note"))
        story += self._names()
        story += self._by_hand()
        story += [self.para("Before sending", "h2")]
        story += [self.plain(f"{number}. {step}", "bullet")
                  for number, step in enumerate(index.before_sending, 1)]
        story += [Spacer(1, 4 * mm), self.plain(
            "Avenue Desk wrote this export into the audit trail: the person's number and how "
            "many files were written, never what they contain.", "note")]
        return story

    def _dates(self) -> Flowable:
        index = self.index
        widths = [S.FRAME_WIDTH * 0.34, S.FRAME_WIDTH * 0.66]
        rows = [
            [self.plain("Request received", "cell_bold"),
             self.plain(uk_date(index.received_on), "cell")],
            [self.plain("Exported", "cell_bold"),
             self.plain(f"{uk_date(index.exported_at.date())} at "
                        f"{uk_time(index.exported_at)}", "cell")],
            [self.plain("Reply due by", "cell_bold"),
             self.plain(uk_date(index.reply_due), "cell_bold")],
        ]
        return self.table(rows, widths, header=False)

    def _contents(self) -> Flowable:
        widths = [S.FRAME_WIDTH * w for w in (0.43, 0.45, 0.12)]
        rows: list[list] = [[self.para("<b>File</b>", "cell"),
                             self.para("<b>What it holds</b>", "cell"),
                             self.para("<b>Items</b>", "cell_right")]]
        for item in self.index.files:
            rows.append([
                self.user_para(item.path, "file", "cell", "a file name", widths[0]),
                self.plain(item.what, "cell"),
                self.plain("" if item.items is None else f"{item.items:,}", "cell_right"),
            ])
        return self.table(rows, widths)

    def _names(self) -> list[Flowable]:
        index = self.index
        if index.replacements:
            found = (f"{index.replacements:,} mention(s) of {index.placeholders:,} other "
                     f"people were replaced.")
        else:
            found = "No other person's name was found in these records."
        return [
            self.para("Other people's names", "h2"),
            self.plain(
                "A subject access request is for the person's own data. Every name of someone "
                "else that Avenue Desk knows (the People list, the accounts, the Headteacher "
                "in Settings), and any title with a name (“Mrs Jones”), has been replaced in "
                "the files with a placeholder such as “[REDACTED: other person 1]”. The same "
                "number is the same person in every file. A first name or surname shared by "
                "several people becomes “[REDACTED: a name]”. The person's own name is "
                "left as it is.", "body"),
            self.plain(f"{found} Who each placeholder stands for is in {index.key_file}, "
                       "for the Headteacher alone: it is not part of the reply.", "body"),
        ]

    def _by_hand(self) -> list[Flowable]:
        lines = self.index.evidence
        story: list[Flowable] = [self.para("Check by hand", "h2")]
        if self.index.legal_notes:
            story.append(self.plain(
                f"{self.index.legal_notes} note(s) on legal advice or the Police are in "
                "records/actions.csv, marked “Check before sending”.", "body"))
        if not lines:
            return [*story, self.plain("There are no evidence files in this export.", "body")]
        story.append(self.plain(
            "Screenshots and other evidence files cannot be redacted automatically: check "
            "and redact each by hand before sending (names, faces, profile pictures, "
            "usernames). Each was copied only after its SHA-256 fingerprint matched the one "
            "taken when it was added.", "body"))
        widths = [S.FRAME_WIDTH * w for w in (0.38, 0.18, 0.44)]
        rows: list[list] = [[self.para(f"<b>{h}</b>", "cell") for h in
                             ("File", "From", "Fingerprint")]]
        for line in lines:
            shown = line.path or f"Not copied: {line.original_name}"
            rows.append([
                self.user_para(shown, "evidence", "cell", "an evidence file name", widths[0]),
                self.plain(line.belongs_to, "cell"),
                self.plain(line.status, "cell"),
            ])
        story.append(self.table(rows, widths))
        return story
