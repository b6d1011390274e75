"""Conflicts stage speed: taking in one article against a small and a scaled claim index.

    .venv/bin/python bench/conflicts.py --db /tmp/cf/ev.db [--claims 120000] [--articles 20]

``--db`` is an ingested database (e.g. the one ``newsgraph evaluate cross
examples/wire-dev/conflicts.json --db FILE`` leaves). The run copies it, then for
``--articles`` of its articles times the stage's work for one article (forget its claims,
find them again, look up earlier reports, record conflicts), first as the database is, then
after filing ``--claims`` synthetic claims (as many as ~100k articles give) under keys drawn
like real ones: a few categories, many identities, dates over three years, a share of them
under the busiest real identities, half of them figures and half event days, titles and
perpetrators (``resolve/fact_conflicts.py``). It prints both medians and their ratio: the lookup reads
only the claims under a new claim's keys in its date window, so the ratio stays near 1.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newsgraph.resolve import conflicts
from newsgraph.store import Store
from newsgraph.store import conflicts as sql

CATEGORIES = ["killed", "injured", "missing", "arrested", "job", "vote", "patient"]
# Half the synthetic claims are figures, the rest the other kinds: (key prefix, category, value).
KINDS = ["number", "number", "number", "date", "role", "name"]
FACTS = {
    "date": ("@date", "date:blast", "2006-01-01"),
    "role": ("@role", "role:minister|now", "foreign minister"),
    "name": ("@perp", "perpetrator", "Synthetic Front"),
}


def time_take_in(store: Store, articles: list[str]) -> list[float]:
    """Seconds per article for the stage's update, each undone afterwards."""
    out = []
    for article in articles:
        store.conn.execute("SAVEPOINT bench")
        started = time.perf_counter()
        conflicts.update(store, [article])
        out.append(time.perf_counter() - started)
        store.conn.execute("ROLLBACK TO bench")
        store.conn.execute("RELEASE bench")
    return out


def busy_identities(conn: sqlite3.Connection, n: int) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT identity_id FROM identity_members GROUP BY identity_id"
        " ORDER BY COUNT(*) DESC LIMIT ?", (n,))]


def file_synthetic_claims(conn: sqlite3.Connection, n: int, seed: int = 7) -> None:
    """``n`` claims of made-up articles, each filed under two or three keys."""
    rng = random.Random(seed)
    busy = busy_identities(conn, 50)
    start = date(2005, 1, 1)
    for i in range(n):
        published = (start + timedelta(days=rng.randrange(3 * 365))).isoformat()
        category = rng.choice(CATEGORIES)
        ids = [f"syn-id-{rng.randrange(40_000)}" for _ in range(rng.randint(1, 2))]
        if busy and rng.random() < 0.3:
            ids.append(rng.choice(busy))
        row = {
            "article_id": f"syn-{i // 2}", "revision": 1, "start": i % 500, "end": i % 500 + 5,
            "text": "12 dead", "value": float(rng.randint(1, 300)), "qualifier": None,
            "category": category, "grp": "", "sentence_start": 0, "sentence_end": 50,
            "cue": 0, "day": None, "running": 0, "secondary": 0, "events": "[]", "places": "[]",
            "context": json.dumps(ids), "published": published, "source": "Synthetic",
        }
        kind = rng.choice(KINDS)
        if kind == "number":
            sql.insert_claim(conn, row, [f"{category}||{x}" for x in ids])
            continue
        # a claim that is no figure (an event's day, a title, a perpetrator), under its keys
        prefix, category, value = FACTS[kind]
        row.update(kind=kind, category=category, value=0.0, value_text=value,
                   day=published if kind == "date" else None)
        sql.insert_claim(conn, row, [f"{prefix}|{x}" for x in ids])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--claims", type=int, default=120_000)
    parser.add_argument("--articles", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        shutil.copy(args.db, db)
        with Store(db) as store:
            articles = store.current_article_ids()[-args.articles:]
            with store.transaction():
                small = time_take_in(store, articles)
                filed = time.perf_counter()
                file_synthetic_claims(store.conn, args.claims)
                filed = time.perf_counter() - filed
                large = time_take_in(store, articles)
                total = store.conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
    a, b = statistics.median(small), statistics.median(large)
    print(f"claims in the index: {total:,} (filed {args.claims:,} synthetic in {filed:.1f}s)")
    print(f"take in one article: median {a * 1000:.1f} ms as ingested, "
          f"{b * 1000:.1f} ms at scale (max {max(large) * 1000:.1f} ms); ratio {b / a:.2f}")


if __name__ == "__main__":
    main()
