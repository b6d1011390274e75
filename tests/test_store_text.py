"""Safe FTS5 queries from user text, and name matching by tokens."""

from __future__ import annotations

import sqlite3

import pytest

from newsgraph.store.text import (
    fts_all_words,
    fts_phrase,
    is_acronym,
    name_contains,
    name_matches,
)


@pytest.mark.parametrize(
    ("user_text", "expected"),
    [
        ("housing", '"housing"'),
        ("Labour AND Tory", '"Labour" AND "Tory"'),
        ("Labour OR NOT Tory", '"Labour" AND "Tory"'),
        ("rock and roll", '"rock" AND "and" AND "roll"'),
        ("AND", None),
        ('say "no"', '"say" AND "no"'),
        ('a"b', '"a""b"'),
        ("borrow*", '"borrow"*'),
        ("( ) - ^", None),
        ("", None),
    ],
)
def test_store_text_fts_all_words(user_text: str, expected: str | None) -> None:
    assert fts_all_words(user_text) == expected


def test_store_text_fts_all_words_in_a_column() -> None:
    assert fts_all_words("rent cap", column="text") == 'text : "rent" AND text : "cap"'


@pytest.mark.parametrize(
    ("user_text", "expected"),
    [
        ("Jeremy Corbyn", '"Jeremy Corbyn"'),
        ("the (Labour) party", '"the Labour party"'),
        ("?!", None),
    ],
)
def test_store_text_fts_phrase(user_text: str, expected: str | None) -> None:
    assert fts_phrase(user_text) == expected


@pytest.mark.parametrize(
    "user_text",
    ['"', "((", "AND", "OR NOT", "NEAR(a b", "col:x", "*", "a AND (b OR", "東京 ☃", "x'y"],
)
def test_store_text_queries_are_valid_fts5(user_text: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5 (text)")
    for query in (fts_all_words(user_text), fts_phrase(user_text, column="text")):
        if query is not None:
            conn.execute("SELECT * FROM t WHERE t MATCH ?", (query,)).fetchall()


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        ("Ivor Caplin", "Ivor Caplin", True),
        ("Ivor Caplin", "caplin", True),
        ("Ivor Caplin", "CAPLIN, Ivor", True),
        ("Ivor Caplin", "Capl", False),
        ("Ivor Caplin", "Ivor Smith", False),
        ("Seán Ó Brien", "seán", True),
        ("Jewish Labour Movement", "labour movement", True),
        (None, "Caplin", False),
        ("Ivor Caplin", "", False),
        ("Ivor Caplin", "...", False),
    ],
)
def test_store_text_name_matches(name: str | None, query: str, expected: bool) -> None:
    assert name_matches(name, query) is expected


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        ("Ivor Caplin", "capl", True),
        ("Ivor Caplin", "or cap", True),
        ("Ivor Caplin", "Caplin Ivor", False),
        ("Ivor Caplin", "  ", False),
    ],
)
def test_store_text_name_contains(name: str, query: str, expected: bool) -> None:
    assert name_contains(name, query) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("US", True), ("U.S.", True), ("NATO", True), ("UN", True),
     ("us", False), ("Us", False), ("Iraq", False), ("A", False), ("US Army", False), ("", False)],
)
def test_is_acronym(text: str, expected: bool) -> None:
    assert is_acronym(text) is expected
