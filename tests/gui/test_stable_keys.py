"""The span keys that keep undo commands pointed at re-created rows."""

from __future__ import annotations

from annotator.gui.undo import StableKeys


def test_span_keys_follow_re_created_rows() -> None:
    keys = StableKeys()
    a = keys.new(5)
    assert keys.id_of(a) == 5
    assert keys.key_of(5) == a
    keys.rebind(a, 9)  # undo of a delete re-created the span as row 9
    assert keys.id_of(a) == 9
    assert keys.key_of(9) == a
    b = keys.new(5)  # the database reused row id 5 for another span: a new key
    assert b != a
    assert keys.id_of(a) == 9
    assert keys.key_of(5) == b
    c = keys.key_of(42)  # a span loaded from the database gets a key on first sight
    assert keys.id_of(c) == 42
    assert c not in (a, b)
