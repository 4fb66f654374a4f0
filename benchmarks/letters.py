"""Letters and the governors' report on the big demo database, against bare ReportLab.

* one letter: ``services.letters.render`` (read the incident and its people, check the
  policy, fill the wording, escape and check every field, choose fonts run by run, lay out,
  number the pages) against a bare platypus letter with the same words in the same fonts;
* 500 letters into one PDF: ``services.letters.render_batch`` against one bare platypus
  document holding the same 500 letters;
* the governors' report: its queries (``build``) and, separately, everything after them
  (``render_data``: tables, charts, layout), which must stay under a second.

Nothing is recorded on any timeline (``record=False``); the database is only read.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import Result, median_time, open_signed_in, paired

KIND = "removal-request"
BATCH = 500
ONE_TARGET = "≤ 1.5×"


def _ready_ids(services, wanted: int) -> list[int]:
    """Incidents that can have the removal request now (open, poster a parent, the post
    not recorded as removed: that letter waits for the office to answer its check)."""
    from sqlalchemy import select

    from avenue_desk.store.models import Incident

    with services.db.read() as session:
        candidates = list(session.scalars(
            select(Incident.id).where(
                Incident.phase.in_(("new", "informal", "meeting", "escalated")),
                Incident.poster_id.is_not(None), Incident.content_still_up.is_(True))
            .order_by(Incident.id.desc()).limit(wanted * 3)))
    ready = list(services.letters.plan_batch(candidates, KIND).ready)
    return ready[:wanted]


def _bare_words(services, incident_id: int) -> list[tuple[str, str]]:
    """The same letter's words, as (markup, style name) pairs: read once, outside the timing."""
    from xml.sax.saxutils import escape

    from avenue_desk.reports.templates import fill_template

    prepared = services.letters.prepare(incident_id, KIND)
    filled = fill_template(services.letters.templates.get(KIND), prepared.values)
    settings = services.settings.load()
    values = prepared.values
    words = [(escape(settings.school_name), "school_name"),
             (escape(settings.address).replace("\n", "<br/>"), "school_address"),
             (escape(values["parent_name"]), "tight"),
             (escape(values["parent_address"]).replace("\n", "<br/>"), "tight"),
             (escape(values["letter_date"]), "right"),
             ("Dear Parent/Carer,", "salutation"),
             (escape(filled.subject), "subject")]
    for block in filled.blocks:
        style = "quote" if block.kind == "quote" else "body"
        words += [(escape(line), style) for line in block.lines]
    words += [("Yours sincerely,", "tight"), ("", "signature"),
              (escape(settings.head_name), "tight"), ("Headteacher", "tight")]
    return words


def _bare_story(words: list[tuple[str, str]], styles) -> list:
    """Plain platypus paragraphs in the same fonts (made inside the timing, as ours are)."""
    from reportlab.platypus import Paragraph, Spacer

    return [Spacer(1, 48) if style == "signature" else Paragraph(text, styles[style])
            for text, style in words]


def _bare_pdf(stories) -> bytes:
    import io

    from reportlab.platypus import PageBreak, SimpleDocTemplate

    from avenue_desk.reports import styles as S

    def footer(canvas, doc):
        canvas.setFont("DejaVuSans", 8)
        canvas.drawCentredString(S.PAGE_SIZE[0] / 2, S.FOOTER_Y, f"Page {doc.page}")

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=S.PAGE_SIZE, leftMargin=S.MARGIN_LEFT,
                            rightMargin=S.MARGIN_RIGHT, topMargin=S.MARGIN_TOP,
                            bottomMargin=S.MARGIN_BOTTOM)
    flowables = []
    for n, story in enumerate(stories):
        if n:
            flowables.append(PageBreak())
        flowables += story
    doc.build(flowables, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def run(data_dir: Path, repeats: int) -> tuple[list[Result], list[str]]:
    from avenue_desk.reports.fonts import bundled_fonts
    from avenue_desk.reports.styles import stylesheet

    services = open_signed_in(data_dir)
    results, info = [], []
    try:
        bundled_fonts().ensure()  # both sides use the same registered TrueType fonts
        styles = stylesheet()
        ids = _ready_ids(services, BATCH)
        if not ids:
            return [], ["Letter benchmarks skipped: no incident can have a removal request."]
        one = ids[0]
        words = _bare_words(services, one)
        app_pdf = services.letters.render(one, KIND, record=False)
        anchor_pdf = _bare_pdf([_bare_story(words, styles)])
        app, anchor = paired(lambda: services.letters.render(one, KIND, record=False),
                             lambda: _bare_pdf([_bare_story(words, styles)]), repeats)
        results.append(Result("one letter (read, check, fill, lay out)", app, anchor,
                              ONE_TARGET, note=f"{_pages(app_pdf)} page(s) vs "
                              f"{_pages(anchor_pdf)}; anchor = the same words as plain "
                              "platypus paragraphs in the same fonts (words read beforehand)"))
        batch_runs = max(1, min(3, repeats))
        all_words = [_bare_words(services, i) for i in ids]
        app_batch, anchor_batch = paired(
            lambda: services.letters.render_batch(ids, KIND),
            lambda: _bare_pdf([_bare_story(w, styles) for w in all_words]), batch_runs)
        pdf = services.letters.render_batch(ids, KIND)
        results.append(Result(f"{len(ids)} letters into one PDF", app_batch, anchor_batch,
                              ONE_TARGET, note=f"{_pages(pdf):,} pages; app includes reading "
                              "the 500 incidents and checking each against the policy"))
        summaries = services.summaries
        # The last complete term (the summer holiday is a reporting period of its own).
        term = next(t for t in summaries.recent_terms(4)[1:] if not t.is_holiday)
        build = median_time(lambda: summaries.build(term.start, term.end), repeats)
        data = summaries.build(term.start, term.end)
        render = median_time(lambda: summaries.render_data(data), repeats)
        results.append(Result(f"governors' report: beyond its queries ({term.label})", render,
                              build, "< 1 s", compared="anchor",
                              note=f"app = render_data (tables, charts, layout); anchor = "
                              f"build, the queries over {data.current.total:,} + two terms' "
                              "incidents"))
    finally:
        services.close()
    return results, info
