"""Where the review keys go next: the candidate made current when a document opens, the next
undecided candidate after a decision, and the queue's documents after the open one.

No Qt here. A candidate is *undecided* while it is neither in gold nor named by a decision
(:attr:`CandidateRow.undecided`); candidates are in (start, end, label) order, each span's
relation candidates right after it (:func:`~annotator.gui.review.rows.place`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from annotator.gui.review.rows import Row, Subject, place, subject_of

T = TypeVar("T")


def after(items: Sequence[T], is_current: Callable[[T], bool]) -> list[T]:
    """``items`` from the one after the current to the end, then from the start: every item
    but the current one, once. With no current item, all of them in order."""
    start = next((n + 1 for n, item in enumerate(items) if is_current(item)), 0)
    return [item for item in [*items[start:], *items[:start]] if not is_current(item)]


def opening_candidate(rows: Sequence[Row]) -> Row | None:
    """The candidate made current when a document opens: its first disputed one still to
    decide, else its first undecided one, else its first; None for a document without any."""
    return (
        next((row for row in rows if row.to_decide), None)
        or next((row for row in rows if row.undecided), None)
        or (rows[0] if rows else None)
    )


def next_undecided(rows: Sequence[Row], decided: Subject) -> Row | None:
    """The first undecided candidate after ``decided`` (which may be gone from ``rows``: a
    rejected correction), wrapping to the document's start; None when none is left."""
    here = place(decided)
    later = [row for row in rows if place(subject_of(row)) > here]
    earlier = [row for row in rows if place(subject_of(row)) < here]
    return next((row for row in [*later, *earlier] if row.undecided), None)
