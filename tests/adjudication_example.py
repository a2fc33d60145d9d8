"""A hand-made article three annotators finished with spans and relations (event arguments),
shared by the store, command-line and review-window tests of relation adjudication.

Who chose what (``RELATIONS``), and so what a strategy pre-fills:

| relation                                   | chosen by     | majority | unanimous |
|--------------------------------------------|---------------|----------|-----------|
| ATTACK -agent-> TALIBAN                    | ana, ben, cai | yes      | yes       |
| ATTACK -location-> ASAD_ABAD               | ana, ben      | yes      | no        |
| ATTACK -target-> TALIBAN                   | cai           | no       | no        |
| KILLING -count-> EMPLOYEES                 | ana, ben      | no: rita rejected EMPLOYEES |  |
| ATTACK -location-> MARKET                  | ben, cai      | yes      | no        |
"""

from __future__ import annotations

from annotator.core.adjudication import RelationKey
from annotator.core.spans import Span
from annotator.core.status import Role, SetStatus
from annotator.schemas import DocumentRecord, Located, SpanRecord
from annotator.store.adjudication import decide
from annotator.store.annotations import spans_of
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.people import GOLD, add_person
from annotator.store.relations import add_relations, relations_of
from annotator.store.store import Store

TEXT = (
    "Taliban militants launched a rocket attack that hit a market in Asad Abad, "
    "killing two employees."
)
REVIEWER = "rita"


def at(words: str, label: str) -> Span:
    start = TEXT.index(words)
    return Span(start, start + len(words), label)


TALIBAN = at("Taliban militants", "ACTOR")
ATTACK = at("rocket attack", "EVENT")
MARKET = at("market", "PLACE")
ASAD_ABAD = at("Asad Abad", "PLACE")
KILLING = at("killing", "EVENT")
EMPLOYEES = at("two employees", "FIGURE")

AGENT = RelationKey(ATTACK, TALIBAN, "agent")
LOCATION = RelationKey(ATTACK, ASAD_ABAD, "location")
TARGET = RelationKey(ATTACK, TALIBAN, "target")
COUNT = RelationKey(KILLING, EMPLOYEES, "count")
AT_MARKET = RelationKey(ATTACK, MARKET, "location")

SPANS = {
    "ana": [TALIBAN, ATTACK, ASAD_ABAD, KILLING, EMPLOYEES],
    "ben": [TALIBAN, ATTACK, MARKET, ASAD_ABAD, KILLING, EMPLOYEES],
    "cai": [TALIBAN, ATTACK, MARKET, ASAD_ABAD],
}
RELATIONS = {
    "ana": [AGENT, LOCATION, COUNT],
    "ben": [AGENT, LOCATION, COUNT, AT_MARKET],
    "cai": [AGENT, TARGET, AT_MARKET],
}


def load_relation_example(store: Store, reject_employees: bool = True) -> int:
    """Import the article (id ``raid``) as ana's, ben's and cai's finished work with their
    relations, add reviewer rita, and (``reject_employees``) have her reject EMPLOYEES first;
    returns the document's id."""
    records = [
        DocumentRecord(
            id="raid",
            text=TEXT,
            annotator=who,
            status=SetStatus.DONE,
            spans=[SpanRecord(start=s.start, end=s.end, label=s.label) for s in spans],
        )
        for who, spans in SPANS.items()
    ]
    import_records(store, [Located("t", n, r) for n, r in enumerate(records, 1)])
    document = find_document(store, "raid")
    assert document is not None
    for who, relations in RELATIONS.items():
        ids = {Span(s.start, s.end, s.label): s.id for s in spans_of(store, document, who)}
        add_relations(store, [(ids[r.source], ids[r.target], r.label) for r in relations])
    add_person(store, REVIEWER, Role.REVIEWER)
    if reject_employees:
        decide(store, document, REVIEWER, "reject", EMPLOYEES, reason="not the toll")
    return document


def relations_in(store: Store, document: int, person: str = GOLD) -> set[RelationKey]:
    """``person``'s relations on the document, by their spans and label."""
    spans = {s.id: Span(s.start, s.end, s.label) for s in spans_of(store, document, person)}
    return {
        RelationKey(spans[r.source_id], spans[r.target_id], r.label)
        for r in relations_of(store, document, person)
    }


def spans_in(store: Store, document: int, person: str = GOLD) -> set[Span]:
    return {Span(s.start, s.end, s.label) for s in spans_of(store, document, person)}
