"""The relation part of ``annotator agreement``'s table (its JSON is the report's own)."""

from __future__ import annotations

from typing import TextIO

from annotator.core.agreement.relations_f1 import FIGURE_NAMES, RelationAgreement


def _figure(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def print_relation_agreement(report: RelationAgreement, out: TextIO) -> None:
    """Per pair: documents both finished, precision, recall and F1 with exact and with
    overlapping endpoints; per relation label: F1 (means over the pairs)."""
    if not report.pairs:
        print("\nrelations: no finished annotation has a relation", file=out)
        return
    widths = [max(len(name), 6) for name in FIGURE_NAMES]
    print(
        f"\n{'relations':<24} {'docs':>5} "
        + " ".join(f"{h:>{w}}" for h, w in zip(FIGURE_NAMES, widths, strict=True)),
        file=out,
    )
    for pair in report.pairs:
        shown = (_figure(value) for value in pair.figures())
        print(
            f"{pair.a + ' / ' + pair.b:<24} {pair.documents:>5} "
            + " ".join(f"{f:>{w}}" for f, w in zip(shown, widths, strict=True)),
            file=out,
        )
    means = ("", "", _figure(report.f1_exact), "", "", _figure(report.f1_overlap))
    print(
        f"{'mean over pairs':<24} {'':>5} "
        + " ".join(f"{f:>{w}}" for f, w in zip(means, widths, strict=True)),
        file=out,
    )
    print(f"\n{'relation label':<24} {'F1 exact':>9} {'F1 overlap':>11}", file=out)
    for name, figures in report.labels.items():
        print(
            f"{name:<24} {_figure(figures.f1_exact):>9} {_figure(figures.f1_overlap):>11}",
            file=out,
        )
