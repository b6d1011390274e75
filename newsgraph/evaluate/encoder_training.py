"""``newsgraph train-encoder``: the accurate mode's head, learned from PolNeAR train.

Two steps, both reproducible from the corpus alone:

1. ``cache_split`` parses every annotated article of a split, runs the rule path over it
   and the frozen encoder (``newsgraph.nlp.accurate.encoder``), and keeps per article the
   token vectors (float16), the rule features (``features.rule_features``), the tokens'
   character offsets (the gold tags, content, cue and source, each O/B/I, are laid on
   them when the cache is read). One file an article, so an interrupted run resumes where it stopped. This is the slow part (the
   encoder over every word, once).
2. ``train_head`` fits the small tagger (``head.Head``) on the cached train split with a
   fixed seed and keeps the epoch whose PolNeAR *dev* content F1 is best (decoded exactly
   as the mode decodes). Selection reads dev only; the test split is never read.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph.evaluate.polnear import GoldAttribution, GoldDoc, Predicted, load_split, score

TAG_O, TAG_B, TAG_I = 0, 1, 2
LAYERS = ("content", "cue", "source")


def gold_tags(text: str, offsets: np.ndarray,
              golds: Sequence[GoldAttribution]) -> np.ndarray:
    """An int8 array [tokens, 3]: O/B/I of content, cue and source. Contents are laid
    longest first and a content that would overlap one laid already is left out (the
    tagger keeps one layer); cues and sources are laid for every attribution."""
    from newsgraph.nlp.accurate.features import tokens_in

    tokens = len(offsets)
    owner = np.full(len(text) + 1, -1, dtype=np.int64)
    for i, (s, e) in enumerate(offsets.tolist()):
        owner[s:e] = i
    spaces = np.array([not text[s:e].strip() for s, e in offsets.tolist()], dtype=bool)
    tags = np.zeros((tokens, 3), dtype=np.int8)
    taken = np.zeros(tokens, dtype=bool)
    for g in sorted(golds, key=lambda g: -sum(e - s for s, e in g.content)):
        inside = strip_spaces(tokens_in(owner, g.content), spaces)
        if not inside or taken[inside].any():
            continue
        taken[inside[0]:inside[-1] + 1] = True
        lay(tags[:, 0], inside)
    for g in golds:
        for col, spans in ((1, g.cue), (2, g.source)):
            inside = strip_spaces(tokens_in(owner, spans), spaces)
            if inside and not tags[inside, col].any():
                lay(tags[:, col], inside)
    return tags


def strip_spaces(tokens: list[int], spaces: np.ndarray) -> list[int]:
    """``tokens`` without the space tokens at either end."""
    lo, hi = 0, len(tokens)
    while lo < hi and spaces[tokens[lo]]:
        lo += 1
    while hi > lo and spaces[tokens[hi - 1]]:
        hi -= 1
    return tokens[lo:hi]


def lay(column: np.ndarray, inside: list[int]) -> None:
    """B on the first token, I on all the others: a second piece of the same content after
    a gap ('"...," she said, "..."') starts with I, which is how the decoder joins it."""
    column[inside[0]] = TAG_B
    column[inside[1:]] = TAG_I


@dataclass
class Cached:
    """One article's cached arrays."""

    name: str
    vectors: np.ndarray  # float16 [tokens, dims]
    features: np.ndarray  # float32 [tokens, FEATURES]
    offsets: np.ndarray  # int64 [tokens, 2]
    tags: np.ndarray  # int8 [tokens, 3], from the gold (not cached)


def cache_split(directory: str | Path, out: str | Path, limit: int | None = None,
                model: str | None = None, log: Callable[[str], None] = print) -> list[Path]:
    """Parse, run the rules and the encoder over a split's articles; one .npz each in
    ``out`` (an article already cached is skipped). The files written or found."""
    from newsgraph.nlp.accurate.encoder import load_encoder, token_vectors
    from newsgraph.nlp.accurate.features import rule_features
    from newsgraph.nlp.pipeline import Analyzer, Options, model_name

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    analyzer = Analyzer(Options(model=model_name(model)))
    encoder = load_encoder()
    paths = []
    golds = load_split(directory, limit)
    started = time.monotonic()
    for n, gold in enumerate(golds, 1):
        path = out / f"{gold.name}.npz"
        paths.append(path)
        if path.exists():
            continue
        doc, quotes, candidates = rule_pass(analyzer, gold.text)
        offsets = np.array([(t.idx, t.idx + len(t.text)) for t in doc],
                           dtype=np.int64).reshape(-1, 2)
        np.savez(path,
                 vectors=token_vectors(doc, encoder).astype(np.float16),
                 features=rule_features(doc, quotes, candidates),
                 offsets=offsets)
        if n % 20 == 0:
            log(f"{n}/{len(golds)} articles cached ({time.monotonic() - started:.0f} s)")
    return paths


def rule_pass(analyzer: Any, text: str) -> tuple[Any, list, list]:
    """The parse, the rule path's quotations and its reported-speech candidates."""
    from newsgraph.nlp import coref, quotes
    from newsgraph.nlp.base import parse_text

    doc = analyzer.nlp(parse_text(text))
    doc.user_data["published"] = None
    people = coref.analyse(doc)
    found = quotes.find_quotes(doc, people)
    return doc, found, quotes.quote_stages(doc).reported


def load_cached(paths: Sequence[Path], golds: Sequence[GoldDoc]) -> list[Cached]:
    """The cached arrays of ``golds`` (in their order), with their gold tags."""
    out = []
    for p, gold in zip(paths, golds, strict=True):
        with np.load(p) as z:
            offsets = z["offsets"]
            out.append(Cached(gold.name, z["vectors"], z["features"], offsets,
                              gold_tags(gold.text, offsets, gold.attributions)))
    return out


def predicted_from_tags(text: str, offsets: np.ndarray, probs: np.ndarray,
                        ) -> list[Predicted]:
    """The attributions the mode would report from a head's tag probabilities, as the
    scorer takes them (content pieces, the source span chosen for each)."""
    from newsgraph.nlp.accurate.decode import decode

    return [Predicted(a.content, a.source, a.confidence)
            for a in decode(text, offsets, probs)]


def dev_score(head: Any, dev: Sequence[Cached], golds: Sequence[GoldDoc]) -> dict[str, Any]:
    """The PolNeAR scores of ``head``'s decoded tags on cached dev articles."""
    from newsgraph.nlp.accurate.head import predict

    preds = [predicted_from_tags(g.text, c.offsets, predict(head, c.vectors, c.features))
             for c, g in zip(dev, golds, strict=True)]
    return score(list(golds), preds)


@dataclass(frozen=True)
class TrainOptions:
    """What decides a training run; the same options on the same cache give the same head."""

    epochs: int = 8
    seed: int = 20
    lr: float = 3e-3
    segment: int = 192  # tokens per training sequence (the article is cut into these)
    batch: int = 8
    reduced: int = 64
    proj: int = 48
    dropout: float = 0.2
    threads: int = 2


def segments(cached: Sequence[Cached], size: int) -> list[tuple[int, int, int]]:
    """(article, start, end) token ranges of at most ``size`` covering every article."""
    return [(n, s, min(s + size, len(c.tags)))
            for n, c in enumerate(cached) for s in range(0, len(c.tags), size)]


def train_head(train: Sequence[Cached], dev: Sequence[Cached], dev_golds: Sequence[GoldDoc],
               options: TrainOptions = TrainOptions(),
               log: Callable[[str], None] = print) -> tuple[Any, dict[str, Any]]:
    """The head of the best dev epoch and what was measured (see the module notes)."""
    import torch

    from newsgraph.nlp.accurate.head import TAGS, Head

    torch.manual_seed(options.seed)
    torch.set_num_threads(options.threads)
    rng = np.random.default_rng(options.seed)
    dims, feats = train[0].vectors.shape[1], train[0].features.shape[1]
    head = Head(dims, feats, options.reduced, options.proj, options.dropout)
    sample = np.concatenate([c.vectors[:: max(1, len(train) // 20)] for c in train])
    head.set_reduction(sample[np.abs(sample).sum(axis=1) > 0][:20000].astype(np.float32))
    with torch.no_grad():  # each article's vectors reduced once, not every step
        reduced = [head.reduce(torch.from_numpy(c.vectors.astype(np.float32))).numpy()
                   for c in train]
    optimiser = torch.optim.Adam(head.parameters(), lr=options.lr)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-1)
    pieces = segments(train, options.segment)
    best: tuple[float, dict[str, Any], dict[str, Any]] | None = None
    history = []
    for epoch in range(1, options.epochs + 1):
        started = time.monotonic()
        head.train()
        order = rng.permutation(len(pieces))
        total = 0.0
        for b in range(0, len(order), options.batch):
            batch = [pieces[i] for i in order[b:b + options.batch]]
            longest = max(e - s for _, s, e in batch)
            v = np.zeros((len(batch), longest, options.reduced), dtype=np.float32)
            f = np.zeros((len(batch), longest, feats), dtype=np.float32)
            y = np.full((len(batch), longest, 3), -1, dtype=np.int64)
            for row, (n, s, e) in enumerate(batch):
                v[row, :e - s] = reduced[n][s:e]
                f[row, :e - s] = train[n].features[s:e]
                y[row, :e - s] = train[n].tags[s:e]
            scores = head.tag(torch.from_numpy(v), torch.from_numpy(f))
            loss = loss_fn(scores.reshape(-1, TAGS), torch.from_numpy(y).reshape(-1))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach()) * len(batch)
        report = dev_score(head, dev, dev_golds)
        row = {"epoch": epoch, "loss": round(total / len(pieces), 4),
               "dev_content_f1": round(report["all"]["content"]["f1"], 4),
               "dev_end_to_end_f1": round(report["all"]["end_to_end"]["f1"], 4),
               "dev_mark_recall": round(report["quote_marks"]["content"]["recall"], 4),
               "seconds": round(time.monotonic() - started, 1)}
        history.append(row)
        log(json.dumps(row))
        if best is None or row["dev_content_f1"] > best[0]:
            state = {k: t.detach().clone() for k, t in head.state_dict().items()}
            best = (row["dev_content_f1"], state, row)
    assert best is not None
    head.load_state_dict(best[1])
    head.eval()
    about = {"trained_on": "PolNeAR train", "articles": len(train), "selected_on": "PolNeAR dev",
             "best": best[2], "history": history, "options": options.__dict__}
    return head, about


def write_about(path: Path, about: dict[str, Any]) -> None:
    path.write_text(json.dumps(about, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def train_from_splits(train_dir: str | Path, dev_dir: str | Path, cache: str | Path,
                      out: str | Path, limit: int | None = None,
                      options: TrainOptions = TrainOptions(), model: str | None = None,
                      log: Callable[[str], None] = print) -> dict[str, Any]:
    """Cache both splits (resuming), train the head, save it to ``out``; what was measured."""
    from newsgraph.nlp.accurate.head import save_head

    cache = Path(cache)
    started = time.monotonic()
    train_golds = load_split(train_dir, limit)
    dev_golds = load_split(dev_dir)
    log(f"caching {len(train_golds)} train and {len(dev_golds)} dev articles in {cache}")
    train_paths = cache_split(train_dir, cache / "train", limit, model, log)
    dev_paths = cache_split(dev_dir, cache / "dev", None, model, log)
    cached_s = time.monotonic() - started
    train = load_cached(train_paths, train_golds)
    dev = load_cached(dev_paths, dev_golds)
    head, about = train_head(train, dev, dev_golds, options, log)
    about["cache_seconds"] = round(cached_s, 1)
    about["train_seconds"] = round(time.monotonic() - started - cached_s, 1)
    save_head(head, out, about)
    return {**about, "out": str(out)}
