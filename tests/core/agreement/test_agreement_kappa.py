"""Cohen's kappa, checked against scikit-learn."""

from __future__ import annotations

import random

import agreement_reference as reference
import pytest
from sklearn.metrics import cohen_kappa_score

from annotator.core.agreement import compute_agreement
from annotator.core.agreement.kappa import cohen_kappa, kappa_of
from annotator.core.tokens import Tokens


@pytest.mark.parametrize("seed", range(20))
def test_kappa_matches_scikit_learn_on_random_ratings(seed: int) -> None:
    rng = random.Random(seed)
    categories = ["none", "ACTOR", "PLACE", "ACTOR+PLACE", "EVENT"][: rng.randint(2, 5)]
    size = rng.randint(5, 300)
    a = [rng.choice(categories) for _ in range(size)]
    # b agrees with a more often than chance, so kappa is not always near 0.
    b = [x if rng.random() < 0.6 else rng.choice(categories) for x in a]
    if len(set(a) | set(b)) < 2:
        pytest.skip("one category only: kappa undefined")
    assert kappa_of(a, b) == pytest.approx(cohen_kappa_score(a, b))


def test_kappa_is_none_when_chance_agreement_is_total() -> None:
    assert cohen_kappa({("x", "x"): 5}) is None
    assert cohen_kappa({}) is None


def test_perfect_and_chance_level_agreement() -> None:
    assert kappa_of(list("aabbc"), list("aabbc")) == 1.0
    # Marginals 50/50 on both sides and agreement exactly at chance: kappa 0.
    assert kappa_of(list("aabb"), list("abab")) == 0.0


@pytest.mark.parametrize("seed", range(6))
def test_pair_kappa_over_tokens_matches_scikit_learn(seed: int) -> None:
    documents = reference.random_documents(random.Random(100 + seed), 25)
    report = compute_agreement(documents)
    for pair in report.pairs:
        a: list[str] = []
        b: list[str] = []
        for document in documents:
            if pair.a in document.spans and pair.b in document.spans:
                values = reference.token_values(document)
                assert len(values[pair.a]) == len(Tokens(document.text))
                # The category of a token: its label set, as a hashable string for sklearn.
                a += ["+".join(sorted(value)) for value in values[pair.a]]
                b += ["+".join(sorted(value)) for value in values[pair.b]]
        if len(set(a) | set(b)) < 2:
            assert pair.kappa is None
        else:
            assert pair.kappa == pytest.approx(cohen_kappa_score(a, b))
        for label, value in pair.label_kappa.items():
            expected = reference.kappa(documents, pair.a, pair.b, label)
            assert value == (None if expected is None else pytest.approx(expected))
