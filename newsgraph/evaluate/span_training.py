"""Training the accurate mode's span scorer (``newsgraph.nlp.accurate.spans``).

It reuses the tagger's encoder cache (``encoder_training.cache_split``: one .npz of token
vectors an article) and reruns only the rule path (fast) to get each article's candidates;
labels come from the PolNeAR gold by the scorer's matching (content shared by at least half
of each). The scorer is fitted on train with a fixed seed; the epoch and the keep threshold
are chosen on dev content F1 only. The test split is never read.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph.evaluate.polnear import GoldDoc, Predicted, load_split, score
from newsgraph.nlp.accurate.spans import (
    SpanCandidate,
    candidate_inputs,
    candidate_labels,
    merged_content,
    select,
    span_candidates,
)


def candidates_of(quotes: Sequence[Any], reported: Sequence[Any]) -> list[SpanCandidate]:
    """The span candidates of an article from its rule quotations and the reported-speech
    candidates (``quote_stages(doc).reported``)."""
    rule = []
    for q in quotes:
        mention = q.speaker.mention if q.speaker is not None else None
        rule.append(SpanCandidate(
            merged_content(q.spans or ((q.start, q.end),)),
            (q.cue.start, q.cue.end) if q.cue is not None else None,
            (mention.start, mention.end) if mention is not None else None,
            q.kind, float(q.confidence)))
    dropped = [SpanCandidate(merged_content(c.content), tuple(c.cue_span),
                             (c.speaker.start_char, c.speaker.end_char)
                             if c.speaker is not None else None, "dropped", 0.0)
               for c in reported if c.content]
    return span_candidates(rule, dropped)


@dataclass
class ArticleSpans:
    name: str
    cands: list[SpanCandidate]
    inputs: np.ndarray  # [candidates, width] (pooled full encoder vectors + scalars)
    labels: np.ndarray  # [candidates]


def build_split(golds: Sequence[GoldDoc], cache: Path, model: str | None = None,
                log: Callable[[str], None] = print) -> list[ArticleSpans]:
    """Candidates, inputs and labels of every gold article with a cached .npz."""
    from newsgraph.evaluate.encoder_training import rule_pass
    from newsgraph.nlp.accurate.features import char_tokens
    from newsgraph.nlp.pipeline import Analyzer, Options, model_name

    analyzer = Analyzer(Options(model=model_name(model)))
    out = []
    started = time.monotonic()
    for n, gold in enumerate(golds, 1):
        path = cache / f"{gold.name}.npz"
        if not path.exists():
            continue
        doc, quotes, reported = rule_pass(analyzer, gold.text)
        with np.load(path) as z:
            vectors, offsets = z["vectors"], z["offsets"]
        mine = np.array([(t.idx, t.idx + len(t.text)) for t in doc]).reshape(-1, 2)
        if mine.shape != offsets.shape or (mine != offsets).any():
            log(f"{gold.name}: parse differs from the cache, skipped")
            continue
        cands = candidates_of(quotes, reported)
        out.append(ArticleSpans(gold.name, cands,
                                candidate_inputs(cands, vectors, char_tokens(doc)),
                                candidate_labels(cands, [g.content for g in gold.attributions])))
        if n % 50 == 0:
            log(f"{n}/{len(golds)} ({time.monotonic() - started:.0f} s)")
    return out


def predictions(arts: Sequence[ArticleSpans], probs: Sequence[np.ndarray], threshold: float,
                ) -> list[list[Predicted]]:
    return [[Predicted(c.content, c.source, p) for c, p in select(a.cands, pr, threshold)]
            for a, pr in zip(arts, probs, strict=True)]


def figures(report: dict[str, Any]) -> dict[str, float]:
    a = report["all"]
    return {"content_p": round(a["content"]["precision"], 4),
            "content_r": round(a["content"]["recall"], 4),
            "content_f1": round(a["content"]["f1"], 4),
            "end_to_end_f1": round(a["end_to_end"]["f1"], 4),
            "mark_recall": round(report["quote_marks"]["content"]["recall"], 4)}


@dataclass(frozen=True)
class SpanOptions:
    epochs: int = 12
    seed: int = 20
    lr: float = 5e-4
    hidden: int = 32
    dropout: float = 0.5
    weight_decay: float = 0.01
    batch: int = 256
    threads: int = 2
    thresholds: tuple[float, ...] = tuple(round(0.2 + 0.05 * k, 2) for k in range(13))


def train_scorer(train: Sequence[ArticleSpans], dev: Sequence[ArticleSpans],
                 dev_golds: Sequence[GoldDoc], options: SpanOptions = SpanOptions(),
                 log: Callable[[str], None] = print) -> tuple[Any, float, dict[str, Any]]:
    """The scorer of the best dev epoch, its threshold, and what was measured."""
    import torch

    from newsgraph.nlp.accurate.spanhead import SpanScorer, scorer_probs

    torch.manual_seed(options.seed)
    torch.set_num_threads(options.threads)
    rng = np.random.default_rng(options.seed)
    x = np.concatenate([a.inputs for a in train]).astype(np.float32)
    y = np.concatenate([a.labels for a in train]).astype(np.float32)
    scorer = SpanScorer(x.shape[1], options.hidden, options.dropout)
    scorer.set_scaling(x)
    optimiser = torch.optim.Adam(scorer.parameters(), lr=options.lr,
                                 weight_decay=options.weight_decay)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    best: tuple[float, dict[str, Any], float, dict[str, Any]] | None = None
    history = []
    for epoch in range(1, options.epochs + 1):
        started = time.monotonic()
        scorer.train()
        order = torch.from_numpy(rng.permutation(len(x)))
        total = 0.0
        for b in range(0, len(order), options.batch):
            idx = order[b:b + options.batch]
            loss = loss_fn(scorer(xt[idx]), yt[idx])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach()) * len(idx)
        probs = [scorer_probs(scorer, a.inputs) for a in dev]
        sweep = {t: figures(score(list(dev_golds), predictions(dev, probs, t)))
                 for t in options.thresholds}
        t_best = max(sweep, key=lambda t: (sweep[t]["content_f1"], -abs(t - 0.5)))
        row = {"epoch": epoch, "loss": round(total / len(x), 4), "threshold": t_best,
               **sweep[t_best], "seconds": round(time.monotonic() - started, 1)}
        history.append(row)
        log(json.dumps(row))
        if best is None or row["content_f1"] > best[0]:
            state = {k: v.detach().clone() for k, v in scorer.state_dict().items()}
            best = (row["content_f1"], state, t_best, row)
    assert best is not None
    scorer.load_state_dict(best[1])
    scorer.eval()
    about = {"trained_on": "PolNeAR train", "articles": len(train), "candidates": len(x),
             "selected_on": "PolNeAR dev", "threshold": best[2], "best": best[3],
             "history": history, "options": {k: v for k, v in options.__dict__.items()
                                             if k != "thresholds"}}
    return scorer, best[2], about


def train_spans_from_splits(train_dir: str | Path, dev_dir: str | Path, cache: str | Path,
                            out: str | Path, options: SpanOptions = SpanOptions(),
                            model: str | None = None,
                            log: Callable[[str], None] = print) -> dict[str, Any]:
    """Build the candidates of the articles cached by ``train-encoder`` (``cache``/train and
    ``cache``/dev), train the span scorer, save it to ``out``; what was measured."""
    from newsgraph.nlp.accurate.spanhead import save_scorer

    cache = Path(cache)
    started = time.monotonic()
    train = build_split(load_split(train_dir), cache / "train", model, log)
    dev_golds = load_split(dev_dir)
    dev = build_split(dev_golds, cache / "dev", model, log)
    by_name = {g.name: g for g in dev_golds}
    built = time.monotonic() - started
    scorer, threshold, about = train_scorer(train, dev, [by_name[a.name] for a in dev],
                                            options, log)
    about["build_seconds"] = round(built, 1)
    about["train_seconds"] = round(time.monotonic() - started - built, 1)
    save_scorer(scorer, out, threshold, about)
    return {**about, "out": str(out)}
