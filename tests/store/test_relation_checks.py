"""An import's relation checks on their own (no database): what the relation schema allows
decides, including ends that allow any span label."""

from __future__ import annotations

from annotator.core.relations import RelationLabel, RelationSchema
from annotator.schemas import DocumentRecord, Located
from annotator.store.import_checks import RecordChecker

# `mentions` goes from an EVENT span to a span of any label.
SCHEMA = RelationSchema([RelationLabel("mentions", "#112233", "m", ("EVENT",), ())])
LABELS = ("EVENT", "ACTOR")


def problems(spans: list[tuple[int, int, str]], relations: list[tuple[int, int, str]]) -> list[str]:
    record = DocumentRecord.model_validate(
        {
            "id": "d",
            "text": "abc",
            "spans": [{"start": s, "end": e, "label": label} for s, e, label in spans],
            "relations": [{"from": i, "to": j, "label": label} for i, j, label in relations],
        }
    )
    (batch,) = RecordChecker(LABELS, SCHEMA, "ana", 10).batches([Located("x.jsonl", 1, record)])
    return [problem.message for _number, _stage, problem in batch.problems]


def test_an_open_end_takes_any_known_label_and_the_closed_one_only_its_own() -> None:
    assert problems([(0, 1, "EVENT"), (1, 2, "ACTOR")], [(0, 1, "mentions")]) == []
    assert problems([(0, 1, "EVENT"), (1, 2, "EVENT")], [(0, 1, "mentions")]) == []
    assert problems([(0, 1, "ACTOR"), (1, 2, "EVENT")], [(0, 1, "mentions")]) == [
        "relation 0 -> 1 mentions: a 'mentions' relation goes EVENT -> any, not ACTOR -> EVENT"
    ]


def test_a_span_of_an_unknown_label_at_an_open_end_is_one_problem_not_two() -> None:
    assert problems([(0, 1, "EVENT"), (1, 2, "PERSON")], [(0, 1, "mentions")]) == [
        "span 1..2 has label 'PERSON', which is not in the schema (ACTOR, EVENT)"
    ]
