"""The relation part of ``annotator agreement``'s table (its JSON is the report's own)."""

from __future__ import annotations

from typing import TextIO

from annotator.core.agreement.relations_f1 import RelationAgreement


def _figure(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def print_relation_agreement(report: RelationAgreement, out: TextIO) -> None:
    """Per pair: documents both finished, precision, recall and F1 with exact and with
    overlapping endpoints; per relation label: F1 (means over the pairs)."""
    if not report.pairs:
        print("\nrelations: no finished annotation has a relation", file=out)
        return
    print(
        f"\n{'relations':<24} {'docs':>5} {'P exact':>8} {'R exact':>8} {'F1 exact':>9} "
        f"{'P overlap':>10} {'R overlap':>10} {'F1 overlap':>11}",
        file=out,
    )
    for pair in report.pairs:
        print(
            f"{pair.a + ' / ' + pair.b:<24} {pair.documents:>5} "
            f"{_figure(pair.precision_exact):>8} {_figure(pair.recall_exact):>8} "
            f"{_figure(pair.f1_exact):>9} {_figure(pair.precision_overlap):>10} "
            f"{_figure(pair.recall_overlap):>10} {_figure(pair.f1_overlap):>11}",
            file=out,
        )
    print(
        f"{'mean over pairs':<24} {'':>5} {'':>8} {'':>8} {_figure(report.f1_exact):>9} "
        f"{'':>10} {'':>10} {_figure(report.f1_overlap):>11}",
        file=out,
    )
    print(f"\n{'relation label':<24} {'F1 exact':>9} {'F1 overlap':>11}", file=out)
    for name, figures in report.labels.items():
        print(
            f"{name:<24} {_figure(figures.f1_exact):>9} {_figure(figures.f1_overlap):>11}",
            file=out,
        )
