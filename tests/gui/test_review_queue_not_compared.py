"""A document only one annotator finished is marked "one annotator: not compared" in the review
queue and its heading, not shown as fully agreed; the reviewer can still make its gold."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from review_support import at, gold_of, key, load_team_corpus, open_review, panel_of, records
from window_support import isolated_settings

from annotator.core.status import SetStatus
from annotator.gui.main_window import MainWindow
from annotator.gui.review.queue_model import DOCUMENT_ID_ROLE, ReviewQueueModel
from annotator.schemas import Located
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_review"]

SOLO = "Kabul was quiet on Wednesday, officials in Herat said."
SOLO_SPANS = [at("Kabul", "PLACE", text=SOLO), at("Herat", "PLACE", text=SOLO)]


@pytest.fixture
def corpus(sqlite_url: str) -> dict[str, int]:
    """The team corpus (three documents two or three annotators finished) and "solo", which
    only ana finished (ben started it)."""
    ids = load_team_corpus(sqlite_url)
    with Store.open(sqlite_url) as store:
        lines = [*records("solo", SOLO, {"ana": SOLO_SPANS})]
        lines.append(
            lines[0].model_copy(update={"annotator": "ben", "status": SetStatus.IN_PROGRESS})
        )
        import_records(store, [Located("t", n, r) for n, r in enumerate(lines, 1)])
        solo = find_document(store, "solo")
    assert solo is not None
    return {**ids, "solo": solo}


def row_of(model: ReviewQueueModel, document_id: int) -> int:
    row = model.row_of(document_id)
    assert row is not None
    return row


def test_one_annotator_documents_are_marked_not_compared(
    corpus: dict[str, int],
    sqlite_url: str,
    open_review: Callable[..., MainWindow],
    qtmodeltester: ModelTester,
) -> None:
    window = open_review(sqlite_url)
    panel = panel_of(window)
    model = panel.queue.model
    qtmodeltester.check(model)
    solo = row_of(model, corpus["solo"])
    text = [model.index(solo, column).data() for column in range(model.columnCount())]
    assert text[ReviewQueueModel.DONE_BY] == "not compared"
    assert text[ReviewQueueModel.DISPUTED] == ""  # not "0/2": nothing was disputed against
    tip = model.index(solo, ReviewQueueModel.DISPUTED).data(Qt.ItemDataRole.ToolTipRole)
    assert "one annotator: not compared (2 candidate span(s))" in tip
    assert panel.queue.table.columnSpan(solo, ReviewQueueModel.DONE_BY) == 2
    # Documents two annotators finished are compared as before, agreed ones included.
    for name, shown in (("agreed", ("2", "0/1")), ("calm", ("2", "1/2")), ("news", ("3", "6/7"))):
        row = row_of(model, corpus[name])
        cells = (
            model.index(row, ReviewQueueModel.DONE_BY).data(),
            model.index(row, ReviewQueueModel.DISPUTED).data(),
        )
        assert cells == shown, name
        assert panel.queue.table.columnSpan(row, ReviewQueueModel.DONE_BY) == 1
    # Ctrl+PgDown through the queue to it: its heading says so too.
    for _ in range(model.rowCount()):
        if panel.session.document is not None and panel.session.document.id == corpus["solo"]:
            break
        key(panel, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    document = panel.session.document
    assert document is not None
    assert document.id == corpus["solo"]
    assert panel.meta.text() == (
        "one annotator: not compared (2 candidates) · gold not started, 0 spans"
    )
    assert model.index(solo, 0).data(DOCUMENT_ID_ROLE) == corpus["solo"]
    # The reviewer can still make its gold: all from ana (Shift+1).
    key(panel, Qt.Key.Key_1, Qt.KeyboardModifier.ShiftModifier)
    assert gold_of(sqlite_url, corpus["solo"]) == set(SOLO_SPANS)
    assert panel.meta.text().endswith("gold in progress, 2 spans")
