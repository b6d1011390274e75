"""The quotation stage's helpers over the parse's arrays and over ranges: each must give what
a walk over the words would give."""

from __future__ import annotations

import pytest

from newsgraph.nlp.attribution import quoted_sentences
from newsgraph.nlp.quotes.common import Covering, heads_of, tagged


@pytest.mark.slow
def test_quotes_helpers_heads_of_finds_the_heads_of_matching_children(nlp):
    doc = nlp("The union pushed for a higher wage and voted against the rules. "
              "In the morning, they went on to the old town. She said it.")
    walked = [t for t in doc if any(c.dep_ == "prep" and c.lower_ in {"for", "against"}
                                    for c in t.children)]
    assert heads_of(doc, {"prep"}, {"for", "against"}) == walked
    assert [t.text for t in walked] == ["pushed", "voted"]
    assert [t.text for t in heads_of(doc, {"dobj"})] == ["said"]
    assert heads_of(nlp(""), {"prep"}) == []


@pytest.mark.slow
def test_quotes_helpers_tagged_keeps_text_order(nlp):
    doc = nlp("The mayor said the old bridge was safe, and critics disagreed.")
    assert tagged(doc, {"VERB", "AUX"}) == [t for t in doc if t.pos_ in {"VERB", "AUX"}]
    assert tagged(doc, {"INTJ"}) == []


@pytest.mark.slow
def test_quotes_helpers_quoted_sentences_are_those_with_a_mark(nlp):
    text = 'The vote is on Monday. "We will win," she said. Critics doubt it.'
    doc = nlp(text)
    quoted = quoted_sentences(doc)
    walked = {t.i for t in doc if any(w.text in {'"'} for w in t.sent)}
    assert quoted == walked
    assert {doc[i].text for i in quoted} >= {"We", "said"}
    assert not {t.i for t in doc if t.text in {"vote", "Critics"}} & quoted


@pytest.mark.parametrize(
    ("ranges", "own", "at", "expected"),
    [
        ([(0, 10), (20, 30)], (0, 10), 25, True),  # inside another range
        ([(0, 10), (20, 30)], (20, 30), 25, False),  # inside its own range only
        ([(0, 10), (0, 10), (20, 30)], (0, 10), 5, False),  # a copy of its own is its own
        ([(0, 40), (5, 50)], (5, 50), 30, True),  # the furthest is its own; another covers
        ([(0, 40), (5, 50)], (5, 50), 45, False),  # ... but not this far
        ([(10, 20)], (0, 5), 3, False),  # nothing starts before it
        ([], (0, 5), 3, False),
    ],
)
def test_quotes_helpers_covering_answers_as_a_pass_would(ranges, own, at, expected):
    assert Covering(ranges).other_than(own, at) is expected
    assert any(lo <= at < hi and (lo, hi) != own for lo, hi in ranges) is expected
