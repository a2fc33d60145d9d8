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
    # The reserved owner of suggestions (a dictionary's or a trained model's), not a person.
    MODEL = "model"


# The reserved person who owns each document's adjudicated gold set.
GOLD = "gold"

# Who records the spans of an import whose records name no annotator (`annotator import`'s
# default --annotator): a source, not a person who works in the window.
IMPORTED = "imported"

# Who owns suggestions unless `annotator suggest --as NAME` names another model person.
MODEL = "model"

# The roles whose annotation sets are no annotator's work: the adjudicated gold standard and
# the suggestions of a model or dictionary. Agreement, adjudication, progress, statistics, the
# lists of people and the window's choice of person leave them out (in queries, through
# annotator.store.lookup.is_annotator).
NOT_ANNOTATORS: tuple[str, ...] = (Role.GOLD.value, Role.MODEL.value)
