"""The review queue, computed off the GUI thread.

On a team's corpus (10,000 documents by three annotators, ~560,000 finished spans) counting the
disputes takes a few tenths of a second even in SQL, and far longer on a busy machine or a
remote PostgreSQL: the window must keep painting and answering keys meanwhile
(:class:`annotator.gui.background.Background` runs it in a thread). Ctrl+J's search for
documents with a candidate to decide is one query too, a few hundredths of a second on a fresh
corpus but tenths when most candidates are already in gold: it runs in a thread the same way.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from annotator.core.status import SetStatus
from annotator.gui.background import Background
from annotator.store.adjudication import ReviewItem, review_queue, undecided_documents
from annotator.store.store import Store


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
        self._background = Background(lambda: review_queue(store), self)
        self._background.loaded.connect(self._done)
        self._background.failed.connect(self.failed)
        self._changed: dict[int, SetStatus | None] = {}

    @property
    def loading(self) -> bool:
        return self._background.loading

    def load(self) -> None:
        if not self.loading:
            self._changed = {}
        self._background.load()

    def note_gold_status(self, document_id: int, status: SetStatus | None) -> None:
        if self.loading:
            self._changed[document_id] = status

    def wait(self) -> None:
        """Block until a running load ends (closing the window: the store closes next)."""
        self._background.wait()

    def _done(self, items: list[ReviewItem]) -> None:
        changed, self._changed = self._changed, {}
        self.loaded.emit(
            [
                replace(item, gold_status=changed[item.id]) if item.id in changed else item
                for item in items
            ]
        )


class ToDecideSearch(QObject):
    """Finds, in a thread, the documents whose gold set is not done and that have a candidate
    to decide (:func:`undecided_documents`); ``found`` carries their ids. One search at a
    time: one asked for while one runs is answered by it."""

    found = Signal(object)  # set[int]
    failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._background = Background(lambda: undecided_documents(store), self)
        self._background.loaded.connect(self.found)
        self._background.failed.connect(self.failed)

    @property
    def searching(self) -> bool:
        return self._background.loading

    def search(self) -> None:
        if not self.searching:
            self._background.load()

    def wait(self) -> None:
        """Block until a running search ends (closing the window: the store closes next)."""
        self._background.wait()
