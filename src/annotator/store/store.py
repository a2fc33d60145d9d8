"""Opening a corpus database: engine, schema check and upgrade, and transactions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session, sessionmaker

from annotator.core.labels import LabelSchema, default_schema
from annotator.store import version
from annotator.store.engine import create_database_engine, display_url, writer
from annotator.store.models import Label


class Store:
    """A corpus database. Each public store function runs in its own transaction, taken from
    :meth:`reading` or :meth:`writing`; no session outlives one user action."""

    def __init__(self, url: str, on_wait: Callable[[], None] | None = None) -> None:
        self.url = url
        self.engine = create_database_engine(url)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._write_engine = writer(self.engine)
        if on_wait is not None:
            # Read by the engine's "begin" handler (SQLite): wait for the lock, see waiting.py.
            self._write_engine = self._write_engine.execution_options(on_wait=on_wait)
        self._writer = sessionmaker(self._write_engine, expire_on_commit=False)
        # PostgreSQL's default (READ COMMITTED) lets each statement see what others committed
        # since the last one: a long read would mix two states. SQLite's read transaction is
        # already one snapshot, from its first read to its end.
        snapshot_engine = (
            self.engine.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
            if self.engine.dialect.name == "postgresql"
            else self.engine
        )
        self._snapshot = sessionmaker(snapshot_engine, expire_on_commit=False)

    @classmethod
    def open(
        cls, url: str, *, upgrade: bool = True, on_wait: Callable[[], None] | None = None
    ) -> Store:
        """Open ``url``, creating or upgrading its schema (unless ``upgrade`` is False).

        Raises :class:`~annotator.store.version.SchemaTooNew` for a database written by a
        newer Annotator, before anything is changed.

        ``on_wait`` (SQLite): a write transaction that finds another program holding the write
        lock calls ``on_wait()`` once and waits until the lock frees, however long; without it
        a writer gives up after the busy timeout with "database is locked", as before.
        """
        store = cls(url, on_wait)
        try:
            store._prepare(upgrade)
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
        from annotator.store.migrate import upgrade_to_head

        upgrade_to_head(self._write_engine, then=_seed_default_labels)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def describe(self) -> str:
        """The URL without its password."""
        return display_url(self.url)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only transaction (rolled back at the end)."""
        with self._reader() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A read-only transaction that sees one state of the database throughout, whatever
        other processes commit meanwhile (``REPEATABLE READ, READ ONLY`` on PostgreSQL): for
        reads that take several queries, such as an export."""
        with self._snapshot() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends normally, rolled back on error."""
        with self._writer() as session, session.begin():
            yield session


def _seed_default_labels(connection: Connection) -> None:
    """Give a database with no labels the default schema (inside the upgrade transaction)."""
    session = Session(bind=connection)
    if session.scalar(select(func.count()).select_from(Label)) == 0:
        seed_labels(session, default_schema())
        session.flush()


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
