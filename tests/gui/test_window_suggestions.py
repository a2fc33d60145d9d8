"""Suggestions in the real window: drawn as dashed outlines, Enter accepts, Tab / Shift+Tab
move, X rejects, Ctrl+Alt+A accepts all, each undone and redone with Ctrl+Z / Ctrl+Shift+Z;
an annotator's spans never show as suggestions; Document > Suggest from a dictionary runs off
the GUI thread. The database is read back through another connection."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from relation_support import TEXT, at
from window_support import (
    USER,
    click_in,
    drag,
    import_texts,
    isolated_settings,
    open_window,
    press,
    press_text,
    stored_triples,
)

from annotator.core.status import Role
from annotator.gui.main_window import MainWindow
from annotator.store.annotations import add_spans
from annotator.store.people import add_person
from annotator.store.store import Store
from annotator.store.suggestions import suggestions_of, write_suggestions

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
SUGGESTED = [
    (*at("Taliban militants"), "ACTOR"),
    (*at("rocket"), "EVENT"),
    (*at("attack"), "EVENT"),
    (*at("Asad Abad"), "PLACE"),
]


def suggest(url: str, document: int, person: str = "model") -> None:
    with Store.open(url) as store:
        write_suggestions(store, {document: [(*s, 0.5) for s in SUGGESTED]}, person)


def suggested_now(url: str, document: int, person: str = "model") -> list[tuple[int, int, str]]:
    with Store.open(url) as store:
        return [(s.start, s.end, s.label) for s in suggestions_of(store, document, person)]


@pytest.fixture
def document(db_url: str) -> int:
    document = import_texts(db_url, [("asadabad", TEXT)])["asadabad"]
    suggest(db_url, document)
    return document


@pytest.fixture
def window(db_url: str, document: int, open_window) -> MainWindow:  # type: ignore[no-untyped-def]
    return open_window(db_url)


def test_enter_accepts_at_the_caret_then_the_next_and_undo_redo(
    window: MainWindow, db_url: str, document: int
) -> None:
    assert window.view.shown_suggestions() == SUGGESTED
    press(window, Qt.Key.Key_Return)
    assert stored_triples(db_url, document) == [SUGGESTED[0]]
    # Accepted: no longer drawn as a suggestion; the next one is current.
    assert window.view.shown_suggestions() == SUGGESTED[1:]
    assert window.suggestions.current == SUGGESTED[1]
    press(window, Qt.Key.Key_Enter)
    assert stored_triples(db_url, document) == SUGGESTED[:2]
    # The suggestions stay the model's (another annotator sees them too).
    assert suggested_now(db_url, document) == SUGGESTED

    press(window, Qt.Key.Key_Z, CTRL)
    assert stored_triples(db_url, document) == [SUGGESTED[0]]
    assert window.view.shown_suggestions() == SUGGESTED[1:]
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert stored_triples(db_url, document) == SUGGESTED[:2]
    press(window, Qt.Key.Key_Z, CTRL)
    press(window, Qt.Key.Key_Z, CTRL)
    assert stored_triples(db_url, document) == []
    assert window.view.shown_suggestions() == SUGGESTED


def test_enter_with_none_current_takes_the_first_after_the_caret(
    window: MainWindow, db_url: str, document: int
) -> None:
    window.view.select_range(*at("market"))  # the caret goes to the selection's start
    press(window, Qt.Key.Key_Return)
    assert stored_triples(db_url, document) == [SUGGESTED[3]]


def test_a_click_on_a_suggestion_makes_it_the_one_enter_and_x_answer(
    qtbot: QtBot, window: MainWindow, db_url: str, document: int
) -> None:
    press(window, Qt.Key.Key_Tab)
    press(window, Qt.Key.Key_Tab)
    assert window.suggestions.current == SUGGESTED[1]
    end = SUGGESTED[3][1]  # "Asad Abad": the click lands on "Abad", after its start
    click_in(qtbot, window.view, end - 2)
    assert window.suggestions.current == SUGGESTED[3]
    press(window, Qt.Key.Key_X)
    assert suggested_now(db_url, document) == SUGGESTED[:3]
    click_in(qtbot, window.view, SUGGESTED[0][0] + 3)  # inside "Taliban militants"
    press(window, Qt.Key.Key_Return)
    assert stored_triples(db_url, document) == [SUGGESTED[0]]
    click_in(qtbot, window.view, at("market")[0] + 1)  # no suggestion there: none current
    assert window.suggestions.current is None


def test_a_span_of_the_same_label_over_a_suggestion_answers_it(
    qtbot: QtBot, window: MainWindow, db_url: str, document: int
) -> None:
    drag(qtbot, window, *at("rocket attack"))
    press_text(window, "3")  # EVENT over the suggested EVENTs "rocket" and "attack"
    assert window.view.shown_suggestions() == [SUGGESTED[0], SUGGESTED[3]]
    drag(qtbot, window, *at("militants"))
    press_text(window, "2")  # a PLACE inside the suggested ACTOR: another mention, still shown
    assert window.view.shown_suggestions() == [SUGGESTED[0], SUGGESTED[3]]
    press(window, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.AltModifier)
    assert stored_triples(db_url, document) == sorted(
        [
            (*at("rocket attack"), "EVENT"),
            (*at("militants"), "PLACE"),
            SUGGESTED[0],
            SUGGESTED[3],
        ]
    )
    assert suggested_now(db_url, document) == SUGGESTED  # answered, not rejected
    for _ in range(3):
        press(window, Qt.Key.Key_Z, CTRL)
    assert window.view.shown_suggestions() == SUGGESTED


def test_an_accepted_suggestion_relabelled_stays_answered(
    window: MainWindow, db_url: str, document: int
) -> None:
    press(window, Qt.Key.Key_Return)  # accepts "Taliban militants" ACTOR, selected
    press_text(window, "2")  # relabels it PLACE: the ACTOR suggestion is answered all the same
    assert window.view.shown_suggestions() == SUGGESTED[1:]
    press(window, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.AltModifier)
    assert stored_triples(db_url, document) == [(*at("Taliban militants"), "PLACE"), *SUGGESTED[1:]]


def test_tab_moves_and_x_rejects_undoably(window: MainWindow, db_url: str, document: int) -> None:
    press(window, Qt.Key.Key_Tab)
    assert window.suggestions.current == SUGGESTED[0]
    press(window, Qt.Key.Key_Tab)
    press(window, Qt.Key.Key_Tab)
    assert window.suggestions.current == SUGGESTED[2]
    press(window, Qt.Key.Key_Backtab, SHIFT)
    assert window.suggestions.current == SUGGESTED[1]
    press(window, Qt.Key.Key_Tab, SHIFT)  # what some platforms send for Shift+Tab
    assert window.suggestions.current == SUGGESTED[0]
    press(window, Qt.Key.Key_Backtab, SHIFT)  # wraps round
    assert window.suggestions.current == SUGGESTED[3]
    press(window, Qt.Key.Key_Tab)
    press(window, Qt.Key.Key_Tab)  # "rocket"

    press(window, Qt.Key.Key_X)
    rest = [SUGGESTED[0], *SUGGESTED[2:]]
    assert suggested_now(db_url, document) == rest
    assert window.view.shown_suggestions() == rest
    assert window.suggestions.current == SUGGESTED[2]
    assert stored_triples(db_url, document) == []  # rejecting adds nothing of one's own

    press(window, Qt.Key.Key_Z, CTRL)
    assert suggested_now(db_url, document) == SUGGESTED
    assert window.view.shown_suggestions() == SUGGESTED
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert suggested_now(db_url, document) == rest
    # Undo, then accept what the undo gave back (its row is new): the accept finds it.
    press(window, Qt.Key.Key_Z, CTRL)
    window.suggestions.use_model_person("model")  # nothing current
    press(window, Qt.Key.Key_Tab)
    press(window, Qt.Key.Key_Tab)
    press(window, Qt.Key.Key_Return)
    assert stored_triples(db_url, document) == [SUGGESTED[1]]


def test_accept_all_is_one_undo_step(window: MainWindow, db_url: str, document: int) -> None:
    press(window, Qt.Key.Key_Tab)
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.AltModifier)
    assert stored_triples(db_url, document) == SUGGESTED
    assert window.view.shown_suggestions() == []
    assert not window.suggestion_menus.accept_all.isEnabled()
    press(window, Qt.Key.Key_Z, CTRL)
    assert stored_triples(db_url, document) == [SUGGESTED[0]]
    assert window.view.shown_suggestions() == SUGGESTED[1:]
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert stored_triples(db_url, document) == SUGGESTED


def test_label_keys_and_enter_act_as_before_without_suggestions(
    db_url: str,
    open_window,  # type: ignore[no-untyped-def]
) -> None:
    document = import_texts(db_url, [("plain", TEXT)])["plain"]
    window = open_window(db_url)
    assert window.view.shown_suggestions() == []
    window.view.select_range(*at("market"))
    press(window, Qt.Key.Key_Return)  # no suggestion: Enter does nothing
    press(window, Qt.Key.Key_P)
    assert stored_triples(db_url, document) == [(*at("market"), "PLACE")]


def test_an_annotators_spans_never_show_as_suggestions(
    db_url: str,
    open_window,  # type: ignore[no-untyped-def]
) -> None:
    document = import_texts(db_url, [("asadabad", TEXT)])["asadabad"]
    with Store.open(db_url) as store:
        add_person(store, "bob", Role.ANNOTATOR)
        add_spans(store, document, "bob", [(*at("market"), "PLACE"), (*at("attack"), "EVENT")])
    suggest(db_url, document, "dictionary")
    window = open_window(db_url)
    assert window.view.shown_suggestions() == []  # "model" has none; bob's are not shown
    window.suggestion_menus.list_model_people()
    names = [action.text() for action in window.suggestion_menus.people_menu.actions()]
    assert names == ["model", "dictionary"]
    window.suggestions.use_model_person("bob")  # not a model person: shows nothing
    assert window.view.shown_suggestions() == []
    press(window, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.AltModifier)
    assert stored_triples(db_url, document) == []
    window.suggestion_menus.people_menu.actions()[1].trigger()
    assert window.view.shown_suggestions() == SUGGESTED
    press(window, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.AltModifier)
    assert stored_triples(db_url, document) == SUGGESTED
    assert stored_triples(db_url, document, "bob") == [
        (*at("attack"), "EVENT"),
        (*at("market"), "PLACE"),
    ]


def test_document_suggest_from_a_dictionary_runs_off_the_gui_thread(
    qtbot: QtBot,
    db_url: str,
    tmp_path: Path,
    open_window,  # type: ignore[no-untyped-def]
) -> None:
    document = import_texts(db_url, [("asadabad", TEXT)])["asadabad"]
    window = open_window(db_url)
    places = tmp_path / "places.tsv"
    places.write_text("asad abad\tPLACE\nMarket\tPLACE\n", encoding="utf-8")
    window.actions.ignore_case.setChecked(True)
    menus = window.suggestion_menus
    with qtbot.waitSignal(menus.finished, timeout=10000) as said:
        menus.suggest_from_dictionary(places)
    assert said.args == [
        "2 suggestion(s) from model: Enter accepts, Tab goes to the next, X rejects"
    ]
    wanted = [(*at("market"), "PLACE"), (*at("Asad Abad"), "PLACE")]
    assert suggested_now(db_url, document) == wanted
    assert window.view.shown_suggestions() == wanted
    press(window, Qt.Key.Key_Return)
    assert stored_triples(db_url, document, USER) == wanted[:1]

    broken = tmp_path / "broken.tsv"
    broken.write_text("Kabul\tCITY\n", encoding="utf-8")
    with qtbot.waitSignal(menus.finished, timeout=10000) as said:
        menus.suggest_from_dictionary(broken)
    assert said.args[0].startswith(f"{broken}:1:")
    assert "CITY" in said.args[0]
    assert suggested_now(db_url, document) == wanted  # nothing half-written


def test_the_document_list_orders_the_least_sure_first(
    qtbot: QtBot,
    qtmodeltester,
    db_url: str,
    open_window,  # type: ignore[no-untyped-def]
) -> None:
    ids = import_texts(db_url, [(f"doc{n}", f"{TEXT} ({n})") for n in range(1, 5)])
    scores = {"doc1": (0.9, 0.95), "doc2": (0.2, 0.99), "doc3": (0.6, 0.7), "doc4": (0.2, 0.3)}
    with Store.open(db_url) as store:
        write_suggestions(
            store,
            {
                ids[name]: [(*SUGGESTED[0], low), (*SUGGESTED[1], high)]
                for name, (low, high) in scores.items()
            },
            "model",
        )
        write_suggestions(store, {ids["doc1"]: [(*SUGGESTED[2], 0.1)]}, "other")
    window = open_window(db_url)
    documents = window.documents
    QTest.keyClick(documents.filter, Qt.Key.Key_End)  # the last entry: Least sure first
    assert documents.filter.currentText() == "Least sure first"
    model = documents.model
    qtmodeltester.check(model)
    # The lowest score first; a tie goes to the lower mean (doc4's 0.25 before doc2's 0.595).
    shown = [model.document_at(row).external_id for row in range(model.rowCount())]
    assert shown == ["doc4", "doc2", "doc3", "doc1"]
    assert documents.count.text() == "4"
    documents.search.setText("(3)")
    documents.apply_filter()
    assert [model.document_at(row).external_id for row in range(model.rowCount())] == ["doc3"]
    documents.search.setText("")
    # Another model person's scores: only the documents it suggested in.
    window.suggestion_menus.use_model_person("other")
    assert [model.document_at(row).external_id for row in range(model.rowCount())] == ["doc1"]
    QTest.keyClick(documents.filter, Qt.Key.Key_Home)
    assert model.rowCount() == 4
    assert model.document_at(0).external_id == "doc1"  # import order again
