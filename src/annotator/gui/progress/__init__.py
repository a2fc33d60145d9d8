"""Progress at a glance: the team's figures in a pane (Ctrl+Shift+P) and each person's own
count in the status bar, all counted off the GUI thread (:mod:`annotator.store.progress`)."""
