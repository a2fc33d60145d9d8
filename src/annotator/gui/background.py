"""Work over the whole corpus (finding a phrase, counting occurrences) done in a thread, so
that the window keeps painting and answering keys; the answer comes back as a signal on the
GUI thread. The store gives every call its own transaction, so the thread reads in its own
session while the window reads and writes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

# Threads still running, kept referenced until they end: a QThread whose Python object is
# collected while it runs aborts the process (see review.queue_loader).
_RUNNING: set[QThread] = set()


class _Thread(QThread):
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.work = work

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # a worker thread has no other voice
            self.failed.emit(f"{type(error).__name__}: {error}")
            return
        self.done.emit(result)


class Background(QObject):
    """Runs one piece of work at a time in a thread. Starting another while one runs cancels
    the first's answer (it is dropped when it comes): only the latest is delivered."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: _Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, work: Callable[[], object]) -> None:
        thread = _Thread(work)
        thread.done.connect(lambda result: self._finished(thread, result, None))
        thread.failed.connect(lambda reason: self._finished(thread, None, reason))
        thread.finished.connect(lambda: _RUNNING.discard(thread))
        _RUNNING.add(thread)
        self._thread = thread
        thread.start()

    def cancel(self) -> None:
        """Forget the running work's answer."""
        self._thread = None

    @staticmethod
    def wait_all() -> None:
        """Block until every thread started by any Background has ended (closing the window:
        the store closes next)."""
        for thread in list(_RUNNING):
            thread.wait()

    def _finished(self, thread: _Thread, result: object, failure: str | None) -> None:
        if thread is not self._thread:
            return  # superseded or cancelled
        self._thread = None
        if failure is not None:
            self.failed.emit(failure)
        else:
            self.done.emit(result)
