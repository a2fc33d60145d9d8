"""Krippendorff's alpha (nominal) over token units, set-valued and with missing values."""

from __future__ import annotations

import random

import agreement_reference as reference
import pytest

from annotator.core.agreement import AnnotatedDocument, compute_agreement
from annotator.core.agreement.alpha import coincidences, nominal_alpha
from annotator.core.spans import Span


def test_krippendorffs_published_nominal_example_with_missing_values() -> None:
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    observers, twelve units, values 1-5, some missing; nominal alpha = 0.743."""
    missing = None
    observers = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, missing, missing, missing],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, missing, 3],
        [missing, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, missing],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, missing],
    ]
    units = [
        [value for value in unit if value is not missing] for unit in zip(*observers, strict=True)
    ]
    value = nominal_alpha(units)
    assert value is not None
    assert round(value, 3) == 0.743


def test_units_with_one_value_are_not_pairable() -> None:
    """In the same example unit 12 has a single value: the 40 pairable values are those of the
    other eleven units, and the unit with one value changes nothing."""
    missing = None
    observers = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, missing, missing, missing],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, missing, 3],
        [missing, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, missing],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, missing],
    ]
    units = [
        [value for value in unit if value is not missing] for unit in zip(*observers, strict=True)
    ]
    assert sum(coincidences(units).values()) == 40
    assert nominal_alpha(units[:11]) == nominal_alpha(units)


def test_undefined_alpha_is_none() -> None:
    assert nominal_alpha([[1], [2], [3]]) is None  # nothing pairable
    assert nominal_alpha([[1, 1], [1, 1, 1]]) is None  # no variation at all


def test_perfect_agreement_is_one() -> None:
    assert nominal_alpha([["a", "a"], ["b", "b", "b"], ["a", "a"]]) == 1.0


def doc(text: str, **spans: list[tuple[int, int, str]]) -> AnnotatedDocument:
    return AnnotatedDocument(
        text,
        text,
        {name: [Span(s, e, label) for s, e, label in items] for name, items in spans.items()},
    )


def test_a_nested_span_makes_a_set_value_that_disagrees_with_its_parts() -> None:
    # "Kabul" is a PLACE for both; Ann also marks it ACTOR (nested, same token), so her value
    # there is {ACTOR, PLACE}, which is not Ben's {PLACE}: the token disagrees as a whole, while
    # per label PLACE they agree everywhere.
    text = "Protests in Kabul and Herat continued"
    kabul = (12, 17)
    herat = (22, 27)
    ann = [(*kabul, "PLACE"), (*kabul, "ACTOR"), (*herat, "PLACE")]
    ben = [(*kabul, "PLACE"), (*herat, "PLACE")]
    report = compute_agreement([doc(text, ann=ann, ben=ben)], ["PLACE", "ACTOR"])
    assert report.alpha is not None
    assert report.alpha < 1.0
    assert report.alpha == pytest.approx(reference.alpha([doc(text, ann=ann, ben=ben)]))
    assert report.labels["PLACE"].alpha == 1.0
    assert report.labels["ACTOR"].alpha is not None
    assert report.labels["ACTOR"].alpha < 1.0
    # Whole-set values: {PLACE} and {ACTOR, PLACE} are two different categories.
    same_without_actor = compute_agreement([doc(text, ann=ben, ben=ben)])
    assert same_without_actor.alpha == 1.0


def test_an_annotator_who_did_not_finish_gives_no_values() -> None:
    text = "one two three four five six"
    first = doc(text, ann=[(0, 3, "X")], ben=[(0, 3, "X")], cat=[(4, 7, "X")])
    second = doc(text, ann=[(8, 13, "X")], ben=[(14, 18, "X")])  # cat did not finish
    report = compute_agreement([first, second])
    assert report.alpha == pytest.approx(reference.alpha([first, second]))
    # Giving cat's unfinished work a value would change the figure.
    with_cat = doc(text, ann=[(8, 13, "X")], ben=[(14, 18, "X")], cat=[])
    assert compute_agreement([first, with_cat]).alpha != report.alpha


@pytest.mark.parametrize("seed", range(8))
def test_alpha_matches_the_token_by_token_definition(seed: int) -> None:
    documents = reference.random_documents(random.Random(seed), 30)
    report = compute_agreement(documents)
    expected = reference.alpha(documents)
    if expected is None:
        assert report.alpha is None
    else:
        assert report.alpha == pytest.approx(expected)
    for label, figures in report.labels.items():
        expected_label = reference.alpha(documents, label)
        if expected_label is None:
            assert figures.alpha is None
        else:
            assert figures.alpha == pytest.approx(expected_label)
    by_id = {document.id: document for document in documents}
    for document in report.documents:
        expected_document = reference.alpha([by_id[document.id]])
        if expected_document is None:
            assert document.alpha is None
        else:
            assert document.alpha == pytest.approx(expected_document)
