"""The window's status bar: on the left, what the selection is and which keys label it; on the
right, the label kept (while one is), the exact-characters mode (while it is on), who is
working, their progress (a bar and in words) and the database. Messages (``showMessage``)
cover the left part for a while."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

PROGRESS_BAR_WIDTH = 90


class StatusLabels:
    def __init__(self, bar: QStatusBar, user: str) -> None:
        # Left, where the status bar has room for it.
        self.selection = QLabel("")
        bar.addWidget(self.selection, 1)
        self.exact = QLabel("Exact characters")
        self.exact.setObjectName("modeNote")
        self.exact.setToolTip("Drags select exact characters, not whole words (Ctrl+Shift+X)")
        self.exact.hide()
        self.kept = QLabel("")
        self.kept.setObjectName("modeNote")
        self.kept.setToolTip("Each drag or double-click labels at once; Esc lets go")
        self.kept.hide()
        self.user = QLabel(f"Annotator: {user}")
        # The person's documents done: a bar and its words (annotator.gui.progress.own).
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("ownProgress")
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedWidth(PROGRESS_BAR_WIDTH)
        self.progress_bar.hide()
        self.progress = QLabel("")
        self.database = QLabel("")
        shown = (self.kept, self.exact, self.user, self.progress_bar, self.progress, self.database)
        for widget in shown:
            bar.addPermanentWidget(widget)

    def show_kept(self, label: str) -> None:
        """The kept label (annotator.gui.kept_label), "" for none."""
        self.kept.setText(f"Keeping {label}")
        self.kept.setVisible(bool(label))

    def show_selection(self, length: int, keys: list[str]) -> None:
        """``length`` characters are selected (0: none) and ``keys`` label them."""
        text = f"{length} characters selected: press {'/'.join(keys)} to label"
        self.selection.setText(text if length else "")

    def show_database(self, name: str, url: str) -> None:
        """Its name, as in the window's title; the whole URL (a long path, a server) in the
        tooltip."""
        self.database.setText(name)
        self.database.setToolTip(f"{url}: every action is saved to it at once")
