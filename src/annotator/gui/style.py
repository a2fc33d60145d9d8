"""The window's look: a calm light palette, one UI font size, quiet panels."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

UI_POINT_SIZE = 10

BACKGROUND = "#f6f7f9"
PANEL = "#ffffff"
BORDER = "#e3e6ea"
TEXT = "#1f2328"
MUTED = "#6b7280"
ACCENT = "#2f5fb3"
CELL_PADDING = 6  # pixels left and right of a table cell's text

STYLE_SHEET = f"""
QMainWindow, QStackedWidget#pages {{ background: {BACKGROUND}; }}
QSplitter::handle {{ background: {BACKGROUND}; }}
QLabel#panelTitle {{ font-weight: 600; color: {TEXT}; }}
QLabel#panelNote {{ color: {MUTED}; }}
QLabel#emptyNote {{ color: {MUTED}; padding: 24px 12px; }}
QLabel#problemNote {{ color: #b42318; }}
QLabel#documentTitle {{ font-size: {UI_POINT_SIZE + 3}pt; font-weight: 600; color: {TEXT}; }}
QLabel#documentMeta {{ color: {MUTED}; }}
QLabel#documentNote {{ color: #8a5a00; }}
QLabel#welcomeHeading {{ font-size: {UI_POINT_SIZE + 8}pt; font-weight: 600; color: {TEXT}; }}
QLabel#welcomeBody {{ font-size: {UI_POINT_SIZE + 1}pt; color: {TEXT}; }}
QTableView {{
    background: {PANEL}; border: 1px solid {BORDER}; border-radius: 6px;
    selection-background-color: #dbe6f7; selection-color: {TEXT};
}}
QTableView::item {{ padding: 0 {CELL_PADDING}px; }}
QHeaderView::section {{
    background: {PANEL}; color: {MUTED}; border: none; border-bottom: 1px solid {BORDER};
    padding: 4px 6px;
}}
QLineEdit {{
    background: {PANEL}; border: 1px solid {BORDER}; border-radius: 5px; padding: 4px 6px;
}}
QLineEdit:focus {{ border-color: {ACCENT}; }}
QToolButton#labelButton {{
    background: {PANEL}; border: 1px solid {BORDER}; border-radius: 5px;
    padding: 4px 10px 4px 8px; color: {TEXT}; font-weight: 600;
}}
QToolButton#labelButton:hover {{ background: #eef2f8; }}
QToolButton#labelButton:pressed {{ background: #dbe6f7; }}
QToolButton#labelButton:checked {{
    background: #dbe6f7; border: 2px solid {ACCENT}; padding: 3px 9px 3px 7px;
}}
QPushButton {{
    background: {PANEL}; border: 1px solid {BORDER}; border-radius: 5px; padding: 6px 14px;
}}
QPushButton:hover {{ background: #eef2f8; }}
QPushButton#primaryButton {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QPushButton#primaryButton:hover {{ background: #264f96; }}
QStatusBar {{ background: {PANEL}; border-top: 1px solid {BORDER}; color: {MUTED}; }}
QStatusBar QLabel {{ color: {MUTED}; padding: 0 8px; }}
QStatusBar::item {{ border: none; }}
QStatusBar QLabel#modeNote {{ color: {ACCENT}; font-weight: 600; }}
QProgressBar#ownProgress {{
    background: #e4e8ee; border: 1px solid {BORDER}; border-radius: 3px; max-height: 8px;
}}
QProgressBar#ownProgress::chunk {{ background: {ACCENT}; border-radius: 2px; }}
QMenuBar {{ background: {PANEL}; border-bottom: 1px solid {BORDER}; }}
"""


def apply_style(app: QApplication) -> None:
    """Fusion style, a light palette and the style sheet, whatever the desktop theme."""
    app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Base, QColor(PANEL))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f9fafb"))
    palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Button, QColor(PANEL))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#cfe0fb"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor(PANEL))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(MUTED))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSize(UI_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
