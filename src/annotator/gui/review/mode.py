"""Review mode inside the main window: the review panel as a page of its own.

The Review menu's "Review mode" (Ctrl+R) switches between annotating and reviewing; it is
enabled only for people whose role is ``reviewer``. While reviewing, the annotation actions are
disabled and the menus left with none enabled hidden, so that one-key review decisions (A, R,
1–4, …) never reach the annotation editor behind the page; leaving review mode restores them as
they were. The Review menu's own window actions (the toggle and "Agreement…", Ctrl+Shift+A) and
the window's read-only ones (File > Export…, Quit, the View menu's zoom and exact characters)
work in both.
"""

# ruff: noqa: RUF002 (en dashes in offset ranges and key lists are meant)

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from annotator.core.status import Role, SetStatus
from annotator.store.documents import find_document
from annotator.store.people import role_of

if TYPE_CHECKING:
    from annotator.gui.agreement_panel import AgreementPanel
    from annotator.gui.main_window import MainWindow
    from annotator.gui.review.review_panel import ReviewPanel

MESSAGE_MS = 6000
NOT_A_REVIEWER = (
    "Only reviewers adjudicate. Make {user} one with: annotator people add {user} --role reviewer"
)


class ReviewRefused(Exception):
    """Review mode asked for by someone who is not a reviewer."""


class ReviewMode(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel: ReviewPanel | None = None
        self.allowed = role_of(window.store, window.user) is Role.REVIEWER
        self.toggle = QAction("&Review mode", window)
        self.toggle.setCheckable(True)
        self.toggle.setShortcut(QKeySequence("Ctrl+R"))
        self.toggle.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.toggle.setEnabled(self.allowed)
        self.toggle.setStatusTip(
            "Adjudicate: merge the annotators' spans into the gold set"
            if self.allowed
            else NOT_A_REVIEWER.format(user=window.user)
        )
        self.toggle.triggered.connect(self._toggled)
        window.addAction(self.toggle)
        self.menu = window.menuBar().addMenu("&Review")
        self.menu.addAction(self.toggle)
        self.show_agreement = QAction("&Agreement…", window)
        self.show_agreement.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.show_agreement.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.show_agreement.setEnabled(self.allowed)
        self.show_agreement.setStatusTip(
            "Agreement between the annotators, over their finished annotations"
            if self.allowed
            else NOT_A_REVIEWER.format(user=window.user)
        )
        self.show_agreement.triggered.connect(self.open_agreement)
        window.addAction(self.show_agreement)
        self.menu.addAction(self.show_agreement)
        self.agreement: AgreementPanel | None = None
        self._saved: dict[QAction, bool] = {}
        self._hidden_menus: list[QAction] = []
        self._status_texts: dict[QLabel, str] = {}

    @property
    def active(self) -> bool:
        return self.panel is not None and self.window.pages.currentWidget() is self.panel

    def open_agreement(self) -> AgreementPanel | None:
        """Show the agreement panel (reviewers only: it reveals everyone's work)."""
        if not self.allowed:
            self.window.statusBar().showMessage(
                NOT_A_REVIEWER.format(user=self.window.user), MESSAGE_MS
            )
            return None
        from annotator.gui.agreement_panel import AgreementPanel

        if self.agreement is None:
            self.agreement = AgreementPanel(self.window.store, self._review_document, self.window)
        else:
            self.agreement.recompute()
        self.agreement.show()
        self.agreement.raise_()
        return self.agreement

    def _review_document(self, external_id: str) -> None:
        """Open a document chosen in the agreement panel for review, and give the keys back
        to the main window (the panel is a window of its own, and keeps them otherwise)."""
        document_id = find_document(self.window.store, external_id)
        if document_id is not None and self.enter():
            panel = self._panel()
            panel.open_document(document_id)
            self.window.raise_()
            self.window.activateWindow()
            panel.view.setFocus()

    def _toggled(self, checked: bool) -> None:
        if checked:
            self.enter()
        else:
            self.leave()

    def enter(self) -> bool:
        """Show the review panel (built on first use); False, with a message, for someone who
        is not a reviewer."""
        window = self.window
        if not self.allowed:
            self.toggle.setChecked(False)
            window.statusBar().showMessage(NOT_A_REVIEWER.format(user=window.user), MESSAGE_MS)
            return False
        if self.active:
            return True
        first = self.panel is None
        panel = self._panel()
        self._quiet_annotation()
        window.pages.setCurrentWidget(panel)
        self.toggle.setChecked(True)
        self._show_status(True)
        # The queue is found in a thread (the panel says so meanwhile); the open document is
        # read here, as it is one document's work.
        if first:
            panel.start()
        else:
            panel.refresh_queue()
            document = panel.session.document
            if document is not None:
                panel.open_document(document.id)  # others may have changed it meanwhile
        self._show_progress()
        panel.view.setFocus()
        return True

    def leave(self) -> None:
        window = self.window
        self.toggle.setChecked(False)
        if not self.active:
            return
        for action, enabled in self._saved.items():
            action.setEnabled(enabled)
        for menu in self._hidden_menus:
            menu.setVisible(True)
        self._saved, self._hidden_menus = {}, []
        self._show_status(False)
        if window.workspace.document is not None:
            window.pages.setCurrentWidget(window.splitter)
            window.view.setFocus()
        else:
            window.start()

    def _status_labels(self) -> tuple[QLabel | None, QLabel | None]:
        user = getattr(self.window, "user_label", None)
        progress = getattr(self.window, "progress_label", None)
        return (
            user if isinstance(user, QLabel) else None,
            progress if isinstance(progress, QLabel) else None,
        )

    def _show_status(self, reviewing: bool) -> None:
        """The status bar names the reviewer and counts gold sets done while reviewing, and
        goes back to the annotation texts after."""
        user, _ = self._status_labels()
        if reviewing:
            self._status_texts = {
                label: label.text() for label in self._status_labels() if label is not None
            }
            if user is not None:
                user.setText(f"Reviewer: {self.window.user}")
            self._show_progress()
        else:
            for label, text in self._status_texts.items():
                label.setText(text)
            self._status_texts = {}

    def _show_progress(self) -> None:
        _, progress = self._status_labels()
        if progress is None or self.panel is None or not self.active:
            return
        if self.panel.loading:
            progress.setText("Finding disagreements…")
            return
        items = self.panel.queue.model.items()
        done = sum(item.gold_status is SetStatus.DONE for item in items)
        progress.setText(f"{done:,} of {len(items):,} gold sets done")

    def _panel(self) -> ReviewPanel:
        if self.panel is None:
            from annotator.gui.review.review_panel import ReviewPanel

            window = self.window
            self.panel = ReviewPanel(window.store, window.user)
            window.pages.addWidget(self.panel)
            # The View menu acts on both articles: the review article starts as the window's.
            self.panel.view.zoom(window.zoom_steps)
            self.panel.view.exact_characters = window.view.exact_characters
            self.panel.message.connect(
                lambda text: window.statusBar().showMessage(text, MESSAGE_MS)
            )
            queue = self.panel.queue.model
            for signal in (queue.modelReset, queue.dataChanged):
                signal.connect(self._show_progress)
            self.panel.queueReady.connect(self._show_progress)
            # A queue or search still being read when the window closes is waited for: the
            # store closes with the window, under the thread's feet otherwise.
            window.installEventFilter(self)
            self.menu.addSeparator()
            for action in self.panel.review_actions.menu_actions():
                if action is None:
                    self.menu.addSeparator()
                else:
                    self.menu.addAction(action)
        return self.panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and self.panel is not None:
            self.panel.wait()
        return super().eventFilter(watched, event)

    def _quiet_annotation(self) -> None:
        """Disable every window action that changes annotations: all but the Review menu's
        (this toggle, the agreement panel) and the window's read-only ones (export, quit, zoom,
        exact characters); hide the menus left with none of them."""
        window = self.window
        window_actions = getattr(window, "actions", None)
        keep = {self.toggle, self.show_agreement}
        if window_actions is not None:
            keep.update(window_actions.read_only())
        self._saved = {}
        for action in QWidget.actions(window):
            if action not in keep:
                self._saved[action] = action.isEnabled()
                action.setEnabled(False)
        bar = window.menuBar()
        self._hidden_menus = [
            action
            for action in bar.actions()
            if isinstance(menu := action.menu(), QMenu)
            and menu is not self.menu
            and not keep.intersection(menu.actions())
            and action.isVisible()
        ]
        for menu in self._hidden_menus:
            menu.setVisible(False)


def review_mode_of(window: MainWindow) -> ReviewMode:
    """The window's review mode, added if the window has none yet."""
    mode = getattr(window, "review", None)
    if not isinstance(mode, ReviewMode):
        mode = ReviewMode(window)
        window.review = mode
    return mode


def create_review_window(db_url: str, user: str, remember: bool = False) -> MainWindow:
    """The main window on ``db_url`` for reviewer ``user``, in review mode, built but not
    shown. Raises :class:`ReviewRefused` (and closes the database) for someone who is not a
    reviewer."""
    from annotator.gui.app import create_main_window

    window = create_main_window(db_url, user, remember=remember)
    if not review_mode_of(window).enter():
        window.close()
        window.deleteLater()
        raise ReviewRefused(NOT_A_REVIEWER.format(user=user))
    return window
