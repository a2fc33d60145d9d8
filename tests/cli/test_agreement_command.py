"""`annotator agreement`: figures over finished annotation sets only, checked independently."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sklearn.metrics import cohen_kappa_score

from annotator.core.tokens import Tokens

TEXT_1 = "Taliban fighters attacked Kunduz city on Tuesday, killing 12 people."
TEXT_2 = "Afghan forces recaptured Qala-e-Zal district from the Taliban."
# (annotator, document, status, spans)
SETS: list[tuple[str, str, str, list[tuple[int, int, str]]]] = [
    ("ana", "d1", "done", [(0, 7, "ACTOR"), (26, 32, "PLACE"), (17, 25, "EVENT")]),
    ("ben", "d1", "done", [(0, 16, "ACTOR"), (26, 37, "PLACE"), (59, 68, "FIGURE")]),
    ("cy", "d1", "done", [(0, 7, "ACTOR"), (26, 32, "PLACE"), (59, 61, "FIGURE")]),
    ("ana", "d2", "done", [(0, 13, "ACTOR"), (25, 44, "PLACE")]),
    ("ben", "d2", "done", [(0, 13, "ACTOR"), (25, 35, "PLACE"), (54, 61, "ACTOR")]),
    # Not finished: gives no value anywhere.
    ("dee", "d1", "in_progress", [(41, 48, "EVENT")]),
    ("cy", "d2", "in_progress", []),
]


def _records() -> list[dict[str, Any]]:
    texts = {"d1": TEXT_1, "d2": TEXT_2}
    return [
        {
            "id": doc,
            "text": texts[doc],
            "annotator": who,
            "status": status,
            "spans": [{"start": s, "end": e, "label": lab} for s, e, lab in spans],
        }
        for who, doc, status, spans in SETS
    ]


def _token_values(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    tokens = Tokens(text)
    return [
        "|".join(sorted({lab for s, e, lab in spans if s < end and start < e}))
        for start, end in tokens.spans()
    ]


def _kappa_by_sklearn(a: str, b: str) -> float:
    texts = {"d1": TEXT_1, "d2": TEXT_2}
    done = {(who, doc): spans for who, doc, status, spans in SETS if status == "done"}
    values_a: list[str] = []
    values_b: list[str] = []
    for doc, text in texts.items():
        if (a, doc) in done and (b, doc) in done:
            values_a += _token_values(text, done[(a, doc)])
            values_b += _token_values(text, done[(b, doc)])
    return float(cohen_kappa_score(values_a, values_b))


def test_agreement_counts_only_finished_sets_and_matches_sklearn_kappa(
    cli: Callable[..., Any], write_jsonl: Callable[..., Path], sqlite_url: str
) -> None:
    assert cli("import", str(write_jsonl(_records())), "--db", sqlite_url).code == 0
    # A gold set is not an annotator either.
    assert cli("adjudicate", "--strategy", "majority", "--db", sqlite_url).code == 0

    run = cli("agreement", "--json", "--db", sqlite_url)

    assert run.code == 0
    report = json.loads(run.out)
    pairs = {(p["a"], p["b"]): p for p in report["pairs"]}
    assert set(pairs) == {("ana", "ben"), ("ana", "cy"), ("ben", "cy")}
    for (a, b), pair in pairs.items():
        assert abs(pair["kappa"] - _kappa_by_sklearn(a, b)) < 1e-9
    # ana/cy finished only d1 together: exact matches ACTOR 0..7 and PLACE 26..32 of 3 + 3.
    assert pairs[("ana", "cy")]["f1_exact"] == 2 / 3
    alphas = [d["alpha"] for d in report["documents"]]
    assert [d["id"] for d in report["documents"]] in (["d1", "d2"], ["d2", "d1"])
    assert alphas == sorted(alphas), "least agreed documents come first"
    assert set(report["labels"]) == {"ACTOR", "PLACE", "EVENT", "FIGURE"}


def test_agreement_for_one_label(
    cli: Callable[..., Any], write_jsonl: Callable[..., Path], sqlite_url: str
) -> None:
    cli("import", str(write_jsonl(_records())), "--db", sqlite_url)

    report = json.loads(cli("agreement", "--json", "--label", "ACTOR", "--db", sqlite_url).out)

    assert set(report["labels"]) == {"ACTOR"}
    # ana and ben agree on d2's ACTOR 0..13; ben alone has 54..61: 1 of (1 + 2) spans on d2,
    # and on d1 ana 0..7 vs ben 0..16 do not match exactly.
    assert report["pairs"][0]["a"] == "ana"
    assert report["pairs"][0]["f1_exact"] == 2 * 1 / (2 + 3)


def test_agreement_without_finished_pairs_says_so(
    cli: Callable[..., Any], write_jsonl: Callable[..., Path], sqlite_url: str
) -> None:
    cli("import", str(write_jsonl([_records()[5]])), "--db", sqlite_url)

    run = cli("agreement", "--db", sqlite_url)

    assert run.code == 0
    assert "no document has been finished by two annotators yet" in run.out


def test_agreement_refuses_a_label_not_in_the_schema(
    cli: Callable[..., Any], sqlite_url: str
) -> None:
    assert cli("people", "add", "ana", "--db", sqlite_url).code == 0
    run = cli("agreement", "--label", "PERSON", "--db", sqlite_url)

    assert run.code == 2
    assert "label 'PERSON' is not in the schema" in run.err
