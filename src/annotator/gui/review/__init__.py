"""The reviewer's adjudication mode: the review queue, one document's merged candidates, one-key
decisions on its gold set, the decision log, and undo.

The gold standard is the annotation set of the reserved person ``gold``
(:mod:`annotator.store.adjudication`); every decision commits in its own transaction before
the panel shows it. :mod:`annotator.gui.review.mode` puts the panel into the main window as a
mode of its own; ``create_review_window`` builds that window already in review mode.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.gui.review.mode import create_review_window

__all__ = ["create_review_window"]


def __getattr__(name: str) -> Any:
    if name == "create_review_window":
        from annotator.gui.review.mode import create_review_window

        return create_review_window
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
