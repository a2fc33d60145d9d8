"""The guidelines pane (F1): the project's Markdown guidelines, read-only, beside the article.

The text is what ``annotator guidelines set`` stored, rendered by Qt's Markdown support
(CommonMark with GitHub's tables and task lists). It is read again each time the pane is
shown, so guidelines set meanwhile appear. Links to web pages and mail addresses open in the
system's browser or mail program; a link within the text (``#section``) scrolls to it; any
other link (a relative file name means nothing here) is not followed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDockWidget, QTextBrowser, QWidget

from annotator.store.guidelines import guidelines
from annotator.store.store import Store

NO_GUIDELINES = (
    "*No guidelines yet.* Whoever runs the project stores them with "
    "`annotator guidelines set FILE` (Markdown)."
)
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})


class GuidelinesPane(QDockWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__("Guidelines", parent)
        self.setObjectName("guidelinesPane")
        self.store = store
        self.browser = QTextBrowser()
        self.browser.setObjectName("guidelines")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        # The article keeps the keys; a click in the pane (to select text) may take focus.
        self.browser.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setWidget(self.browser)
        self.visibilityChanged.connect(self._shown)
        self.hide()

    def reload(self) -> None:
        markdown = guidelines(self.store)
        self.browser.setMarkdown(markdown or NO_GUIDELINES)

    def _shown(self, visible: bool) -> None:
        if visible:
            self.reload()

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)
        elif not url.scheme() and url.hasFragment() and not url.path():
            self.browser.scrollToAnchor(url.fragment())
