"""Learning the attribution model (``newsgraph.nlp.attribution``) from PolNeAR.

``collect`` runs the quotation stages over parsed articles and turns every candidate for
reported speech into one example: its features, and whether its content matches a gold
attribution that no quotation already took (content overlap of at least half of each, as
the scorer counts it). ``fit`` is an L2-regularised logistic regression (full-batch Adam,
numpy only, deterministic); ``fit_network`` adds a small layer of rectified units beside
the logistic part (the same features, more L2 on the hidden weights, a fixed seed).
``choose_threshold`` picks the probability cut that gives the best content F1 of the whole
extractor on out-of-fold probabilities (the highest cut within 0.001 of it), so the cut is
not tuned on examples the weights have seen. ``train`` does all of it and returns the model;
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
from newsgraph.nlp.base import parse_text


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


HIDDEN_UNITS = 16  # the packaged model's hidden layer (0: logistic only)
HIDDEN_L2 = 1e-3
HIDDEN_STEPS = 300
_BIAS = "\x00bias"  # a column every example has: the units' biases and the logistic bias


class _Rows:
    """Examples as sparse binary rows over ``names`` (the bias column first in each row),
    with the products a network needs: rows times a matrix, and its transpose."""

    def __init__(self, examples: Sequence[Example], names: Sequence[str]) -> None:
        index = {f: i for i, f in enumerate(names)}
        cols: list[int] = []
        starts = [0]
        for ex in examples:
            cols.append(index[_BIAS])
            cols.extend(index[f] for f in ex.features if f in index)
            starts.append(len(cols))
        self.cols = np.asarray(cols, dtype=np.int64)
        self.starts = np.asarray(starts[:-1], dtype=np.int64)
        rows = np.repeat(np.arange(len(examples)), np.diff(np.asarray(starts)))
        order = np.argsort(self.cols, kind="stable")
        self.by_col_rows = rows[order]
        self.present, self.col_starts = np.unique(self.cols[order], return_index=True)
        self.features = len(names)

    def times(self, matrix: np.ndarray) -> np.ndarray:
        return np.add.reduceat(matrix[self.cols], self.starts, axis=0)

    def transposed_times(self, matrix: np.ndarray) -> np.ndarray:
        out = np.zeros((self.features, matrix.shape[1]))
        out[self.present] = np.add.reduceat(matrix[self.by_col_rows], self.col_starts, axis=0)
        return out


def fit_network(
    examples: Sequence[Example], hidden: int = HIDDEN_UNITS, min_count: int = 3,
    l2: float = 1e-4, l2_hidden: float = HIDDEN_L2, steps: int = HIDDEN_STEPS,
    rate: float = 0.01, seed: int = 0,
) -> AttributionModel:
    """A logistic part plus ``hidden`` rectified units over the features seen in at least
    ``min_count`` examples (full-batch Adam, weights drawn from a fixed seed); the model's
    threshold is left at 0.5. Weights are rounded as ``fit`` rounds them."""
    if not examples:
        return AttributionModel()
    counts = Counter(f for ex in examples for f in set(ex.features))
    names = [_BIAS] + sorted(f for f, c in counts.items() if c >= min_count)
    rows = _Rows(examples, names)
    y = np.asarray([1.0 if ex.gold else 0.0 for ex in examples])
    rng = np.random.default_rng(seed)
    w = np.zeros((len(names), hidden + 1))  # into each unit; last column: the logistic part
    w[:, :hidden] = rng.normal(0.0, 0.05, (len(names), hidden))
    out = rng.normal(0.0, 0.05, hidden)
    bias = np.zeros(1)
    decay = np.full(hidden + 1, l2_hidden)
    decay[-1] = l2
    params = [w, out, bias]
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    n = max(1, len(examples))
    for step in range(1, steps + 1):
        sums = rows.times(w)
        units = np.maximum(sums[:, :hidden], 0.0)
        z = units @ out + bias[0] + sums[:, hidden]
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        err = (p - y) / n
        back = np.empty((len(examples), hidden + 1))
        back[:, :hidden] = np.outer(err, out) * (sums[:, :hidden] > 0)
        back[:, hidden] = err
        grads = [rows.transposed_times(back) + decay * w, units.T @ err + l2_hidden * out,
                 np.array([err.sum()])]
        for k, (param, grad) in enumerate(zip(params, grads, strict=True)):
            first[k] = 0.9 * first[k] + 0.1 * grad
            second[k] = 0.999 * second[k] + 0.001 * grad * grad
            param -= rate * (first[k] / (1 - 0.9**step)) / (
                np.sqrt(second[k] / (1 - 0.999**step)) + 1e-8)
    weights = {f: round(float(w[i, hidden]), 4) for i, f in enumerate(names)
               if i and abs(w[i, hidden]) >= 1e-4}
    rounded = np.round(w[:, :hidden], 3)
    hidden_rows = {f: tuple(float(x) for x in rounded[i]) for i, f in enumerate(names)
                   if i and np.any(rounded[i] != 0.0)}
    return AttributionModel(
        weights=weights, bias=round(float(bias[0] + w[0, hidden]), 4), hidden=hidden_rows,
        hidden_bias=tuple(float(x) for x in rounded[0]),
        output=tuple(round(float(x), 4) for x in out),
    )


def fit_model(examples: Sequence[Example], hidden: int = 0, **fit_args) -> AttributionModel:
    """``fit_network`` with ``hidden`` units, or the logistic ``fit`` when there are none."""
    if hidden:
        return fit_network(examples, hidden=hidden, **fit_args)
    weights, bias = fit(examples, **fit_args)
    return AttributionModel(weights=weights, bias=bias)


def out_of_fold(
    examples: Sequence[Example], folds: int = 5, hidden: int = 0, **fit_args,
) -> list[float]:
    """Each example's probability from a model fitted on the other folds (by article)."""
    probs = [0.0] * len(examples)
    for k in range(folds):
        train = [ex for ex in examples if ex.doc % folds != k]
        model = fit_model(train, hidden=hidden, **fit_args)
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


THRESHOLD_TOLERANCE = 0.001  # content F1 a higher cut may give up (see ``choose_threshold``)


def choose_threshold(collected: Collected, probs: Sequence[float]) -> tuple[float, float]:
    """The cut (0.05 to 0.95) with the best content F1, and that F1; of cuts within
    ``THRESHOLD_TOLERANCE`` of the best, the highest: on about 20,000 attributions such a
    difference is noise, and a reader is better served by fewer wrong attributions."""
    scored = []
    for cut in np.arange(0.05, 0.951, 0.025):
        chosen = (ex for ex, p in zip(collected.examples, probs, strict=True) if p >= cut)
        scored.append((round(float(cut), 3), content_f1(collected, chosen)))
    top = max(f1 for _, f1 in scored)
    return max((c, f1) for c, f1 in scored if f1 >= top - THRESHOLD_TOLERANCE)


def train(
    collected: Collected, min_count: int = 3, l2: float = 1e-4, hidden: int = HIDDEN_UNITS,
) -> AttributionModel:
    """The model (``hidden`` units beside its logistic part), its threshold chosen out of
    fold, and what it was learnt from."""
    examples = collected.examples
    probs = out_of_fold(examples, min_count=min_count, l2=l2, hidden=hidden)
    cut, f1 = choose_threshold(collected, probs)
    lexicon_f1 = content_f1(collected, (ex for ex in examples if ex.lexicon))
    model = fit_model(examples, hidden=hidden, min_count=min_count, l2=l2)
    about = {
        "articles": len({ex.doc for ex in examples}),
        "examples": len(examples),
        "positive": sum(bool(ex.gold) for ex in examples),
        "min_count": min_count,
        "l2": l2,
        "hidden": hidden,
        "content_f1_out_of_fold": round(f1, 4),
        "content_f1_lexicon_only": round(lexicon_f1, 4),
    }
    return replace(model, threshold=cut, about=about)


def split_name(directory: str | Path) -> str:
    """The split's folder by its last two names ("polnear/train"), never an absolute path."""
    return "/".join(Path(os.path.abspath(directory)).parts[-2:])


def train_from_split(
    directory: str | Path, limit: int | None = None, min_count: int = 5, l2: float = 1e-4,
    nlp: Language | None = None, on_article: Callable[[int, int], None] | None = None,
    hidden: int = HIDDEN_UNITS,
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
        for n, doc in enumerate(nlp.pipe((parse_text(g.text) for g in golds), batch_size=16), 1):
            if on_article is not None:
                on_article(n, len(golds))
            yield doc

    collected = collect(golds, docs())
    model = train(collected, min_count=min_count, l2=l2, hidden=hidden)
    about = {
        "split": split_name(directory),
        "limit": limit,
        "pipeline": f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')}"
                    f"-{nlp.meta.get('version', '?')}",
        **model.about,
        "articles": len(golds),
        "gold": collected.gold,
        "quotations_matched": collected.fixed_matched,
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
        "gold": about.get("gold"),
        "quotations_matched": about.get("quotations_matched"),
        "threshold": model.threshold,
        "content_f1_out_of_fold": about.get("content_f1_out_of_fold"),
        "content_f1_lexicon_only": about.get("content_f1_lexicon_only"),
        "weights": len(model.weights),
        "hidden_units": len(model.output),
    }


SUMMARY_LABELS = {
    "split": "split", "articles": "articles", "examples": "examples",
    "positives": "positives", "gold": "gold attributions",
    "quotations_matched": "matched by quotations", "threshold": "threshold",
    "content_f1_out_of_fold": "content F1 (out of fold)",
    "content_f1_lexicon_only": "content F1 (lexicon only)", "weights": "weights",
    "hidden_units": "hidden units",
    "out": "written to",
}


def format_summary(summary: dict[str, Any]) -> str:
    return "\n".join(f"{SUMMARY_LABELS.get(key, key):<26}{value}"
                     for key, value in summary.items())
