"""What the review mode shows of one candidate: its verdict and the decision that made it.

No Qt here: the candidate table, the article view and the tests read the same rows. Offsets are
code points into the stored text, end exclusive.
"""

# ruff: noqa: RUF001 (en dashes in offset ranges and key lists are meant)

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from annotator.core.adjudication import Candidate
from annotator.core.spans import Span
from annotator.store.adjudication import DecisionRecord


class Verdict(StrEnum):
    """Where a candidate stands: in the gold set, kept out of it by a decision, or open."""

    IN = "in"
    OUT = "out"
    OPEN = "open"


@dataclass(frozen=True, slots=True)
class CandidateRow:
    """One candidate as the review mode lists it; ``id`` names it in the article view and
    stays the same while its document is open."""

    id: int
    candidate: Candidate
    verdict: Verdict
    decision: DecisionRecord | None  # the latest decision about this span, if any
    # The annotators' comments on this span, as (person, comment): shown, never decided on.
    comments: tuple[tuple[str, str], ...] = ()

    @property
    def span(self) -> Span:
        return self.candidate.span

    @property
    def undecided(self) -> bool:
        """Neither in gold nor named by a decision: what A and R move on to."""
        return self.verdict is Verdict.OPEN

    @property
    def to_decide(self) -> bool:
        """Disputed and undecided: what the view outlines with a dashed line."""
        return self.undecided and not self.candidate.agreed


def candidate_rows(
    candidates: Sequence[Candidate],
    decisions: Sequence[DecisionRecord],
    ids: Mapping[Span, int],
    comments: Mapping[Span, Sequence[tuple[str, str]]] | None = None,
) -> list[CandidateRow]:
    """Rows for ``candidates`` (in their order), each with its latest decision and verdict,
    and the annotators' ``comments`` on its span."""
    comments = comments or {}
    latest: dict[Span, DecisionRecord] = {}
    for made in decisions:  # oldest first: later ones win
        latest[made.span] = made
        if made.original is not None:
            latest[made.original] = made
    rows = []
    for candidate in candidates:
        decision = latest.get(candidate.span)
        if candidate.in_gold:
            verdict = Verdict.IN
        elif decision is not None:
            verdict = Verdict.OUT
        else:
            verdict = Verdict.OPEN
        said = tuple(comments.get(candidate.span, ()))
        rows.append(CandidateRow(ids[candidate.span], candidate, verdict, decision, said))
    return rows


def hover_text(rows: Sequence[CandidateRow], text: str, offset: int) -> str:
    """Who chose each candidate covering code point ``offset``, and where it stands: one
    line per candidate, e.g. ``PLACE “Kunduz”: ana, ben (2/3); to decide``."""
    lines = []
    for row in rows:
        span = row.span
        if span.start <= offset < span.end:
            words = " ".join(text[span.start : span.end].split())
            state = decision_text(row.decision, span) or (
                "agreed" if row.candidate.agreed else "to decide"
            )
            lines.append(f"{span.label} “{words}”: {chosen_by_text(row.candidate)}; {state}")
            lines.extend(comment_lines(row))
    return "\n".join(lines)


def comment_lines(row: CandidateRow) -> list[str]:
    """``✎ ana: unsure``, one line per annotator's comment on the candidate's span."""
    return [f"✎ {person}: {comment}" for person, comment in row.comments]


def chosen_by_text(candidate: Candidate) -> str:
    """``"ana, ben (2/3)"``; ``"reviewer"`` for a span no annotator chose (a correction)."""
    if not candidate.chosen_by:
        return "reviewer"
    return f"{', '.join(candidate.chosen_by)} ({len(candidate.chosen_by)}/{candidate.of})"


def span_text(span: Span) -> str:
    return f"{span.label} {span.start}–{span.end}"


def decision_text(decision: DecisionRecord | None, span: Span) -> str:
    """What the latest decision did to ``span``, in a few words."""
    if decision is None:
        return ""
    if decision.action == "accept":
        return "accepted"
    if decision.action == "reject":
        return "rejected"
    if decision.action == "prefill":
        return "pre-filled"
    # A correction: this span is either the new version or the one it replaced.
    original = decision.original
    if decision.span == span:
        return "correction" if original is None else f"corrects {span_text(original)}"
    new = decision.span
    if original is not None and (new.start, new.end) == (original.start, original.end):
        return f"relabelled {new.label}"
    if new.label == span.label:
        return f"boundaries → {new.start}–{new.end}"
    return f"corrected → {span_text(new)}"


def action_text(decision: DecisionRecord) -> str:
    """The decision log's words for a decision."""
    if decision.action == "correct" and decision.original is not None:
        old, new = decision.original, decision.span
        if (old.start, old.end) == (new.start, new.end):
            return f"relabel {old.label} → {new.label}"
        if old.label == new.label:
            return f"boundaries {old.start}–{old.end} → {new.start}–{new.end}"
        return "correct"
    return {"accept": "accept", "reject": "reject", "prefill": "pre-fill"}.get(
        decision.action, decision.action
    )
