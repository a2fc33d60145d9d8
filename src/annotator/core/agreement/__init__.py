"""Inter-annotator agreement: Krippendorff's alpha over tokens, alpha_u over characters, span F1
and Cohen's kappa per pair of annotators, per label and per document.

Pure Python (no numpy). Offsets are code point indices into the exact stored text, end
exclusive. Only annotators who *finished* a document give values for it; everyone else is
missing there, and missing values never count.
"""

from annotator.core.agreement.report import agreement_report, compute_agreement
from annotator.core.agreement.results import (
    Agreement,
    DocumentAgreement,
    LabelAgreement,
    PairAgreement,
)
from annotator.core.agreement.units import AnnotatedDocument, SpanLike

__all__ = [
    "Agreement",
    "AnnotatedDocument",
    "DocumentAgreement",
    "LabelAgreement",
    "PairAgreement",
    "SpanLike",
    "agreement_report",
    "compute_agreement",
]
