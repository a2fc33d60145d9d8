"""`annotator export --decisions`: the adjudication decision log as JSONL, one line per decision,
on SQLite and PostgreSQL, after adjudicating with the real command and the store functions the
review window calls."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import adjudication_example as example

from annotator.core.adjudication import RelationKey
from annotator.core.spans import Span
from annotator.store.adjudication import decide, undo_decisions
from annotator.store.documents import find_document
from annotator.store.relation_adjudication import decide_relation
from annotator.store.store import Store

Cli = Callable[..., Any]  # the `cli` fixture: returns a Run(code, out, err)
WriteJsonl = Callable[..., Path]

# An emoji (one code point, two UTF-16 units, four UTF-8 bytes) and a CRLF before the spans:
# the spans' texts must be cut by code points.
TEXT = "👩‍💻 Taliban fighters\r\nattacked Kunduz on Tuesday, killing 12 people."


def at(word: str, label: str) -> Span:
    start = TEXT.index(word)
    return Span(start, start + len(word), label)


TALIBAN = at("Taliban", "ACTOR")  # both: pre-filled
KUNDUZ = at("Kunduz", "PLACE")  # ana
KUNDUZ_EVENT = at("Kunduz", "EVENT")  # ben
PEOPLE = at("12 people", "FIGURE")  # ana
TWELVE = at("12", "FIGURE")  # ben


def record(who: str, spans: list[Span]) -> dict[str, Any]:
    return {
        "id": "news-1",
        "text": TEXT,
        "annotator": who,
        "status": "done",
        "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in spans],
    }


def span_json(span: Span) -> dict[str, Any]:
    return {
        "start": span.start,
        "end": span.end,
        "label": span.label,
        "text": TEXT[span.start : span.end],
    }


def parse(text: str) -> list[dict[str, Any]]:
    assert text.endswith("\n")
    return [json.loads(line) for line in text.split("\n")[:-1]]


def test_export_decisions_writes_one_line_per_decision(
    cli: Cli, db_url: str, write_jsonl: WriteJsonl, tmp_path: Path
) -> None:
    corpus = write_jsonl(
        [record("ana", [TALIBAN, KUNDUZ, PEOPLE]), record("ben", [TALIBAN, KUNDUZ_EVENT, TWELVE])]
    )
    assert cli("import", str(corpus), "--db", db_url).code == 0
    assert cli("people", "add", "rita", "--role", "reviewer", "--db", db_url).code == 0
    run = cli("export", "--decisions", "--db", db_url)
    assert (run.code, run.out) == (0, "")
    assert run.err_lines == [
        "no adjudication decisions yet: a reviewer makes them in review mode, and "
        "`annotator adjudicate` logs what it pre-fills"
    ]
    started = datetime.now(UTC)
    assert cli("adjudicate", "--strategy", "majority", "--db", db_url).code == 0
    # What the review window does on A, R, a label key and Ctrl+Z (annotator.gui.review).
    with Store.open(db_url) as store:
        news = find_document(store, "news-1")
        assert news is not None
        decide(store, news, "rita", "accept", KUNDUZ, chosen_by=("ana",), reason="a place")
        decide(store, news, "rita", "reject", KUNDUZ_EVENT, chosen_by=("ben",))
        twelve_people = Span(TWELVE.start, PEOPLE.end, "FIGURE")
        decide(store, news, "rita", "correct", twelve_people, original=TWELVE, chosen_by=("ben",))
        (undone,) = decide(store, news, "rita", "reject", TALIBAN)
        undo_decisions(store, [undone])
    finished = datetime.now(UTC)

    run = cli("export", "--decisions", "--db", db_url)
    assert (run.code, run.err) == (0, "")
    lines = parse(run.out)
    for line in lines:
        when = datetime.fromisoformat(line.pop("when"))
        assert when.utcoffset() == timedelta(0)
        assert started.replace(microsecond=0) <= when <= finished
    assert lines == [
        {
            "document": "news-1",
            "span": span_json(TALIBAN),
            "action": "prefill",
            "who": "gold",
            "chosen_by": ["ana", "ben"],
            "reason": "majority: 2 of 2",
        },
        {
            "document": "news-1",
            "span": span_json(KUNDUZ),
            "action": "accept",
            "who": "rita",
            "chosen_by": ["ana"],
            "reason": "a place",
        },
        {
            "document": "news-1",
            "span": span_json(KUNDUZ_EVENT),
            "action": "reject",
            "who": "rita",
            "chosen_by": ["ben"],
        },
        {
            "document": "news-1",
            "span": span_json(twelve_people),
            "original": span_json(TWELVE),
            "action": "correct",
            "who": "rita",
            "chosen_by": ["ben"],
        },
    ]
    assert lines[1]["span"]["text"] == "Kunduz"
    assert lines[3]["span"]["text"] == "12 people"
    # The raw line: UTF-8 as is, "when" in UTC with a Z.
    assert run.out.splitlines()[1].split('"when": "')[1][23:25] == 'Z"'

    # -o FILE: the same lines, written whole; refusals as the export's.
    target = tmp_path / "decisions.jsonl"
    written = cli("export", "--decisions", "--db", db_url, "-o", str(target))
    assert written.code == 0
    assert written.err_lines == [f"wrote 4 decision(s) to {target}"]
    assert target.read_text(encoding="utf-8") == cli("export", "--decisions", "--db", db_url).out
    folder = cli("export", "--decisions", "--db", db_url, "-o", str(tmp_path))
    assert (folder.code, folder.err_lines) == (
        1,
        [f"annotator export: cannot write to {tmp_path}: it is a folder"],
    )
    both = cli("export", "--decisions", "--set", "gold", "--db", db_url)
    assert (both.code, both.out) == (2, "")
    assert both.err_lines == [
        "annotator export: --set chooses annotation sets; --decisions writes the whole decision log"
    ]


def test_export_decisions_never_writes_over_the_database(
    cli: Cli, sqlite_url: str, write_jsonl: WriteJsonl
) -> None:
    corpus = write_jsonl([record("ana", [TALIBAN]), record("ben", [TALIBAN])])
    assert cli("import", str(corpus), "--db", sqlite_url).code == 0
    assert cli("adjudicate", "--strategy", "majority", "--db", sqlite_url).code == 0
    path = sqlite_url.removeprefix("sqlite:///")
    run = cli("export", "--decisions", "--db", sqlite_url, "-o", f"{path}-wal")
    assert run.code == 2
    assert run.err_lines == [
        f"annotator export: refusing to write the export over the database file {path}-wal"
    ]
    assert len(parse(cli("export", "--decisions", "--db", sqlite_url).out)) == 1


def test_export_decisions_writes_relation_decisions(cli: Cli, db_url: str) -> None:
    """The three-annotator article with relations: pre-filled by ``annotator adjudicate``,
    then a relation accepted (with its rejected span), one rejected and one relabelled, as
    review mode's A, R and a relation key do; span lines keep their shape."""
    with Store.open(db_url) as store:
        raid = example.load_relation_example(store)
    run = cli("adjudicate", "--strategy", "majority", "--db", db_url)
    assert run.code == 0
    assert run.out.splitlines()[1] == (
        "3 relation(s) put into gold; 2 left for a reviewer "
        "(disputed, or a span of theirs is not in gold)"
    )
    with Store.open(db_url) as store:
        decide_relation(store, raid, "rita", "accept", example.COUNT, chosen_by=("ana", "ben"))
        decide_relation(store, raid, "rita", "reject", example.AT_MARKET, chosen_by=("ben", "cai"))
        relabelled = RelationKey(example.ATTACK, example.TALIBAN, "target")
        decide_relation(
            store, raid, "rita", "correct", relabelled, original_label="agent", reason="victims"
        )
    run = cli("export", "--decisions", "--db", db_url)
    assert (run.code, run.err) == (0, "")
    lines = parse(run.out)
    for line in lines:
        line.pop("when")

    def ends(relation: RelationKey) -> dict[str, Any]:
        return {
            "source": example_span(relation.source),
            "target": example_span(relation.target),
            "relation": relation.label,
        }

    relation_lines = [line for line in lines if "relation" in line]
    assert relation_lines == [
        {
            "document": "raid",
            **ends(relation),
            "action": "prefill",
            "who": "gold",
            "chosen_by": chosen_by,
            "reason": reason,
        }
        for relation, chosen_by, reason in [
            (example.AGENT, ["ana", "ben", "cai"], "majority: 3 of 3"),
            (example.AT_MARKET, ["ben", "cai"], "majority: 2 of 3"),
            (example.LOCATION, ["ana", "ben"], "majority: 2 of 3"),
        ]
    ] + [
        {
            "document": "raid",
            **ends(example.COUNT),
            "action": "accept",
            "who": "rita",
            "chosen_by": ["ana", "ben"],
        },
        {
            "document": "raid",
            **ends(example.AT_MARKET),
            "action": "reject",
            "who": "rita",
            "chosen_by": ["ben", "cai"],
        },
        {
            "document": "raid",
            **ends(relabelled),
            "original_relation": "agent",
            "action": "correct",
            "who": "rita",
            "chosen_by": [],
            "reason": "victims",
        },
    ]
    assert relation_lines[3]["target"]["text"] == "two employees"
    # The span decisions keep their shape: the rejection first, and the span accepted with
    # example.COUNT just before it.
    spans = [line for line in lines if "relation" not in line]
    assert spans[0] == {
        "document": "raid",
        "span": example_span(example.EMPLOYEES),
        "action": "reject",
        "who": "rita",
        "chosen_by": [],
        "reason": "not the toll",
    }
    assert lines.index(spans[-1]) == lines.index(relation_lines[3]) - 1
    assert spans[-1]["span"] == example_span(example.EMPLOYEES)
    assert spans[-1]["action"] == "accept"


def example_span(span: Span) -> dict[str, Any]:
    return {
        "start": span.start,
        "end": span.end,
        "label": span.label,
        "text": example.TEXT[span.start : span.end],
    }
