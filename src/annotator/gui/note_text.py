"""How a document's notes and flags read in the window's headings (labelling and review)."""

from __future__ import annotations

from collections.abc import Mapping

from annotator.gui.document_model import FLAG_MARK
from annotator.gui.span_model import COMMENT_MARK, one_line
from annotator.store.notes import DocumentNote

NOTE_LIMIT = 60  # characters of a note in a heading; the tooltip has it whole
PER_PERSON_LIMIT = 30  # of each person's note, in review mode


def own_note(note: DocumentNote) -> tuple[str, str]:
    """(the heading's line, its tooltip) for your own flag and note: ``⚑ flagged · ✎ the
    date is unclear``; empty when there is neither."""
    parts = [f"{FLAG_MARK} flagged"] if note.flagged else []
    if note.comment is not None:
        parts.append(f"{COMMENT_MARK} {one_line(note.comment, NOTE_LIMIT)}")
    tip = "\n".join(p for p in ("Flagged by you" if note.flagged else "", note.comment) if p)
    return " · ".join(parts), tip


def everyone_notes(notes: Mapping[str, DocumentNote]) -> tuple[str, str]:
    """(one line, a tooltip) for each person's note and flag on a document, for review mode:
    ``ana ⚑ ✎ check with the reviewer · ben ✎ unsure``; empty when nobody left one."""
    parts, tips = [], []
    for person, note in notes.items():
        marks = " ".join(
            mark
            for mark, shown in ((FLAG_MARK, note.flagged), (COMMENT_MARK, note.comment))
            if shown
        )
        short = "" if note.comment is None else f" {one_line(note.comment, PER_PERSON_LIMIT)}"
        parts.append(f"{person} {marks}{short}")
        flagged = " (flagged)" if note.flagged else ""
        tips.append(f"{person}{flagged}: {note.comment or ''}".rstrip(": "))
    return " · ".join(parts), "\n".join(tips)
