"""The review queue counted in SQL gives exactly the items the per-span one did.

Random small corpora (``test_prefill_equivalence.build``: 1-4 annotators, overlapping and nested
spans and relations between them, finished and unfinished annotations, finished annotations
with no span, a reviewer's decisions and gold sets done) are queued by the old implementation
(``review_queue_reference``, kept as it was, relations merged the same way) and by the new one,
on the same backend and the same state; the lists must be equal: same documents, same order,
same counts and gold statuses. Half of the corpora are
pre-filled first, so gold holds spans that must not count as anyone's annotation.
"""

from __future__ import annotations

import random

from review_queue_reference import reference_review_queue
from test_prefill_equivalence import build, wipe

from annotator.core.adjudication import Strategy
from annotator.store.adjudication import ReviewItem, prefill, review_queue
from annotator.store.store import Store

CORPORA = 40  # per backend


def queues(store: Store, seed: int) -> tuple[list[ReviewItem], list[ReviewItem]]:
    wipe(store)
    rng = random.Random(seed)
    build(store, rng)
    if rng.random() < 0.5:
        prefill(store, Strategy.MAJORITY, min_annotators=1)
    return reference_review_queue(store), review_queue(store)


def test_review_queue_matches_the_per_span_implementation(store: Store) -> None:
    seen = {"items": 0, "not_compared": 0, "no_candidate": 0, "gold": 0, "tied": 0}
    for seed in range(CORPORA):
        expected, actual = queues(store, seed)
        assert actual == expected, f"seed {seed}"
        seen["items"] += len(expected)
        seen["not_compared"] += sum(not item.compared for item in expected)
        seen["no_candidate"] += sum(item.candidates == 0 for item in expected)
        seen["gold"] += sum(item.gold_status is not None for item in expected)
        keys = [(item.disagreement, item.disputed) for item in expected]
        seen["tied"] += len(keys) - len(set(keys))
    # The corpora did make the cases the equivalence is about: the one-annotator marking,
    # documents with nothing to compare, gold statuses, and ties the order breaks by id.
    assert seen["items"] > 100, seen
    assert all(count > 0 for count in seen.values()), seen
