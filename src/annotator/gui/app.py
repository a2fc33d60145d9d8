"""Starting the window: the Qt application, the platform, the store, the first document."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from annotator.gui.settings import APPLICATION, ORGANISATION, Settings

# A window property: the exit code of a start-up that failed (the database would not open).
EXIT_CODE = "annotatorExitCode"

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow
    from annotator.store.store import Store


def use_offscreen_without_display() -> None:
    """Render offscreen when there is no display to show a window on (a server, CI)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def application() -> QApplication:
    """The running QApplication, created (with Annotator's look) if there is none."""
    existing = QCoreApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(sys.argv[:1])
        app.setOrganizationName(ORGANISATION)
        app.setApplicationName(APPLICATION)
        app.setApplicationDisplayName("Annotator")
    if not app.property("annotatorStyled"):
        from annotator.gui.style import apply_style

        apply_style(app)
        app.setProperty("annotatorStyled", True)
    return app


def create_main_window(db_url: str, user: str, remember: bool = True) -> MainWindow:
    """The main window on the database at ``db_url`` (a full URL) for ``user``, built and
    opened on a document but not shown; no event loop is started. Destroying the window
    closes the database. ``remember=False`` neither reads nor writes the window settings
    (last document, geometry, zoom)."""
    from annotator.store.store import Store

    application()
    return window_on(Store.open(db_url, watch=True), user, remember)


def window_on(store: Store, user: str, remember: bool = True) -> MainWindow:
    """The main window on an open store, which it closes when it is destroyed."""
    from annotator.gui.main_window import MainWindow

    application()
    window = MainWindow(user, Settings(store.url, user, remember))
    _attach(window, store)
    return window


def _attach(window: MainWindow, store: Store) -> None:
    try:
        window.attach(store)
    except BaseException:
        store.close()
        raise
    window.destroyed.connect(store.close)


def launch(
    database: str | Store | None, user: str, review: bool = False, notice: str = ""
) -> MainWindow:
    """Show the window at once, then, once it has painted, attach the database: an open
    :class:`Store`, or a ``--db`` value (else ``$ANNOTATOR_DB``, else the default file) to open
    then, so the person sees the window while SQLAlchemy loads. A database that cannot be
    opened is reported in a message box (and on stderr), and the event loop ends with exit
    code 2. ``review`` switches to review mode once the database is open (for a reviewer;
    anyone else is told why not); ``notice`` is shown in the status bar (a new database)."""
    from annotator.gui.main_window import MainWindow

    application()
    window = MainWindow(user, Settings(None, user))
    window.show()
    window.when_painted(lambda: _open_database(window, database, review, notice))
    return window


def _open_database(
    window: MainWindow, database: str | Store | None, review: bool, notice: str
) -> None:
    from sqlalchemy.exc import SQLAlchemyError

    from annotator.app.errors import EXIT_USAGE, UserError
    from annotator.app.opening import open_store
    from annotator.store.engine import display_url, resolve_url
    from annotator.store.store import Store

    try:
        store = (
            database
            if isinstance(database, Store)
            else open_store(database, create=True, watch=True)
        )
    except (UserError, SQLAlchemyError) as error:
        message = str(error)
        if isinstance(error, SQLAlchemyError):  # e.g. "file is not a database"
            reason = str(getattr(error, "orig", None) or error).splitlines()[0]
            assert not isinstance(database, Store)
            message = f"cannot open the database {display_url(resolve_url(database))}: {reason}"
        print(f"annotator gui: {message}", file=sys.stderr)
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(window, "Cannot open the database", message)
        # Closing the last window ends the event loop; run() returns this code.
        window.setProperty(EXIT_CODE, EXIT_USAGE)
        window.close()
        return
    _attach(window, store)
    if notice:
        window.file_notice.tell(notice)  # across the window: a long path stays readable
    if review:
        window.review.enter()


def run(database: str | Store | None, user: str, review: bool = False, notice: str = "") -> int:
    """Open the window (see :func:`launch`) and run until it is closed; the exit code."""
    window = launch(database, user, review, notice)  # kept referenced while the loop runs
    code = application().exec()
    failed = window.property(EXIT_CODE)
    window.deleteLater()
    return int(failed) if failed else code
