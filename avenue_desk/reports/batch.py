"""Many documents into one PDF, each starting on a new page and numbered on its own.

Meant for a worker thread: ``progress(done, total)`` is called as each document is laid
out, and ``cancelled()`` is asked before each one; when it answers True the batch stops
with ``RenderCancelled`` and produces nothing. All problems (template, unprintable text)
are found before any layout starts, so a batch never fails half way for those.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .base import DocumentRenderer
from .errors import RenderCancelled, ReportError, TooLongToPrint
from .pages import PdfInfo, build_pdf

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class BatchProblem(ReportError):
    """One document of a batch cannot print; ``index`` says which (0-based)."""

    def __init__(self, index: int, error: ReportError) -> None:
        self.index = index
        self.error = error
        super().__init__(f"Document {index + 1}: {error}")

    def __reduce__(self):
        return (type(self), (self.index, self.error))


def render_batch(
    documents: Sequence[DocumentRenderer],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    title: str = "",
) -> bytes:
    """One PDF holding every document in order.

    Raises:
        BatchProblem: a document has a problem (wrapping its TemplateError, UnprintableText...).
        RenderCancelled: ``cancelled()`` returned True.
        ValueError: ``documents`` is empty.
    """
    if not documents:
        raise ValueError("A batch needs at least one document.")
    total = len(documents)

    def check_cancel() -> None:
        if cancelled is not None and cancelled():
            raise RenderCancelled()

    stories, headers = [], []
    for index, document in enumerate(documents):
        check_cancel()
        story = document.build_story()
        headers.append(document.continuation_header())
        try:
            document.raise_problems()
        except ReportError as exc:
            raise BatchProblem(index, exc) from exc
        stories.append(story)

    def on_start(index: int) -> None:
        check_cancel()
        if progress is not None and index:
            progress(index, total)

    first = documents[0]
    info = PdfInfo(title or f"{first.title} ({total})", first.school.name, first.title)
    try:
        pdf = build_pdf(stories, info, on_start, headers)
    except TooLongToPrint as exc:
        raise BatchProblem(exc.document, exc) from exc
    if progress is not None:
        progress(total, total)
    return pdf
