"""Quote groups against a gold: pairs of quotations of one statement, recall and precision.

Gold items (``newsgraph.evaluate.cross``): ``{"speaker": str|null, "quotes": [{"article",
"start", "end"}, ...]}``, every repeated statement of the labelled articles, each of its
quotations as the character span of its content. Predicted: ``--table quote_groups``
contract records.

A predicted quotation stands for every gold quotation of the same article its span overlaps
(a quotation the extractor kept whole may cover two labelled sentences). A pair is two
quotations of one group: a gold pair is found when one predicted group holds two quotations
standing for its two ends; a predicted pair is right when its two quotations stand for two
quotations of one gold group. Only quotations of labelled articles count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import Any

GoldKey = tuple[int, int]  # (gold group index, quotation index in it)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two [start, end) spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def matches(
    article: str, span: tuple[int, int], gold_spans: dict[str, list[tuple[GoldKey, tuple[int, int]]]]
) -> set[GoldKey]:
    """The gold quotations of ``article`` that ``span`` overlaps."""
    return {key for key, gold in gold_spans.get(article, []) if overlap(span, gold) > 0}


def gold_pairs(gold_items: Sequence[dict[str, Any]], articles: set[str]) -> set[frozenset[GoldKey]]:
    pairs: set[frozenset[GoldKey]] = set()
    for g, item in enumerate(gold_items):
        keys = [(g, i) for i, q in enumerate(item["quotes"]) if q["article"] in articles]
        pairs.update(frozenset(p) for p in combinations(keys, 2))
    return pairs


def pair_outcomes(
    predicted: Iterable[dict[str, Any]],
    gold_spans: dict[str, list[tuple[GoldKey, tuple[int, int]]]],
    gold: set[frozenset[GoldKey]],
    articles: set[str],
) -> tuple[int, int, set[frozenset[GoldKey]], int]:
    """Predicted pairs, how many of them are right, the gold pairs they find, and how many
    predicted quotations were scored."""
    n_pairs = n_right = scored = 0
    found: set[frozenset[GoldKey]] = set()
    for group in predicted:
        members = []
        for q in group["quotes"]:
            if q["article"] in articles:
                scored += 1
                members.append(matches(q["article"], (q["start"], q["end"]), gold_spans))
        for a, b in combinations(members, 2):
            if a == b and len(a) == 1:
                continue  # two predicted pieces of one gold quotation: no pair
            hits = {frozenset((x, y)) for x in a for y in b if x != y} & gold
            n_pairs += 1
            n_right += bool(hits)
            found |= hits
    return n_pairs, n_right, found, scored


def score(
    gold_items: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]], articles: set[str]
) -> dict[str, Any]:
    """Pair recall, precision and F1 of predicted quote groups over the labelled articles."""
    gold_spans: dict[str, list[tuple[GoldKey, tuple[int, int]]]] = {}
    for g, item in enumerate(gold_items):
        for i, q in enumerate(item["quotes"]):
            gold_spans.setdefault(q["article"], []).append(((g, i), (q["start"], q["end"])))
    gold = gold_pairs(gold_items, articles)
    n_pairs, n_right, found, scored = pair_outcomes(predicted, gold_spans, gold, articles)
    precision = n_right / n_pairs if n_pairs else 0.0
    recall = len(found) / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold_groups": len(gold_items),
        "gold_pairs": len(gold),
        "predicted_groups": len(predicted),
        "predicted_quotes": scored,
        "predicted_pairs": n_pairs,
        "right_pairs": n_right,
        "found_gold_pairs": len(found),
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }
