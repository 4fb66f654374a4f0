"""One letter for each of many incidents, into one PDF, made off the GUI thread.

Before anything is made, the dialog lists the incidents that cannot have the chosen letter
and why (the policy's stage, no poster recorded, an empty field); they are left out. The
letters are laid out on a worker thread with a progress bar and a Cancel button, the window
staying responsive; the first pages are previewed. Saving or printing records the letter
on each incident's timeline, again in the background.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.letters import KINDS, LABELS, Cancelled, letter_operation
from avenue_desk.ui.dialogs.document_dialog import DocumentDialog
from avenue_desk.ui.style import in_role, set_role
from avenue_desk.ui.tasks import Task
from avenue_desk.ui.widgets.pdf_preview import draw_pages

PREVIEW_PAGES = 4
BATCH_KINDS = tuple(k for k in KINDS if k != "meeting")  # each meeting needs its own time
SHOWN_REFUSALS = 12  # incident numbers listed for each reason


class BatchLettersDialog(DocumentDialog):
    records = True

    def __init__(self, services, incident_ids, parent: QWidget | None = None):
        self.incident_ids = list(dict.fromkeys(incident_ids))
        count = len(self.incident_ids)
        super().__init__(services, f"Letters for {count:,} incident{'s' * (count != 1)}",
                         "Letters.pdf", parent)
        self.plan = None
        self.included: tuple[int, ...] = ()
        self._serial = 0
        self.plan_tasks: list[Task] = []
        self.task: Task | None = None
        self.record_task: Task | None = None
        self.progress: QProgressDialog | None = None
        self._drawn: dict[str, object] = {}  # the preview's pages, drawn by the worker
        self.kind = QComboBox()
        self.kind.setAccessibleName("Letter")
        for kind in BATCH_KINDS:  # only the letters this account may make
            if services.guard.allowed(letter_operation(kind)):
                self.kind.addItem(LABELS[kind], kind)
        self.kind.currentIndexChanged.connect(self.check_plan)
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.plan_label.setTextFormat(Qt.TextFormat.RichText)
        self.plan_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.make_button = QPushButton("Make one PDF")
        set_role(self.make_button, "primary")
        self.make_button.clicked.connect(self.make)
        side = QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 8, 0)
        side.addWidget(QLabel("<b>Letter</b>"))
        side.addWidget(self.kind)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.plan_label)
        side.addWidget(scroll, 1)
        side.addWidget(self.make_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.side.show()
        self.splitter.setSizes([440, 640])
        self._enable(False)
        self.check_plan()

    def current_kind(self) -> str:
        return self.kind.currentData()

    def check_plan(self, *_args) -> Task | None:
        """Which incidents can have the letter, listed before anything is made. Checking
        builds every letter once, so it too runs on a worker thread."""
        self.pdf = None
        self.plan = None
        self._enable(False)
        self.make_button.setEnabled(False)
        self.preview.show_message("Choose the letter, then Make one PDF. The first pages will "
                                  "appear here.")
        self.plan_label.setText(f"Checking {len(self.incident_ids):,} incidents against the "
                                "policy…")
        self._serial += 1
        serial, letters, ids, kind = (self._serial, self._services.letters, self.incident_ids,
                                      self.current_kind())
        task = Task(lambda _p, _c: letters.plan_batch(ids, kind), self)
        task.finished.connect(lambda plan: self._planned(serial, plan))
        task.failed.connect(lambda error: self._planned(serial, None, error))
        task.done.connect(lambda: self.plan_tasks.remove(task))
        self.plan_tasks.append(task)
        task.start()
        return task

    def _planned(self, serial: int, plan, error=None) -> None:
        if serial != self._serial:
            return  # the letter was changed while this was being checked
        self.plan = plan
        if plan is None:
            self.plan_label.setText(in_role(f"<b>{html.escape(str(error))}</b>", "error"))
            return
        ready, refused = len(plan.ready), plan.refused
        parts = [f"<p><b>{ready:,} of {len(self.incident_ids):,}</b> incidents can have this "
                 "letter.</p>"]
        if refused:
            parts.append(f"<p>{len(refused):,} will be left out:</p>")
            by_reason: dict[str, list[int]] = {}
            for incident_id, why in refused:
                by_reason.setdefault(why, []).append(incident_id)
            for why, ids in sorted(by_reason.items(), key=lambda item: -len(item[1])):
                shown = ", ".join(str(i) for i in ids[:SHOWN_REFUSALS])
                more = f" and {len(ids) - SHOWN_REFUSALS:,} more" if len(
                    ids) > SHOWN_REFUSALS else ""
                which = "Incident" if len(ids) == 1 else f"{len(ids):,} incidents"
                parts.append(f"<p><b>{which}</b> ({shown}{more}): {html.escape(why)}</p>")
        self.plan_label.setText("".join(parts))
        self.make_button.setEnabled(ready > 0 and self.task is None)
        self.file_name = self._file_name()

    def _file_name(self) -> str:
        from avenue_desk.services.letters import SHORT_NAMES, safe_file_name
        from avenue_desk.ui.labels import uk_date

        today = uk_date(self._services.clock.today())
        count = len(self.plan.ready) if self.plan else 0
        return safe_file_name(f"{SHORT_NAMES[self.current_kind()]}s - {count} incidents - "
                              f"{today}.pdf")

    def make(self) -> Task | None:
        """Starts the worker; the progress dialog's Cancel stops it."""
        if self.plan is None or not self.plan.ready or self.task is not None:
            return None
        letters, ids, kind = self._services.letters, list(self.plan.ready), self.current_kind()
        dpi, drawn = self.preview.fitting_dpi(), self._drawn

        def work(progress, cancelled):
            result = letters.render_batch_result(ids, kind, progress, cancelled,
                                                 skip_refused=True)
            # The first pages are drawn here too, not in the window's thread.
            drawn["pages"] = draw_pages(result.pdf, dpi, PREVIEW_PAGES)
            return result

        drawn.clear()
        task = Task(work, self)
        progress = QProgressDialog(f"Making {len(ids)} letters…", "Cancel", 0, len(ids), self)
        progress.setWindowTitle("Making letters")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(task.cancel)
        task.progress.connect(lambda done, total: progress.setValue(done))
        task.finished.connect(self._made)
        task.failed.connect(self._failed)
        task.done.connect(self._finished)
        self.task, self.progress = task, progress
        self.make_button.setEnabled(False)
        self.kind.setEnabled(False)
        progress.show()
        task.start()
        return task

    def _made(self, result) -> None:
        self.pdf, self.included = result.pdf, result.included
        shown = self.preview.show_pages(self._drawn.pop("pages"))
        self._enable(True)
        left_out = (f" {len(result.skipped) - len(self.plan.refused)} more could not be made "
                    "and were left out." if len(result.skipped) > len(self.plan.refused) else "")
        self.show_status(f"{len(result.included)} letters are ready (the first {shown} pages "
                         f"are shown).{left_out} Save or print them to record each on its "
                         "timeline.")

    def _failed(self, error) -> None:
        if isinstance(error, Cancelled):
            self.show_status("Cancelled: no PDF was made.", ok=False)
        else:
            self.show_status(f"The letters could not be made: {error}", ok=False)

    def _finished(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
        self.progress = None
        self.task = None
        self.kind.setEnabled(True)
        self.make_button.setEnabled(self.pdf is None and bool(self.plan and self.plan.ready))

    def after_output(self, action: str, file_name: str) -> str:
        letters, ids, kind = self._services.letters, list(self.included), self.current_kind()
        task = Task(lambda _p, _c: letters.record_batch(ids, kind, action, file_name), self)
        done = f"Saved {file_name}." if action == "saved" else "Sent to the printer."
        task.finished.connect(lambda n: self.show_status(
            f"{done} Recorded on {n} incident timeline{'s' * (n != 1)}."))
        task.failed.connect(lambda error: self.show_status(
            f"The letters were {action}, but recording them failed: {error}", ok=False))
        task.done.connect(lambda: setattr(self, "record_task", None))
        self.record_task = task
        task.start()
        return "Recording each letter on its incident's timeline…"

    def reject(self) -> None:
        # The tasks are children of this dialog: their workers must be finished before it
        # goes, so that no signal is emitted from a deleted object.
        for task in (self.task, self.record_task, *self.plan_tasks):
            if task is not None and task.running:
                task.cancel()
                QThreadPool.globalInstance().waitForDone(30_000)
        super().reject()
