"""The span scorer's pure parts: candidates, pooling, labels and selection."""

from __future__ import annotations

import numpy as np

from newsgraph.nlp.accurate.spans import (
    SCALARS,
    SpanCandidate,
    candidate_inputs,
    candidate_labels,
    pool,
    select,
    span_candidates,
    tokens_of,
)

# "The mayor said the bridge will reopen in May, aides said."
#  0   4     10   15  19     26   31     38 41   46   51
RULE = SpanCandidate(((15, 44),), (10, 14), (0, 9), "indirect", 0.8)


def cand(start: int, end: int, kind: str = "dropped") -> SpanCandidate:
    return SpanCandidate(((start, end),), None, None, kind, 0.0)


def test_dropped_candidate_on_the_same_words_as_a_quotation_is_not_added() -> None:
    same = cand(19, 44)  # 'the bridge ...' inside the rule's 'the bridge will reopen in May'
    other = cand(46, 56)
    out = span_candidates([RULE], [same, other])
    assert out == [RULE, other]


def test_dropped_candidates_come_back_in_text_order() -> None:
    early, late = cand(0, 9), cand(46, 56)
    assert span_candidates([RULE], [late, early]) == [early, RULE, late]


def test_labels_follow_the_scorers_half_overlap() -> None:
    gold = [((15, 44),)]
    short = cand(15, 20)  # five of 29 gold characters: under half of the gold
    wide = cand(10, 50)  # 29 of 40: at least half of each
    assert candidate_labels([RULE, short, wide], gold).tolist() == [1.0, 0.0, 1.0]
    assert candidate_labels([RULE], []).tolist() == [0.0]


def test_pool_skips_tokens_without_a_vector() -> None:
    vectors = np.array([[1.0, 3.0], [0.0, 0.0], [3.0, 5.0]], dtype=np.float32)
    assert pool(vectors, [0, 1, 2]).tolist() == [2.0, 4.0]
    assert pool(vectors, [1]).tolist() == [0.0, 0.0]
    assert pool(vectors, []).tolist() == [0.0, 0.0]


def test_tokens_of_reads_character_owners() -> None:
    owner = np.array([0, 0, 0, -1, 1, 1, -1, 2, 2, -1])
    assert tokens_of(owner, [(1, 5)]) == [0, 1]
    assert tokens_of(owner, [(7, 9), (0, 1)]) == [0, 2]
    assert tokens_of(owner, [(3, 4)]) == []


def test_inputs_put_content_cue_source_then_scalars() -> None:
    vectors = np.array([[1.0, 0.0], [0.0, 2.0], [4.0, 4.0]], dtype=np.float32)
    owner = np.array([0, 0, -1, 1, 1, -1, 2, 2])
    c = SpanCandidate(((6, 8),), (3, 5), (0, 2), "direct", 0.9)
    row = candidate_inputs([c], vectors, owner)[0]
    assert row[:6].tolist() == [4.0, 4.0, 0.0, 2.0, 1.0, 0.0]
    scal = dict(zip(SCALARS, row[6:].tolist(), strict=True))
    assert scal["kept"] == 1.0 and scal["kind-direct"] == 1.0 and scal["kind-dropped"] == 0.0
    assert scal["has-cue"] == 1.0 and scal["has-source"] == 1.0
    assert candidate_inputs([], vectors, owner).shape == (0, 6 + len(SCALARS))


def test_select_keeps_the_likelier_of_two_on_the_same_words() -> None:
    a, b, c = cand(15, 44, "indirect"), cand(19, 44), cand(46, 56)
    kept = select([a, b, c], [0.6, 0.9, 0.7], 0.5)
    assert [k for k, _ in kept] == [b, c]
    assert select([a, b, c], [0.6, 0.9, 0.7], 0.95) == []
    assert [k for k, _ in select([a, c], [0.6, 0.4], 0.5)] == [a]


def test_candidates_of_a_parsed_article(analyzer) -> None:
    """A quotation the rules keep comes with its cue and speaker; a reported-speech
    candidate the rules kept is there once, not again as a dropped one."""
    from newsgraph.evaluate.encoder_training import rule_pass
    from newsgraph.evaluate.span_training import candidates_of

    text = ('"We will rebuild the harbour by spring," the port director said on Tuesday.\n\n'
            "Fishermen doubt the timetable will hold.")
    doc, quotes, reported = rule_pass(analyzer, text)
    cands = candidates_of(quotes, reported)
    first = cands[0]
    assert text[slice(*first.content[0])].startswith("We will rebuild")
    assert first.kind == "direct" and first.confidence > 0
    assert first.cue is not None and text[slice(*first.cue)] == "said"
    assert first.source is not None and "director" in text[slice(*first.source)]
    starts = [c.content[0][0] for c in cands]
    assert starts == sorted(starts)
    assert all(c.kind in ("direct", "partial", "indirect", "dropped") for c in cands)
    hold = [c for c in cands if "timetable will hold" in text[slice(*c.content[0])]]
    assert len(hold) == 1 and len(reported) >= 2
