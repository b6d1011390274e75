"""The story scorer: pairwise links, B-cubed, and the single-link baseline."""

from __future__ import annotations

import pytest

from newsgraph.evaluate import cross_stories as cs

GOLD = [
    {"id": "ferry", "articles": ["a1", "a2", "a3"]},
    {"id": "mine", "articles": ["b1"]},
    {"id": "bomb", "articles": ["c1", "c2"]},
]
LABELLED = {"a1", "a2", "a3", "b1", "c1", "c2"}


def record(sid: str, ids: list[str]) -> dict:
    return {"id": sid, "title": None, "articles": [{"id": i} for i in ids]}


def test_cross_stories_perfect_prediction_scores_one():
    predicted = [record(s["id"], s["articles"]) for s in GOLD]
    result = cs.score(GOLD, predicted, LABELLED)
    assert (result["precision"], result["recall"], result["f1"]) == (1.0, 1.0, 1.0)
    assert result["bcubed_f1"] == pytest.approx(1.0)


def test_cross_stories_a_wrong_merge_costs_precision_only():
    # the mine article wrongly joins the ferry story: 3 more links, none right
    predicted = [record("s1", ["a1", "a2", "a3", "b1"]), record("s2", ["c1", "c2"])]
    result = cs.score(GOLD, predicted, LABELLED)
    assert result["recall"] == 1.0
    assert result["precision"] == pytest.approx(4 / 7)


def test_cross_stories_unlabelled_articles_are_ignored_and_missing_ones_are_singletons():
    predicted = [record("s1", ["a1", "a2", "zz-unlabelled"])]
    result = cs.score(GOLD, predicted, LABELLED)
    assert result["predicted_links"] == 1 and result["right_links"] == 1
    assert result["predicted_stories"] == 5  # {a1, a2} and four singletons


def test_cross_stories_single_link_chains_through_pairs():
    pairs = [(0.9, "a1", "a2"), (0.5, "a2", "a3"), (0.1, "a3", "b1")]
    groups = cs.single_link(["a1", "a2", "a3", "b1"], pairs, 0.4)
    assert sorted(map(sorted, groups)) == [["a1", "a2", "a3"], ["b1"]]


def test_cross_stories_baseline_picks_its_best_threshold_and_shows_chaining():
    # "toll" ties the second ferry report to the second bombing report more strongly than
    # to the other ferry reports: any threshold low enough to link it chains the two
    # stories, so the best single-link cut leaves it out (recall 0.5, precision 1).
    words = {
        "a1": ["ferry", "lake", "capsized", "kivu"], "a2": ["ferry", "kivu", "toll", "rose"],
        "a3": ["ferry", "kivu", "survivors", "lake"], "b1": ["mine", "gas", "blast", "shanxi"],
        "c1": ["bomb", "market", "kirkuk", "police"], "c2": ["bomb", "kirkuk", "toll", "market"],
    }
    best = cs.best_single_link(GOLD, cs.tfidf_vectors(words))
    assert (best["precision"], best["recall"]) == (1.0, 0.5)
    assert 0.18 < best["threshold"] <= 0.24
