"""The room above lines for relation arcs: only lines where a relation starts or ends get it,
and adding or deleting a relation lays out just those lines again."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from annotator.core.labels import default_schema
from annotator.core.relations import default_relation_schema
from annotator.gui.article_view import ArticleView
from annotator.store.annotations import StoredSpan
from annotator.store.relations import StoredRelation

pytestmark = pytest.mark.gui

# Paragraphs of one short line each: the first and third alike. (The document's last block
# is left out of the comparison: it carries the document's bottom margin.)
TEXT = "The attack hit Asad Abad.\nNothing happened here.\nThe attack hit Asad Abad.\nEnd."
ATTACK = StoredSpan(4, 10, "EVENT", 1)
PLACE = StoredSpan(15, 24, "PLACE", 2)
LATER_ATTACK = StoredSpan(53, 59, "EVENT", 3)
LATER_PLACE = StoredSpan(64, 73, "PLACE", 4)
SPANS = [ATTACK, PLACE, LATER_ATTACK, LATER_PLACE]


@pytest.fixture
def view(qtbot: QtBot) -> ArticleView:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def heights(view: ArticleView) -> list[float]:
    document = view.document()
    layout = document.documentLayout()
    return [
        layout.blockBoundingRect(document.findBlockByNumber(n)).height()
        for n in range(document.blockCount() - 1)
    ]


def test_only_paragraphs_with_arcs_get_room_above(view: ArticleView) -> None:
    relation = StoredRelation(ATTACK.id, PLACE.id, "location", 10)
    schema = default_relation_schema()
    view.show_document(TEXT, SPANS, default_schema(), [relation], schema)
    first, middle, last = heights(view)
    room = view.arcs.room()
    assert room > 0
    assert first == pytest.approx(last + room, abs=0.1)
    assert middle < first
    # A relation in the last paragraph: it gets the room too, the first keeps it.
    later = StoredRelation(LATER_ATTACK.id, LATER_PLACE.id, "location", 11)
    view.set_relations([relation, later], schema)
    assert heights(view) == pytest.approx([first, middle, first], abs=0.1)
    # The first one deleted: its paragraph gives the room back.
    view.set_relations([later], schema)
    assert heights(view) == pytest.approx([last, middle, first], abs=0.1)
    view.set_relations([], schema)
    assert heights(view) == pytest.approx([last, middle, last], abs=0.1)
