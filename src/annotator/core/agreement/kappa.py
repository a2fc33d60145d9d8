"""Cohen's kappa for two annotators, from a contingency table.

kappa = (p_o - p_e) / (1 - p_e), where p_o is the share of units both gave the same category
and p_e = sum over categories of (share a gave it) * (share b gave it). Computed in integers
until the last division, so agreement that is perfect gives exactly 1.0.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

H = TypeVar("H", bound=Hashable)


def cohen_kappa(table: Mapping[tuple[H, H], int]) -> float | None:
    """Kappa from ``table``: (category of a, category of b) -> number of units.

    None when undefined: no units, or chance agreement is already total (both annotators gave
    every unit one and the same category, so p_e = 1).
    """
    total = 0
    agreed = 0
    rows: dict[H, int] = {}
    columns: dict[H, int] = {}
    for (x, y), count in table.items():
        total += count
        if x == y:
            agreed += count
        rows[x] = rows.get(x, 0) + count
        columns[y] = columns.get(y, 0) + count
    chance = sum(count * columns.get(category, 0) for category, count in rows.items())
    # p_o = agreed / total, p_e = chance / total**2; multiply through by total**2.
    denominator = total * total - chance
    if total == 0 or denominator == 0:
        return None
    return (total * agreed - chance) / denominator


def kappa_of(a: Iterable[H], b: Iterable[H]) -> float | None:
    """Kappa of two parallel sequences of categories (one per unit)."""
    table: dict[tuple[H, H], int] = {}
    for pair in zip(a, b, strict=True):
        table[pair] = table.get(pair, 0) + 1
    return cohen_kappa(table)
