"""``annotator suggest``: suggestions from a dictionary or a trained extractor, written as a
model person's annotation sets (:mod:`annotator.store.suggestions`), replacing that person's
earlier suggestions on the documents chosen. The window's Document > Suggest calls the same
functions off its thread.

Nothing is written until every document has been matched or predicted: the write is one
transaction, so a failure leaves the earlier suggestions as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.app.errors import EXIT_REFUSED, UserError
from annotator.core.dictionary import Dictionary, DictionaryError, read_dictionary
from annotator.core.occurrences import Matching
from annotator.store.lookup import label_schema
from annotator.store.model_input import document_texts, documents_named, documents_to_suggest
from annotator.store.store import Store
from annotator.store.suggestions import NewSuggestion, SuggestionError, write_suggestions

Step = Callable[[int], None]
BATCH = 64


@dataclass(frozen=True, slots=True)
class Suggested:
    documents: int
    suggestions: int
    model_person: str


def choose_documents(store: Store, docs: str) -> list[int]:
    """The ids ``--docs`` names: ``all``, ``unfinished`` (documents nobody has marked done), or
    a file of external document ids, one a line (blank lines and ``#`` comments skipped)."""
    if docs in ("all", "unfinished"):
        return documents_to_suggest(store, docs)
    path = Path(docs)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise UserError(f"{docs}: no such file (--docs takes all, unfinished or a FILE)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"{docs}: cannot read: {error}", EXIT_REFUSED) from None
    wanted = [
        (number, line.strip())
        for number, line in enumerate(lines, start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    found = documents_named(store, [name for _, name in wanted])
    for number, name in wanted:
        if name not in found:
            raise UserError(f"{docs}:{number}: no document {name!r} in the database", EXIT_REFUSED)
    return list(dict.fromkeys(found[name] for _, name in wanted))


def load_dictionary(store: Store, path: Path, matching: Matching) -> Dictionary:
    """The dictionary at ``path``, its labels checked against the schema; a bad line is a
    one-line error naming ``path:line``, and so is a file with no phrase or pattern."""
    with store.reading() as session:
        labels = [label.name for label in label_schema(session)]
    try:
        with path.open(encoding="utf-8") as lines:
            dictionary = read_dictionary(lines, str(path), matching, labels)
    except DictionaryError as error:
        raise UserError(str(error), EXIT_REFUSED) from None
    except FileNotFoundError:
        raise UserError(f"{path}: no such file", EXIT_REFUSED) from None
    except UnicodeDecodeError as error:
        raise UserError(f"{path}: not UTF-8 ({error.reason})", EXIT_REFUSED) from None
    except OSError as error:
        raise UserError(f"{path}: cannot read: {error.strerror}", EXIT_REFUSED) from None
    if not dictionary.phrases and not dictionary.patterns:
        # Suggesting replaces the model person's suggestions: an empty file would only delete.
        raise UserError(f"{path}: no phrase or pattern in it; nothing was changed", EXIT_REFUSED)
    return dictionary


def suggest_from_dictionary(
    store: Store, dictionary: Dictionary, documents: Sequence[int], model_person: str, step: Step
) -> Suggested:
    """Match ``dictionary`` in every document, then write the matches as ``model_person``'s
    suggestions (no score)."""
    found: dict[int, list[NewSuggestion]] = {}
    for document_id, text in document_texts(store, documents):
        found[document_id] = [
            (start, end, label, None) for start, end, label in dictionary.matches(text)
        ]
        step(1)
    return _write(store, found, model_person)


def suggest_from_model(
    store: Store,
    model: Path,
    documents: Sequence[int],
    model_person: str,
    step: Step,
    batch_size: int = BATCH,
) -> Suggested:
    """Run the pipeline ``annotator train`` wrote to ``model`` over the documents (in batches),
    then write its spans, with their scores, as ``model_person``'s suggestions."""
    from annotator.app.extractor import load_pipeline, predict

    nlp = load_pipeline(model)
    found: dict[int, list[NewSuggestion]] = {}
    ids: list[int] = []

    def texts() -> Iterator[str]:
        for document_id, text in document_texts(store, documents):
            ids.append(document_id)
            yield text

    for index, spans in enumerate(predict(nlp, texts(), batch_size)):
        found[ids[index]] = [(start, end, label, score) for start, end, label, score in spans]
        step(1)
    return _write(store, found, model_person)


def _write(store: Store, found: dict[int, list[NewSuggestion]], model_person: str) -> Suggested:
    try:
        written = write_suggestions(store, found, model_person, replace=True)
    except SuggestionError as error:
        raise UserError(str(error), EXIT_REFUSED) from None
    return Suggested(len(found), written, model_person)
