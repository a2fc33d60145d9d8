"""The dialog that writes a comment on a span or a note on a document: free text, or one of
the usual notes with one click. An empty text removes the comment. Ctrl+Enter is OK."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.comments import COMMENT_LIMIT, cleaned

USUAL = ("unsure", "check with the reviewer")


class CommentDialog(QDialog):
    def __init__(
        self, title: str, prompt: str, current: str | None, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("commentDialog")
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.editor = QPlainTextEdit(current or "")
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText("Your comment (empty: none)")
        self.count = QLabel("")
        self.count.setObjectName("panelNote")
        usual = QHBoxLayout()
        usual.addWidget(QLabel("Usual:"))
        for text in USUAL:
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, text=text: self.editor.setPlainText(text))
            usual.addWidget(button)
        usual.addStretch(1)
        usual.addWidget(self.count)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.editor, 1)
        layout.addLayout(usual)
        layout.addWidget(self.buttons)
        self.editor.textChanged.connect(self._count)
        self._count()
        self.resize(460, 240)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)

    def comment(self) -> str | None:
        """The comment as written (None: none)."""
        return cleaned(self.editor.toPlainText())

    def _count(self) -> None:
        length = len(self.editor.toPlainText())
        self.count.setText(f"{length:,} / {COMMENT_LIMIT:,}")
        too_long = length > COMMENT_LIMIT
        self.count.setObjectName("problemNote" if too_long else "panelNote")
        self.count.style().polish(self.count)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not too_long)

    def accept(self) -> None:
        if len(self.editor.toPlainText()) <= COMMENT_LIMIT:
            super().accept()


def ask_comment(parent: QWidget, title: str, prompt: str, current: str | None) -> str | None:
    """The comment written (None: emptied), or ``current`` unchanged if cancelled."""
    dialog = CommentDialog(title, prompt, current, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return current
    return dialog.comment()
