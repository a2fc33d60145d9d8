"""Opening a corpus database: engine, schema check and upgrade, and transactions."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from functools import cache, partial
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, func, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from annotator.core.labels import LabelSchema, default_schema
from annotator.core.relations import default_relation_schema
from annotator.store import version
from annotator.store.engine import (
    BUSY_TIMEOUT_MS,
    create_database_engine,
    display_url,
    sqlite_file,
    writer,
)
from annotator.store.file_watch import (
    CommitLost,
    DiskCheck,
    FileGone,
    copy_beside,
    held_open_elsewhere,
)
from annotator.store.models import Label, RelationLabel, WriteMark
from annotator.store.new_schema import create_at_head
from annotator.store.relation_schema import seed_relation_labels
from annotator.store.sqlite_errors import is_locked

# How long reopening waits for a connection another thread is using (the agreement panel).
RETURN_WAIT_S = 10.0
# How long the window's writes wait for another process's write lock before they are reported
# busy (and kept pending by the window) instead of freezing it: longer than another window's
# commit, far shorter than an import.
WINDOW_BUSY_TIMEOUT_MS = 50


class DatabaseBusy(RuntimeError):
    """Another program holds the database's write lock; nothing of the change was written."""


class Store:
    """A corpus database. Each public store function runs in its own transaction, taken from
    :meth:`reading` or :meth:`writing`; no session outlives one user action."""

    def __init__(
        self,
        url: str,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        on_wait: Callable[[], None] | None = None,
    ) -> None:
        self.url = url
        self._busy_timeout_ms = busy_timeout_ms
        self._on_wait = on_wait
        self._bind(create_database_engine(url, busy_timeout_ms))
        self._check: DiskCheck | None = None
        self._writer_id = str(uuid.uuid4())
        self._serial = 0
        self.gone: str | None = None  # why nothing more can be written (the file is gone)
        # Told, in a sentence, when the watched file had to be reopened (see file_watch).
        self.on_notice: Callable[[str], None] | None = None

    def _bind(self, engine: Engine) -> None:
        """Use ``engine`` for every transaction from now on."""
        self.engine = engine
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._write_engine = writer(engine)
        if self._on_wait is not None:
            # Read by the engine's "begin" handler (SQLite): wait for the lock, see waiting.py.
            self._write_engine = self._write_engine.execution_options(on_wait=self._on_wait)
        self._writer = sessionmaker(self._write_engine, expire_on_commit=False)
        # PostgreSQL's default (READ COMMITTED) lets each statement see what others committed
        # since the last one: a long read would mix two states. SQLite's read transaction is
        # already one snapshot, from its first read to its end.
        snapshot_engine = (
            engine.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            if engine.dialect.name == "postgresql"
            else engine
        )
        self._snapshot = sessionmaker(snapshot_engine, expire_on_commit=False)

    @classmethod
    def open(
        cls,
        url: str,
        *,
        upgrade: bool = True,
        watch: bool = False,
        on_wait: Callable[[], None] | None = None,
    ) -> Store:
        """Open ``url``, creating or upgrading its schema (unless ``upgrade`` is False).

        Raises :class:`~annotator.store.version.SchemaTooNew` for a database written by a
        newer Annotator, before anything is changed.

        ``watch`` (the window; SQLite files only) checks around every write that the writes
        reach the file on disk (:mod:`annotator.store.file_watch`), and makes a write that
        finds the database busy give up quickly with :class:`DatabaseBusy` instead of waiting.

        ``on_wait`` (SQLite): a write transaction that finds another program holding the write
        lock calls ``on_wait()`` once and waits until the lock frees, however long; without it
        a writer gives up after the busy timeout with "database is locked", as before.
        """
        store = cls(url, WINDOW_BUSY_TIMEOUT_MS if watch else BUSY_TIMEOUT_MS, on_wait)
        try:
            store._prepare(upgrade)
            path = sqlite_file(url)
            if watch and path is not None:
                store._check = DiskCheck(path)
        except BaseException:
            store.close()
            raise
        return store

    def _prepare(self, upgrade: bool) -> None:
        with self.engine.connect() as connection:
            revision = version.current_revision(connection)
        if not version.needs_upgrade(revision, display_url(self.url)):
            return
        if not upgrade:
            raise version.SchemaOutdated(f"the database {display_url(self.url)} needs an upgrade")
        seed = partial(seed_defaults, revision=revision)
        if revision is None and create_at_head(self._write_engine, then=seed):
            return
        from annotator.store.migrate import upgrade_to_head

        upgrade_to_head(self._write_engine, then=seed)

    def close(self) -> None:
        if self._check is not None and self._serial and self.gone is None:
            # The mark is only needed while this store is open; closing never fails over it.
            with suppress(SQLAlchemyError), self._writer() as session, session.begin():
                session.execute(delete(WriteMark).where(WriteMark.writer == self._writer_id))
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def describe(self) -> str:
        """The URL without its password."""
        return display_url(self.url)

    def reading(self) -> AbstractContextManager[Session]:
        """A read-only transaction (rolled back at the end)."""
        return _rolled_back(self._reader)

    def snapshot(self) -> AbstractContextManager[Session]:
        """A read-only transaction that sees one state of the database throughout, whatever
        other processes commit meanwhile (``REPEATABLE READ, READ ONLY`` on PostgreSQL): for
        reads that take several queries, such as an export."""
        return _rolled_back(self._snapshot)

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends normally, rolled back on error.

        A watched store also raises :class:`DatabaseBusy` (another program is writing; nothing
        was written), :class:`FileGone` (nothing can be written to the file any more) and
        :class:`CommitLost` (the transaction did not reach the file; do it again)."""
        if self._check is None:
            with self._writer() as session, session.begin():
                yield session
            return
        self._before_write(self._check)
        serial = self._serial + 1
        try:
            with self._writer() as session, session.begin():
                yield session
                self._mark(session, serial)
        except OperationalError as error:
            if is_locked(error.orig):
                name = self._check.path.name
                raise DatabaseBusy(f"another program is writing to {name}") from error
            raise
        self._serial = serial
        self._after_commit(self._check)

    # -- the watched file (see annotator.store.file_watch) ---------------------------------

    def check_file(self) -> None:
        """Between writes: the same checks as before a write (a lost lock is taken again, a
        deleted WAL reopened safely); :class:`FileGone` once nothing can be written. Skipped
        while another thread has a connection (the next write checks anyway)."""
        if self._check is not None and not self.engine.pool.checkedout():  # type: ignore[attr-defined]
            self._before_write(self._check)

    def _before_write(self, check: DiskCheck) -> None:
        if self.gone is not None:
            raise FileGone(self.gone)
        problem = check.file_problem()
        if problem is not None:
            self._give_up(check, problem)
        seen = check.open_files()  # one look at /proc/self/fd for both checks
        problem = check.wal_problem(seen)
        if problem is not None:
            self._reopen(check)
            self._tell(f"{problem}; Annotator reopened the database, and nothing was lost")
        elif check.lock_lost(seen):
            self._reopen(check)
            self._tell(
                f"Annotator lost its lock on {check.path.name} (another program in this "
                "process read the file) and reopened the database; nothing was lost"
            )

    def _mark(self, session: Session, serial: int) -> None:
        marked = {"writer": self._writer_id, "serial": serial}
        session.connection().execute(_mark_statement(), marked)

    def _after_commit(self, check: DiskCheck) -> None:
        problem = check.file_problem()
        if problem is not None:
            self._give_up(check, problem)
        problem = check.wal_problem()
        if problem is None:
            return
        self._reopen(check)
        with self._reader() as session:
            on_disk = session.scalar(
                select(WriteMark.serial).where(WriteMark.writer == self._writer_id)
            )
        if on_disk == self._serial:
            self._tell(f"{problem}; Annotator reopened the database, and nothing was lost")
            return
        self._serial = on_disk or 0
        raise CommitLost(f"{problem}; the last action did not reach the file")

    def _reopen(self, check: DiskCheck) -> None:
        """Close every connection (while a helper process holds the file open, so that none
        can checkpoint a deleted WAL into it) and open new ones on the file as it is now."""
        pool = self.engine.pool
        deadline = time.monotonic() + RETURN_WAIT_S
        while pool.checkedout() and time.monotonic() < deadline:  # type: ignore[attr-defined]
            time.sleep(0.01)
        if pool.checkedout():  # type: ignore[attr-defined]
            raise FileGone(f"cannot reopen {check.path.name}: a connection is still in use")
        with held_open_elsewhere(check.path):
            self.engine.dispose()
            self._bind(create_database_engine(self.url, self._busy_timeout_ms))
            with self.engine.connect() as connection:  # takes this process's locks again
                connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").all()

    def _give_up(self, check: DiskCheck, problem: str) -> None:
        raw = self.engine.raw_connection()
        try:
            copy = copy_beside(check.path, raw.driver_connection)
        finally:
            raw.close()
        self.gone = (
            f"{problem}. Annotator stopped taking edits; everything it had saved, and all it "
            f"still saw, is in {copy}"
        )
        self._tell(self.gone)
        raise FileGone(self.gone)

    def _tell(self, message: str) -> None:
        if self.on_notice is not None:
            self.on_notice(message)


@cache
def _mark_statement() -> Any:
    """The write mark's upsert (SQLite's: only a watched store writes marks), built once."""
    from sqlalchemy.dialects.sqlite import insert

    upsert = insert(WriteMark).values(writer=bindparam("writer"), serial=bindparam("serial"))
    return upsert.on_conflict_do_update(
        index_elements=["writer"], set_={"serial": upsert.excluded.serial}
    )


@contextmanager
def _rolled_back(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A session from ``sessions`` whose transaction is rolled back at the end: it only reads."""
    with sessions() as session:
        try:
            yield session
        finally:
            session.rollback()


def seed_defaults(connection: Connection, revision: str | None = None) -> None:
    """Inside the transaction that creates or upgrades the schema from ``revision`` (None: a
    new database): give a database with no labels the default schema, and one that had no
    relations before (new, or older than 0007) the default relation labels whose span labels
    it has. A project that later deletes every relation label is not given them again."""
    session = Session(bind=connection)
    if session.scalar(select(func.count()).select_from(Label)) == 0:
        seed_labels(session, default_schema())
        session.flush()
    relations_are_new = revision is None or version.is_before(revision, "0007")
    if relations_are_new and session.scalar(select(func.count()).select_from(RelationLabel)) == 0:
        seed_relation_labels(session, default_relation_schema())


def seed_labels(session: Session, schema: LabelSchema) -> None:
    for position, label in enumerate(schema):
        session.add(
            Label(
                name=label.name,
                color=label.color,
                hotkey=label.hotkey,
                alt_hotkey=label.alt_hotkey,
                description=label.description,
                position=position,
            )
        )
