"""The label bar above the article: one button per label, in its colour, with its hotkeys.
The buttons wrap to a second row rather than cut a name or a key short."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from annotator.core.labels import Label, LabelSchema
from annotator.gui.flow_layout import FlowLayout


def colour_chip(colour: str, size: int = 12) -> QIcon:
    """A small rounded square of ``colour``, the label's mark everywhere in the window."""
    pixmap = QPixmap(size * 2, size * 2)  # drawn at 2x so it stays crisp on HiDPI screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(0, 0, size, size, 3, 3)
    painter.end()
    return QIcon(pixmap)


def hotkey_text(label: Label) -> str:
    return " ".join(key.upper() for key in label.hotkeys())


def label_tip(label: Label) -> str:
    """The label's name, keys and description (the schema's guideline for it), as rich text."""
    keys = " or ".join(key.upper() for key in label.hotkeys())
    tip = f"<b>{escape(label.name)}</b> (key {escape(keys)})"
    return tip + (f"<br>{escape(label.description)}" if label.description else "")


class LabelBar(QWidget):
    labelClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelBar")
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)  # as many rows as the width needs
        self.setSizePolicy(policy)
        self._layout = FlowLayout(self)
        self.buttons: dict[str, QToolButton] = {}
        self._kept = ""  # the kept label (annotator.gui.kept_label), "" for none

    def set_schema(self, schema: LabelSchema) -> None:
        while (item := self._layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.buttons = {}
        for label in schema:
            button = QToolButton()
            button.setObjectName("labelButton")
            button.setText(f"{label.name}   {hotkey_text(label)}")
            button.setIcon(colour_chip(label.color))
            button.setIconSize(QSize(12, 12))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(label_tip(label))
            # The article keeps the keyboard focus, where the hotkeys act.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            # Checkable to show the kept label pressed; a click only asks, show_kept answers.
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, name=label.name: self._clicked(name))
            self._layout.addWidget(button)
            self.buttons[label.name] = button
        self.show_kept(self._kept)

    def _clicked(self, name: str) -> None:
        self.labelClicked.emit(name)
        self.show_kept(self._kept)  # the click toggled the button; the kept label decides

    def show_kept(self, name: str) -> None:
        """Show ``name``'s button pressed: the label drags give at once ("" for none)."""
        self._kept = name
        for label, button in self.buttons.items():
            button.setChecked(label == name)
