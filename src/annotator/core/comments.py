"""Comments: a person's free-text note on one of their spans, or on a document (with a flag).

A comment is stored as given, at most :data:`COMMENT_LIMIT` characters; an empty or blank one
is no comment (stored as NULL, left out of exports). Comments never take part in agreement or
adjudication: they are notes for people, not annotations.
"""

from __future__ import annotations

from annotator.core.texts import unstorable

COMMENT_LIMIT = 2000


def cleaned(comment: str | None) -> str | None:
    """``comment`` as stored: None for no comment (None, empty or only whitespace)."""
    return comment if comment is not None and comment.strip() else None


def comment_problem(comment: object) -> str | None:
    """Why ``comment`` cannot be stored as a comment, or None."""
    if not isinstance(comment, str):
        return f"must be a string, not {type(comment).__name__}"
    if len(comment) > COMMENT_LIMIT:
        return f"is {len(comment):,} characters long; at most {COMMENT_LIMIT:,} are kept"
    return unstorable(comment)
