"""Statuses of an annotation set and roles of people."""

from enum import StrEnum


class SetStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    DONE = "done"


class Role(StrEnum):
    ANNOTATOR = "annotator"
    REVIEWER = "reviewer"
    # The reserved owner of the adjudicated gold standard, not a person who logs in.
    GOLD = "gold"


# The reserved person who owns each document's adjudicated gold set.
GOLD = "gold"

# Who records the spans of an import whose records name no annotator (`annotator import`'s
# default --annotator): a source, not a person who works in the window.
IMPORTED = "imported"
