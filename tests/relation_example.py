"""A small relation-agreement example, worked out by hand in
tests/core/agreement/test_relation_agreement.py, and a way to store it.

Two documents; ana and ben finish both, cy finishes d1 only (cy's relation on d2 is in an
unfinished set and must not count). Offsets are code points into the texts, end exclusive.
"""

from __future__ import annotations

from annotator.core.agreement.relations_f1 import Endpoint, FinishedRelations, RelationRow
from annotator.core.status import SetStatus
from annotator.schemas import DocumentRecord, Located, SpanRecord
from annotator.store.annotations import spans_of
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.relations import add_relations
from annotator.store.store import Store

TEXTS = {
    "d1": "Taliban militants launched a rocket attack that hit a market in Asad Abad, "
    "killing two employees.",
    "d2": "Afghan army forces recaptured Qala-e-Zal district from the Taliban.",
}
ATTACK: Endpoint = (36, 42, "EVENT")
ROCKET_ATTACK: Endpoint = (29, 42, "EVENT")
TALIBAN: Endpoint = (0, 7, "ACTOR")
TALIBAN_MILITANTS: Endpoint = (0, 17, "ACTOR")
ASAD_ABAD: Endpoint = (64, 73, "PLACE")
ASAD_ABAD_AS_ACTOR: Endpoint = (64, 73, "ACTOR")
TWO_EMPLOYEES: Endpoint = (83, 96, "FIGURE")
TWO: Endpoint = (83, 86, "FIGURE")
RECAPTURED: Endpoint = (19, 29, "EVENT")
AFGHAN_ARMY_FORCES: Endpoint = (0, 18, "ACTOR")
AFGHAN_ARMY: Endpoint = (0, 11, "ACTOR")
ARMY_FORCES: Endpoint = (7, 18, "ACTOR")
AFGHAN: Endpoint = (0, 6, "ACTOR")
QALA: Endpoint = (30, 49, "PLACE")
QALA_SHORT: Endpoint = (30, 40, "PLACE")
D2_TALIBAN: Endpoint = (59, 66, "ACTOR")

Relation = tuple[Endpoint, Endpoint, str]
# (document, annotator, status, relations)
SETS: list[tuple[str, str, SetStatus, list[Relation]]] = [
    (
        "d1",
        "ana",
        SetStatus.DONE,
        [
            (ATTACK, TALIBAN, "agent"),
            (ATTACK, ASAD_ABAD, "location"),
            (ATTACK, TWO_EMPLOYEES, "count"),
        ],
    ),
    (
        "d1",
        "ben",
        SetStatus.DONE,
        [
            (ROCKET_ATTACK, TALIBAN_MILITANTS, "agent"),
            (ATTACK, ASAD_ABAD, "location"),
            (ATTACK, TWO, "count"),
        ],
    ),
    (
        "d1",
        "cy",
        SetStatus.DONE,
        [
            (ATTACK, TALIBAN, "agent"),
            (ATTACK, ASAD_ABAD_AS_ACTOR, "target"),
            (ATTACK, TALIBAN, "target"),
        ],
    ),
    (
        "d2",
        "ana",
        SetStatus.DONE,
        [
            (RECAPTURED, AFGHAN_ARMY_FORCES, "agent"),
            (RECAPTURED, AFGHAN, "agent"),
            (RECAPTURED, QALA, "location"),
        ],
    ),
    (
        "d2",
        "ben",
        SetStatus.DONE,
        [
            (RECAPTURED, AFGHAN_ARMY, "agent"),
            (RECAPTURED, ARMY_FORCES, "agent"),
            (RECAPTURED, D2_TALIBAN, "target"),
            (RECAPTURED, QALA_SHORT, "location"),
        ],
    ),
    ("d2", "cy", SetStatus.IN_PROGRESS, [(RECAPTURED, AFGHAN_ARMY_FORCES, "agent")]),
]
RELATION_LABELS = ("agent", "target", "location", "count")


def finished_example() -> FinishedRelations:
    """The example as relation agreement reads it, documents numbered 1 and 2."""
    number = {"d1": 1, "d2": 2}
    return FinishedRelations(
        finished=[(number[doc], who) for doc, who, status, _ in SETS if status is SetStatus.DONE],
        relations=[
            RelationRow(number[doc], who, source, target, label)
            for doc, who, _, relations in SETS
            for source, target, label in relations
        ],
        labels=RELATION_LABELS,
    )


def store_example(store: Store) -> dict[str, int]:
    """Import the example's documents with each annotator's spans and status, then add the
    relations; the documents' row ids by name."""
    records = []
    for line, (doc, who, status, relations) in enumerate(SETS, start=1):
        ends = sorted({end for source, target, _ in relations for end in (source, target)})
        spans = [SpanRecord(start=s, end=e, label=label) for s, e, label in ends]
        record = DocumentRecord(id=doc, text=TEXTS[doc], annotator=who, status=status, spans=spans)
        records.append(Located("example.jsonl", line, record))
    import_records(store, records)
    ids = {doc: find_document(store, doc) for doc in TEXTS}
    for doc, who, _, relations in SETS:
        document = ids[doc]
        assert document is not None
        span_ids = {(s.start, s.end, s.label): s.id for s in spans_of(store, document, who)}
        add_relations(
            store,
            [(span_ids[source], span_ids[target], label) for source, target, label in relations],
        )
    return {doc: ident for doc, ident in ids.items() if ident is not None}
