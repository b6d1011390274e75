"""Story threads at scale: the cost of placing articles as the archive grows, and of adding
one article to a large archive.

    .venv/bin/python bench/stories_speed.py [--articles 20000] [--per-day 60] [--db FILE]

Builds a synthetic archive (no spaCy: invented texts of 80 words, each drawn from one of a
few hundred "events" a day plus common words, with three entities an event), stores it,
and runs the stories stage over it in publication order, one transaction per 500 articles,
printing the milliseconds per article of each tenth of the archive: flat figures mean a
full rebuild is linear in the articles, not quadratic (candidates come from the term index
over the recent window, never from all stories). Then it adds single new articles to the
full archive (store + stage, as ``ingest`` does) and prints their median time. Ratios
within one run are what to compare; absolute times depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newsgraph.model import Article, ArticleAnalysis, Entity
from newsgraph.resolve import stories
from newsgraph.store import Store


def letters(n: int) -> str:
    """A made-up word for a number (the stage's words are letters only)."""
    out = ""
    while True:
        n, r = divmod(n, 26)
        out += "abcdefghijklmnopqrstuvwxyz"[r]
        if n == 0:
            return out


COMMON = ["com" + letters(i) for i in range(3000)]


def event_words(rng: random.Random, event: int) -> list[str]:
    return [f"ev{letters(event)}w{letters(i)}" for i in range(12)] + rng.sample(COMMON, 20)


def synthetic(n: int, per_day: int, seed: int = 7) -> list[ArticleAnalysis]:
    """``n`` articles, ``per_day`` a day, each about one of the day's or the last days'
    events (a third of the events go on for a few days)."""
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    out = []
    events_today: list[int] = []
    next_event = 0
    for i in range(n):
        day = i // per_day
        if i % per_day == 0:
            carried = [e for e in events_today if rng.random() < 0.33]
            fresh = list(range(next_event, next_event + per_day // 3))
            next_event += len(fresh)
            events_today = carried + fresh
        event = rng.choice(events_today)
        vocab = event_words(random.Random(event), event)
        text = " ".join(rng.choice(vocab) if rng.random() < 0.5 else rng.choice(COMMON)
                        for _ in range(80))
        names = [f"Actor {letters(event)} {letters(k)}" for k in range(3)]
        entities = tuple(
            Entity(id=f"e{k}", name=name, type="PERSON", mentions=((0, 1),))
            for k, name in enumerate(names)
        )
        article = Article(id=f"syn-{i:07d}", text=text, title=" ".join(vocab[:5]),
                          published=(start + timedelta(days=day)).isoformat(), source="Syn")
        out.append(ArticleAnalysis(article=article, entities=entities))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--per-day", type=int, default=60)
    parser.add_argument("--adds", type=int, default=20, help="single articles added at the end")
    parser.add_argument("--db", default=None, help="database file (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or str(Path(tmp) / "stories-bench.db")
        store = Store(path)
        items = synthetic(args.articles + args.adds, args.per_day)
        archive, extra = items[: args.articles], items[args.articles:]
        started = time.perf_counter()
        for k in range(0, len(archive), 500):
            with store.transaction():
                for analysis in archive[k:k + 500]:
                    store.save_analysis(analysis)
        print(f"stored {len(archive)} articles in {time.perf_counter() - started:.1f}s")
        tenth = max(1, len(archive) // 10)
        print("articles placed   ms/article (this tenth)   stories so far")
        per_tenth = []
        for k in range(0, len(archive), tenth):
            ids = [a.article.id for a in archive[k:k + tenth]]
            started = time.perf_counter()
            for j in range(0, len(ids), 500):
                with store.transaction():
                    stories.update(store, ids[j:j + 500])
            ms = 1000 * (time.perf_counter() - started) / len(ids)
            per_tenth.append(ms)
            count = store.conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
            print(f"{k + len(ids):>15}   {ms:>22.2f}   {count:>14}")
        print(f"last tenth / first tenth: {per_tenth[-1] / per_tenth[0]:.2f} "
              "(about 1 when a rebuild is linear)")
        times = []
        for analysis in extra:
            started = time.perf_counter()
            with store.transaction():
                store.save_analysis(analysis)
                stories.update(store, [analysis.article.id])
            times.append(time.perf_counter() - started)
        print(f"adding one article to {len(archive)}: median "
              f"{1000 * statistics.median(times):.1f} ms, max {1000 * max(times):.1f} ms "
              f"(store + stories stage)")
        store.close()


if __name__ == "__main__":
    main()
