"""The window's item models pass Qt's model tester, and the document list loads lazily."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from window_support import import_texts

from annotator.core.labels import default_schema
from annotator.core.status import SetStatus
from annotator.gui.document_model import DOCUMENT_ID_ROLE, DocumentListModel
from annotator.gui.span_model import SPAN_ID_ROLE, SpanListModel, one_line
from annotator.store.annotations import StoredSpan, add_span, set_status
from annotator.store.documents import StatusFilter
from annotator.store.store import Store

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]


@pytest.fixture
def corpus(sqlite_url: str) -> Iterator[tuple[Store, dict[str, int]]]:
    ids = import_texts(sqlite_url, [(f"d{n:03}", f"Text number {n}.\nMore.") for n in range(25)])
    with Store.open(sqlite_url) as store:
        add_span(store, ids["d003"], "ana", 0, 4, "ACTOR")
        set_status(store, ids["d005"], "ana", SetStatus.DONE)
        yield store, ids


def test_document_model_pages_lazily(
    qtmodeltester: ModelTester, corpus: tuple[Store, dict[str, int]]
) -> None:
    store, ids = corpus
    model = DocumentListModel(store, "ana", page_size=10)
    model.set_filter(StatusFilter.ALL, "")
    assert model.rowCount() == 10
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 25
    assert not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    row = model.row_of(ids["d003"])
    assert row is not None
    assert model.index(row, DocumentListModel.SPANS).data() == "1"
    assert model.index(row, 0).data(DOCUMENT_ID_ROLE) == ids["d003"]
    assert model.index(row, 0).data() == "Text number 3."


def test_document_model_filters_and_finds_rows(
    qtmodeltester: ModelTester, corpus: tuple[Store, dict[str, int]]
) -> None:
    store, ids = corpus
    model = DocumentListModel(store, "ana", page_size=10)
    model.set_filter(StatusFilter.DONE, "")
    assert [model.document_at(r).id for r in range(model.rowCount())] == [ids["d005"]]
    model.set_filter(StatusFilter.ALL, "number 2")
    assert model.rowCount() == 6  # number 2, and 20 to 24
    model.set_filter(StatusFilter.ALL, "")
    assert model.rowCount() == 10
    assert model.ensure_loaded(ids["d024"]) == 24
    assert model.rowCount() == 25
    model.update_document(ids["d024"], SetStatus.IN_PROGRESS, 3)
    assert model.index(24, DocumentListModel.SPANS).data() == "3"
    qtmodeltester.check(model)
    # The tester watches the next reset (and fetches pages as a view would).
    model.set_filter(StatusFilter.NOT_STARTED, "")
    assert ids["d005"] not in {model.document_at(r).id for r in range(model.rowCount())}
    assert ids["d003"] not in {model.document_at(r).id for r in range(model.rowCount())}


def test_span_model_inserts_removes_and_relabels(qtmodeltester: ModelTester) -> None:
    text = "Taliban fighters\r\nattacked\tKunduz."
    model = SpanListModel()
    model.reset(text, [StoredSpan(27, 33, "PLACE", 7)], default_schema())
    qtmodeltester.check(model)
    model.insert([StoredSpan(0, 7, "ACTOR", 3), StoredSpan(8, 33, "EVENT", 9)])
    assert [model.span_at(r).id for r in range(3)] == [3, 9, 7]
    assert model.index(1, SpanListModel.TEXT).data() == "fighters⏎attacked Kunduz"
    assert model.index(0, SpanListModel.OFFSETS).data() == "0\u20137"
    assert model.index(0, 0).data(SPAN_ID_ROLE) == 3
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    model.replace(StoredSpan(0, 7, "FIGURE", 3))
    assert model.span_at(0).label == "FIGURE"
    model.remove([9, 12345])
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_one_line_cuts_long_text() -> None:
    assert one_line("a" * 100, 10) == "a" * 9 + "…"
    assert one_line("x\ny", 10) == "x⏎y"


@pytest.mark.parametrize("brk", ["\r\n", "\n", "\r", "\u2029"])
def test_one_line_marks_every_paragraph_break_and_no_line_separator(brk: str) -> None:
    assert one_line(f"weeks.{brk}On\u2028Tuesday") == "weeks.⏎On Tuesday"
