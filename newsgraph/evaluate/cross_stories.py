"""Scoring story threads against a hand-made gold (``newsgraph evaluate cross``).

Pairwise story links over the labelled articles: a pair of labelled articles is a gold link
when one gold story holds both, a predicted link when one predicted story does. Precision,
recall and F1 of the predicted links; also B-cubed F1 (per article, which weighs small
stories as much as large ones) and the counts of stories.

The baseline the issue asks to beat is also here: TF-IDF cosine over the articles' words,
single-link (any pair at or above the threshold joins two clusters), at its best threshold
on the answers (``best_single_link``); ``bench/stories_gold.py`` computes it on the wire
gold beside the stage's figures.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any


def clusters_of(stories: Iterable[Mapping[str, Any]], articles: set[str]) -> list[set[str]]:
    """Each story's labelled articles (gold stories list ids; contract records list dicts)."""
    out = []
    for story in stories:
        ids = {a["id"] if isinstance(a, Mapping) else a for a in story["articles"]}
        kept = ids & articles
        if kept:
            out.append(kept)
    return out


def links(clusters: Iterable[set[str]]) -> set[tuple[str, str]]:
    return {pair for c in clusters for pair in combinations(sorted(c), 2)}


def pairwise(gold: list[set[str]], predicted: list[set[str]]) -> dict[str, float | int]:
    g, p = links(gold), links(predicted)
    tp = len(g & p)
    precision = tp / len(p) if p else 0.0
    recall = tp / len(g) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "gold_links": len(g), "predicted_links": len(p), "right_links": tp}


def bcubed(gold: list[set[str]], predicted: list[set[str]], articles: set[str]) -> float:
    """B-cubed F1; an article no predicted story holds is a story of its own."""
    g_of = {a: c for c in gold for a in c}
    p_of = {a: c for c in predicted for a in c}
    precision = recall = 0.0
    for a in articles:
        gc, pc = g_of.get(a, {a}), p_of.get(a, {a})
        both = len(gc & pc)
        precision += both / len(pc)
        recall += both / len(gc)
    n = len(articles) or 1
    precision, recall = precision / n, recall / n
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(
    gold_items: Sequence[Mapping[str, Any]],
    predicted: Sequence[Mapping[str, Any]],
    articles: set[str],
) -> dict[str, Any]:
    """Pairwise link precision/recall/F1 and B-cubed F1 over the labelled ``articles``."""
    gold = clusters_of(gold_items, articles)
    found = clusters_of(predicted, articles)
    return {
        **pairwise(gold, found),
        "bcubed_f1": bcubed(gold, found, articles),
        "gold_stories": len(gold),
        "predicted_stories": len(found) + len(articles - {a for c in found for a in c}),
    }


# --- the baseline: TF-IDF single-link ---


def tfidf_vectors(docs: Mapping[str, list[str]]) -> dict[str, dict[str, float]]:
    """Unit TF-IDF vectors ((1 + log tf) * log(N / df)) of tokenised documents."""
    df: Counter[str] = Counter()
    for tokens in docs.values():
        df.update(set(tokens))
    n = len(docs)
    out = {}
    for doc, tokens in docs.items():
        weights = {t: (1 + math.log(c)) * math.log(n / df[t]) for t, c in Counter(tokens).items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        out[doc] = {t: w / norm for t, w in weights.items() if w} if norm else {}
    return out


def pair_similarities(vectors: Mapping[str, Mapping[str, float]]) -> list[tuple[float, str, str]]:
    """Cosine of every pair with any word in common, highest first (fine for a gold set)."""
    ids = sorted(vectors)
    out = []
    for i, a in enumerate(ids):
        va = vectors[a]
        for b in ids[i + 1:]:
            vb = vectors[b]
            dot = sum(w * vb.get(t, 0.0) for t, w in va.items())
            if dot > 0:
                out.append((dot, a, b))
    return sorted(out, reverse=True)


def single_link(ids: Iterable[str], pairs: Iterable[tuple[float, str, str]],
                threshold: float) -> list[set[str]]:
    """Connected components of the pairs at or above ``threshold``."""
    parent = {i: i for i in ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for sim, a, b in pairs:
        if sim >= threshold:
            parent[root(a)] = root(b)
    groups: dict[str, set[str]] = {}
    for i in parent:
        groups.setdefault(root(i), set()).add(i)
    return list(groups.values())


def best_single_link(
    gold_items: Sequence[Mapping[str, Any]], vectors: Mapping[str, Mapping[str, float]],
    thresholds: Iterable[float] | None = None,
) -> dict[str, Any]:
    """The single-link baseline at the threshold with the best pairwise F1 on the answers."""
    articles = set(vectors)
    gold = clusters_of(gold_items, articles)
    pairs = pair_similarities(vectors)
    best: dict[str, Any] = {"f1": -1.0}
    for t in thresholds or [x / 100 for x in range(5, 96)]:
        result = pairwise(gold, single_link(articles, pairs, t))
        if result["f1"] > best["f1"]:
            best = {**result, "threshold": t}
    return best
