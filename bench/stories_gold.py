"""Story threads on the wire gold: the stage against the TF-IDF single-link baseline, and
the grid search that chose the stage's threshold and decay.

    .venv/bin/newsgraph evaluate cross examples/wire-dev/stories.json --db /tmp/wire.db
    .venv/bin/python bench/stories_gold.py --db /tmp/wire.db \
        --tune examples/wire-dev/stories-tune-1.json --tune examples/wire-dev/stories-tune-2.json \
        examples/wire-dev/stories-report.json [--grid]

``--db`` must hold the labelled articles (``evaluate cross`` ingests them). For each gold
file, the stage is replayed over its articles in publication order on an in-memory copy of
the database (the same ``update`` that ingest runs), with the packaged options or, with
``--grid``, with the setting of the grid whose mean pairwise F1 over the ``--tune`` files
is best (each source and period weighs the same), then applied unchanged to the others.
The baseline is TF-IDF single-link over the same articles' words at its best threshold on
each file's own answers (an upper bound for it).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sqlite3
import time
from dataclasses import replace
from typing import Any

from newsgraph.evaluate import cross, cross_stories
from newsgraph.resolve import stories
from newsgraph.store import Store
from newsgraph.store import stories as story_sql
from newsgraph.store.migrations import migrate

GRID = {
    "threshold": [0.2, 0.225, 0.25, 0.275, 0.3],
    "idf_prior": [50.0, 500.0],
    "entity_weight": [0.5, 1.0],
    "half_life_days": [4.0, 1000.0],
    "title_weight": [0.0, 0.5],
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", help="gold files only scored")
    parser.add_argument("--tune", action="append", default=[], help="gold files to tune on")
    parser.add_argument("--db", required=True)
    parser.add_argument("--grid", action="store_true", help="choose the options on --tune")
    args = parser.parse_args()
    store = memory_copy(args.db)
    paths = args.tune + args.gold
    golds = [cross.load_gold(path)[0] for path in paths]
    missing = set().union(*(g["articles"] for g in golds)) - set(store.current_article_ids())
    if missing:
        raise SystemExit(f"{len(missing)} labelled articles are not in {args.db}: run "
                         "`newsgraph evaluate cross` with that --db first")
    opts = stories.DEFAULT
    if args.grid:
        tunes = golds[: len(args.tune)]
        scored = []
        keys = list(GRID)
        for values in itertools.product(*GRID.values()):
            candidate = replace(stories.DEFAULT, **dict(zip(keys, values, strict=True)))
            f1s = [cross_stories.score(t["stories"], replay(store, t["articles"], candidate),
                                       set(t["articles"]))["f1"] for t in tunes]
            scored.append((sum(f1s) / len(f1s), f1s, values))
        scored.sort(key=lambda x: (-x[0], x[2]))
        print(f"grid on {', '.join(args.tune)}: best of {len(scored)} settings "
              f"({', '.join(keys)}) by mean pairwise F1:")
        for mean, f1s, values in scored[:8]:
            print(f"  mean f1 {mean:.3f}  ({' '.join(f'{f:.3f}' for f in f1s)})  {values}")
        opts = replace(stories.DEFAULT, **dict(zip(keys, scored[0][2], strict=True)))
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


if __name__ == "__main__":
    main()
