"""Scoring conflicts against a hand-made gold (``newsgraph evaluate cross``).

A claim matches a gold claim when both are in the same article and their spans overlap. A
predicted conflict matches a gold conflict when at least two of its claims match two
different claims of that gold conflict; each gold and each predicted conflict is matched at
most once (the pair sharing most claims first). Scores:

- recall: matched gold conflicts / gold conflicts;
- precision: matched predicted conflicts / predicted conflicts (those whose claims all lie
  in labelled articles);
- label accuracy: among matched pairs, how often "disagreement" vs "update" agrees;
- by kind ("number", "date", "role", "name"), when the gold or the predictions hold more
  than one: each kind's gold, predicted, matched, recall and precision, a gold conflict
  matched only by a prediction of its own kind (a gold without "kind" is a number's).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same article, overlapping [start, end) spans."""
    return a["article"] == b["article"] and a["start"] < b["end"] and b["start"] < a["end"]


def shared_claims(gold: dict[str, Any], predicted: dict[str, Any]) -> int:
    """How many different gold claims the predicted conflict's claims match (none when they
    are of different kinds: a date's words may overlap a figure's)."""
    if gold.get("kind", "number") != predicted.get("kind", "number"):
        return 0
    return sum(
        1 for g in gold["claims"] if any(overlaps(g, p) for p in predicted["claims"])
    )


def match(
    gold: list[dict[str, Any]], predicted: list[dict[str, Any]]
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs sharing at least two claims."""
    candidates = sorted(
        ((shared_claims(g, p), gi, pi) for gi, g in enumerate(gold)
         for pi, p in enumerate(predicted)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for shared, gi, pi in candidates:
        if shared < 2:
            break
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def score(
    gold_items: list[dict[str, Any]], predicted: Iterable[dict[str, Any]], articles: set[str]
) -> dict[str, Any]:
    preds = [p for p in predicted if p["claims"]
             and all(c["article"] in articles for c in p["claims"])]
    report = score_kind(gold_items, preds)
    kinds = sorted({g.get("kind", "number") for g in gold_items}
                   | {p.get("kind", "number") for p in preds})
    if len(kinds) > 1:
        for kind in kinds:
            part = score_kind([g for g in gold_items if g.get("kind", "number") == kind],
                              [p for p in preds if p.get("kind", "number") == kind])
            for key in ("gold", "predicted", "matched", "recall", "precision"):
                report[f"{kind}_{key}"] = part[key]
    return report


def score_kind(gold_items: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[str, Any]:
    """The scores of predictions (already restricted to labelled articles) against gold."""
    pairs = match(gold_items, preds)
    right = sum(
        1 for gi, pi in pairs
        if bool(gold_items[gi].get("disagreement", True)) == bool(preds[pi]["disagreement"])
    )
    n_gold, n_pred, n_match = len(gold_items), len(preds), len(pairs)
    recall = n_match / n_gold if n_gold else 0.0
    precision = n_match / n_pred if n_pred else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    return {
        "gold": n_gold,
        "predicted": n_pred,
        "matched": n_match,
        "recall": recall,
        "precision": precision,
        "f1": f1,
        "label_accuracy": right / n_match if n_match else 0.0,
        "labels_right": right,
        "missed": [gold_items[i]["subject"] for i in range(n_gold) if i not in matched_gold],
        "false": [preds[i]["subject"] for i in range(n_pred) if i not in matched_pred],
    }
