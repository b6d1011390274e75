"""The quote-group scorer (``newsgraph.evaluate.cross_quotes``) on hand-made spans."""

from __future__ import annotations

import pytest

from newsgraph.evaluate import cross_quotes as cq

GOLD = [
    # one statement in three articles
    {"speaker": "mayor", "quotes": [{"article": "a", "start": 10, "end": 60},
                                    {"article": "b", "start": 200, "end": 250},
                                    {"article": "c", "start": 5, "end": 40}]},
    # another in two
    {"speaker": "chief", "quotes": [{"article": "a", "start": 100, "end": 150},
                                    {"article": "d", "start": 0, "end": 30}]},
]
ARTICLES = {"a", "b", "c", "d"}


def group(*quotes: tuple[str, int, int]) -> dict:
    return {"quotes": [{"article": a, "start": s, "end": e} for a, s, e in quotes]}


def test_evaluate_cross_quotes_perfect() -> None:
    predicted = [group(("a", 12, 58), ("b", 205, 250), ("c", 5, 41)),
                 group(("a", 100, 140), ("d", 2, 30))]
    report = cq.score(GOLD, predicted, ARTICLES)
    assert report["gold_pairs"] == 4
    assert report["precision"] == report["recall"] == 1.0


def test_evaluate_cross_quotes_wrong_link_and_miss() -> None:
    # the mayor's statement in a and b, but c is missed; a's other statement is wrongly added
    predicted = [group(("a", 12, 58), ("b", 205, 250), ("a", 100, 140))]
    report = cq.score(GOLD, predicted, ARTICLES)
    assert report["predicted_pairs"] == 3 and report["right_pairs"] == 1
    assert report["recall"] == pytest.approx(1 / 4)
    assert report["precision"] == pytest.approx(1 / 3)


def test_evaluate_cross_quotes_unmatched_quotation_is_a_wrong_pair() -> None:
    report = cq.score(GOLD, [group(("b", 400, 450), ("c", 100, 130))], ARTICLES)
    assert report["precision"] == 0.0 and report["recall"] == 0.0


def test_evaluate_cross_quotes_one_prediction_over_two_gold_sentences() -> None:
    gold = [{"speaker": None, "quotes": [{"article": "a", "start": 0, "end": 40},
                                         {"article": "b", "start": 0, "end": 40}]},
            {"speaker": None, "quotes": [{"article": "a", "start": 41, "end": 90},
                                         {"article": "b", "start": 41, "end": 90}]}]
    # the extractor kept each two-sentence quotation whole
    report = cq.score(gold, [group(("a", 0, 90), ("b", 0, 90))], {"a", "b"})
    assert report["recall"] == 1.0 and report["precision"] == 1.0


def test_evaluate_cross_quotes_unlabelled_articles_are_ignored() -> None:
    predicted = [group(("a", 12, 58), ("b", 205, 250), ("z", 0, 10))]
    report = cq.score(GOLD, predicted, ARTICLES)
    assert report["predicted_pairs"] == 1 and report["precision"] == 1.0
