"""What every reader test checks: the records read are the corpus's documents exactly."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from unicode_corpus import CORPUS, Doc

from annotator.formats.readers import folder_files, read_file
from annotator.schemas import DocumentRecord, Located, Problem


def records(items: Iterable[Located | Problem]) -> list[DocumentRecord]:
    """The records of ``items``, which must hold no problem."""
    items = list(items)
    problems = [str(item) for item in items if isinstance(item, Problem)]
    assert not problems
    return [item.record for item in items if isinstance(item, Located)]


def problems(items: Iterable[Located | Problem]) -> list[str]:
    return [str(item) for item in items if isinstance(item, Problem)]


def assert_is(record: DocumentRecord, doc: Doc, *, relations: bool = True) -> None:
    """``record`` holds ``doc``'s text and spans exactly (and its relations, by the spans they
    link, whatever the order the format gave the spans in)."""
    assert record.text == doc.text
    assert record.spans is not None
    read = [(s.start, s.end, s.label) for s in record.spans]
    assert sorted(read) == sorted(doc.spans)
    for start, end, _label in read:
        assert record.text[start:end] == doc.text[start:end]
    if not relations:
        return
    linked = sorted((read[r.source], read[r.target], r.label) for r in record.relations or [])
    assert linked == sorted((doc.spans[s], doc.spans[t], label) for s, t, label in doc.relations)


def assert_folder_is_the_corpus(folder: Path, fmt: str, suffix: str) -> None:
    """``folder``'s listing for ``fmt`` is one file per corpus document, named by its id, and
    each reads as that document exactly."""
    files = folder_files(folder, fmt)
    assert files == sorted(folder / f"{doc.id}{suffix}" for doc in CORPUS)
    by_id = {doc.id: doc for doc in CORPUS}
    for path in files:
        [record] = records(read_file(path, fmt))
        assert record.id == path.stem
        assert_is(record, by_id[record.id])
