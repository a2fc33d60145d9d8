"""spaCy ``.spacy`` files (a serialized ``DocBin``): each ``Doc`` is one document.

The text is ``doc.text``, exactly; the spans are ``doc.spans["sc"]`` when the Doc has that
span group (which may nest), else ``doc.ents``; offsets are each span's ``start_char`` and
``end_char``, code points like ours. Other span groups, and the tokens' own attributes, are not
imported. The id is ``doc.user_data["id"]`` when the DocBin kept user data and it holds one,
else the file's stem and the Doc's number (``train-1``, ...); ``doc.user_data["annotator"]``,
likewise, else the import's ``--annotator``. ``doc.user_data["relations"]``, as Annotator's
export writes it (``[source, target, label]`` with indexes into ``doc.spans["sc"]``), gives the
relations; anything else there is not a relation list and is refused. A record's "line" is its
Doc's number in the file.

spaCy is an optional extra, imported only here and only when a file is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.schemas import DocumentRecord, Located, Problem, RelationRecord, SpanRecord

SPAN_GROUP = "sc"  # spaCy's SpanCategorizer reads this group by default


def read_docbin(path: Path, text_column: str) -> Iterator[Located | Problem]:
    """The Docs of a ``.spacy`` file, each located at its number in the file."""
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    source = str(path)
    try:
        docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(Vocab()))
    except (ValueError, KeyError, TypeError) as error:  # what srsly and spaCy raise on bad bytes
        yield Problem(source, 0, f"not a spaCy DocBin (.spacy) file: {error}")
        return
    for number, doc in enumerate(docs, start=1):
        try:
            yield Located(source, number, _record(doc, f"{path.stem}-{number}"))
        except ValueError as error:
            yield Problem(source, number, str(error))


def _record(doc: Any, fallback_id: str) -> DocumentRecord:
    spans = doc.spans.get(SPAN_GROUP, doc.ents)
    user_data = doc.user_data if isinstance(doc.user_data, dict) else {}
    ident, annotator = user_data.get("id"), user_data.get("annotator")
    return DocumentRecord(
        id=ident if isinstance(ident, str) and ident else fallback_id,
        text=doc.text,
        spans=[SpanRecord(start=s.start_char, end=s.end_char, label=s.label_) for s in spans],
        annotator=annotator if isinstance(annotator, str) else None,
        relations=_relations(user_data.get("relations")) if SPAN_GROUP in doc.spans else None,
    )


def _relations(given: object) -> list[RelationRecord] | None:
    """``user_data["relations"]``: ``[source, target, label]`` lists (a DocBin gives them back
    as tuples; None: none given)."""
    if given is None:
        return None
    if not isinstance(given, list | tuple) or not all(
        isinstance(r, list | tuple)
        and len(r) == 3
        and isinstance(r[0], int)
        and isinstance(r[1], int)
        and isinstance(r[2], str)
        for r in given
    ):
        raise ValueError('user_data["relations"] is not a list of [source, target, label]')
    return [RelationRecord(source=r[0], target=r[1], label=r[2]) for r in given] or None
