"""Krippendorff's alpha for unitizing (alpha_u), against published worked examples."""

from __future__ import annotations

import random
from fractions import Fraction

import agreement_reference as reference
import pytest

from annotator.core.agreement import AnnotatedDocument, compute_agreement
from annotator.core.agreement.unitizing import UnitizingTally, unitizing_alpha
from annotator.core.spans import Span


def krippendorff_2004() -> UnitizingTally:
    """The example of Krippendorff (2004), Content Analysis, 2nd ed., p. 254, as DKPro
    Agreement's test encodes it (dkpro-statistics-agreement, src/test/java/org/dkpro/
    statistics/agreement/unitizing/Krippendorff2004Test.java, createExample): a continuum
    from 150 of length 300, two observers, categories c and k, units given as (begin, length):

        observer i: c (225, 70), c (370, 30), k (180, 60), k (300, 50)
        observer j: c (220, 80), c (355, 20), c (400, 20), k (180, 60), k (300, 50)

    Here shifted by -150 so that the continuum starts at 0.
    """

    def units(items: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        return [(begin - 150, begin - 150 + length, label) for begin, length, label in items]

    i = units([(225, 70, "c"), (370, 30, "c"), (180, 60, "k"), (300, 50, "k")])
    j = units([(220, 80, "c"), (355, 20, "c"), (400, 20, "c"), (180, 60, "k"), (300, 50, "k")])
    return unitizing_alpha(300, [i, j])


def test_krippendorff_2004_worked_example() -> None:
    """DKPro's expected values (its testCategoryAgreement and testAgreement): for c,
    D_o = 0.0144, D_e = 0.0532, alpha_u = 0.7286; for k, D_o = 0, D_e = 0.0490, alpha_u = 1;
    over both, alpha_u = 0.8591 within 0.0005."""
    tally = krippendorff_2004()
    assert float(tally.observed("c")) == pytest.approx(0.0144, abs=1e-4)
    assert float(tally.expected("c")) == pytest.approx(0.0532, abs=1e-4)
    assert tally.alpha("c") == pytest.approx(0.7286, abs=1e-4)
    assert float(tally.observed("k")) == 0.0
    assert float(tally.expected("k")) == pytest.approx(0.0490, abs=1e-4)
    assert tally.alpha("k") == 1.0
    assert tally.overall() == pytest.approx(0.8591, abs=5e-4)


def krippendorff_1995(stretch: float) -> UnitizingTally:
    """The example of Krippendorff (1995), "On the reliability of unitizing continuous data",
    Sociological Methodology 25, p. 57, as DKPro Agreement's Krippendorff1995Test encodes it:
    four pairs of observers on a continuum of 24, one category each (A-D), units given as
    (begin, length, observer); ``stretch`` multiplies every number."""
    data = {
        "A": [(2, 8, 0), (14, 6, 0), (4, 4, 1), (15, 2, 1)],
        "B": [(0, 18, 0), (0, 2, 1), (2, 1, 1), (3, 1, 1), (4, 1, 1), (5, 1, 1), (6, 3, 1),
              (9, 1, 1)],
        "C": [(2, 6, 0), (10, 2, 0), (14, 4, 0), (20, 2, 0), (0, 2, 1), (4, 4, 1), (10, 4, 1),
              (16, 2, 1), (20, 2, 1)],
        "D": [(0, 2, 0), (2, 8, 0), (10, 4, 0), (14, 6, 0), (20, 4, 0), (0, 4, 1), (4, 4, 1),
              (8, 7, 1), (15, 2, 1), (17, 7, 1)],
    }  # fmt: skip
    observers: list[list[tuple[int, int, str]]] = [[], []]
    for label, units in data.items():
        for begin, length, observer in units:
            start = int(begin * stretch)
            observers[observer].append((start, start + int(length * stretch), label))
    return unitizing_alpha(int(24 * stretch), observers)


def test_krippendorff_1995_observed_disagreement() -> None:
    """DKPro's testAgreement: D_o = 0.03125 (A), 2.26736 (B), 0.02777 (C), 0.38715 (D).
    B has units that touch without overlapping: they stay separate units."""
    tally = krippendorff_1995(1)
    expected = {"A": 0.03125, "B": 2.26736, "C": 0.02777, "D": 0.38715}
    for label, value in expected.items():
        assert float(tally.observed(label)) == pytest.approx(value, abs=1e-5)


def test_krippendorff_1995_category_c_on_a_coarser_continuum() -> None:
    """DKPro's testVaryingLengths at stretch 12/24: D_o = 0.02777, D_e = 0.05494, alpha_u =
    0.494 (within 0.02)."""
    tally = krippendorff_1995(0.5)
    assert float(tally.observed("C")) == pytest.approx(0.02777, abs=1e-5)
    assert float(tally.expected("C")) == pytest.approx(0.05494, abs=1e-5)
    assert tally.alpha("C") == pytest.approx(0.494, abs=0.02)


def test_krippendorff_1995_expected_disagreement_and_alpha_on_a_fine_continuum() -> None:
    """DKPro's testAgreement at stretch 1200000/24: D_e = 0.06990, 1.17731, 0.08642, 0.41445
    (within 0.005) and alpha_u = 0.553, -0.926, 0.679, 0.066 (within 0.02). The continuum is
    1.2 million characters long; the work does not grow with its length."""
    tally = krippendorff_1995(50_000)
    expected = {"A": 0.06990, "B": 1.17731, "C": 0.08642, "D": 0.41445}
    alphas = {"A": 0.553, "B": -0.926, "C": 0.679, "D": 0.066}
    for label in expected:
        assert float(tally.expected(label)) == pytest.approx(expected[label], abs=0.005)
        assert tally.alpha(label) == pytest.approx(alphas[label], abs=0.02)


def test_perfect_agreement_is_one() -> None:
    units = [(3, 9, "A"), (12, 20, "B"), (25, 30, "A")]
    tally = unitizing_alpha(40, [units, units, units])
    assert tally.alpha("A") == 1.0
    assert tally.alpha("B") == 1.0
    assert tally.overall() == 1.0


def test_identical_but_shifted_units_agree_less() -> None:
    units = [(3, 9, "A"), (12, 20, "A"), (25, 30, "A")]
    shifted = [(start + 1, end + 1, label) for start, end, label in units]
    tally = unitizing_alpha(40, [units, shifted])
    assert tally.alpha("A") is not None
    assert tally.alpha("A") < 1.0
    further = [(start + 2, end + 2, label) for start, end, label in units]
    assert unitizing_alpha(40, [units, further]).alpha("A") < tally.alpha("A")


def test_undefined_without_units() -> None:
    tally = unitizing_alpha(40, [[], []])
    assert tally.alpha("A") is None
    assert tally.overall() is None
    assert tally.expected("A") == Fraction(0)


def document(
    number: int, length: int, observers: dict[str, list[tuple[int, int, str]]]
) -> AnnotatedDocument:
    text = ("word " * length)[:length]
    spans = {name: [Span(*unit) for unit in units] for name, units in observers.items()}
    return AnnotatedDocument(number, text, spans)


def random_study(rng: random.Random) -> list[tuple[int, dict[str, list[tuple[int, int, str]]]]]:
    """Documents of random lengths; random units (nested and overlapping ones too, of the
    same label or not) from observers who may be missing from some documents."""
    study = []
    for _ in range(rng.randint(1, 6)):
        length = rng.randint(5, 60)
        observers = {}
        for name in ("ann", "ben", "cat"):
            if rng.random() < 0.2:
                continue
            units = []
            for _ in range(rng.randint(0, 4)):
                start = rng.randrange(length)
                end = rng.randint(start + 1, min(length, start + 12))
                units.append((start, end, rng.choice("AB")))
            observers[name] = units
        study.append((length, observers))
    return study


@pytest.mark.parametrize("seed", range(30))
def test_matches_the_section_by_section_definition(seed: int) -> None:
    """Over several documents with missing observers, against a direct implementation of the
    formulas (every pair of sections visited, every gap tried for every unit)."""
    study = random_study(random.Random(seed))
    report = compute_agreement(
        [document(number, length, observers) for number, (length, observers) in enumerate(study)]
    )
    observed_sum = expected_sum = 0.0
    for label in "AB":
        observed, expected = reference.unitizing(study, label)
        observed_sum += observed
        expected_sum += expected
        figure = report.labels[label].alpha_u if label in report.labels else None
        if expected == 0:
            assert figure is None
        else:
            assert figure == pytest.approx(1 - observed / expected)
    if expected_sum == 0:
        assert report.alpha_u is None
    else:
        assert report.alpha_u == pytest.approx(1 - observed_sum / expected_sum)
