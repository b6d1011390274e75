"""Quote groups against a gold: pairs of quotations of one statement, recall and precision.

Gold items (``newsgraph.evaluate.cross``): ``{"speaker": str|null, "quotes": [{"article",
"start", "end"}, ...]}``, every repeated statement of the labelled articles, each of its
quotations as the character span of its content. Predicted: ``--table quote_groups``
contract records.

A predicted quotation stands for the gold quotation of the same article its span overlaps
most (none when it overlaps none). A pair is two quotations of one group: a gold pair is
found when one predicted group holds quotations standing for both; a predicted pair is right
when its two quotations stand for two gold quotations of one gold group. Only quotations of
labelled articles count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import Any

GoldKey = tuple[int, int]  # (gold group index, quotation index in it)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two [start, end) spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_quotation(
    article: str, span: tuple[int, int], gold_spans: dict[str, list[tuple[GoldKey, tuple[int, int]]]]
) -> GoldKey | None:
    """The gold quotation of ``article`` that ``span`` overlaps most; None if none."""
    best: tuple[int, GoldKey] | None = None
    for key, gold in gold_spans.get(article, []):
        shared = overlap(span, gold)
        if shared > 0 and (best is None or shared > best[0]):
            best = (shared, key)
    return best[1] if best else None


def gold_pairs(gold_items: Sequence[dict[str, Any]], articles: set[str]) -> set[frozenset[GoldKey]]:
    pairs: set[frozenset[GoldKey]] = set()
    for g, item in enumerate(gold_items):
        keys = [(g, i) for i, q in enumerate(item["quotes"]) if q["article"] in articles]
        pairs.update(frozenset(p) for p in combinations(keys, 2))
    return pairs


def predicted_pairs(
    predicted: Iterable[dict[str, Any]],
    gold_spans: dict[str, list[tuple[GoldKey, tuple[int, int]]]],
    articles: set[str],
) -> tuple[set[frozenset[Any]], int]:
    """The predicted pairs (as gold keys where both quotations match one, else as the
    predicted quotations themselves), and how many predicted quotations were scored."""
    pairs: set[frozenset[Any]] = set()
    scored = 0
    for group in predicted:
        members = []
        for q in group["quotes"]:
            if q["article"] not in articles:
                continue
            scored += 1
            key = match_quotation(q["article"], (q["start"], q["end"]), gold_spans)
            members.append(key if key is not None else ("unmatched", q["article"], q["start"]))
        for a, b in combinations(members, 2):
            if a != b:
                pairs.add(frozenset((a, b)))
    return pairs, scored


def score(
    gold_items: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]], articles: set[str]
) -> dict[str, Any]:
    """Pair recall, precision and F1 of predicted quote groups over the labelled articles."""
    gold_spans: dict[str, list[tuple[GoldKey, tuple[int, int]]]] = {}
    for g, item in enumerate(gold_items):
        for i, q in enumerate(item["quotes"]):
            gold_spans.setdefault(q["article"], []).append(((g, i), (q["start"], q["end"])))
    gold = gold_pairs(gold_items, articles)
    found, scored = predicted_pairs(predicted, gold_spans, articles)
    right = found & gold
    precision = len(right) / len(found) if found else 0.0
    recall = len(right) / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold_groups": len(gold_items),
        "gold_pairs": len(gold),
        "predicted_groups": len(predicted),
        "predicted_quotes": scored,
        "predicted_pairs": len(found),
        "right_pairs": len(right),
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }
