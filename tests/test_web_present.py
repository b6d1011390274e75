"""The pure helpers behind the pages: highlighting, speakers, snippets, the graph layout,
name suggestions and LIKE escaping."""

from __future__ import annotations

import pytest

from newsgraph.resolve.suggest import closest_names
from newsgraph.store.browse import like_escape
from newsgraph.web.present import (
    HIT_AFTER,
    HIT_BEFORE,
    PALETTE_SIZE,
    colour_indexes,
    graph_layout,
    highlight_segments,
    how_resolved,
    quote_pieces,
    snippet_parts,
    speaker_key,
    speaker_label,
)

TEXT = ("The mayor said the bridge would reopen in May. \u201cWe are on schedule,\u201d "
        "she told reporters. \u201cNo delays,\u201d she added, \u201cnone at all.\u201d")


def piece(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_highlight_segments_rebuild_the_text_and_name_the_quotes() -> None:
    reported = piece(TEXT, "the bridge would reopen in May")
    direct = piece(TEXT, "We are on schedule,")
    segments = highlight_segments(TEXT, [("q0", [reported]), ("q1", [direct])])
    assert "".join(s.text for s in segments) == TEXT
    marked = {s.text: s.quotes for s in segments if s.quotes}
    assert marked == {"the bridge would reopen in May": ("q0",),
                      "We are on schedule,": ("q1",)}


def test_highlight_segments_broken_quote_marks_only_its_pieces() -> None:
    first, second = piece(TEXT, "No delays,"), piece(TEXT, "none at all.")
    segments = highlight_segments(TEXT, [("q2", [first, second])])
    assert [s.text for s in segments if s.quotes] == ["No delays,", "none at all."]
    assert "she added" in "".join(s.text for s in segments if not s.quotes)


def test_highlight_segments_overlap_names_both_and_clips_outside() -> None:
    outer = piece(TEXT, "the bridge would reopen in May")
    inner = piece(TEXT, "would reopen")
    segments = highlight_segments(TEXT, [("q0", [outer]), ("q1", [inner]),
                                         ("q9", [(len(TEXT) - 3, len(TEXT) + 40)])])
    assert [s for s in segments if s.text == "would reopen"][0].quotes == ("q0", "q1")
    assert "".join(s.text for s in segments) == TEXT
    assert segments[-1].quotes == ("q9",)


def test_highlight_segments_without_quotes_is_the_whole_text() -> None:
    assert [(s.text, s.quotes) for s in highlight_segments(TEXT, [])] == [(TEXT, ())]


def test_quote_pieces_are_spans_else_the_extent() -> None:
    assert quote_pieces({"start": 4, "end": 9, "spans": []}) == [(4, 9)]
    assert quote_pieces({"start": 4, "end": 30, "spans": [[4, 9], [20, 30]]}) == [(4, 9),
                                                                                 (20, 30)]


NAMED = {"mention": {"text": "Dana Roe"}, "name": "Dana Roe", "entity": "e1"}
PRONOUN = {"mention": {"text": "she"}, "name": "Dana Roe", "entity": "e1"}
SURNAME = {"mention": {"text": "Ms Roe"}, "name": "Dana Roe", "entity": "e1"}
UNNAMED = {"mention": {"text": "a council official"}, "name": None,
           "description": "a council official", "entity": None}
BARE = {"mention": {"text": "the spokesman"}, "name": None, "description": None}


@pytest.mark.parametrize("speaker,expected", [
    (NAMED, "named in the text"),
    (PRONOUN, "pronoun 'she' resolved to Dana Roe, named earlier in the article"),
    (SURNAME, "'Ms Roe' resolved to Dana Roe, the fullest name the article gives"),
    (UNNAMED, "unnamed source, described as 'a council official'"),
    (BARE, "'the spokesman', never named in the article"),
    (None, "no speaker found"),
])
def test_how_resolved_says_how_the_speaker_was_found(speaker, expected: str) -> None:
    assert how_resolved(speaker) == expected


def test_speaker_key_and_label() -> None:
    assert speaker_key(PRONOUN) == speaker_key(SURNAME) == "e1"
    assert speaker_key(UNNAMED) == "a council official" != speaker_key(None)
    assert speaker_label(SURNAME) == "Dana Roe"
    assert speaker_label(BARE) == "the spokesman"
    assert speaker_label(None) == "(unattributed)"


def test_colour_indexes_one_per_speaker_in_order_and_cycling() -> None:
    assert colour_indexes(["e1", "e2", "e1", "e3"]) == {"e1": 0, "e2": 1, "e3": 2}
    many = colour_indexes(f"e{i}" for i in range(PALETTE_SIZE + 2))
    assert many[f"e{PALETTE_SIZE}"] == 0 and many[f"e{PALETTE_SIZE + 1}"] == 1


def test_snippet_parts_mark_hits_only() -> None:
    snippet = f"…the {HIT_BEFORE}harbour{HIT_AFTER} board met the {HIT_BEFORE}union{HIT_AFTER}"
    assert snippet_parts(snippet) == [("…the ", False), ("harbour", True),
                                      (" board met the ", False), ("union", True)]
    assert snippet_parts("no hits [here]") == [("no hits [here]", False)]


def edge(source: str, target: str, quotes: int) -> dict:
    return {"source": source, "source_name": source.upper(), "source_type": "PERSON",
            "target": target, "target_name": target.upper(), "target_type": "ORG",
            "quotes": quotes, "articles": 1}


def test_graph_layout_places_each_node_once_inside_the_picture() -> None:
    laid = graph_layout([edge("a", "b", 4), edge("a", "c", 1), edge("c", "b", 2)],
                        width=600, height=400)
    assert [n["id"] for n in laid["nodes"]] == ["b", "a", "c"]  # most quotations first
    assert all(0 <= n["x"] <= 600 and 0 <= n["y"] <= 400 for n in laid["nodes"])
    assert len({(n["x"], n["y"]) for n in laid["nodes"]}) == 3
    widths = {(e["source"], e["target"]): e["width"] for e in laid["edges"]}
    assert widths[("a", "b")] > widths[("c", "b")] > widths[("a", "c")]


def test_graph_layout_of_nothing_is_empty() -> None:
    assert graph_layout([]) == {"nodes": [], "edges": []}


NAMES = [("id-1", "Ivor Caplin"), ("id-1", "Mr Caplin"), ("id-2", "Ivan Kaplan"),
         ("id-3", "Harbour Users Association")]


def test_closest_names_finds_a_misspelling_once_per_entity() -> None:
    found = closest_names("Ivor Kaplin", NAMES)
    assert found[0]["id"] == "id-1" and found[0]["name"] == "Ivor Caplin"
    assert len({row["id"] for row in found}) == len(found)


def test_closest_names_suggests_nothing_for_a_stranger() -> None:
    assert closest_names("Zebedee Quarnstrom", NAMES) == []
    assert closest_names("Caplin", []) == []


@pytest.mark.parametrize("text,escaped", [("002", "002"), ("50%_off", "50\\%\\_off"),
                                          ("a\\b", "a\\\\b")])
def test_like_escape(text: str, escaped: str) -> None:
    assert like_escape(text) == escaped
