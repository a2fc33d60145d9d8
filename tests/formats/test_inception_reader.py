"""INCEpTION's UIMA CAS XMI, written with dkpro-cassis and the DKPro type system from the
Unicode corpus: NamedEntity values as labels, a custom relation layer, UTF-16 offsets in the
file and code points read."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from cassis import Cas, TypeSystem, load_dkpro_core_typesystem
from reader_support import assert_folder_is_the_corpus, problems, records
from unicode_corpus import CORPUS, Doc

from annotator.formats.inception_reader import NAMED_ENTITY
from annotator.formats.readers import read_file

RELATION = "webanno.custom.EventArgument"


def type_system() -> TypeSystem:
    types = load_dkpro_core_typesystem()
    relation = types.create_type(RELATION, supertypeName="uima.tcas.Annotation")
    types.create_feature(relation, "Governor", NAMED_ENTITY)
    types.create_feature(relation, "Dependent", NAMED_ENTITY)
    types.create_feature(relation, "label", "uima.cas.String")
    return types


def cas_of(types: TypeSystem, doc: Doc, *, label: str | None = "label") -> Cas:
    cas = Cas(typesystem=types)
    cas.sofa_string = doc.text
    entity, relation = types.get_type(NAMED_ENTITY), types.get_type(RELATION)
    made = [entity(begin=s, end=e, value=label_) for s, e, label_ in doc.spans]
    for annotation in made:
        cas.add(annotation)
    for source, target, name in doc.relations:
        features: dict[str, Any] = {"Governor": made[source], "Dependent": made[target]}
        if label is not None:
            features[label] = name
        cas.add(relation(begin=made[target].begin, end=made[target].end, **features))
    return cas


def write_folder(folder: Path, docs: tuple[Doc, ...], **options: Any) -> None:
    types = type_system()
    types.to_xml(folder / "TypeSystem.xml")
    for doc in docs:
        cas_of(types, doc, **options).to_xmi(folder / f"{doc.id}.xmi")


def test_an_xmi_folder_reads_the_corpus_exactly(tmp_path: Path) -> None:
    write_folder(tmp_path, CORPUS)
    assert_folder_is_the_corpus(tmp_path, "inception", ".xmi")


def test_the_file_counts_utf16_units_and_the_reader_code_points(tmp_path: Path) -> None:
    doc = CORPUS[0]
    write_folder(tmp_path, (doc,))
    xmi = (tmp_path / "emoji.xmi").read_text("utf-8")
    ana = next(s for s in doc.spans if s[2] == "ACTOR")
    utf16 = len(doc.text[: ana[0]].encode("utf-16-le")) // 2
    assert utf16 != ana[0]
    assert re.search(f'begin="{utf16}" end="{utf16 + 3}" value="ACTOR"', xmi)
    [record] = records(read_file(tmp_path / "emoji.xmi", "inception"))
    assert (ana[0], ana[1], "ACTOR") in [(s.start, s.end, s.label) for s in record.spans or []]


def test_a_relation_layer_without_a_label_feature_is_refused(tmp_path: Path) -> None:
    write_folder(tmp_path, (CORPUS[2],), label=None)
    [problem] = problems(read_file(tmp_path / "scripts.xmi", "inception"))
    assert problem == f"{tmp_path / 'scripts.xmi'}: the EventArgument relation at " + (
        f"{CORPUS[2].spans[3][0]}..{CORPUS[2].spans[3][1]} has no label"
    )


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda folder: (folder / "TypeSystem.xml").unlink(), "no TypeSystem.xml beside it"),
        (
            lambda folder: (folder / "scripts.xmi").write_text("<xmi:XMI"),
            "not a UIMA CAS XMI file: ",
        ),
    ],
)
def test_unreadable_files_are_refused(tmp_path: Path, damage: Any, message: str) -> None:
    write_folder(tmp_path, (CORPUS[2],))
    damage(tmp_path)
    [problem] = problems(read_file(tmp_path / "scripts.xmi", "inception"))
    assert problem.startswith(f"{tmp_path / 'scripts.xmi'}: {message}")


def test_an_entity_without_a_value_is_refused(tmp_path: Path) -> None:
    types = type_system()
    types.to_xml(tmp_path / "TypeSystem.xml")
    cas = Cas(typesystem=types)
    cas.sofa_string = "Kabul"
    cas.add(types.get_type(NAMED_ENTITY)(begin=0, end=5))
    cas.to_xmi(tmp_path / "x.xmi")
    assert problems(read_file(tmp_path / "x.xmi", "inception")) == [
        f"{tmp_path / 'x.xmi'}: the NamedEntity at 0..5 has no value (its label)"
    ]
