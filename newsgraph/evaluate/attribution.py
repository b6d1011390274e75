"""Learning the attribution model (``newsgraph.nlp.attribution``) from PolNeAR.

``collect`` runs the quotation stages over parsed articles and turns every candidate for
reported speech into one example: its features, and whether its content matches a gold
attribution that no quotation already took (content overlap of at least half of each, as
the scorer counts it). ``fit`` is an L2-regularised logistic regression (full-batch Adam,
numpy only, deterministic). ``choose_threshold`` picks the probability cut that gives the
best content F1 of the whole extractor on out-of-fold probabilities, so the cut is not
tuned on examples the weights have seen. ``train`` does all of it and returns the model;
``train_from_split`` parses a PolNeAR split first (``newsgraph train-attribution``).

Only features seen in at least ``min_count`` training examples get a weight, so that rare
words cannot be memorised.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.evaluate.polnear import GoldDoc, Predicted, document_matches, load_split
from newsgraph.nlp import quotes
from newsgraph.nlp.attribution import LEXICON_ONLY, AttributionModel, features


@dataclass
class Example:
    doc: int  # index of its article
    features: list[str]
    gold: frozenset[int]  # the gold attribution it is matched to (one-to-one), if any
    lexicon: bool  # one the hand-written lexicon alone would keep


@dataclass
class Collected:
    examples: list[Example] = field(default_factory=list)
    gold: int = 0  # gold attributions in all
    fixed_predicted: int = 0  # quotations found before the model has its say
    fixed_matched: int = 0


def collect(golds: Sequence[GoldDoc], docs: Iterable[Doc]) -> Collected:
    """Examples from parsed articles (``docs`` in the order of ``golds``)."""
    out = Collected()
    for n, (gold, doc) in enumerate(zip(golds, docs, strict=True)):
        stages = quotes.quote_stages(doc)
        preds = [Predicted(content=tuple(f.pieces), source=None) for f in stages.finds]
        fixed = len(preds)
        preds += [Predicted(content=tuple(c.content), source=None) for c in stages.reported]
        matches = document_matches(gold, preds)  # one gold attribution per candidate at most
        out.gold += len(gold.attributions)
        out.fixed_predicted += fixed
        out.fixed_matched += sum(i < fixed for i in matches)
        for k, cand in enumerate(stages.reported):
            j = matches.get(fixed + k)
            out.examples.append(Example(
                doc=n,
                features=features(cand.cue, cand.speaker, cand.content, cand.how, cand.context),
                gold=frozenset() if j is None else frozenset({j}),
                lexicon=LEXICON_ONLY.keeps(cand.cue, cand.speaker, cand.content, cand.how,
                                           cand.context),
            ))
    return out


def _design(examples: Sequence[Example], index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Sparse rows as (column indices, row starts) over the features in ``index``."""
    cols: list[int] = []
    starts = [0]
    for ex in examples:
        cols.extend(index[f] for f in ex.features if f in index)
        starts.append(len(cols))
    return np.asarray(cols, dtype=np.int64), np.asarray(starts, dtype=np.int64)


def fit(
    examples: Sequence[Example], min_count: int = 3, l2: float = 1e-4, steps: int = 400,
    rate: float = 0.05,
) -> tuple[dict[str, float], float]:
    """Weights and bias of a logistic regression of ``bool(example.gold)`` on features."""
    counts = Counter(f for ex in examples for f in set(ex.features))
    names = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: i for i, f in enumerate(names)}
    cols, starts = _design(examples, index)
    rows = np.repeat(np.arange(len(examples)), np.diff(starts))
    y = np.asarray([1.0 if ex.gold else 0.0 for ex in examples])
    w = np.zeros(len(names) + 1)  # last: bias
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    n = max(1, len(examples))
    for step in range(1, steps + 1):
        z = w[-1] + np.bincount(rows, weights=w[cols], minlength=len(examples))
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        err = (p - y) / n
        grad = np.empty_like(w)
        grad[:-1] = np.bincount(cols, weights=err[rows], minlength=len(names)) + l2 * w[:-1]
        grad[-1] = err.sum()
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= rate * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    weights = {f: round(float(w[i]), 4) for f, i in index.items() if abs(w[i]) >= 1e-4}
    return weights, round(float(w[-1]), 4)


def out_of_fold(examples: Sequence[Example], folds: int = 5, **fit_args) -> list[float]:
    """Each example's probability from a model fitted on the other folds (by article)."""
    probs = [0.0] * len(examples)
    for k in range(folds):
        train = [ex for ex in examples if ex.doc % folds != k]
        weights, bias = fit(train, **fit_args)
        model = AttributionModel(weights=weights, bias=bias)
        for i, ex in enumerate(examples):
            if ex.doc % folds == k:
                probs[i] = model.probability(ex.features)
    return probs


def content_f1(collected: Collected, chosen: Iterable[Example]) -> float:
    """Content F1 of the extractor when ``chosen`` are its reported quotations (each gold
    attribution counted once however many chosen examples match it)."""
    chosen = list(chosen)
    hit = {(ex.doc, j) for ex in chosen for j in ex.gold}
    matched = collected.fixed_matched + len(hit)
    predicted = collected.fixed_predicted + len(chosen)
    if not matched:
        return 0.0
    return 2 * matched / (predicted + collected.gold)


def choose_threshold(collected: Collected, probs: Sequence[float]) -> tuple[float, float]:
    """The cut (0.05 to 0.95) with the best content F1, and that F1."""
    best = (0.5, -1.0)
    for cut in np.arange(0.05, 0.951, 0.025):
        chosen = (ex for ex, p in zip(collected.examples, probs, strict=True) if p >= cut)
        f1 = content_f1(collected, chosen)
        if f1 > best[1]:
            best = (round(float(cut), 3), f1)
    return best


def train(collected: Collected, min_count: int = 3, l2: float = 1e-4) -> AttributionModel:
    """The model, its threshold chosen out of fold, and what it was learnt from."""
    examples = collected.examples
    probs = out_of_fold(examples, min_count=min_count, l2=l2)
    cut, f1 = choose_threshold(collected, probs)
    lexicon_f1 = content_f1(collected, (ex for ex in examples if ex.lexicon))
    weights, bias = fit(examples, min_count=min_count, l2=l2)
    about = {
        "articles": len({ex.doc for ex in examples}),
        "examples": len(examples),
        "positive": sum(bool(ex.gold) for ex in examples),
        "min_count": min_count,
        "l2": l2,
        "content_f1_out_of_fold": round(f1, 4),
        "content_f1_lexicon_only": round(lexicon_f1, 4),
    }
    return AttributionModel(weights=weights, bias=bias, threshold=cut, about=about)


def split_name(directory: str | Path) -> str:
    """The split's folder by its last two names ("polnear/train"), never an absolute path."""
    return "/".join(Path(os.path.abspath(directory)).parts[-2:])


def train_from_split(
    directory: str | Path, limit: int | None = None, min_count: int = 5, l2: float = 1e-4,
    nlp: Language | None = None, on_article: Callable[[int, int], None] | None = None,
) -> AttributionModel:
    """Parse the annotated articles of a PolNeAR split (the first ``limit``, sorted by name)
    with ``nlp`` (the analyser's pipeline by default), collect and train. ``about`` names
    the split and the parameters; ``on_article(done, total)`` is told of each parse."""
    golds = load_split(directory, limit)
    if not golds:
        raise ValueError(f"no annotated articles in {directory} (text/ and attributions/)")
    if nlp is None:
        from newsgraph.nlp.pipeline import Analyzer

        nlp = Analyzer().nlp

    def docs() -> Iterator[Doc]:
        for n, doc in enumerate(nlp.pipe((g.text for g in golds), batch_size=16), 1):
            if on_article is not None:
                on_article(n, len(golds))
            yield doc

    collected = collect(golds, docs())
    model = train(collected, min_count=min_count, l2=l2)
    about = {
        "split": split_name(directory),
        "limit": limit,
        "pipeline": f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')}"
                    f"-{nlp.meta.get('version', '?')}",
        **model.about,
        "articles": len(golds),
        "gold": collected.gold,
    }
    return replace(model, about=about)


def training_summary(model: AttributionModel) -> dict[str, Any]:
    """What ``newsgraph train-attribution`` reports of a trained model."""
    about = model.about
    return {
        "split": about.get("split"),
        "articles": about.get("articles"),
        "examples": about.get("examples"),
        "positives": about.get("positive"),
        "threshold": model.threshold,
        "content_f1_out_of_fold": about.get("content_f1_out_of_fold"),
        "content_f1_lexicon_only": about.get("content_f1_lexicon_only"),
        "weights": len(model.weights),
    }


SUMMARY_LABELS = {
    "split": "split", "articles": "articles", "examples": "examples",
    "positives": "positives", "threshold": "threshold",
    "content_f1_out_of_fold": "content F1 (out of fold)",
    "content_f1_lexicon_only": "content F1 (lexicon only)", "weights": "weights",
    "out": "written to",
}


def format_summary(summary: dict[str, Any]) -> str:
    return "\n".join(f"{SUMMARY_LABELS.get(key, key):<26}{value}"
                     for key, value in summary.items())
