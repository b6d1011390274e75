"""The gold tags ``train-encoder`` learns from: pure, no torch, no corpus."""

from __future__ import annotations

import numpy as np

from newsgraph.evaluate.encoder_training import TAG_B, TAG_I, TAG_O, gold_tags, segments
from newsgraph.evaluate.polnear import GoldAttribution


def offsets_of(text: str) -> np.ndarray:
    out, at = [], 0
    for w in text.split(" "):
        out.append((at, at + len(w)))
        at += len(w) + 1
    return np.array(out, dtype=np.int64)


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_training_second_piece_of_a_broken_quotation_opens_with_i():
    text = '" Rents keep rising , " the tenants said , " and wages do not . "'
    offsets = offsets_of(text)
    gold = GoldAttribution(
        content=(span(text, '" Rents keep rising , "'), span(text, '" and wages do not . "')),
        source=(span(text, "the tenants"),), cue=(span(text, "said"),), has_quote_marks=True)
    tags = gold_tags(text, offsets, [gold])
    content = tags[:, 0].tolist()
    assert content[0] == TAG_B
    assert content[1:6] == [TAG_I] * 5
    assert content[6:10] == [TAG_O] * 4  # the tag between the pieces
    assert content[10:] == [TAG_I] * 7  # the second piece continues the first
    assert tags[6:8, 2].tolist() == [TAG_B, TAG_I]  # the tenants
    assert tags[8, 1] == TAG_B  # said


def test_training_nested_content_is_left_to_the_outer_one():
    text = "The mayor said that officials believe the dam is safe ."
    offsets = offsets_of(text)
    outer = GoldAttribution(content=(span(text, "that officials believe the dam is safe"),),
                            source=(span(text, "The mayor"),), cue=(span(text, "said"),),
                            has_quote_marks=False)
    inner = GoldAttribution(content=(span(text, "the dam is safe"),),
                            source=(span(text, "officials"),), cue=(span(text, "believe"),),
                            has_quote_marks=False)
    tags = gold_tags(text, offsets, [inner, outer])
    assert tags[:, 0].tolist().count(TAG_B) == 1
    assert tags[3, 0] == TAG_B  # 'that'
    assert tags[5, 1] == TAG_B and tags[4, 2] == TAG_B  # the inner cue and source still laid


def test_training_segments_cover_every_token_once():
    class Fake:
        def __init__(self, n: int) -> None:
            self.tags = np.zeros((n, 3))

    pieces = segments([Fake(5), Fake(0), Fake(12)], 4)
    assert pieces == [(0, 0, 4), (0, 4, 5), (2, 0, 4), (2, 4, 8), (2, 8, 12)]
