"""The review queue, and the documents left to decide, computed off the GUI thread.

On a team's corpus (10,000 documents by three annotators, ~560,000 finished spans) counting the
disputes takes a few tenths of a second even in SQL, and far longer on a busy machine or a
remote PostgreSQL: the window must keep painting and answering keys meanwhile. A thread reads
the queue through the store in its own session (the store gives every call its own
transaction, so the GUI thread may read and write at the same time); the result comes back to
the GUI thread as a signal. Ctrl+J's search for documents with a candidate to decide is one
query too, a few hundredths of a second on a fresh corpus but tenths when most candidates are
already in gold: it runs in a thread the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QThread, Signal

from annotator.core.status import SetStatus
from annotator.store.adjudication import review_queue, undecided_documents
from annotator.store.store import Store

# Threads still running, kept referenced until they end: a QThread whose Python object is
# collected while it runs aborts the process (its panel may be gone by then).
_RUNNING: set[QThread] = set()


class _StoreThread(QThread):
    """Runs ``work`` (a read through the store) and sends its result back as ``done``."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.work = work

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # reported by the panel: a worker thread has no other voice
            self.failed.emit(f"{type(error).__name__}: {error}")
            return
        self.done.emit(result)


def _started(work: Callable[[], object], done: Callable[[object], None],
             failed: Callable[[str], None]) -> _StoreThread:  # fmt: skip
    thread = _StoreThread(work)
    thread.done.connect(done)
    thread.failed.connect(failed)
    thread.finished.connect(lambda: _RUNNING.discard(thread))
    _RUNNING.add(thread)
    thread.start()
    return thread


class QueueLoader(QObject):
    """Loads the review queue in a thread, one load at a time; ``loaded`` carries the items.

    A load asked for while one runs is done after it (what it reads may predate a change).
    Gold statuses changed while a load runs are applied to its result, since its snapshot may
    have been taken before them."""

    loaded = Signal(object)  # list[ReviewItem]
    failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._thread: _StoreThread | None = None
        self._again = False
        self._changed: dict[int, SetStatus | None] = {}

    @property
    def loading(self) -> bool:
        return self._thread is not None

    def load(self) -> None:
        if self._thread is not None:
            self._again = True
            return
        self._again = False
        self._changed = {}
        store = self.store
        self._thread = _started(lambda: review_queue(store), self._done, self._failed)

    def note_gold_status(self, document_id: int, status: SetStatus | None) -> None:
        if self._thread is not None:
            self._changed[document_id] = status

    def wait(self) -> None:
        """Block until a running load ends (closing the window: the store closes next)."""
        if self._thread is not None:
            self._thread.wait()

    def _done(self, items: object) -> None:
        assert isinstance(items, list)
        self._thread = None
        if self._again:
            self.load()
            return
        changed, self._changed = self._changed, {}
        self.loaded.emit(
            [
                replace(item, gold_status=changed[item.id]) if item.id in changed else item
                for item in items
            ]
        )

    def _failed(self, message: str) -> None:
        self._thread = None
        self.failed.emit(message)


class ToDecideSearch(QObject):
    """Finds, in a thread, the documents whose gold set is not done and that have a candidate
    to decide (:func:`undecided_documents`); ``found`` carries their ids. One search at a
    time: one asked for while one runs is answered by it."""

    found = Signal(object)  # set[int]
    failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._thread: _StoreThread | None = None

    @property
    def searching(self) -> bool:
        return self._thread is not None

    def search(self) -> None:
        if self._thread is None:
            store = self.store
            self._thread = _started(lambda: undecided_documents(store), self._done, self._failed)

    def wait(self) -> None:
        """Block until a running search ends (closing the window: the store closes next)."""
        if self._thread is not None:
            self._thread.wait()

    def _done(self, found: object) -> None:
        self._thread = None
        self.found.emit(found)

    def _failed(self, message: str) -> None:
        self._thread = None
        self.failed.emit(message)
