"""People: adding annotators and reviewers, changing roles, and the reserved gold owner."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from annotator.core.adjudication import Strategy
from annotator.core.spans import Span
from annotator.core.status import Role, SetStatus
from annotator.schemas import DocumentRecord, Located, SpanRecord
from annotator.store.adjudication import decide, prefill
from annotator.store.annotations import add_span, set_status
from annotator.store.assignments import assign
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.models import Person
from annotator.store.people import GOLD, PersonError, add_person, list_people, role_of
from annotator.store.store import Store


def roles(store: Store) -> dict[str, str]:
    with store.reading() as session:
        return dict(session.execute(select(Person.name, Person.role)).all())


def test_add_person_and_change_their_role(store: Store) -> None:
    assert add_person(store, "ana", Role.ANNOTATOR) is True
    assert add_person(store, "  rita ", Role.REVIEWER) is True
    assert role_of(store, "ana") is Role.ANNOTATOR
    assert role_of(store, "rita") is Role.REVIEWER  # the name is stripped
    assert add_person(store, "ana", Role.REVIEWER) is False  # not new: the role changed
    assert role_of(store, "ana") is Role.REVIEWER
    assert roles(store) == {"ana": "reviewer", "rita": "reviewer"}
    assert role_of(store, "nobody") is None


@pytest.mark.parametrize("name", ["", "   "])
def test_a_person_needs_a_name(store: Store, name: str) -> None:
    with pytest.raises(PersonError, match="needs a name"):
        add_person(store, name, Role.ANNOTATOR)
    assert roles(store) == {}


def test_gold_is_reserved(store: Store) -> None:
    with pytest.raises(PersonError, match="reserved"):
        add_person(store, GOLD, Role.REVIEWER)
    with pytest.raises(PersonError, match="annotator or a reviewer"):
        add_person(store, "ana", Role.GOLD)
    assert roles(store) == {}


def test_the_gold_owner_is_no_person_to_list_or_log_in_as(store: Store) -> None:
    import_records(
        store,
        [
            Located(
                "t",
                n,
                DocumentRecord(
                    id="d",
                    text="Kabul and Herat",
                    annotator=name,
                    status=SetStatus.DONE,
                    spans=[SpanRecord(start=0, end=5, label="PLACE")],
                ),
            )
            for n, name in enumerate(["ana", "ben"], 1)
        ],
    )
    prefill(store, Strategy.UNANIMOUS)  # creates the gold owner
    assert roles(store)[GOLD] == "gold"
    assert role_of(store, GOLD) is None
    assert [p.name for p in list_people(store)] == ["ana", "ben"]


def test_list_people_counts_assignments_and_progress(store: Store) -> None:
    import_records(
        store,
        [Located("t", n, DocumentRecord(id=f"d{n}", text=f"Text {n}")) for n in range(1, 4)],
    )
    ids = [find_document(store, f"d{n}") for n in range(1, 4)]
    add_person(store, "ana", Role.ANNOTATOR)
    add_person(store, "ben", Role.ANNOTATOR)
    add_person(store, "rita", Role.REVIEWER)
    assign(store, ["ana", "ben"], 2)
    assert ids[0] is not None
    assert ids[1] is not None
    set_status(store, ids[0], "ana", SetStatus.DONE)
    add_span(store, ids[1], "ana", 0, 4, "ACTOR")
    decide(store, ids[0], "rita", "accept", Span(0, 4, "ACTOR"))  # rita's work is on gold
    summary = {
        p.name: (p.role, p.assigned, p.sets_done, p.sets_in_progress) for p in list_people(store)
    }
    assert summary == {
        "ana": ("annotator", 3, 1, 1),
        "ben": ("annotator", 3, 0, 0),
        "rita": ("reviewer", 0, 0, 0),
    }
