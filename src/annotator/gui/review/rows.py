"""What the review mode shows of one candidate: its verdict and the decision that made it.

No Qt here: the candidate table, the article view and the tests read the same rows. Offsets are
code points into the stored text, end exclusive. A relation candidate is listed right under
the candidate of its source span (:func:`listed`); the article view shows only span candidates.
"""

# ruff: noqa: RUF001 (en dashes in offset ranges and key lists are meant)

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from annotator.core.adjudication import Candidate, RelationCandidate, RelationKey
from annotator.core.spans import Span
from annotator.store.adjudication import DecisionRecord


class Verdict(StrEnum):
    """Where a candidate stands: in the gold set, kept out of it by a decision, or open."""

    IN = "in"
    OUT = "out"
    OPEN = "open"


class _Decided:
    """Where a span or relation candidate stands (``verdict``), and what that makes it."""

    __slots__ = ()
    verdict: Verdict
    candidate: Candidate | RelationCandidate

    @property
    def undecided(self) -> bool:
        """Neither in gold nor named by a decision: what A and R move on to."""
        return self.verdict is Verdict.OPEN

    @property
    def to_decide(self) -> bool:
        """Disputed and undecided: what the view outlines with a dashed line (a span)."""
        return self.undecided and not self.candidate.agreed


@dataclass(frozen=True, slots=True)
class CandidateRow(_Decided):
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


@dataclass(frozen=True, slots=True)
class RelationRow(_Decided):
    """One relation candidate as the review mode lists it (under its source span's row);
    ``id`` is from the same numbering as the span candidates'."""

    id: int
    candidate: RelationCandidate
    verdict: Verdict
    decision: DecisionRecord | None  # the latest decision about this relation, if any

    @property
    def relation(self) -> RelationKey:
        return self.candidate.relation


Row = CandidateRow | RelationRow
Subject = Span | RelationKey  # what a row is about: a span, or a relation
Place = tuple[Span, int, Span, str]  # where a row is listed: see :func:`place`


def subject_of(row: Row) -> Subject:
    return row.span if isinstance(row, CandidateRow) else row.relation


def place(subject: Subject) -> Place:
    """Where a span or relation is listed: spans in (start, end, label) order, each followed
    by the relations from it in (target, label) order."""
    if isinstance(subject, RelationKey):
        return (subject.source, 1, subject.target, subject.label)
    return (subject, 0, subject, "")


def listed(rows: Sequence[Row]) -> list[Row]:
    """``rows`` in the order the candidate table lists them (:func:`place`)."""
    return sorted(rows, key=lambda row: place(subject_of(row)))


def relation_rows(
    candidates: Sequence[RelationCandidate],
    decisions: Sequence[DecisionRecord],
    ids: Mapping[Subject, int],
) -> list[RelationRow]:
    """Rows for relation ``candidates``, each with its latest relation decision and verdict."""
    latest: dict[RelationKey, DecisionRecord] = {}
    for made in decisions:  # oldest first: later ones win
        if made.relation is None:
            continue
        latest[made.relation] = made
        if made.original_relation is not None:
            relation = made.relation
            replaced = RelationKey(relation.source, relation.target, made.original_relation)
            latest[replaced] = made
    rows = []
    for candidate in candidates:
        decision = latest.get(candidate.relation)
        if candidate.in_gold:
            verdict = Verdict.IN
        elif decision is not None:
            verdict = Verdict.OUT
        else:
            verdict = Verdict.OPEN
        rows.append(RelationRow(ids[candidate.relation], candidate, verdict, decision))
    return rows


def candidate_rows(
    candidates: Sequence[Candidate],
    decisions: Sequence[DecisionRecord],
    ids: Mapping[Subject, int],
    comments: Mapping[Span, Sequence[tuple[str, str]]] | None = None,
) -> list[CandidateRow]:
    """Rows for ``candidates`` (in their order), each with its latest decision and verdict,
    and the annotators' ``comments`` on its span."""
    comments = comments or {}
    latest: dict[Span, DecisionRecord] = {}
    for made in decisions:  # oldest first: later ones win
        if made.relation is not None:
            continue  # a relation decision names its source span, but decides no span
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


def hover_text(rows: Sequence[Row], text: str, offset: int) -> str:
    """Who chose each candidate covering code point ``offset``, and where it stands: one
    line per candidate, e.g. ``PLACE “Kunduz”: ana, ben (2/3); to decide``."""
    lines = []
    for row in rows:
        if not isinstance(row, CandidateRow):
            continue
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


def chosen_by_text(candidate: Candidate | RelationCandidate) -> str:
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


def relation_decision_text(decision: DecisionRecord | None, relation: RelationKey) -> str:
    """What the latest decision did to ``relation``, in a few words."""
    if decision is None:
        return ""
    if decision.action == "correct" and decision.original_relation is not None:
        if decision.relation == relation:
            return f"relabelled from {decision.original_relation}"
        return f"relabelled → {decision.relation.label if decision.relation else ''}"
    return {"accept": "accepted", "reject": "rejected", "prefill": "pre-filled"}.get(
        decision.action, decision.action
    )


def action_text(decision: DecisionRecord) -> str:
    """The decision log's words for a decision."""
    if decision.relation is not None:
        if decision.action == "correct" and decision.original_relation is not None:
            return f"relabel {decision.original_relation} → {decision.relation.label}"
        verb = {"accept": "accept", "reject": "reject", "prefill": "pre-fill"}
        return f"{verb.get(decision.action, decision.action)} {decision.relation.label}"
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
