"""INCEpTION's UIMA CAS XMI, written with dkpro-cassis: a folder with one ``ID.xmi`` per
document and the ``TypeSystem.xml`` they share.

A span is a DKPro ``de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity`` whose ``value``
is the label; a relation a ``webanno.custom.Relation`` (a custom relation layer, as INCEpTION
names them) whose ``Governor`` is the source span and ``Dependent`` the target, ``label`` its
label, and begin and end the target's (INCEpTION's convention for relations). Each CAS holds a
DKPro ``DocumentMetaData`` naming the document (``documentId``, ``documentTitle``). cassis
takes code point offsets and writes UIMA's UTF-16 offsets into the XMI itself. XML cannot
carry some control characters (U+0000-U+0008, U+000B, U+000C, U+000E-U+001F): a document
holding one is refused, named. Needs the ``inception`` extra.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.records import ExportRecord
from annotator.formats.file_names import DocumentFiles
from annotator.formats.writing import ExportContext, ExportProblem, Tally, optional

NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
RELATION = "webanno.custom.Relation"
METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
TYPE_SYSTEM = "TypeSystem.xml"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def type_system() -> Any:
    """The types the XMI files use, as INCEpTION declares them."""
    cassis = optional("cassis", "inception", "inception")
    types = cassis.TypeSystem()
    entity = types.create_type(NAMED_ENTITY, "uima.tcas.Annotation")
    types.create_feature(entity, "value", "uima.cas.String")
    types.create_feature(entity, "identifier", "uima.cas.String")
    relation = types.create_type(RELATION, "uima.tcas.Annotation")
    types.create_feature(relation, "Governor", entity)
    types.create_feature(relation, "Dependent", entity)
    types.create_feature(relation, "label", "uima.cas.String")
    metadata = types.create_type(METADATA, "uima.tcas.DocumentAnnotation")
    for name in ("documentTitle", "documentId", "documentUri", "collectionId", "documentBaseUri"):
        types.create_feature(metadata, name, "uima.cas.String")
    types.create_feature(metadata, "isLastSegment", "uima.cas.Boolean")
    return types


def document_cas(record: ExportRecord, types: Any) -> Any:
    """The CAS of one record: its text, metadata, named entities and relations."""
    cassis = optional("cassis", "inception", "inception")
    bad = _NOT_XML.search(record.text)
    if bad is not None:
        raise ExportProblem(
            f"document {record.id!r} holds U+{ord(bad.group()):04X} at offset {bad.start()}, "
            "which XML cannot carry"
        )
    cas = cassis.Cas(typesystem=types)
    cas.sofa_string = record.text
    entity, relation = types.get_type(NAMED_ENTITY), types.get_type(RELATION)
    cas.add(
        types.get_type(METADATA)(
            begin=0, end=len(record.text), documentId=record.id, documentTitle=record.id
        )
    )
    added = [entity(begin=s, end=e, value=label) for s, e, label in record.spans or ()]
    cas.add_all(added)
    for source, target, label in record.relations or ():
        governor, dependent = added[source], added[target]
        cas.add(
            relation(
                begin=dependent.begin,
                end=dependent.end,
                Governor=governor,
                Dependent=dependent,
                label=label,
            )
        )
    return cas


def write_path(
    records: Iterable[ExportRecord], target: Path, context: ExportContext, tally: Tally
) -> None:
    types = type_system()
    target.mkdir()
    files = DocumentFiles(".xmi", "INCEpTION")
    for record in records:
        stem = files.stem(record.id)
        document_cas(record, types).to_xmi(str(target / f"{stem}.xmi"))
    types.to_xml(str(target / TYPE_SYSTEM))
