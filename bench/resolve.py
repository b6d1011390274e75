"""Cross-article resolution speed: a full re-resolution, then one article at a time.

    .venv/bin/python bench/resolve.py [--cache /tmp/newsgraph-bench/afp.db] [--add 5]

The AFP/Xinhua corpus (2,452 articles) is ingested once into the cache file (outside the
repository) and reused. Each run copies it, then prints
  * ``full``: seconds for ``resolve --rebuild`` over every stored entity row (target < 60 s),
  * ``add``: seconds to update identities after storing one more article (target < 1 s), for
    ``--add`` articles (copies of corpus articles under new ids, analysed outside the timing).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from newsgraph.library import Newsgraph
from newsgraph.model import Article

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/afp-xinhua-newswire.jsonl"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "newsgraph-bench" / "afp.db"


def cached_db(cache: Path, corpus: Path) -> Path:
    """The ingested corpus, made once."""
    if not cache.exists():
        print(f"ingesting {corpus} into {cache} (once) ...", flush=True)
        with Newsgraph(cache, workers=2) as ng:
            print(ng.ingest([corpus]).summary(), flush=True)
    return cache


def extra_articles(corpus: Path, n: int) -> list[Article]:
    """``n`` corpus articles under new ids, as if a later feed brought them again."""
    picked = []
    with corpus.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 97 == 3:
                r = json.loads(line)
                picked.append(Article(id=f"bench-{r['id']}", text=r["text"], title=r["title"],
                                      published=r["published"], source=r["source"]))
            if len(picked) >= n:
                break
    return picked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--add", type=int, default=5)
    args = parser.parse_args()
    cache = cached_db(args.cache, args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "afp.db"
        shutil.copy(cache, work)
        with Newsgraph(work) as ng:
            started = time.perf_counter()
            report = ng.resolve(rebuild=True)
            full = time.perf_counter() - started
            print(f"full: {full:.1f}s to resolve {report['records']} entity rows of "
                  f"{report['added_articles']} articles into {report['identities']} entities "
                  f"({report['merges']} merges)", flush=True)
            times = []
            for article in extra_articles(args.corpus, args.add):
                ng.store.save_analysis(ng.analyse(article))
                started = time.perf_counter()
                update = ng.update_identities()
                times.append(time.perf_counter() - started)
                print(f"  add {article.id}: {times[-1]:.3f}s ({update['records']} rows, "
                      f"{update['loaded']} identities loaded, {update['changed']} changed)")
            print(f"add: {statistics.median(times):.3f}s median, {max(times):.3f}s max "
                  f"to update identities after one more article")


if __name__ == "__main__":
    main()
