"""HTTP API and web page latency against the same questions asked of the library directly.

    .venv/bin/python bench/api.py [--db FILE] [--repeat 30]

Without ``--db`` the AFP/Xinhua corpus (2,452 articles) is ingested once into
``/tmp/newsgraph-bench/afp.db`` and reused. Each
endpoint is called in process (FastAPI's TestClient: routing, validation, JSON or HTML
rendering; no network), ``--repeat`` times after one warm-up call, and so is the library call
the route makes. Prints p50 and p95 (ms) of both, the ratio of the p95s, and whether the
endpoint's p95 is under the 100 ms target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.library import Newsgraph

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/afp-xinhua-newswire.jsonl"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "newsgraph-bench" / "afp.db"
TARGET_MS = 100.0


def cached_db(cache: Path, corpus: Path, workers: int) -> Path:
    if not cache.exists():
        if not corpus.exists():
            sys.exit(f"{corpus} is absent: give --db FILE")
        cache.parent.mkdir(parents=True, exist_ok=True)
        print(f"ingesting {corpus} into {cache} (once) ...", flush=True)
        with Newsgraph(cache, workers=workers) as ng:
            print(ng.ingest([corpus]).summary(), flush=True)
    return cache


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm-up: caches, first-use imports
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def cases(ng: Newsgraph) -> list[tuple[str, str, Callable[[], object]]]:
    """(label, URL, the library calls its route makes), with ids and names from the data."""
    article_id = ng.articles(limit=1)[0]["id"]
    people = ng.entities(type="PERSON", limit=1)
    speaker = people[0]["name"]
    place = ng.entities(type="GPE", limit=1)[0]["name"]
    entity_id = people[0]["id"]
    word = "minister"
    return [
        ("articles", "/api/articles?limit=50",
         lambda: (ng.articles(limit=50), ng.article_count())),
        ("article", f"/api/articles/{quote(article_id)}",
         lambda: (ng.article(article_id), ng.article_identities(article_id))),
        ("quotes", "/api/quotes?limit=50",
         lambda: (ng.quotes(limit=50), ng.quote_count())),
        ("quotes speaker", f"/api/quotes?speaker={quote(speaker)}&limit=50",
         lambda: (ng.quotes(speaker=speaker, limit=50), ng.quote_count(speaker=speaker))),
        ("quotes speaker id", f"/api/quotes?speaker={quote(entity_id)}&limit=50",
         lambda: (ng.quotes(speaker=entity_id, limit=50), ng.quote_count(speaker=entity_id))),
        ("quotes about", f"/api/quotes?about={quote(place)}&limit=50",
         lambda: (ng.quotes(about=place, limit=50), ng.quote_count(about=place))),
        ("quotes search", f"/api/quotes?search={word}&limit=50",
         lambda: (ng.quotes(search=word, limit=50), ng.quote_count(search=word))),
        ("quotes filtered", "/api/quotes?kind=direct&min_confidence=0.8&since=2006-11"
                            "&until=2006-11-19&sort=confidence&limit=50",
         lambda: (ng.quotes(kinds=["direct"], min_confidence=0.8, since="2006-11",
                            until="2006-11-19", sort="confidence", limit=50),
                  ng.quote_count(kinds=["direct"], min_confidence=0.8, since="2006-11",
                                 until="2006-11-19"))),
        ("entities", "/api/entities?limit=50",
         lambda: (ng.entities(limit=50), ng.entity_count())),
        ("entity", f"/api/entities/{quote(entity_id)}", lambda: ng.entity(entity_id)),
        ("search", f"/api/search?q={word}", lambda: ng.search(word)),
        ("graph", "/api/graph", lambda: ng.quote_graph()),
        ("page /", "/", lambda: (ng.stats(), ng.articles(limit=25), ng.article_count(),
                                 ng.entities(limit=15))),
        ("page article", f"/articles/{quote(article_id)}",
         lambda: (ng.article(article_id), ng.article_identities(article_id))),
        ("page entity", f"/entities/{quote(entity_id)}", lambda: ng.entity(entity_id)),
        ("page search", f"/search?q={word}",
         lambda: (ng.search(word), ng.quotes(search=word, limit=20),
                  ng.quote_count(search=word), ng.entities(name=word, limit=20))),
        ("page graph", "/graph", lambda: ng.quote_graph(limit=60)),
        ("stories", "/api/stories?limit=50", lambda: ng.stories(limit=50)),
        ("conflicts", "/api/conflicts", lambda: ng.conflicts()),
        ("timeline", f"/api/timeline?entity={quote(entity_id)}",
         lambda: ng.timeline(name=entity_id)),
        ("story timeline", f"/api/timeline?story={quote(article_id)}",
         lambda: ng.timeline(story=article_id)),
        ("page stories", "/stories", lambda: ng.stories(limit=50)),
        ("page timeline", f"/timeline/{quote(entity_id)}", lambda: ng.timeline(name=entity_id)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--workers", type=int, default=1, help="for the one-off ingest")
    args = parser.parse_args()
    db = args.db or cached_db(DEFAULT_CACHE, args.corpus, args.workers)
    with Newsgraph(db) as ng, TestClient(create_app(str(db))) as client:
        print(f"{db}: {ng.article_count()} articles, {ng.quote_count()} quotations; "
              f"{args.repeat} calls each after a warm-up")
        print(f"{'endpoint':<18} {'api p50':>8} {'api p95':>8} {'lib p50':>8} {'lib p95':>8} "
              f"{'ratio':>6}  target")
        worst = 0.0
        for label, url, direct in cases(ng):
            assert client.get(url).status_code == 200, url

            def http(url: str = url) -> None:
                client.get(url)

            api, lib = timed(http, args.repeat), timed(direct, args.repeat)
            worst = max(worst, p95(api))
            print(f"{label:<18} {statistics.median(api):8.1f} {p95(api):8.1f} "
                  f"{statistics.median(lib):8.1f} {p95(lib):8.1f} {p95(api) / p95(lib):6.2f}  "
                  f"{'ok' if p95(api) < TARGET_MS else 'OVER'}")
        print(f"worst endpoint p95: {worst:.1f} ms (target < {TARGET_MS:.0f} ms)")


if __name__ == "__main__":
    main()
