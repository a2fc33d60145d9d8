"""What an empty database opens on: a short welcome with two ways to get documents in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomeView(QWidget):
    importRequested = Signal()
    sampleRequested = Signal()

    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        heading = QLabel("Welcome to Annotator")
        heading.setObjectName("welcomeHeading")
        body = QLabel(
            "This database holds no documents yet.<br>"
            "Import plain-text files (one article each), JSON lines, or CSV/TSV tables "
            "with a text column, "
            "or start with the sample news article.<br><br>"
            f"<span style='color:#6b7280'>Database: {database}</span>"
        )
        body.setObjectName("welcomeBody")
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.RichText)
        self.import_button = QPushButton("Import files…")
        self.import_button.setObjectName("primaryButton")
        self.sample_button = QPushButton("Open the sample article")
        self.import_button.clicked.connect(self.importRequested)
        self.sample_button.clicked.connect(self.sampleRequested)

        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(heading)
        column.addSpacing(8)
        column.addWidget(body)
        column.addSpacing(16)
        column.addLayout(buttons)
        box = QWidget()
        box.setMaximumWidth(560)
        box.setLayout(column)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(3)
