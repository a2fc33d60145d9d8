"""``annotator screenshot``: the main window rendered to a PNG file, without a display."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop

from annotator.gui.app import application, create_main_window, use_offscreen_without_display

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow
    from annotator.gui.review.review_panel import ReviewPanel


class ScreenshotError(Exception):
    """A document that does not exist, or an image that cannot be written."""


def parse_size(value: str) -> tuple[int, int]:
    """``"1400x900"`` as (1400, 900)."""
    width, sep, height = value.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit() or not int(width) or not int(height):
        raise ValueError(f"size {value!r} is not WIDTHxHEIGHT, for example 1400x900")
    return int(width), int(height)


def render(
    db_url: str,
    user: str,
    output: Path,
    size: tuple[int, int] = (1400, 900),
    document: str | None = None,
    review: bool = False,
    select: int | None = None,
) -> Path:
    """Render the window for ``user`` on ``db_url`` at ``size`` into ``output`` (PNG), opened
    on ``document`` (an external id, or a row id) or on the person's first unfinished one.
    ``review`` renders review mode (on the most disputed document unless ``document`` is
    given). ``select``: the span of the open document that starts at this code point offset
    is selected (and scrolled to). Window settings are neither read nor changed."""
    use_offscreen_without_display()
    app = application()
    window = create_main_window(db_url, user, remember=False)
    try:
        if review and not window.review.enter():
            raise ScreenshotError(f"{user} is not a reviewer; review mode is for reviewers")
        if review and window.review.panel is not None:
            _wait_for_queue(window.review.panel)
        if document is not None:
            found = _document_id(window.store, user, document)
            panel = window.review.panel
            if review and panel is not None:
                panel.open_document(found)
            else:
                window.open_document(found)
        window.resize(*size)
        window.show()
        app.processEvents()
        # The article lays itself out after the first show; a second pass paints it laid out.
        app.processEvents()
        if select is not None:
            _select(window, select)
            app.processEvents()
        if not window.grab().save(str(output), "PNG"):
            raise ScreenshotError(f"cannot write {output}")
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return output


def _select(window: MainWindow, start: int) -> None:
    shown = window.workspace.document
    span = next((s for s in shown.spans if s.start == start), None) if shown else None
    if span is None:
        raise ScreenshotError(f"no span of the open document starts at offset {start}")
    window.view.select_span(span.id)


def _wait_for_queue(panel: ReviewPanel) -> None:
    """The review queue is read in a thread; a picture is taken once it is shown (the
    window's own event loop waits here: nobody is looking)."""
    if not panel.loading:
        return
    loop = QEventLoop()
    panel.queueReady.connect(loop.quit)
    panel.loader.failed.connect(loop.quit)
    loop.exec()


def _document_id(store: object, user: str, given: str) -> int:
    from annotator.store.documents import find_document, list_documents
    from annotator.store.store import Store

    assert isinstance(store, Store)
    found = find_document(store, given)
    if found is None and given.isdigit():
        page = list_documents(store, user, after=int(given) - 1, limit=1)
        found = page[0].id if page and page[0].id == int(given) else None
    if found is None:
        raise ScreenshotError(f"there is no document {given!r}")
    return found
