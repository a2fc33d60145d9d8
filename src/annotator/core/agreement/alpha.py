"""Krippendorff's alpha for nominal data, through the coincidence matrix.

Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": every unit u holding m_u >= 2
values adds, for each ordered pair of its values (c, k) taken from different coders,
1 / (m_u - 1) to the coincidence o_ck. Units with fewer than two values are not pairable and add
nothing (this is how missing values are handled). With n_c = sum_k o_ck and n = sum_c n_c:

    D_o = sum_{c != k} o_ck / n,  D_e = sum_{c != k} n_c * n_k / (n (n - 1)),
    alpha = 1 - D_o / D_e = 1 - (n - 1) * sum_{c != k} o_ck / (n**2 - sum_c n_c**2).

Values are compared nominally: equal values agree, anything else disagrees.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from fractions import Fraction
from typing import TypeVar

H = TypeVar("H", bound=Hashable)
Number = int | Fraction


def coincidences(units: Iterable[Iterable[H]]) -> dict[tuple[H, H], Fraction]:
    """The coincidence matrix of ``units``: each unit is the values coders gave it, missing
    values simply left out."""
    matrix: dict[tuple[H, H], Fraction] = {}
    for unit in units:
        values = list(unit)
        pairable = len(values)
        if pairable < 2:
            continue
        weight = Fraction(1, pairable - 1)
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    matrix[(c, k)] = matrix.get((c, k), Fraction(0)) + weight
    return matrix


def alpha_from_coincidences(matrix: Mapping[tuple[H, H], Number], divisor: int = 1) -> float | None:
    """Nominal alpha from the coincidence matrix ``matrix / divisor`` (ints or Fractions; the
    divisor lets callers keep integer sums, so the result is exact up to the final division).

    None when undefined: fewer than two pairable values, or no variation at all (every value
    the same category, so expected disagreement is 0).
    """
    totals: dict[H, Number] = {}
    disagreeing: Number = 0
    for (c, k), count in matrix.items():
        totals[c] = totals.get(c, 0) + count
        if c != k:
            disagreeing += count
    n: Number = sum(totals.values())
    expected = n * n - sum(count * count for count in totals.values())
    if n < 2 * divisor or expected == 0:
        return None
    # With o = matrix / divisor: (n_o - 1) * dis_o / (n_o**2 - sum n_c**2) multiplied through.
    return float(1 - Fraction((n - divisor) * disagreeing) / expected)


def nominal_alpha(units: Iterable[Iterable[H]]) -> float | None:
    """Nominal alpha of ``units`` (each the values coders gave it; missing ones left out)."""
    return alpha_from_coincidences(coincidences(units))
