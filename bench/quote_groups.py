"""Quote groups speed: adding one article to a small and to a large archive.

    .venv/bin/python bench/quote_groups.py [--sizes 2000,15000,40000] [--probe 50]

Builds a synthetic archive (invented articles, four quotations each, speakers drawn from a
pool of 3,000 names, words from a Zipf-like vocabulary of 6,000; one article in ten repeats
an earlier quotation) with the stage's own ``update``, one article at a time, and prints:

  * ``add one``: the median seconds ``quotes.update`` takes for one new article once the
    archive holds each of ``--sizes`` articles (over ``--probe`` articles): it grows while
    the index's lists are short and stops growing once a key's list reaches the cap the
    lookup reads (``CANDIDATE_CAP``), whatever the size of the archive;
  * ``build``: milliseconds per article of building up to each size (storing included, 200
    articles to a transaction); a flat figure means the build is linear in the articles.

Only the quote-groups stage runs (no spaCy, no identities): speakers are matched by name.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from newsgraph.model import Article, ArticleAnalysis, Quote, Speaker, TextSpan
from newsgraph.resolve import quotes
from newsgraph.store import Store
from newsgraph.store.store import save_analysis_in


def vocabulary(n: int, rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnoprstuvw"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(5, 9))) for _ in range(n)]


ZIPF: list[float] = []


def zipf_weights(n: int) -> list[float]:
    total, out = 0.0, []
    for k in range(n):
        total += 1 / (k + 1)
        out.append(total)
    return out


def make_article(i: int, rng: random.Random, words: list[str], names: list[str],
                 earlier: list[tuple[str, str]]) -> ArticleAnalysis:
    parts, found = [], []
    at = 0
    for n in range(4):
        if earlier and n == 0 and rng.random() < 0.1:
            name, content = rng.choice(earlier)
        else:
            name = rng.choice(names)
            content = " ".join(rng.choices(words, cum_weights=ZIPF, k=14))
            earlier.append((name, content))
        sentence = f'"{content}," {name} said. '
        start = at + 1
        found.append(Quote(f"q{n}", "direct", content, start, start + len(content),
                           cue=TextSpan("said", 0, 4),
                           speaker=Speaker(TextSpan(name, 0, len(name)), name, None, "PERSON"),
                           confidence=0.9))
        parts.append(sentence)
        at += len(sentence)
    day = f"2020-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}"
    return ArticleAnalysis(Article(f"bench-{i}", "".join(parts), published=day), tuple(found))


def grow(store: Store, start: int, stop: int, rng: random.Random, words: list[str],
         names: list[str], earlier: list[tuple[str, str]], batch: int = 1) -> list[float]:
    """Add articles ``start..stop`` one at a time (``batch`` to a transaction, as a batched
    ingest commits them); the seconds each ``update`` took."""
    took = []
    for first in range(start, stop, batch):
        with store.transaction() as conn:
            for i in range(first, min(stop, first + batch)):
                item = make_article(i, rng, words, names, earlier)
                save_analysis_in(conn, item)
                began = time.perf_counter()
                quotes.update(store, [item.article.id])
                took.append(time.perf_counter() - began)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="2000,15000,40000",
                        help="archive sizes (articles) at which one addition is timed")
    parser.add_argument("--probe", type=int, default=50)
    args = parser.parse_args()
    sizes = sorted(int(x) for x in args.sizes.split(","))
    rng = random.Random(7)
    words, names = vocabulary(6000, rng), [f"Speaker {k}" for k in range(3000)]
    ZIPF[:] = zipf_weights(len(words))
    earlier: list[tuple[str, str]] = []
    adds, builds = [], []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        done = 0
        for size in sizes:
            began = time.perf_counter()
            grow(store, done, size, rng, words, names, earlier, batch=200)
            builds.append((time.perf_counter() - began) / max(1, size - done))
            adds.append(statistics.median(grow(store, size, size + args.probe, rng, words,
                                               names, earlier)))
            done = size + args.probe
            print(f"{size:>7,} articles: add one {adds[-1] * 1000:6.2f} ms (median of "
                  f"{args.probe}); build {builds[-1] * 1000:6.2f} ms per article", flush=True)
        groups = store.conn.execute("SELECT COUNT(*) FROM quote_groups").fetchone()[0]
    print(f"ratio of the largest to the smallest: add one {adds[-1] / adds[0]:.2f}, "
          f"build per article {builds[-1] / builds[0]:.2f}; {groups:,} groups")


if __name__ == "__main__":
    main()
