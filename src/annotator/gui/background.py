"""Work that reads the database (a count, a search over the corpus), run off the GUI thread.

A count over a team's corpus takes a few tenths of a second, far longer on a busy machine or a
remote PostgreSQL: the window must keep painting and answering keys meanwhile. The work reads
through the store, which gives every call its own session and transaction, so the GUI thread
may read and write at the same time; the result comes back to the GUI thread as a signal.

Two ways to ask: :class:`Background` runs the same work again when asked during a run (a count
that must see the latest change); :class:`LatestWork` runs whatever it is given and drops the
answer of a run superseded meanwhile (a search retyped).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

# Threads still running, kept referenced until they end: a QThread whose Python object is
# collected while it runs aborts the process (its owner may be gone by then).
_RUNNING: set[QThread] = set()


class _Call(QThread):
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.work = work

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # told to the owner: a worker thread has no other voice
            self.failed.emit(f"{type(error).__name__}: {error}")
            return
        self.done.emit(result)


class Background(QObject):
    """Runs ``work`` in a thread, one run at a time; ``loaded`` carries its result.

    A run asked for while one is running is made after it (what the running one reads may
    predate the change that asked), and only the last result is given."""

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self._thread: _Call | None = None
        self._again = False

    @property
    def loading(self) -> bool:
        return self._thread is not None

    def load(self) -> None:
        if self._thread is not None:
            self._again = True
            return
        self._again = False
        thread = _Call(self.work)
        thread.done.connect(self._done)
        thread.failed.connect(self._failed)
        thread.finished.connect(lambda: _RUNNING.discard(thread))
        _RUNNING.add(thread)
        self._thread = thread
        thread.start()

    def wait(self) -> None:
        """Block until a running load ends (closing the window: the store closes next)."""
        if self._thread is not None:
            self._thread.wait()

    def _done(self, result: object) -> None:
        self._thread = None
        if self._again:
            self.load()
            return
        self.loaded.emit(result)

    def _failed(self, message: str) -> None:
        self._thread = None
        self.failed.emit(message)


class LatestWork(QObject):
    """Runs one piece of work at a time in a thread. Starting another while one runs cancels
    the first's answer (it is dropped when it comes): only the latest is delivered."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: _Call | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, work: Callable[[], object]) -> None:
        thread = _Call(work)
        thread.done.connect(lambda result: self._finished(thread, result, None))
        thread.failed.connect(lambda reason: self._finished(thread, None, reason))
        thread.finished.connect(lambda: _RUNNING.discard(thread))
        _RUNNING.add(thread)
        self._thread = thread
        thread.start()

    def cancel(self) -> None:
        """Forget the running work's answer."""
        self._thread = None

    def _finished(self, thread: _Call, result: object, failure: str | None) -> None:
        if thread is not self._thread:
            return  # superseded or cancelled
        self._thread = None
        if failure is not None:
            self.failed.emit(failure)
        else:
            self.done.emit(result)


def wait_for_all() -> None:
    """Block until every thread started here has ended (closing the window: the store closes
    next)."""
    for thread in list(_RUNNING):
        thread.wait()
