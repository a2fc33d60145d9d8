"""What the window remembers between runs (QSettings, INI format).

Window geometry, splitter proportions and zoom are per user account; the last open document
is per (database URL, annotator name), so two corpora or two people on one machine do not
share it. Tests point the INI files at a temporary folder with ``QSettings.setPath``.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "annotator"
APPLICATION = "annotator"


class Settings:
    """``remember=False`` (screenshots): nothing is read or written; defaults everywhere."""

    def __init__(self, db_url: str | None, user: str, remember: bool = True) -> None:
        self.remember = remember
        self._user = user
        self._settings = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
        )
        self._corpus = ""
        if db_url is not None:
            self.use_database(db_url)

    def use_database(self, db_url: str) -> None:
        """Key the per-corpus settings (the last document) by this database URL."""
        # URLs hold "/" (a group separator in QSettings keys): key the corpus by a digest.
        digest = hashlib.sha256(f"{db_url}\n{self._user}".encode()).hexdigest()[:20]
        self._corpus = f"corpora/{digest}"

    def last_document(self) -> int | None:
        if not self.remember or not self._corpus:
            return None
        value = self._settings.value(f"{self._corpus}/last_document")
        try:
            return int(str(value)) if value is not None else None
        except ValueError:
            return None

    def set_last_document(self, document_id: int) -> None:
        if self.remember and self._corpus:
            self._settings.setValue(f"{self._corpus}/last_document", document_id)

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_geometry(self, value: QByteArray) -> None:
        if self.remember:
            self._settings.setValue("window/geometry", value)

    def splitter_state(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    def set_splitter_state(self, value: QByteArray) -> None:
        if self.remember:
            self._settings.setValue("window/splitter", value)

    def zoom(self) -> int:
        """Zoom steps from the default font size (positive: larger)."""
        if not self.remember:
            return 0
        try:
            return int(str(self._settings.value("view/zoom", 0)))
        except ValueError:
            return 0

    def set_zoom(self, steps: int) -> None:
        if self.remember:
            self._settings.setValue("view/zoom", steps)

    def sync(self) -> None:
        self._settings.sync()

    def _bytes(self, key: str) -> QByteArray | None:
        if not self.remember:
            return None
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None
