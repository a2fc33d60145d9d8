"""The review panel: review queue above the decision log | merged article with candidates.

* Left, the **review queue**: documents with finished annotations, most disputed first, with
  how many annotators finished each, disputed/total candidates and the gold set's status.
  Below it, the **decision log** (reviewer; action and span; reason, wrapped; double-click a
  reason to add or change it).
* Right, the open document's **merged candidates** in the article view, one span per distinct
  (start, end, label) any finished annotator chose or gold holds. Agreed candidates are plain
  tints; disputed ones still to decide have a dashed outline; candidates kept out of gold (by
  a rejection or a correction) turn grey; hovering a span tells who chose it. Above the
  article: the label keys and one "accept all from" button per annotator, wrapped to a second
  row when narrow. Below it, the **candidate table** (text, label, offsets, chosen by "ana,
  ben (2/3)", in gold ✓/✗, latest decision), then the reason field, whose text goes with the
  next decision, and the keys. Each span's relation candidates are listed right under it
  ("↳ agent → “Taliban”", the offsets being the target's); selecting one selects its source
  span in the article (which draws no relation of its own here).

The left column takes the width its lists want (down to what they need to show their columns
whole) and the article the rest, until the reviewer drags the handle. Nothing but a long title,
span text or reason is cut at 1024x700; those are whole in their tooltips (reasons wrap).

Keys are listed in :mod:`annotator.gui.review.review_actions`. The panel has its own undo
stack; every change commits in its own transaction before the panel shows it.
"""

# ruff: noqa: RUF001 (en dashes in offset ranges and key lists are meant)

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QHelpEvent, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QSplitter,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from annotator.core.status import SetStatus
from annotator.gui.article_view import ArticleView
from annotator.gui.flow_layout import FlowLayout
from annotator.gui.note_text import everyone_notes
from annotator.gui.review.decision_log import DecisionLog
from annotator.gui.review.order import after, opening_candidate
from annotator.gui.review.panels import CandidatePanel, QueuePanel, ReasonField
from annotator.gui.review.queue_loader import QueueLoader, ToDecideSearch
from annotator.gui.review.queue_model import NOT_COMPARED
from annotator.gui.review.review_actions import ReviewActions
from annotator.gui.review.reviewing import Adjudicator
from annotator.gui.review.rows import RelationRow, Row, Subject, Verdict, hover_text
from annotator.gui.review.session import ReviewSession
from annotator.gui.review.tool_buttons import TOOL_STYLE, annotator_buttons, label_buttons
from annotator.gui.split import article_widths
from annotator.gui.view_geometry import char_at
from annotator.store.adjudication import ReviewItem
from annotator.store.annotations import StoredSpan
from annotator.store.relations import StoredRelation
from annotator.store.store import Store

OUT_LABEL = "✗"
"""The label the article view is given for candidates kept out of gold: no schema label can
be called so, and the view draws labels it does not know in grey."""
GOLD_WORDS = {None: "not started", SetStatus.IN_PROGRESS: "in progress", SetStatus.DONE: "✓ done"}
KEY_HINT = (
    "J/K move · A accept · R reject · 1–4 label · g t l c relation label · "
    "drag + C boundaries · ⇧1–9 all from · N gold done"
)


class ReviewPanel(QWidget):
    message = Signal(str)
    # The review queue arrived from its thread and is shown (on the first load, its first
    # document is open too).
    queueReady = Signal()
    # The search for the next document to decide (Ctrl+J) came back (and was acted on).
    searchDone = Signal()

    def __init__(self, store: Store, reviewer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.session = ReviewSession(store, reviewer)
        self.stack = QUndoStack(self)
        self.view = ArticleView()
        self.queue = QueuePanel()
        self.candidates = CandidatePanel()
        self.log = DecisionLog()
        self.reason = ReasonField()
        self.reason.setPlaceholderText("Reason for the next decision (Ctrl+E; Enter returns)")
        self.reason.setClearButtonEnabled(True)
        self.adjudicator = Adjudicator(self.session, self, self.stack)
        self.review_actions = ReviewActions(self)
        self.loader = QueueLoader(store, self)
        self.to_decide = ToDecideSearch(store, self)
        # What to do with the search's answer, and the document open when it was asked for.
        self._on_found: tuple[Callable[[int | None], None], int | None] | None = None
        self._starting = False
        self._waiting: list[Callable[[], None]] = []  # what keys asked of a queue still loading
        self._sized = False
        # The relation candidate selected (in the list): the article then shows its source.
        self._relation: int | None = None
        self._build()
        self._connect()
        self.review_actions.set_labels(self.session.schema)
        self.review_actions.set_relation_labels(self.session.relation_schema, self.session.schema)
        self.view.set_schema(self.session.schema)
        self._build_label_row()

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel("")
        self.title.setObjectName("documentTitle")
        self.meta = QLabel("")
        self.meta.setObjectName("documentMeta")
        # The title, then what the document holds: on the next line when the article is
        # narrow, rather than cut.
        heading = QWidget()
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        heading.setSizePolicy(policy)
        heading_row = FlowLayout(heading, spacing=16)
        heading_row.addWidget(self.title)
        heading_row.addWidget(self.meta)
        # Labels, then "All from" and a button per annotator: wrapped to as many rows as the
        # article's width needs, never cut.
        self.tools = QWidget()
        self.tools.setSizePolicy(policy)
        self.tools.setStyleSheet(TOOL_STYLE)
        self.tool_row = FlowLayout(self.tools, spacing=6)
        self.annotator_widgets: list[QWidget] = []
        self.hint = QLabel(KEY_HINT)
        self.hint.setObjectName("panelNote")
        self.hint.setWordWrap(True)
        self.notes = QLabel("")  # the annotators' notes and flags on the document
        self.notes.setObjectName("documentNote")
        self.notes.setWordWrap(True)  # a second line rather than a cut when narrow
        self.notes.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        centre = QWidget()
        centre.setObjectName("articlePanel")
        column = QVBoxLayout(centre)
        column.setContentsMargins(8, 10, 8, 6)
        column.setSpacing(8)
        self.article_split = QSplitter(Qt.Orientation.Vertical)
        self.article_split.setChildrenCollapsible(False)
        self.article_split.addWidget(self.view)
        self.article_split.addWidget(self.candidates)
        self.article_split.setStretchFactor(0, 3)
        self.article_split.setStretchFactor(1, 2)
        self.article_split.setSizes([480, 320])
        column.addWidget(heading)
        column.addWidget(self.notes)
        column.addWidget(self.tools)
        column.addWidget(self.article_split, 1)
        column.addWidget(self.reason)
        column.addWidget(self.hint)

        # The queue above the decision log, beside the article: three columns side by side
        # left the candidates, the titles and the reasons a few letters each at 1024 pixels.
        self.side_split = QSplitter(Qt.Orientation.Vertical)
        self.side_split.setChildrenCollapsible(False)
        self.side_split.setObjectName("reviewSide")
        log_panel = QWidget()
        log_layout = QVBoxLayout(log_panel)
        log_layout.setContentsMargins(10, 4, 4, 6)
        log_layout.addWidget(self.log)
        self.side_split.addWidget(self.queue)
        self.side_split.addWidget(log_panel)
        self.side_split.setStretchFactor(0, 3)
        self.side_split.setStretchFactor(1, 2)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.side_split)
        self.splitter.addWidget(centre)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.splitterMoved.connect(self._dragged)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Until the reviewer drags the handle, the side column gets the width its lists want
        # (at least their least), the article and its candidates the rest.
        if not self._sized and self.width() > 400:
            self.share_width()

    def _dragged(self) -> None:
        self._sized = True

    def share_width(self) -> None:
        """The side column as wide as the queue and log want, down to their least widths
        when the article and candidates need the room."""
        total = self.splitter.width() - self.splitter.handleWidth()
        side = self.side_split
        wanted = max(self.queue.wanted_width(), self.log.wanted_width() + 14)
        least = max(self.queue.least_width(), self.log.least_width() + 14)
        least_article, _ = article_widths(self.view)
        centre = max(least_article, self.candidates.table.minimumWidth()) + 16
        width = max(least, min(wanted, total - centre), side.minimumSizeHint().width())
        self.splitter.setSizes([width, total - width])

    def _build_label_row(self) -> None:
        for button in label_buttons(self.session.schema, self.adjudicator.apply_label):
            self.tool_row.addWidget(button)

    def _connect(self) -> None:
        session = self.session
        session.documentOpened.connect(self._document_opened)
        session.documentChanged.connect(self._document_changed)
        session.goldStatusChanged.connect(self.queue.model.set_gold_status)
        session.goldStatusChanged.connect(self.loader.note_gold_status)
        self.loader.loaded.connect(self._queue_loaded)
        self.loader.failed.connect(self._queue_failed)
        self.to_decide.found.connect(self._found_to_decide)
        self.to_decide.failed.connect(self._search_failed)
        self.queue.documentActivated.connect(self.open_document)
        self.candidates.candidateActivated.connect(self._candidate_activated)
        self.view.spanClicked.connect(self._span_clicked)
        self.log.model.reasonEdited.connect(
            self.adjudicator.set_reason, Qt.ConnectionType.QueuedConnection
        )
        self.reason.done.connect(self.view.setFocus)
        self.adjudicator.message.connect(self.message)
        self.view.viewport().installEventFilter(self)

    # -- documents -------------------------------------------------------------------------

    def start(self) -> None:
        """Load the queue (in a thread) and then open its first document whose gold set is
        not done, unless a document was opened meanwhile."""
        self._starting = True
        self.refresh_queue()

    def refresh_queue(self) -> None:
        """Read the queue again, off the GUI thread; the queue panel says so until it comes."""
        self.queue.set_loading(True)
        self.loader.load()

    @property
    def loading(self) -> bool:
        return self.loader.loading

    def when_queue_ready(self, action: Callable[[], None], waiting: str) -> None:
        """Do ``action`` now, or once the queue being found arrives (saying ``waiting``)."""
        if not self.loading:
            action()
            return
        self._waiting.append(action)
        self.message.emit(f"Finding disagreements… {waiting} when the queue is ready.")

    def _queue_loaded(self, items: list[ReviewItem]) -> None:
        self.queue.model.reset(items)
        self.queue.set_loading(False)
        document = self.session.document
        self.queue.show_document(None if document is None else document.id)
        if self._starting:
            self._starting = False
            if not items:
                self.message.emit("Nothing to review: no annotator has marked a document done yet.")
            elif document is None:
                first = self.next_in_queue(unfinished=True, after=None)
                self.open_document(first if first is not None else items[0].id)
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()
        self.queueReady.emit()

    def _queue_failed(self, message: str) -> None:
        self.queue.set_loading(False)
        self._starting, self._waiting = False, []
        self.message.emit(f"Could not read the review queue: {message}")

    def open_document(self, document_id: int) -> None:
        self.session.open_document(document_id)

    def _queue_after(self, current: int | None = -1) -> list[ReviewItem]:
        """The queue after ``current`` (default: the open document), wrapping, without it."""
        if current == -1:
            current = self.session.document.id if self.session.document is not None else None
        return after(self.queue.model.items(), lambda item: item.id == current)

    def next_in_queue(self, unfinished: bool = False, after: int | None = -1) -> int | None:
        """The document after ``after`` (default: the open one) in queue order, wrapping;
        with ``unfinished``, the next whose gold set is not done. None if there is none."""
        return next(
            (
                item.id
                for item in self._queue_after(after)
                if not unfinished or item.gold_status is not SetStatus.DONE
            ),
            None,
        )

    def find_next_to_decide(self, then: Callable[[int | None], None]) -> None:
        """Find, off the GUI thread, the next document in queue order (after the open one,
        wrapping) whose gold set is not done and that has an undecided candidate, then call
        ``then`` with it (None if there is none). Dropped if the reviewer opens another
        document meanwhile; asked again while searching, the latest ``then`` is called."""
        document = self.session.document
        self._on_found = (then, None if document is None else document.id)
        self.to_decide.search()

    @property
    def searching(self) -> bool:
        return self.to_decide.searching

    def _found_to_decide(self, found: object) -> None:
        asked, self._on_found = self._on_found, None
        document = self.session.document
        if asked is not None and asked[1] == (None if document is None else document.id):
            assert isinstance(found, set)
            hit = next(
                (
                    item.id
                    for item in self._queue_after()
                    if item.id in found and item.gold_status is not SetStatus.DONE
                ),
                None,
            )
            asked[0](hit)
        self.searchDone.emit()

    def _search_failed(self, message: str) -> None:
        self._on_found = None
        self.message.emit(f"Could not find the next document to decide: {message}")
        self.searchDone.emit()

    def wait(self) -> None:
        """Block until the threads reading the store end (the window closes it next)."""
        self.loader.wait()
        self.to_decide.wait()

    def go(self, forward: bool) -> None:
        if self.loading:
            self.when_queue_ready(lambda: self.go(forward), "the document changes")
            return
        items = self.queue.model.items()
        document = self.session.document
        if not items or document is None:
            return
        row = self.queue.model.row_of(document.id)
        target = (row if row is not None else -1) + (1 if forward else -1)
        if not 0 <= target < len(items):
            self.message.emit("This is the last document." if forward else "This is the first.")
            return
        self.open_document(items[target].id)

    def _document_opened(self) -> None:
        document = self.session.document
        if document is None:
            return
        self.view.show_document(
            document.text,
            self._view_spans(),
            self.session.schema,
            self._view_relations(),
            self.session.relation_schema,
        )
        self.candidates.model.reset(
            document.text, document.rows, self.session.schema, self.session.relation_schema
        )
        self._show_changes()
        self._build_annotator_row()
        self.queue.show_document(document.id)
        self._select_row(opening_candidate(document.rows))
        self.view.setFocus()

    def _document_changed(self) -> None:
        document = self.session.document
        if document is None:
            return
        selected = self.current_id()
        self.view.set_spans(self._view_spans())
        self.view.set_relations(self._view_relations(), self.session.relation_schema)
        self.candidates.model.update(document.rows)
        self._show_changes()
        if selected is None:  # the reviewer clicked beside every span, to add one of their own
            self.select_candidate(None)
        elif document.row(selected) is not None:
            self.select_candidate(selected)
        else:  # gone (an undone correction): a candidate stays current
            self._select_row(opening_candidate(document.rows))

    def _view_spans(self) -> list[StoredSpan]:
        document = self.session.document
        rows = [] if document is None else document.span_rows()
        return [
            StoredSpan(
                row.span.start,
                row.span.end,
                OUT_LABEL if row.verdict is Verdict.OUT else row.span.label,
                row.id,
            )
            for row in rows
        ]

    def _view_relations(self) -> list[StoredRelation]:
        """The relation candidates not rejected, as arcs between their spans' rows (a
        candidate's id is its row's)."""
        document = self.session.document
        if document is None:
            return []
        rows = {row.span: row.id for row in document.span_rows()}
        arcs = []
        for row in document.rows:
            if not isinstance(row, RelationRow) or row.verdict is Verdict.OUT:
                continue
            source, target = rows.get(row.relation.source), rows.get(row.relation.target)
            if source is not None and target is not None:
                arcs.append(StoredRelation(source, target, row.relation.label, row.id))
        return arcs

    def _show_changes(self) -> None:
        """Heading, dashed outlines, counts and log after the document was (re)read."""
        document = self.session.document
        if document is None:
            return
        self.view.set_dashed(row.id for row in document.span_rows() if row.to_decide)
        rows = document.rows
        open_disputed = sum(row.to_decide for row in rows)
        self.candidates.set_count(document.disputed, open_disputed, len(rows))
        self.log.show_decisions(document.text, document.decisions, self.session.schema)
        self.title.setText(document.external_id)
        first_line = next((line.strip() for line in document.text.splitlines() if line.strip()), "")
        self.title.setToolTip(first_line)
        in_gold = sum(row.verdict is Verdict.IN for row in document.span_rows())
        related = [row for row in rows if isinstance(row, RelationRow)]
        linked = sum(row.verdict is Verdict.IN for row in related)
        status = GOLD_WORDS[document.gold_status]
        count = len(document.annotators)
        compared = (
            f"{count} annotators · {document.disputed} of {len(rows)} disputed"
            if count >= 2
            else f"{NOT_COMPARED} ({len(rows)} candidates)"
            if count == 1
            else "no finished annotation"
        )
        relations = f", {linked} relations" if related else ""
        self.meta.setText(f"{compared} · gold {status}, {in_gold} spans{relations}")
        notes, whole = everyone_notes(document.notes)
        self.notes.setText(f"Notes: {notes}" if notes else "")
        self.notes.setToolTip(whole)
        self.notes.setVisible(bool(notes))

    def _build_annotator_row(self) -> None:
        for widget in self.annotator_widgets:
            self.tool_row.removeWidget(widget)
            widget.deleteLater()
        document = self.session.document
        annotators = {} if document is None else document.annotators
        self.review_actions.set_annotators(list(annotators))
        keyed = len(self.review_actions.accept_all)
        self.annotator_widgets = annotator_buttons(
            annotators, keyed, self.adjudicator.accept_all_from
        )
        for widget in self.annotator_widgets:
            self.tool_row.addWidget(widget)
        self.tools.updateGeometry()

    # -- candidates ------------------------------------------------------------------------

    def current_id(self) -> int | None:
        """The selected candidate's id: a relation's, or the span's selected in the article."""
        return self._relation if self._relation is not None else self.view.selected_span()

    def selected_row(self) -> Row | None:
        document = self.session.document
        selected = self.current_id()
        return None if document is None or selected is None else document.row(selected)

    def make_current(self, subject: Subject | None) -> None:
        """Select the candidate of ``subject`` (a span or a relation) if the open document
        has it; else keep the selected one, else select the one a document opens on."""
        document = self.session.document
        if document is not None:
            wanted = None if subject is None else document.row_of(subject)
            self._select_row(wanted or self.selected_row() or opening_candidate(document.rows))

    def _select_row(self, row: Row | None) -> None:
        self.select_candidate(None if row is None else row.id)

    def select_candidate(self, candidate_id: int | None) -> None:
        """Select candidate ``candidate_id`` in the article and the table (None: none); a
        relation candidate selects its source span in the article."""
        document = self.session.document
        row = None if document is None or candidate_id is None else document.row(candidate_id)
        if isinstance(row, RelationRow):
            self._relation = row.id
            self.view.select_span(self.session.candidate_id(row.relation.source))
            self.candidates.show_candidate(row.id)
            return
        self._relation = None
        self.view.select_span(candidate_id)
        self.candidates.show_candidate(self.view.selected_span())

    def step(self, by: int, wrap: bool = False) -> None:
        """Select the candidate ``by`` rows away from the selected one (the first if none)."""
        model = self.candidates.model
        count = model.rowCount()
        if not count:
            return
        selected = self.current_id()
        row = None if selected is None else model.row_of(selected)
        if row is None:
            target = 0 if by > 0 else count - 1
        else:
            target = row + by
            if wrap:
                target %= count
            target = min(max(target, 0), count - 1)
        self.select_candidate(model.row_at(target).id)

    def _candidate_activated(self, candidate_id: int) -> None:
        self.select_candidate(candidate_id)
        self.view.setFocus()

    def _span_clicked(self, span_id: int) -> None:
        self.select_candidate(span_id if span_id >= 0 else None)

    def focus_reason(self) -> None:
        self.reason.setFocus()
        self.reason.selectAll()

    # -- who chose what, on hover ----------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.view.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    def _tooltip_at(self, point: QPoint) -> str:
        document = self.session.document
        position = char_at(self.view, point.toPointF())
        if document is None or position is None:
            return ""
        return hover_text(document.rows, document.text, self.view.text_map.from_qt(position))
