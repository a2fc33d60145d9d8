"""How a document's notes and flags read in the window's headings (labelling and review)."""

from __future__ import annotations

from collections.abc import Mapping

from annotator.gui.span_model import COMMENT_MARK, one_line
from annotator.store.notes import DocumentNote

FLAG_MARK = "⚑"
NOTE_LIMIT = 60  # characters of a note in a heading; the tooltip has it whole


def own_note(note: DocumentNote) -> tuple[str, str]:
    """(the heading's line, its tooltip) for your own note; empty when there is none."""
    if note.comment is None:
        return "", ""
    return f"{COMMENT_MARK} {one_line(note.comment, NOTE_LIMIT)}", note.comment


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
        short = "" if note.comment is None else f" {one_line(note.comment, NOTE_LIMIT // 2)}"
        parts.append(f"{person} {marks}{short}")
        flagged = " (flagged)" if note.flagged else ""
        tips.append(f"{person}{flagged}: {note.comment or ''}".rstrip(": "))
    return " · ".join(parts), "\n".join(tips)
