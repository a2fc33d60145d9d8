"""Suggestions in the window: a model person's spans drawn as dashed outlines under the
annotator's own, accepted (Enter), skipped (Tab) or rejected (X) from the keyboard."""
