"""The review panel's buttons above the article: a label correction per label, and "accept all
from" per annotator of the open document. None takes the focus: the keys act in the article."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from annotator.core.labels import LabelSchema
from annotator.core.spans import Span
from annotator.gui.label_bar import colour_chip
from annotator.gui.review.review_actions import calling, label_keys

TOOL_STYLE = """
QToolButton#reviewButton {
    background: #ffffff; border: 1px solid #e3e6ea; border-radius: 5px; padding: 2px 7px;
}
QToolButton#reviewButton:hover { background: #eef2f8; }
"""


def _button(text: str, tip: str, clicked: Callable[[], None]) -> QToolButton:
    button = QToolButton()
    button.setObjectName("reviewButton")
    button.setText(text)
    button.setToolTip(tip)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.clicked.connect(clicked)
    return button


def label_buttons(schema: LabelSchema, apply: Callable[[str], None]) -> list[QToolButton]:
    """One button per label, correcting the selected candidate's label to it."""
    buttons = []
    for label in schema:
        keys = label_keys(label)
        button = _button(
            f"{label.name}  {keys[0].upper()}" if keys else label.name,
            f"Correct the selected candidate's label to {label.name}",
            calling(apply, label.name),
        )
        button.setIcon(colour_chip(label.color))
        button.setIconSize(QSize(12, 12))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        buttons.append(button)
    return buttons


def annotator_buttons(
    annotators: Mapping[str, Sequence[Span]], keyed: int, accept: Callable[[int], None]
) -> list[QWidget]:
    """ "All from" and a button per annotator (numbered from 1; the first ``keyed`` have the
    Shift+digit key), each making gold that annotator's version. None without annotators."""
    if not annotators:
        return []
    intro = QLabel("All from")
    intro.setToolTip("Accept all from one annotator: gold becomes their version")
    intro.setObjectName("panelNote")
    widgets: list[QWidget] = [intro]
    for number, name in enumerate(annotators, start=1):
        key = f"  ⇧{number}" if number <= keyed else ""
        count = len(annotators[name])
        widgets.append(
            _button(
                f"{name}{key}",
                f"Make the gold set {name}'s version of this document ({count} spans)",
                calling(accept, number),
            )
        )
    # As tall as the buttons, so that its words sit on their line when the row wraps.
    intro.setMinimumHeight(widgets[-1].sizeHint().height())
    intro.setAlignment(Qt.AlignmentFlag.AlignVCenter)
    return widgets
