"""The PySide6 window; the only package that imports Qt.

``create_main_window`` is loaded on first use, so that the command line can import
:mod:`annotator.gui.commands_cli` (its ``gui`` and ``screenshot`` commands) without Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.gui.app import create_main_window

__all__ = ["create_main_window"]


def __getattr__(name: str) -> Any:
    if name == "create_main_window":
        from annotator.gui.app import create_main_window

        return create_main_window
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
