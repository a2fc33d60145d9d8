"""The figures agreement produces, and the JSON report made of them.

A figure is None when it is undefined (see ``report``). Offsets never appear here: documents
are named by their ids, annotators by their names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotator.core.agreement.units import DocumentId


@dataclass(frozen=True, slots=True)
class PairAgreement:
    a: str
    b: str
    documents: int
    """Documents both finished."""
    f1_exact: float | None
    f1_overlap: float | None
    kappa: float | None
    label_f1_exact: dict[str, float | None]
    label_f1_overlap: dict[str, float | None]
    label_kappa: dict[str, float | None]


@dataclass(frozen=True, slots=True)
class LabelAgreement:
    alpha: float | None
    alpha_u: float | None
    f1_exact: float | None
    f1_overlap: float | None
    """F1 of this label's spans, pooled over every pair and document."""


@dataclass(frozen=True, slots=True)
class DocumentAgreement:
    id: DocumentId
    annotators: tuple[str, ...]
    """Those who finished it, by name."""
    alpha: float | None
    f1_exact: float | None
    f1_overlap: float | None
    """Pooled over every pair of ``annotators``."""


@dataclass(frozen=True, slots=True)
class Agreement:
    alpha: float | None
    alpha_u: float | None
    pairs: list[PairAgreement]
    """By (a, b), a before b in name order."""
    labels: dict[str, LabelAgreement]
    documents: list[DocumentAgreement]
    """Least agreed first: by alpha, then F1 exact, lowest first; None after every number."""

    def to_json(self) -> dict[str, Any]:
        """The report: plain dicts, lists, strings, numbers and None."""
        return {
            "alpha": self.alpha,
            "alpha_u": self.alpha_u,
            "pairs": [
                {
                    "a": pair.a,
                    "b": pair.b,
                    "f1_exact": pair.f1_exact,
                    "f1_overlap": pair.f1_overlap,
                    "kappa": pair.kappa,
                }
                for pair in self.pairs
            ],
            "labels": {
                name: {
                    "alpha": label.alpha,
                    "alpha_u": label.alpha_u,
                    "f1_exact": label.f1_exact,
                    "f1_overlap": label.f1_overlap,
                }
                for name, label in self.labels.items()
            },
            "documents": [
                {"id": document.id, "alpha": document.alpha, "f1_exact": document.f1_exact}
                for document in self.documents
            ],
        }
