"""Measuring stalls: the longest the GUI thread goes without turning its event loop.

``StallMonitor`` is a precise 2 ms ``QTimer`` on the GUI thread that stores the time between
its own ticks: while a slot (or anything else on that thread) runs, the timer cannot fire,
so the gap it sees is the stall a person would feel as a frozen window. While a step is
measured, a watcher thread also samples the GUI thread's Python stack whenever the current
gap passes ``SAMPLE_AFTER`` seconds (a poor man's py-spy), so the report can name the
function that held the thread.

``wait_until`` waits by running an event loop (never by sleeping), until a condition a
person could see holds and no background work is left.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

TICK_MS = 2
SAMPLE_AFTER = 0.05  # seconds without a tick before the watcher samples the GUI stack
SAMPLE_EVERY = 0.01
OUR_CODE = ("avenue_desk",)
IN_QT = "Qt's own work in the event loop (layout, painting, events)"


@dataclass
class StepStall:
    name: str
    longest: float = 0.0  # seconds: the longest gap between two turns of the event loop
    wall: float = 0.0  # seconds from the step's start to its end (its work done)
    samples: Counter = field(default_factory=Counter)  # where the GUI thread was, stalled
    worker_samples: Counter = field(default_factory=Counter)  # other threads, meanwhile
    failed: str = ""  # why the step could not finish, if it could not

    def blame(self, top: int = 2) -> list[tuple[str, float]]:
        """The most sampled places of the GUI thread while it was stalled (innermost of our
        frames, then the library call), with their share of the samples."""
        total = sum(self.samples.values())
        return [(where, count / total) for where, count in self.samples.most_common(top)]

    def workers(self, top: int = 1) -> list[tuple[str, float]]:
        """Where other threads were at those moments (share of the GUI thread's samples)."""
        total = sum(self.samples.values())
        return [(where, count / total) for where, count in self.worker_samples.most_common(top)]


def _where(frame) -> str:
    """``ui/widgets/evidence_panel.py:refresh > services/.../evidence.py:sha256_of``: our
    two innermost frames, then the innermost frame outside our code (a library call).
    When the innermost Python frame is the benchmark's own event loop, the thread is in
    Qt's C++ code (layout, painting, delivering events)."""
    stack = traceback.extract_stack(frame)
    if stack and "/benchmarks/" in stack[-1].filename:
        return IN_QT
    ours = [f for f in stack if any(f"/{name}/" in f.filename for name in OUR_CODE)]
    named = [f"{f.filename.split('/avenue_desk/')[-1]}:{f.name}" for f in ours[-2:]]
    if stack and (not ours or stack[-1] is not ours[-1]):
        last = stack[-1]
        tail = "/".join(last.filename.split("/")[-2:])
        named.append(f"[{tail}:{last.name}]")
    return " > ".join(named) or "(no Python frame)"


class StallMonitor(QObject):
    def __init__(self, parent: QObject | None = None, profile_dir=None):
        """``profile_dir``: cProfile each step's GUI thread into a file there."""
        super().__init__(parent)
        self._profile_dir = profile_dir
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._last = time.perf_counter()
        self._step: StepStall | None = None
        self._measuring = False
        self._gui_thread = threading.get_ident()
        self._stop = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="stall-watcher", daemon=True)
        self.steps: list[StepStall] = []

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()
        self._watcher.start()

    def stop(self) -> None:
        self._timer.stop()
        self._stop.set()
        self._watcher.join()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._measuring and self._step is not None:
            self._step.longest = max(self._step.longest, now - self._last)
        self._last = now

    def _watch(self) -> None:
        while not self._stop.wait(SAMPLE_EVERY):
            step = self._step
            if step is None or not self._measuring:
                continue
            if time.perf_counter() - self._last > SAMPLE_AFTER:
                frames = sys._current_frames()
                frame = frames.get(self._gui_thread)
                if frame is None:
                    continue
                step.samples[_where(frame)] += 1
                # Workers running Python hold the GIL the GUI thread needs between slices.
                for ident, other in frames.items():
                    if ident not in (self._gui_thread, threading.get_ident()):
                        step.worker_samples[_where(other)] += 1

    @contextmanager
    def step(self, name: str) -> Iterator[StepStall]:
        """Measures everything inside: what the driver does there counts, as a person's
        click runs the slot on this thread."""
        found = StepStall(name)
        self._step = found
        profiler = None
        if self._profile_dir is not None:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        start = self._last = time.perf_counter()
        self._measuring = True
        try:
            yield found
        finally:
            self._tick()  # the gap up to now counts too
            self._measuring = False
            if profiler is not None:
                profiler.disable()
                slug = "".join(c if c.isalnum() else "-" for c in name.lower())[:40]
                profiler.dump_stats(str(self._profile_dir / f"{len(self.steps):02d}-{slug}.prof"))
            found.wall = time.perf_counter() - start
            self._step = None
            self.steps.append(found)

    @contextmanager
    def unmeasured(self) -> Iterator[None]:
        """The driver standing in for a person's slow hands (typing, ticking 500 boxes one
        by one): not a stall of the program's, so not measured."""
        was = self._measuring
        self._measuring = False
        try:
            yield
        finally:
            self._last = time.perf_counter()
            self._measuring = was


class SlotErrors:
    """An exception in a slot is printed by Qt and otherwise lost: this hook keeps it, so
    that a wait for what the slot should have done fails at once, saying why."""

    def __init__(self):
        self.errors: list[BaseException] = []
        self.reported = 0  # errors already raised by a wait
        self._previous = None

    def unreported(self) -> list[BaseException]:
        found = self.errors[self.reported:]
        self.reported = len(self.errors)
        return found

    def __enter__(self) -> SlotErrors:
        self._previous = sys.excepthook

        def hook(kind, value, tb):
            traceback.print_exception(kind, value, tb, file=sys.stderr)
            self.errors.append(value)

        sys.excepthook = hook
        return self

    def __exit__(self, *_exc) -> None:
        sys.excepthook = self._previous


SLOT_ERRORS = SlotErrors()


def _operations_running() -> bool:
    try:  # the window's one way to run slow work off its thread (issue 11)
        from avenue_desk.ui.operations import running_operations
    except ImportError:
        return False
    return bool(running_operations())


def background_idle() -> bool:
    """No operation running, no work left on Qt's thread pool, no progress dialog up."""
    if _operations_running() or QThreadPool.globalInstance().activeThreadCount():
        return False
    return not any(isinstance(w, QProgressDialog) and w.isVisible()
                   for w in QApplication.topLevelWidgets())


def wait_until(what: str, ready: Callable[[], bool], timeout: float = 900.0) -> None:
    """Runs the event loop until ``ready()`` and ``background_idle()`` hold on two checks in
    a row 10 ms apart (a result can be on its way back from a worker between the two).
    Raises at once if a slot raised meanwhile (see ``SlotErrors``)."""
    loop = QEventLoop()
    deadline = time.monotonic() + timeout
    streak = 0
    failed: list[BaseException] = []

    def check() -> None:
        nonlocal streak
        try:
            streak = streak + 1 if ready() and background_idle() else 0
        except Exception as error:  # noqa: BLE001 - raised again outside the loop
            failed.append(error)
        failed.extend(SLOT_ERRORS.unreported())
        if streak >= 2 or failed or time.monotonic() > deadline:
            loop.quit()

    poll = QTimer()
    poll.setInterval(10)
    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    if failed:
        raise failed[0]
    if streak < 2:
        raise TimeoutError(f"Gave up waiting for {what} after {timeout:.0f} s.")


class PaintWatcher(QObject):
    """``painted`` turns True on the widget's first paint event after ``watch``."""

    def __init__(self, widget):
        super().__init__(widget)
        self.painted = False
        self.at: float | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            self.at = time.perf_counter()
        return False
