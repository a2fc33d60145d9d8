"""A bar across the top of the window that says, in plain words, what happened to the database
file: reopened after another program broke Annotator's hold on it (nothing lost), or gone (no
more edits, and where everything is). See :mod:`annotator.store.file_watch`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

SERIOUS = "background: #fdecea; color: #7a1212; border-bottom: 1px solid #e5a5a0;"
INFORMATIVE = "background: #fff4d6; color: #5a4100; border-bottom: 1px solid #e7cf8a;"


class FileNotice(QFrame):
    """Hidden until :meth:`tell`; an informative notice can be closed, a serious one stays."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("fileNotice")
        self.text = QLabel("")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setText("Hide")
        self.close_button.setToolTip("Hide this notice")
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.serious = False
        self.hide()

    def withdraw(self) -> None:
        """Hide an informative notice that no longer holds (a serious one stays)."""
        if not self.serious:
            self.hide()

    def tell(self, message: str, serious: bool = False) -> None:
        if self.serious and not serious:
            return  # "no more edits" stays in view
        self.serious = serious
        self.text.setText(message)
        self.setStyleSheet(f"QFrame#fileNotice {{ {SERIOUS if serious else INFORMATIVE} }}")
        self.close_button.setVisible(not serious)
        self.show()
