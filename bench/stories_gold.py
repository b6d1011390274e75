"""Story threads on the wire gold: the stage against the TF-IDF single-link baseline, and
the fit and grid search that chose the stage's join model and threshold.

    .venv/bin/newsgraph evaluate cross examples/wire-dev/stories.json --db /tmp/wire.db
    .venv/bin/python bench/stories_gold.py --db /tmp/wire.db \
        --tune examples/wire-dev/stories-tune-1.json --tune examples/wire-dev/stories-tune-2.json \
        examples/wire-dev/stories-report.json [--fit [--features body,entities,...]] [--grid] \
        [--cv examples/wire-dev/stories.json]

``--db`` must hold the labelled articles (``evaluate cross`` ingests them). With ``--fit``
the join model (``stories.COEFFICIENTS``) is fit on the ``--tune`` files: each article,
placed as the stage would place it but into its gold story, gives one example per recent
gold story its lookup terms reach (``oracle_examples``); a weighted logistic regression
(``fit_logistic``, each gold story weighing the same) over ``--features`` (default
``stories.FITTED``) gives the coefficients to copy into the stage. With ``--grid`` the
threshold (and window) whose mean pairwise F1 over the ``--tune`` files is best (each
source and period weighs the same) is chosen. For each gold file the stage is then replayed
over its articles in publication order on an in-memory copy of the database (the same
``update`` that ingest runs) and scored. The baseline is TF-IDF single-link over the same
articles' words at the threshold chosen on ``--tune`` and at its best threshold on each
file's own answers (an upper bound for it).

With ``--cv`` (a gold file listing its date ``ranges``: ``stories.json`` lists all five
labelled ranges) it also cross-validates by date blocks: for each range in turn, the join
model is fit (``--features``; ``--no-fit`` keeps the stage's coefficients) and the threshold
chosen on the other ranges, then the held range is replayed alone in publication order and
scored; it prints each block's F1, their mean and the F1 of the links pooled over the
blocks. One large story joined or split moves one block's F1 by 0.2 or more, so the mean
over five blocks, each scored by a model that never saw it, is the steadier figure.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sqlite3
import time
from collections import Counter
from dataclasses import replace
from typing import Any

import numpy as np

from newsgraph.evaluate import cross, cross_stories
from newsgraph.resolve import stories
from newsgraph.store import Store
from newsgraph.store import stories as story_sql
from newsgraph.store.migrations import migrate

GRID = {
    "threshold": [0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3],
    "window_days": [7],
}


def memory_copy(db: str) -> Store:
    store = Store(":memory:")
    source = sqlite3.connect(db)
    source.backup(store.conn)
    source.close()
    migrate(store.conn)  # the copied database may predate the stories tables
    return store


def replay(store: Store, articles: list[str], opts: stories.StoryOptions) -> list[dict]:
    """Clear the stories and place ``articles`` in publication order; the contract records."""
    order = [a for a in store.current_article_ids() if a in set(articles)]
    with store.transaction():
        stories.clear(store)
        stories.update(store, order, opts)
    return list(story_sql.contract_records(store.conn))


def oracle_examples(
    store: Store, gold: dict[str, Any], opts: stories.StoryOptions
) -> tuple[list[tuple[float, ...]], list[int], list[float]]:
    """The join model's training examples on one gold file: its articles in publication
    order, each made into field vectors as the stage makes them (streaming document
    frequencies), compared (``stories.features``) with every gold story seen so far that is
    within the window and shares one of the article's lookup terms, as the stage's index
    would find it; label 1 for the article's own story. Each article then joins its gold
    story (centroid and recent members as the stage keeps them). Each example weighs one
    over the size of the article's gold story, so that every story counts the same (one
    summit of two dozen articles would otherwise teach the model alone)."""
    conn = store.conn
    order = [a for a in store.current_article_ids() if a in set(gold["articles"])]
    inputs = {r["article_id"]: r for r in story_sql.article_inputs(conn, order)}
    ends = {a: stories.lead_end(r["text"]) for a, r in inputs.items()}
    identities, people = stories.identity_counts(story_sql.article_entities(conn, order), ends)
    label = {a: s["id"] for s in gold["stories"] for a in s["articles"]}
    size = {s["id"]: len(s["articles"]) for s in gold["stories"]}
    df: Counter[str] = Counter()
    clusters: dict[str, dict[str, Any]] = {}
    xs: list[tuple[float, ...]] = []
    ys: list[int] = []
    ws: list[float] = []
    for n, article in enumerate(order, 1):
        row = inputs[article]
        day = stories.day_number(row["published"]) or 0
        counts = stories.term_counts(row["title"], row["text"], identities.get(article, {}),
                                     opts.lead_boost, people.get(article))
        df.update({t for f in stories.FIELDS for t in counts[f]})
        vector = stories.field_vectors(counts, df, n, opts)
        look = stories.lookup_terms(vector, opts.lookup_terms)
        for name, c in clusters.items():
            gap = stories.gap_days(day, c["first"], c["last"])
            if gap > opts.window_days or not look.keys() & stories.flat(c["centroid"]).keys():
                continue
            members = [m for _, m in c["members"][-opts.members:]]
            xs.append(stories.features(vector, c["centroid"], members, gap, c["size"],
                                       max(0, day - c["first"])))
            ys.append(int(name == label[article]))
            ws.append(1 / size[label[article]])
        c = clusters.setdefault(label[article], {"centroid": {}, "size": 0, "first": day,
                                                 "last": day, "members": []})
        c["centroid"] = stories.mean_centroid(c["centroid"], c["size"], vector, opts)
        c["size"] += 1
        c["first"], c["last"] = min(c["first"], day), max(c["last"], day)
        c["members"].append((day, vector))
    return xs, ys, ws


def fit_logistic(
    xs: list[tuple[float, ...]], ys: list[int], ws: list[float], l2: float = 1.0
) -> list[float]:
    """Weighted logistic regression by Newton's method with an L2 penalty (the intercept
    unpenalised); the intercept first."""
    x = np.column_stack([np.ones(len(xs)), np.array(xs, dtype=float)])
    y = np.array(ys, dtype=float)
    weight = np.array(ws, dtype=float)
    w = np.zeros(x.shape[1])
    penalty = l2 * np.eye(x.shape[1])
    penalty[0, 0] = 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        hessian = x.T @ (x * (weight * p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, x.T @ (weight * (p - y)) + penalty @ w)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return [round(float(v), 3) for v in w]


THRESHOLDS = [x / 100 for x in range(5, 96)]


def baseline_vectors(store: Store, gold: dict[str, Any]) -> dict[str, dict[str, float]]:
    rows = story_sql.article_inputs(store.conn, gold["articles"])
    docs = {r["article_id"]: stories.words((r["title"] or "") + "\n" + r["text"]) for r in rows}
    return cross_stories.tfidf_vectors(docs)


def baseline_at(gold: dict[str, Any], vectors: dict, threshold: float) -> dict[str, Any]:
    articles = set(vectors)
    found = cross_stories.single_link(articles, cross_stories.pair_similarities(vectors),
                                      threshold)
    return {**cross_stories.pairwise(cross_stories.clusters_of(gold["stories"], articles),
                                     found), "threshold": threshold}


def tuned_baseline_threshold(store: Store, tunes: list[dict[str, Any]]) -> float:
    """The single-link threshold with the best mean pairwise F1 over the tune files."""
    vectors = [baseline_vectors(store, t) for t in tunes]
    return max(THRESHOLDS, key=lambda th: sum(
        baseline_at(t, v, th)["f1"] for t, v in zip(tunes, vectors, strict=True)))


def line(name: str, result: dict[str, Any]) -> str:
    parts = [f"{k} {result[k]:.3f}" for k in ("precision", "recall", "f1") if k in result]
    extra = [f"{k} {result[k]}" for k in ("threshold", "gold_links", "predicted_links")
             if k in result]
    return f"  {name}: " + ", ".join(parts + extra)


def fit_model(
    examples: list[tuple[list[tuple[float, ...]], list[int], list[float]]], features: list[str]
) -> tuple[float, ...]:
    """The join model's coefficients (intercept, then one per ``stories.FEATURES``; those
    not in ``features`` weigh 0) fit on the pooled ``examples`` of several gold files."""
    xs = [x for e in examples for x in e[0]]
    ys = [y for e in examples for y in e[1]]
    ws = [w for e in examples for w in e[2]]
    used = [stories.FEATURES.index(f) for f in features]
    fitted = fit_logistic([tuple(x[i] for i in used) for x in xs], ys, ws)
    coefficients = [fitted[0]] + [0.0] * len(stories.FEATURES)
    for i, w in zip(used, fitted[1:], strict=True):
        coefficients[i + 1] = w
    return tuple(coefficients)


def grid_search(
    store: Store, tunes: list[dict[str, Any]], opts: stories.StoryOptions
) -> list[tuple[float, list[float], tuple]]:
    """Every ``GRID`` setting scored by its mean pairwise F1 over ``tunes`` (each replayed
    alone), best first."""
    scored = []
    keys = list(GRID)
    for values in itertools.product(*GRID.values()):
        candidate = replace(opts, **dict(zip(keys, values, strict=True)))
        f1s = [cross_stories.score(t["stories"], replay(store, t["articles"], candidate),
                                   set(t["articles"]))["f1"] for t in tunes]
        scored.append((sum(f1s) / len(f1s), f1s, values))
    scored.sort(key=lambda x: (-x[0], x[2]))
    return scored


def blocks(gold: dict[str, Any], days: dict[str, str]) -> list[dict[str, Any]]:
    """The gold cut into its date ``ranges`` by the articles' publication ``days`` (one
    block each; a story reaching into two ranges keeps each range's articles in that
    range's block)."""
    out = []
    for first, last in gold["ranges"]:
        ids = {a for a in gold["articles"] if first <= days[a][:10] <= last}
        cut = [{"id": s["id"], "articles": [a for a in s["articles"] if a in ids]}
               for s in gold["stories"]]
        out.append({"name": f"{first}..{last}", "articles": [a for a in gold["articles"]
                                                             if a in ids],
                    "stories": [s for s in cut if s["articles"]]})
    return out


def cross_validate(
    store: Store, gold: dict[str, Any], opts: stories.StoryOptions, features: list[str],
    fit: bool = True,
) -> list[dict[str, Any]]:
    """Cross-validation by date blocks: for each block, the join model fit (``fit``) and
    the threshold chosen on the other blocks, then the block replayed alone in publication
    order (as ingest would place it) and scored. One result per block."""
    rows = story_sql.article_inputs(store.conn, gold["articles"])
    parts = blocks(gold, {r["article_id"]: r["published"] or "" for r in rows})
    examples = [oracle_examples(store, b, opts) for b in parts] if fit else []
    results = []
    for k, held in enumerate(parts):
        rest = [b for i, b in enumerate(parts) if i != k]
        fold = opts
        if fit:
            fold = replace(fold, coefficients=fit_model(
                [e for i, e in enumerate(examples) if i != k], features))
        best = grid_search(store, rest, fold)[0]
        fold = replace(fold, **dict(zip(GRID, best[2], strict=True)))
        result = cross_stories.score(held["stories"], replay(store, held["articles"], fold),
                                     set(held["articles"]))
        results.append({**result, "block": held["name"], "threshold": fold.threshold,
                        "train_f1": best[0], "coefficients": fold.coefficients})
    return results


def print_cv(results: list[dict[str, Any]]) -> None:
    print(f"cross-validation by date blocks ({len(results)} folds: fit and threshold on the "
          "other blocks, the held block replayed alone):")
    for r in results:
        print(f"  {r['block']}: f1 {r['f1']:.3f} (p {r['precision']:.3f} r {r['recall']:.3f}, "
              f"{r['right_links']}/{r['gold_links']} gold links, {r['predicted_links']} "
              f"predicted; threshold {r['threshold']}, train mean f1 {r['train_f1']:.3f})")
    f1s = [r["f1"] for r in results]
    right = sum(r["right_links"] for r in results)
    gold = sum(r["gold_links"] for r in results)
    found = sum(r["predicted_links"] for r in results)
    p, rc = right / found if found else 0.0, right / gold if gold else 0.0
    pooled = 2 * p * rc / (p + rc) if p + rc else 0.0
    print(f"  mean f1 {sum(f1s) / len(f1s):.3f} (min {min(f1s):.3f}, max {max(f1s):.3f}); "
          f"pooled links p {p:.3f} r {rc:.3f} f1 {pooled:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", help="gold files only scored")
    parser.add_argument("--tune", action="append", default=[], help="gold files to tune on")
    parser.add_argument("--db", required=True)
    parser.add_argument("--grid", action="store_true", help="choose the options on --tune")
    parser.add_argument("--fit", action="store_true",
                        help="fit the join model on --tune (before any --grid) and use it")
    parser.add_argument("--features", default=",".join(stories.FITTED),
                        help="with --fit: the features the model uses (the others weigh 0)")
    parser.add_argument("--cv", metavar="GOLD",
                        help="cross-validate by the date ranges of this gold file "
                             "(examples/wire-dev/stories.json: every labelled range)")
    parser.add_argument("--no-fit", action="store_true",
                        help="with --cv: keep the stage's coefficients, choose only the "
                             "threshold per fold")
    args = parser.parse_args()
    store = memory_copy(args.db)
    paths = args.tune + args.gold
    golds = [cross.load_gold(path)[0] for path in paths]
    whole = cross.load_gold(args.cv)[0] if args.cv else None
    missing = (set().union(*(g["articles"] for g in golds + ([whole] if whole else [])))
               - set(store.current_article_ids()))
    if missing:
        raise SystemExit(f"{len(missing)} labelled articles are not in {args.db}: run "
                         "`newsgraph evaluate cross` with that --db first")
    opts = stories.DEFAULT
    features = args.features.split(",")
    if args.fit:
        coefficients = fit_model([oracle_examples(store, tune, opts)
                                  for tune in golds[: len(args.tune)]], features)
        print(f"join model fit on {', '.join(args.tune)}: COEFFICIENTS = "
              f"{coefficients}  # intercept, {', '.join(stories.FEATURES)}")
        opts = replace(opts, coefficients=coefficients)
    if args.grid:
        scored = grid_search(store, golds[: len(args.tune)], opts)
        print(f"grid on {', '.join(args.tune)}: best of {len(scored)} settings "
              f"({', '.join(GRID)}) by mean pairwise F1:")
        for mean, f1s, values in scored[:8]:
            print(f"  mean f1 {mean:.3f}  ({' '.join(f'{f:.3f}' for f in f1s)})  {values}")
        opts = replace(opts, **dict(zip(GRID, scored[0][2], strict=True)))
        print(f"chosen: {opts}")
    tuned = tuned_baseline_threshold(store, golds[: len(args.tune)]) if args.tune else None
    for path, gold in zip(paths, golds, strict=True):
        started = time.perf_counter()
        records = replay(store, gold["articles"], opts)
        seconds = time.perf_counter() - started
        result = cross_stories.score(gold["stories"], records, set(gold["articles"]))
        print(f"{path}: {len(gold['articles'])} articles, {result['gold_stories']} gold stories")
        print(line("stage", result) + f", bcubed_f1 {result['bcubed_f1']:.3f}, "
              f"{1000 * seconds / len(gold['articles']):.1f} ms/article")
        vectors = baseline_vectors(store, gold)
        if tuned is not None:
            print(line("baseline tf-idf single-link (threshold chosen on --tune)",
                       baseline_at(gold, vectors, tuned)))
        print(line("baseline tf-idf single-link (best threshold on these answers)",
                   cross_stories.best_single_link(gold["stories"], vectors, THRESHOLDS)))
    print(json.dumps({"options": opts.__dict__}))
    if whole is not None:
        print_cv(cross_validate(store, whole, stories.DEFAULT, features, fit=not args.no_fit))


if __name__ == "__main__":
    main()
