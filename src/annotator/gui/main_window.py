"""The annotation window: document list | article with its label bar | span list.

The window only assembles panels and wires their signals; what actions do lives in
:mod:`annotator.gui.editing`, shortcuts and menus in :mod:`annotator.gui.actions`, store
access in :mod:`annotator.gui.workspace`.

Start-up comes in two steps so that the window is on screen at once: ``MainWindow(...)``
needs nothing but Qt (this module imports no database code), and :meth:`MainWindow.attach`
then opens the panels on a store (importing SQLAlchemy and the rest only then).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.app.program import document_shown
from annotator.gui.file_notice import FileNotice
from annotator.gui.flow_layout import FlowLayout
from annotator.gui.settings import Settings
from annotator.gui.status_bar import StatusLabels

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from annotator.gui.actions import WindowActions
    from annotator.gui.article_view import ArticleView
    from annotator.gui.document_list import DocumentList
    from annotator.gui.editing import Editor
    from annotator.gui.exporting import Exporter
    from annotator.gui.guidelines import GuidelinesPane
    from annotator.gui.label_bar import LabelBar
    from annotator.gui.progress.own import OwnProgress
    from annotator.gui.progress.pane import ProgressPane
    from annotator.gui.review.mode import ReviewMode
    from annotator.gui.search_panel import SearchPanel
    from annotator.gui.span_list import SpanList
    from annotator.gui.suggestions.correcting import SuggestionKeys
    from annotator.gui.suggestions.running import SuggestionMenus
    from annotator.gui.welcome import WelcomeView
    from annotator.gui.workspace import Workspace
    from annotator.store.annotations import StoredSpan
    from annotator.store.store import Store

DEFAULT_SIZE = (1400, 900)
MESSAGE_MS = 6000
HEADING_MIN_WIDTH = 120
GUIDELINES_MIN_WIDTH = 260
# How often the window checks its hold on a SQLite file between actions (stat and readlink).
FILE_CHECK_MS = 2000


class MainWindow(QMainWindow):
    # Set by attach().
    store: Store
    workspace: Workspace
    stack: QUndoStack
    view: ArticleView
    editor: Editor
    documents: DocumentList
    spans: SpanList
    label_bar: LabelBar
    welcome: WelcomeView
    # Shadows QWidget.actions() (use QWidget.actions(window) for Qt's list of actions).
    actions: WindowActions  # type: ignore[assignment]
    review: ReviewMode
    suggestions: SuggestionKeys
    suggestion_menus: SuggestionMenus
    search: SearchPanel
    exporter: Exporter
    guidelines: GuidelinesPane
    progress: ProgressPane
    own_progress: OwnProgress
    pages: QStackedWidget
    splitter: QSplitter

    def __init__(self, user: str, settings: Settings) -> None:
        super().__init__()
        self.user = user
        self.settings = settings
        self.attached = False
        self._zoom = 0
        self._shown = False
        self._painted = False
        self._after_paint: list[Callable[[], None]] = []
        self._auto_split = True  # until a handle is dragged (annotator.gui.split)
        self._database_name = ""
        self._guidelines_sized = False
        self.update_title()
        self._default_size()
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.opening = QLabel("Opening the database…")
        self.opening.setObjectName("panelNote")
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(self.opening)
        self._build_status_bar(user)

    def attach(self, store: Store) -> None:
        """Open the panels on ``store`` and show this person's document (see :meth:`start`)."""
        from PySide6.QtGui import QUndoStack

        from annotator.gui.actions import WindowActions
        from annotator.gui.article_view import ArticleView
        from annotator.gui.document_list import DocumentList
        from annotator.gui.editing import Editor
        from annotator.gui.exporting import Exporter
        from annotator.gui.label_bar import LabelBar
        from annotator.gui.span_list import SpanList
        from annotator.gui.welcome import WelcomeView
        from annotator.gui.workspace import Workspace
        from annotator.store.engine import database_name

        self.store = store
        self._database_name = database_name(store.url)
        store.on_notice = self._file_notice
        self.settings.use_database(store.url)
        self.workspace = Workspace(store, self.user)
        self.stack = QUndoStack(self)
        self.view = ArticleView()
        self.editor = Editor(self.workspace, self.view, self.stack)
        self.documents = DocumentList(store, self.user)
        self.spans = SpanList()
        self.label_bar = LabelBar()
        self.welcome = WelcomeView(store.describe())
        self.exporter = Exporter(store, self.user, self)
        self._build_layout()
        self._build_panes()
        self.status.show_database(self._database_name, store.describe())
        self.actions = WindowActions(self)
        self._keep_labels()
        from annotator.gui.review.mode import ReviewMode

        self.review = ReviewMode(self)  # the Review menu; Ctrl+R for reviewers
        self._connect()
        from annotator.gui.suggestions.correcting import SuggestionKeys
        from annotator.gui.suggestions.running import SuggestionMenus

        # After _connect: a document's suggestions are drawn once its text is shown.
        self.suggestions = SuggestionKeys(self)
        self.suggestion_menus = SuggestionMenus(self, self.suggestions)
        self._apply_schema()
        steps = self.settings.zoom()
        if steps:
            self.zoom(steps)
        self.attached = True
        # Between actions too: a lost lock is taken again before another process can act on it.
        self._file_check = QTimer(self)
        self._file_check.setInterval(FILE_CHECK_MS)
        self._file_check.timeout.connect(self._check_file)
        self._file_check.start()
        if self._shown:
            self._restore_splitter()
        self.start()

    def when_painted(self, action: Callable[[], None]) -> None:
        """Run ``action`` once the window has painted for the first time."""
        if self._painted:
            QTimer.singleShot(0, action)
        else:
            self._after_paint.append(action)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            for action in self._after_paint:
                QTimer.singleShot(0, action)
            self._after_paint = []
        return handled

    # -- building --------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.document_title = QLabel("")
        self.document_title.setObjectName("documentTitle")
        self.document_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long id is cut at the panel's edge (the window title and tooltip hold it whole).
        self.document_title.setMinimumWidth(HEADING_MIN_WIDTH)
        self.document_meta = QLabel("")
        self.document_meta.setObjectName("documentMeta")
        self.document_note = QLabel("")  # your flag (Ctrl+B) and note (Ctrl+Shift+N)
        self.document_note.setObjectName("documentNote")
        # The status, span count and length go under the id when the article is narrow.
        heading = FlowLayout(spacing=12)
        heading.addWidget(self.document_title)
        heading.addWidget(self.document_meta)
        heading.addWidget(self.document_note)
        centre = QWidget()
        centre.setObjectName("articlePanel")
        column = QVBoxLayout(centre)
        column.setContentsMargins(8, 10, 8, 6)
        column.setSpacing(8)
        column.addLayout(heading)
        column.addWidget(self.label_bar)
        column.addWidget(self.view, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.documents, centre, self.spans):
            self.splitter.addWidget(widget)
        # The article takes what a resize gives or takes; the lists keep their widths (see
        # annotator.gui.split, which shares the width until the person drags a handle).
        for index, stretch in enumerate((0, 1, 0)):
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.splitterMoved.connect(self._split_by_hand)

        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.splitter)
        self.file_notice = FileNotice()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.file_notice)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)

    def _build_panes(self) -> None:
        """The corpus search (Ctrl+Shift+F), guidelines (F1) and progress (Ctrl+Shift+P)
        panes, hidden until asked for, and the status bar's own count; each reads the store
        when it is shown."""
        from annotator.gui.guidelines import GuidelinesPane
        from annotator.gui.progress.own import OwnProgress
        from annotator.gui.progress.pane import ProgressPane
        from annotator.gui.search_panel import SearchPanel, open_hit

        self.search = SearchPanel(self.store, self.user, self)
        self.search.hitActivated.connect(lambda hit: open_hit(self, hit))
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.search)
        self.search.hide()  # until Ctrl+Shift+F
        self.guidelines = GuidelinesPane(self.store, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.guidelines)
        self.progress = ProgressPane(self.store, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.progress)
        self.guidelines.visibilityChanged.connect(self._guidelines_width)
        for pane in (self.guidelines, self.progress):
            # A pane takes its room from the three columns: shared again once laid out.
            pane.visibilityChanged.connect(lambda _: QTimer.singleShot(0, self._share_width))
        bar = self.status.progress_bar
        self.own_progress = OwnProgress(self.store, self.user, bar, self.progress_label, self)

    def _guidelines_width(self, visible: bool) -> None:
        """The guidelines' pane opens on a quarter of the window (Qt gives a dock its size hint,
        narrow on a large screen); a width the person drags is kept."""
        if visible and not self._guidelines_sized:
            self._guidelines_sized = True
            width = max(GUIDELINES_MIN_WIDTH, self.width() // 4)
            self.resizeDocks([self.guidelines], [width], Qt.Orientation.Horizontal)

    def _build_status_bar(self, user: str) -> None:
        self.status = StatusLabels(self.statusBar(), user)
        # By these names too: review mode changes them while reviewing.
        self.user_label, self.progress_label = self.status.user, self.status.progress
        self.database_label = self.status.database

    def _connect(self) -> None:
        ws = self.workspace
        ws.documentOpened.connect(self._document_opened)
        ws.spansAdded.connect(self._spans_added)
        ws.spansRemoved.connect(self._spans_removed)
        ws.spanRelabelled.connect(self._span_relabelled)
        ws.relationsAdded.connect(self._relations_changed)
        ws.relationsRemoved.connect(self._relations_changed)
        ws.documentChanged.connect(self.documents.document_changed)
        ws.documentChanged.connect(lambda *_: self._show_document_meta())
        ws.progressChanged.connect(self.own_progress.recount)
        ws.progressChanged.connect(self.progress.changed)
        ws.noteChanged.connect(lambda *_: self._show_document_meta())
        ws.noteChanged.connect(self.documents.model.set_flagged)
        ws.schemaChanged.connect(self._apply_schema)
        ws.schemaChanged.connect(self.documents.model.refresh)  # span counts may change
        ws.spansChangedAcross.connect(self.documents.model.refresh)
        ws.spansChangedAcross.connect(self._show_document_meta)
        self.view.spanClicked.connect(self._span_clicked)
        self.view.spanDeselected.connect(lambda: self.spans.show_span(None))
        self.view.rangeSelected.connect(self._range_selected)
        self.spans.spanActivated.connect(self._span_activated)
        self.spans.relationActivated.connect(self._relation_activated)
        self.editor.relations.status.connect(self.statusBar().showMessage)
        self.documents.documentActivated.connect(self.open_document)
        self.label_bar.labelClicked.connect(self.editor.apply_label)
        self.editor.navigate.connect(self.open_document)
        self.editor.message.connect(lambda text: self.statusBar().showMessage(text, MESSAGE_MS))
        self.editor.pending.waiting_since.connect(self.file_notice.tell)
        self.editor.pending.settled.connect(self.file_notice.withdraw)
        self.welcome.importRequested.connect(self.import_files)
        self.welcome.sampleRequested.connect(self.import_sample)
        self.exporter.message.connect(self.statusBar().showMessage)
        self.pages.currentChanged.connect(self._page_changed)

    def _page_changed(self) -> None:
        self.status.selection.setVisible(self.pages.currentWidget() is self.splitter)
        # Review mode's page uses the progress label for gold sets.
        self.own_progress.set_shown(self.pages.currentWidget() in (self.splitter, self.welcome))
        self.update_title()

    def update_title(self) -> None:
        """DOCUMENT — PERSON — DATABASE (or Review — PERSON — DATABASE): Qt adds the
        application's name after it (" — Annotator") where the platform shows it."""
        parts = [self.user, self._database_name]
        if self.attached and self.review.active:
            parts.insert(0, "Review")
        elif self.attached and self.pages.currentWidget() is self.splitter:
            document = self.workspace.document
            if document is not None:
                parts.insert(0, document.external_id)
        self.setWindowTitle(" — ".join(part for part in parts if part))

    def _default_size(self) -> None:
        """1400x900, or the screen's size when that is smaller."""
        width, height = DEFAULT_SIZE
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width()), min(height, room.height())
        self.resize(width, height)

    # -- the database file (see annotator.store.file_watch) ---------------------------------

    def _file_notice(self, message: str) -> None:
        self.file_notice.tell(message, serious=self.store.gone is not None)

    def _check_file(self) -> None:
        from annotator.store.file_watch import FileGone

        try:
            self.store.check_file()
        except FileGone:
            self._file_check.stop()  # the notice says it all; nothing more can change

    # -- opening ---------------------------------------------------------------------------

    def start(self) -> None:
        """Show the welcome page on an empty database; else open the last document this
        person had open, or their first unfinished one."""
        from annotator.store.documents import count_documents

        self.own_progress.recount()
        if count_documents(self.store, self.workspace.user) == 0:
            self.pages.setCurrentWidget(self.welcome)
            return
        self.pages.setCurrentWidget(self.splitter)
        self.documents.start()
        last = self.settings.last_document()
        if last is None or not self.workspace.document_exists(last):
            last = self.workspace.first_document()
        if last is not None:
            self.open_document(last)

    def open_document(self, document_id: int) -> None:
        current = self.workspace.document
        if current is not None and current.id != document_id and self.editor.busy():
            return
        self.workspace.open_document(document_id)

    def _document_opened(self) -> None:
        document = self.workspace.document
        if document is None:
            return
        self.pages.setCurrentWidget(self.splitter)
        ws = self.workspace
        self.view.show_document(
            document.text, document.spans, ws.schema, document.relations, ws.relation_schema
        )
        self.spans.model.reset(document.text, document.spans, ws.schema)
        self.spans.model.set_relations(document.relations, ws.relation_schema)
        self.documents.show_current(document.id)
        self.settings.set_last_document(document.id)
        self._show_document_meta()
        self.update_title()
        self._share_width()  # its span list's columns may be wider (five-digit offsets)
        self.view.setFocus()
        document_shown()

    # -- workspace changes -----------------------------------------------------------------

    def _spans_added(self, spans: list[StoredSpan]) -> None:
        self._redraw_spans()
        self.spans.model.insert(spans)

    def _spans_removed(self, span_ids: list[int]) -> None:
        self._redraw_spans()
        self.spans.model.remove(span_ids)

    def _span_relabelled(self, span: StoredSpan) -> None:
        self._redraw_spans()
        self.spans.model.replace(span)
        self.spans.show_span(span.id)

    def _relations_changed(self) -> None:
        """Relations were added or deleted: the arcs and the span list's relation rows."""
        document = self.workspace.document
        if document is not None:
            schema = self.workspace.relation_schema
            self.view.set_relations(document.relations, schema)
            self.spans.model.set_relations(document.relations, schema)

    def _redraw_spans(self) -> None:
        if self.workspace.document is not None:
            self.view.set_spans(self.workspace.document.spans)

    def _show_document_meta(self) -> None:
        document = self.workspace.document
        if document is None:
            return
        from annotator.core.status import SetStatus
        from annotator.gui.document_model import STATUS_TEXT
        from annotator.gui.note_text import own_note

        first_line = next((line.strip() for line in document.text.splitlines() if line.strip()), "")
        self.document_title.setText(document.external_id)
        self.document_title.setToolTip(first_line)
        status = STATUS_TEXT[document.status]
        mark = "✓ " if document.status is SetStatus.DONE else ""
        # The span count is the span list's, beside it.
        self.document_meta.setText(f"{mark}{status} · {len(document.text):,} characters")
        note, whole = own_note(document.note)
        self.document_note.setText(note)
        self.document_note.setToolTip(whole)
        self.document_note.setVisible(bool(note))

    def _keep_labels(self) -> None:
        """A label key with nothing selected keeps the label (annotator.gui.kept_label),
        where its action is enabled (not in review mode); Esc lets go."""
        from annotator.gui.kept_label import KeptLabel

        def allowed(name: str) -> bool:
            action = self.actions.label_actions.get(name)
            return action is not None and action.isEnabled()

        kept = self.editor.kept = KeptLabel(self.editor, allowed)
        kept.changed.connect(self.label_bar.show_kept)
        kept.changed.connect(self.status.show_kept)
        let_go = self.actions.let_go_of_label
        kept.changed.connect(lambda name: let_go.setEnabled(bool(name)))

    def _apply_schema(self) -> None:
        schema = self.workspace.schema
        self.label_bar.set_schema(schema)
        self.actions.set_labels(schema)
        self.view.set_schema(schema)
        self._relations_changed()  # relation labels may have changed with the span labels

    def _range_selected(self, start: int, end: int) -> None:
        selected = end - start if self.workspace.document is not None and start >= 0 else 0
        self.status.show_selection(selected, [label.hotkey for label in self.workspace.schema])

    def _span_clicked(self, span_id: int) -> None:
        if self.editor.relations.active:
            return  # the click picks the relation's other end
        chosen = span_id if span_id >= 0 else None
        self.view.select_span(chosen)
        self.spans.show_span(chosen)

    def _span_activated(self, span_id: int) -> None:
        self.view.select_span(span_id)
        self.view.setFocus()

    def _relation_activated(self, relation_id: int) -> None:
        self.view.select_relation(relation_id)
        self.view.setFocus()

    # -- window actions --------------------------------------------------------------------

    def article_views(self) -> list[ArticleView]:
        """The article views that follow the View menu: the window's, and review mode's."""
        panel = self.review.panel
        return [self.view] if panel is None else [self.view, panel.view]

    @property
    def zoom_steps(self) -> int:
        return self._zoom

    def zoom(self, steps: int) -> None:
        for view in self.article_views():
            view.zoom(steps)
        self._zoom += steps
        self.settings.set_zoom(self._zoom)

    def reset_zoom(self) -> None:
        if self._zoom:
            self.zoom(-self._zoom)

    def set_exact_characters(self, exact: bool) -> None:
        """Drags select exact characters (True) or snap to whole words."""
        for view in self.article_views():
            view.exact_characters = exact
        self.status.exact.setVisible(exact)

    def import_files(self) -> None:
        from annotator.gui.importing import ask_and_import, report_text

        report = ask_and_import(self, self.store)
        if report is not None:
            self._imported(report_text(report))

    def import_sample(self) -> None:
        from annotator.gui.importing import import_sample, report_text

        self._imported(report_text(import_sample(self.store)))

    def _imported(self, message: str) -> None:
        self.workspace.announce_import()
        self.statusBar().showMessage(message, MESSAGE_MS)
        if self.workspace.document is None:
            self.start()
        else:
            self.documents.model.refresh()
            self.documents.update_count()

    def export(self) -> None:
        """File > Export…: a dialog, then the export in a thread; the status bar reports."""
        self.exporter.ask_and_export()
        # Back to the article, where the keys act (review mode's, while reviewing).
        self.activateWindow()
        panel = self.review.panel
        (panel.view if panel is not None and self.review.active else self.view).setFocus()

    def edit_labels(self) -> None:
        from annotator.gui.schema_dialog import edit_schema

        if self.editor.busy():
            return
        # Saved as one step on the undo stack; the workspace then shows the new labels.
        edit_schema(self.store, self.editor.change_schema, self)
        # Back to the article, where the (maybe new) hotkeys act.
        self.activateWindow()
        self.view.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            if self.attached:
                self._restore_splitter()

    def _restore_splitter(self) -> None:
        # Only once the splitter has its real width: restored earlier, its sizes scale wrongly.
        layout = self.layout()
        if layout is not None:
            layout.activate()
        state = self.settings.splitter_state()
        if state is not None and self.splitter.restoreState(state):
            self._split_by_hand()
        else:
            self._share_width()

    def _split_by_hand(self) -> None:
        self._auto_split = False

    def _share_width(self) -> None:
        if self.attached and self._auto_split:
            from annotator.gui.split import share_width

            share_width(self.splitter, self.documents, self.spans, self.view)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._share_width()

    def closeEvent(self, event: QCloseEvent) -> None:
        pending = self.attached and len(self.editor.pending)
        if pending:
            from annotator.gui.pending import close_without_pending

            if not close_without_pending(self, pending):
                event.ignore()
                return
        self.settings.set_geometry(self.saveGeometry())
        if self.attached:
            from annotator.gui.background import wait_for_all

            # The store closes with the window, under the threads' feet otherwise.
            self.exporter.wait()
            wait_for_all()  # counts, searches, the review queue
        if self.attached and not self._auto_split:
            self.settings.set_splitter_state(self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)
