"""The accurate mode's decoder and speaker choices: pure functions, no torch needed."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.model import Quote, Speaker, TextSpan
from newsgraph.nlp.accurate.attach import kind_of, matching_rule_quote, trimmed_pieces
from newsgraph.nlp.accurate.decode import B, I, O, decode, runs


def words(text: str) -> tuple[list[str], np.ndarray]:
    """Whitespace tokens of ``text`` and their character offsets."""
    toks, offsets, at = [], [], 0
    for w in text.split(" "):
        toks.append(w)
        offsets.append((at, at + len(w)))
        at += len(w) + 1
    return toks, np.array(offsets, dtype=np.int64)


def probs_of(tags: list[tuple[int, int, int]]) -> np.ndarray:
    """One-hot probabilities [tokens, 3 layers, 3 tags] from (content, cue, source) tags."""
    p = np.zeros((len(tags), 3, 3), dtype=np.float32)
    for i, layer_tags in enumerate(tags):
        for layer, t in enumerate(layer_tags):
            p[i, layer, t] = 1.0
    return p


@pytest.mark.parametrize("tags, expected", [
    ([O, B, I, I, O], [(1, 3)]),
    ([B, I, B, I], [(0, 1), (2, 3)]),
    ([O, I, I, O, B], [(1, 2), (4, 4)]),  # an I after O opens a run
    ([O, O, O], []),
])
def test_decode_runs(tags, expected):
    assert runs(np.array(tags)) == expected


def test_decode_joins_a_piece_opening_with_i_across_its_tag():
    text = '" The budget is late , " the minister said , " and it will stay late . "'
    _, offsets = words(text)
    # " The budget is late , " | the minister said , | " and it will stay late . "
    tags = ([(B, O, O)] + [(I, O, O)] * 6 + [(O, O, B), (O, O, I), (O, B, O), (O, O, O)]
            + [(I, O, O)] * 8)
    found = decode(text, offsets, probs_of(tags))
    assert len(found) == 1
    first, second = found[0].content
    assert text[first[0]:first[1]].startswith('" The budget')
    assert text[second[0]:second[1]].endswith('late . "')
    assert text[slice(*found[0].cue)] == "said"
    assert text[slice(*found[0].source)] == "the minister"


def test_decode_keeps_two_quotations_apart_when_the_second_opens_with_b():
    text = "She said taxes would rise . He said they would not ."
    _, offsets = words(text)
    tags = ([(O, O, B), (O, B, O)] + [(B, O, O)] + [(I, O, O)] * 3
            + [(O, O, B), (O, B, O), (B, O, O), (I, O, O), (I, O, O), (I, O, O)])
    found = decode(text, offsets, probs_of(tags))
    assert [text[a.content[0][0]:a.content[-1][1]] for a in found] == [
        "taxes would rise .", "they would not ."]
    assert [text[slice(*a.source)] for a in found] == ["She", "He"]


def test_decode_gives_no_source_when_no_cue_is_near():
    text = "Prices rose again in March , the figures show ."
    _, offsets = words(text)
    tags = [(B, O, O)] + [(I, O, O)] * 5 + [(O, O, O)] * 4
    (found,) = decode(text, offsets, probs_of(tags))
    assert found.cue is None and found.source is None


def test_decode_of_nothing_is_empty():
    assert decode("", np.zeros((0, 2), dtype=np.int64), np.zeros((0, 3, 3))) == []


@pytest.mark.parametrize("pieces, expected", [
    ([(0, 30)], "direct"),
    ([(0, 60)], "partial"),
    ([(40, 60)], "indirect"),
])
def test_attach_kind_of_by_share_in_marks(pieces, expected):
    quoted = [(0, 30)]
    assert kind_of(pieces, quoted) == expected


def test_attach_trims_marks_and_spaces_at_piece_ends():
    text = '"We will not back down," she said.'
    assert trimmed_pieces(text, [(0, 25)]) == ((1, 23),)
    assert trimmed_pieces(text, [(0, 1)]) == ()


def rule_quote(start: int, end: int, name: str) -> Quote:
    return Quote(id="q0", kind="indirect", text="", start=start, end=end,
                 speaker=Speaker(TextSpan(name, 0, len(name)), name))


@pytest.mark.parametrize("content, expected", [
    ([(10, 50)], "Ms Ortiz"),  # the same words
    ([(10, 30)], None),  # under half of the rule's content
    ([(60, 90)], None),  # elsewhere
])
def test_attach_matches_a_rule_quotation_by_half_overlap(content, expected):
    found = matching_rule_quote(content, [rule_quote(12, 50, "Ms Ortiz")])
    assert (found.speaker.name if found else None) == expected
