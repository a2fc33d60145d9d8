"""INCEpTION's UIMA CAS XMI: a folder of ``.xmi`` files, one per document, and the
``TypeSystem.xml`` beside them, read with dkpro-cassis.

The text is the CAS's document text (its ``_InitialView`` sofa), exactly. Each DKPro
``NamedEntity`` is a span labelled with its ``value`` (one without a value is refused). UIMA
counts offsets in UTF-16 units; cassis turns them into code points, ours. A relation is an
annotation of any type with ``Governor`` and ``Dependent`` features (INCEpTION's relation
layers) whose two ends are named entities, labelled with its ``label`` feature (else its
``value``, else its one other string feature); relation layers over other annotations (DKPro's
syntactic ``Dependency`` over tokens) are not imported, nor are other layers.

The id is ``DocumentMetaData``'s ``documentId`` when the CAS has one, else the file's stem;
the spans are the import's ``--annotator``'s. A problem is located at the file (line 0).

dkpro-cassis is an optional extra, imported only here and only when a file is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from annotator.schemas import DocumentRecord, Located, Problem, RelationRecord, SpanRecord

NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
DOCUMENT_METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
TYPE_SYSTEM_NAMES = ("TypeSystem.xml", "typesystem.xml")
_LABEL_FEATURES = ("label", "value")
_BUILT_IN = frozenset(("sofa", "begin", "end", "Governor", "Dependent"))


def read_xmi(path: Path, text_column: str) -> Iterator[Located | Problem]:
    """The document of one ``.xmi`` file, read with the type system beside it."""
    source = str(path)
    type_system_path = next(
        (path.parent / name for name in TYPE_SYSTEM_NAMES if (path.parent / name).is_file()),
        None,
    )
    if type_system_path is None:
        yield Problem(source, 0, f"no {TYPE_SYSTEM_NAMES[0]} beside it: the CAS needs its types")
        return
    # cassis raises whatever its XML parser and type checks do; any of them means the file (or
    # its type system) is not a CAS it can read, which is what the person needs to know.
    try:
        type_system = _type_system(type_system_path, type_system_path.stat().st_mtime_ns)
    except Exception as error:
        yield Problem(str(type_system_path), 0, f"not a UIMA type system: {error}")
        return
    try:
        from cassis import load_cas_from_xmi

        with path.open("rb") as handle:
            cas = load_cas_from_xmi(handle, typesystem=type_system)
    except Exception as error:
        yield Problem(source, 0, f"not a UIMA CAS XMI file: {error}")
        return
    record = _record(cas, path.stem)
    if isinstance(record, str):
        yield Problem(source, 0, record)
    else:
        yield Located(source, 0, record)


@lru_cache(maxsize=4)
def _type_system(path: Path, modified: int) -> Any:
    """The type system at ``path``, read once per folder (``modified`` keys the cache)."""
    from cassis import load_typesystem

    with path.open("rb") as handle:
        return load_typesystem(handle)


def _record(cas: Any, stem: str) -> DocumentRecord | str:
    text = cas.sofa_string
    if not isinstance(text, str):
        return "the CAS has no document text"
    if not cas.typesystem.contains_type(NAMED_ENTITY):
        return f"the type system has no {NAMED_ENTITY}"
    spans: list[SpanRecord] = []
    index_of: dict[int, int] = {}  # xmiID of a NamedEntity -> its index in spans
    for entity in cas.select(NAMED_ENTITY):
        if not isinstance(entity.value, str) or not entity.value:
            return f"the NamedEntity at {entity.begin}..{entity.end} has no value (its label)"
        index_of[entity.xmiID] = len(spans)
        spans.append(SpanRecord(start=entity.begin, end=entity.end, label=entity.value))
    relations = _relations(cas, index_of)
    if isinstance(relations, str):
        return relations
    return DocumentRecord(
        id=_document_id(cas) or stem, text=text, spans=spans, relations=relations or None
    )


def _relations(cas: Any, index_of: dict[int, int]) -> list[RelationRecord] | str:
    relations = []
    for layer in cas.typesystem.get_types():
        names = {feature.name for feature in layer.all_features}
        if not {"Governor", "Dependent"} <= names:
            continue
        for link in cas.select(layer.name):
            source, target = link.Governor, link.Dependent
            if source is None or target is None:
                continue
            if source.xmiID not in index_of or target.xmiID not in index_of:
                continue  # a relation over tokens or another layer
            label = _label(link, layer)
            if label is None:
                return f"the {layer.short_name} relation at {link.begin}..{link.end} has no label"
            relations.append(
                RelationRecord(
                    source=index_of[source.xmiID], target=index_of[target.xmiID], label=label
                )
            )
    return relations


def _label(link: Any, layer: Any) -> str | None:
    strings = [
        feature.name
        for feature in layer.all_features
        if feature.name not in _BUILT_IN and feature.rangeType.name == "uima.cas.String"
    ]
    named = [name for name in _LABEL_FEATURES if name in strings]
    for name in named or (strings if len(strings) == 1 else []):
        value = link.get(name)
        if isinstance(value, str) and value:
            return value
    return None


def _document_id(cas: Any) -> str | None:
    if not cas.typesystem.contains_type(DOCUMENT_METADATA):
        return None
    for metadata in cas.select(DOCUMENT_METADATA):
        ident = metadata.get("documentId")
        if isinstance(ident, str) and ident:
            return ident
    return None
