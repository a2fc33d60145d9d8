"""Document lists as one person sees them: keyset pages, filters, neighbours, progress."""

from __future__ import annotations

import pytest

from annotator.core.status import SetStatus
from annotator.schemas import DocumentRecord, Located
from annotator.store.annotations import add_span, set_status
from annotator.store.documents import (
    StatusFilter,
    count_documents,
    document_text,
    find_document,
    list_documents,
    neighbour,
    next_unfinished,
)
from annotator.store.importer import import_records
from annotator.store.progress import person_progress
from annotator.store.store import Store

TEXTS = {
    "n0": "Kabul\r\nfirst line",
    "n1": "A report from Herat",
    "n2": "50% of votes, 100_000 people",
    "n3": "Ghazni 😀 news",
    "n4": "Kandahar KABUL again",
    "n5": "last one, C:\\path",
}


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    import_records(
        store,
        [
            Located("t", n, DocumentRecord(id=key, text=text))
            for n, (key, text) in enumerate(TEXTS.items(), start=1)
        ],
    )
    found = {key: find_document(store, key) for key in TEXTS}
    assert all(value is not None for value in found.values())
    return {key: value for key, value in found.items() if value is not None}


@pytest.fixture
def ana_progress(store: Store, ids: dict[str, int]) -> dict[str, int]:
    """ana: n1 done, n2 in progress with two spans, n4 done; others not started."""
    set_status(store, ids["n1"], "ana", SetStatus.DONE)
    add_span(store, ids["n2"], "ana", 0, 3, "FIGURE")
    add_span(store, ids["n2"], "ana", 14, 21, "FIGURE")
    set_status(store, ids["n4"], "ana", SetStatus.DONE)
    set_status(store, ids["n0"], "bo", SetStatus.DONE)  # someone else's work counts not
    return ids


def keys(rows: list, ids: dict[str, int]) -> list[str]:  # type: ignore[type-arg]
    by_id = {value: key for key, value in ids.items()}
    return [by_id[row.id] for row in rows]


def test_list_documents_pages_in_import_order(store: Store, ids: dict[str, int]) -> None:
    first = list_documents(store, "ana", limit=4)
    assert keys(first, ids) == ["n0", "n1", "n2", "n3"]
    second = list_documents(store, "ana", after=first[-1].id, limit=4)
    assert keys(second, ids) == ["n4", "n5"]
    assert list_documents(store, "ana", after=second[-1].id, limit=4) == []
    row = first[0]
    assert (row.external_id, row.title, row.length) == ("n0", "Kabul", len(TEXTS["n0"]))
    assert (row.status, row.span_count) == (None, 0)


def test_list_shows_the_persons_status_and_span_count(
    store: Store, ana_progress: dict[str, int]
) -> None:
    rows = {row.external_id: row for row in list_documents(store, "ana")}
    assert (rows["n1"].status, rows["n1"].span_count) == (SetStatus.DONE, 0)
    assert (rows["n2"].status, rows["n2"].span_count) == (SetStatus.IN_PROGRESS, 2)
    assert rows["n0"].status is None
    assert {row.external_id: row.status for row in list_documents(store, "bo")}["n0"] == "done"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (StatusFilter.ALL, ["n0", "n1", "n2", "n3", "n4", "n5"]),
        (StatusFilter.NOT_STARTED, ["n0", "n3", "n5"]),
        (StatusFilter.IN_PROGRESS, ["n2"]),
        (StatusFilter.DONE, ["n1", "n4"]),
        (StatusFilter.UNFINISHED, ["n0", "n2", "n3", "n5"]),
    ],
)
def test_status_filters(
    store: Store, ana_progress: dict[str, int], status: StatusFilter, expected: list[str]
) -> None:
    assert keys(list_documents(store, "ana", status=status), ana_progress) == expected
    assert count_documents(store, "ana", status=status) == len(expected)


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("kabul", ["n0", "n4"]),  # case-insensitive, in the text
        ("N3", ["n3"]),  # in the id
        ("😀", ["n3"]),
        ("50%", ["n2"]),  # % and _ are characters, not wildcards
        ("0_0", ["n2"]),
        ("%", ["n2"]),
        ("_", ["n2"]),
        ("\\", ["n5"]),
        ("nothing like this", []),
    ],
)
def test_text_filter(store: Store, ids: dict[str, int], search: str, expected: list[str]) -> None:
    assert keys(list_documents(store, "ana", search=search), ids) == expected
    assert count_documents(store, "ana", search=search) == len(expected)


def test_filters_combine(store: Store, ana_progress: dict[str, int]) -> None:
    rows = list_documents(store, "ana", status=StatusFilter.DONE, search="kabul")
    assert keys(rows, ana_progress) == ["n4"]


def test_neighbours(store: Store, ana_progress: dict[str, int]) -> None:
    ids = ana_progress
    assert neighbour(store, "ana", ids["n1"]) == ids["n2"]
    assert neighbour(store, "ana", ids["n1"], forward=False) == ids["n0"]
    assert neighbour(store, "ana", ids["n5"]) is None
    assert neighbour(store, "ana", ids["n0"], status=StatusFilter.DONE) == ids["n1"]
    assert neighbour(store, "ana", ids["n4"], forward=False, status=StatusFilter.DONE) == ids["n1"]


def test_next_unfinished_wraps_around(store: Store, ana_progress: dict[str, int]) -> None:
    ids = ana_progress
    assert next_unfinished(store, "ana") == ids["n0"]
    assert next_unfinished(store, "ana", after=ids["n0"]) == ids["n2"]
    assert next_unfinished(store, "ana", after=ids["n3"]) == ids["n5"]
    assert next_unfinished(store, "ana", after=ids["n5"]) == ids["n0"]
    for key in ("n0", "n2", "n3", "n5"):
        set_status(store, ids[key], "ana", SetStatus.DONE)
    assert next_unfinished(store, "ana", after=ids["n3"]) is None


def test_progress_counts_the_persons_done_documents(
    store: Store, ana_progress: dict[str, int]
) -> None:
    assert _done_of(store, "ana") == (2, 6)
    assert _done_of(store, "bo") == (1, 6)
    assert _done_of(store, "cy") == (0, 6)


def test_document_text_is_exact(store: Store, ids: dict[str, int]) -> None:
    loaded = document_text(store, ids["n0"])
    assert (loaded.id, loaded.external_id, loaded.text) == (ids["n0"], "n0", TEXTS["n0"])
    assert find_document(store, "missing") is None


def _done_of(store: Store, person: str) -> tuple[int, int]:
    figures = person_progress(store, person)
    return figures.done, figures.may_open
