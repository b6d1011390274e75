"""How newsgraph grows with the archive: identity cost per chunk, questions at 2.4k and at
~100k articles, adding one article at ~100k, and a full rebuild of the cross-article stages.

    .venv/bin/python bench/scale.py [--copies 40] [--cache DIR] [--repeat 20] [--skip-rebuild]
    .venv/bin/python bench/scale.py --replay-identities [--cache DIR] [--over-copies --copies 40]

1. ``ingest``: the AFP/Xinhua corpus (2,452 articles) ingested in chunks of 490 into a cache
   file (made once, outside the repository); prints each chunk's ms/article in each
   cross-article stage (identity ms/article should stay flat as the archive grows).
2. ``questions``: p50/p95 in-process milliseconds of the questions people ask (quotes by a
   speaker, about someone, entities, one entity, stats, search, show, timeline), on the 2.4k
   database and on a copy scaled ``--copies`` times. The scaled copy repeats every analysed
   row and every identity under suffixed ids (``~k``), with consistent keys, so each name
   key reaches ``copies`` identities, as the same names recur in a large archive; the other
   stages' tables are rebuilt over it (timed: a full rebuild, which must be linear).
3. ``add one``: storing one more analysed article into each database, with the seconds of
   each stage (the analysis itself is done beforehand and not counted).

``--replay-identities`` only replays the identities stage over the cached base's analysed
rows, as ingest runs it (batches of 64, one writer keeping its resolver), and prints each
chunk's wall and CPU ms/article, CPU ms per entity record (the chunks differ in entities per
article: 13.4 in the first, 15.6 in the second, 10.8 in the fourth) and the garbage
collector's share: the stage's growth without the analysis, in minutes. With
``--over-copies`` the replay meets identity tables already ``--copies`` times the corpus's
(copies whose keys no name reaches): the cost of writing into large tables, with the rule
work of the replay from empty.

Machines are noisy: compare figures of one run only (CPU time is steadier than wall time
on a shared machine).
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsgraph.library import IngestReport, Newsgraph
from newsgraph.model import Article

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/afp-xinhua-newswire.jsonl"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "newsgraph-bench"
CHUNK = 490
# Tables copied row for row into the scaled database; how each column is changed per copy.
PER_ARTICLE = ("articles", "article_revisions", "quotes", "entities", "roles", "times",
               "warnings")
IDENTITY = ("identities", "identity_aliases", "identity_members", "identity_merges",
            "identity_keys")


def build_base(cache: Path, corpus: Path) -> Path:
    """The corpus ingested chunk by chunk (once); prints each chunk's stage ms/article."""
    db = cache / "wire.db"
    if db.exists():
        print(f"base: {db} (cached; delete it to measure the ingest again)")
        with Newsgraph(db) as ng:  # brought up to this version's schema
            ng.catch_up()
            fill_all_summaries(ng)
        return db
    cache.mkdir(parents=True, exist_ok=True)
    lines = corpus.read_text(encoding="utf-8").splitlines()
    with Newsgraph(db) as ng:
        for i in range(0, len(lines), CHUNK):
            part = cache / "chunk.jsonl"
            part.write_text("\n".join(lines[i:i + CHUNK]) + "\n", encoding="utf-8")
            report = ng.ingest([part])
            n = max(1, report.stored + report.updated)
            per = ", ".join(f"{k} {1000 * v / n:.1f}" for k, v in report.stages.items())
            print(f"ingest chunk {i // CHUNK + 1}: {n} articles, stage ms/article: {per}",
                  flush=True)
    return db


def fill_all_summaries(ng: Newsgraph) -> None:
    """Summaries for identities stored before they were kept (a cache made by an older
    version), so the scaled copy has them all."""
    from newsgraph.resolve import sync

    ids = [r[0] for r in ng.store.conn.execute(
        "SELECT id FROM identities WHERE id NOT IN (SELECT identity_id FROM identity_folds)")]
    if ids:
        with ng.store.transaction():
            sync.fill_summaries(ng.store, ids)
        print(f"base: {len(ids)} identity summaries filled", flush=True)


def shifted(text: str, suffix: str, rows: int) -> str:
    """A stored summary (or its context) with its members moved to copy ``suffix``."""
    data = json.loads(text)

    def move(member: list[str]) -> list[str]:
        return [member[0] + suffix, str(int(member[1]) + rows)]

    if data.get("first"):
        data["first"] = move(data["first"])
    if "reps" in data:
        data["reps"] = {k: move(m) for k, m in data["reps"].items()}
    if "recent" in data:
        data["recent"] = [move(m[:2]) + m[2:] for m in data["recent"]]
    return json.dumps(data, ensure_ascii=False)


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def scaled_copy(base: Path, target: Path, copies: int) -> None:
    """``base`` with every analysed row and identity repeated ``copies`` times in all."""
    shutil.copy(base, target)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = OFF")
    offsets = {t: conn.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM {t}").fetchone()[0]
               for t in ("article_revisions", "quotes", "entities", "roles", "times",
                         "warnings", "identity_merges")}
    entity_offset = offsets["entities"]
    folds = conn.execute(
        "SELECT identity_id, summary, context, votes FROM identity_folds").fetchall()
    logged = conn.execute("SELECT identity_id, delta FROM identity_fold_log ORDER BY id").fetchall()
    for k in range(1, copies):
        suffix = f"~{k}"
        conn.execute("BEGIN")
        for table in PER_ARTICLE + IDENTITY:
            cols = columns(conn, table)
            exprs = []
            for c in cols:
                if c in ("article_id",) or (table == "articles" and c == "id"):
                    exprs.append(f"{c} || '{suffix}'")
                elif c == "identity_id" or (table == "identities" and c == "id"):
                    exprs.append(f"{c} || '{suffix}'")
                elif c in ("entity_row", "a_row", "b_row"):
                    exprs.append(f"{c} + {k * entity_offset}")
                elif c == "id" and table in offsets:
                    exprs.append(f"id + {k * offsets[table]}")
                else:
                    exprs.append(f'"{c}"')
            names = ", ".join(f'"{c}"' for c in cols)
            conn.execute(f"INSERT INTO {table} ({names}) SELECT {', '.join(exprs)} FROM {table}"
                         f" WHERE {where_original(table)}")
        conn.executemany(
            "INSERT INTO identity_folds (identity_id, summary, context, votes)"
            " VALUES (?, ?, ?, ?)",
            [(i + suffix, shifted(s, suffix, k * entity_offset),
              shifted(c, suffix, k * entity_offset), v) for i, s, c, v in folds])
        conn.executemany(
            "INSERT INTO identity_fold_log (identity_id, delta) VALUES (?, ?)",
            [(i + suffix, shifted(d, suffix, k * entity_offset)) for i, d in logged])
        conn.execute("COMMIT")
    from newsgraph.store.migrations import LIVE_COUNT_SQL

    for key, sql in LIVE_COUNT_SQL.items():
        conn.execute("UPDATE live_counts SET value = (" + sql + ") WHERE key = ?", (key,))
    conn.execute("ANALYZE")
    conn.close()


def where_original(table: str) -> str:
    """Rows of the original database only (not earlier copies)."""
    if table == "articles":
        return "id NOT LIKE '%~%'"
    if table == "identities":
        return "id NOT LIKE '%~%'"
    if table in PER_ARTICLE or table == "identity_members":
        return "article_id NOT LIKE '%~%'"
    return "identity_id NOT LIKE '%~%'"


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    spent = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        spent.append(1000 * (time.perf_counter() - start))
    spent.sort()
    return statistics.median(spent), spent[min(len(spent) - 1, int(0.95 * len(spent)))]


def questions(db: Path, repeat: int) -> dict[str, tuple[float, float]]:
    with Newsgraph(db, read_only=True) as ng:
        top = ng.store.identity_summaries(type="PERSON", limit=1)[0]["name"]
        place = ng.store.identity_summaries(type="GPE", limit=1)
        place_name = place[0]["name"] if place else top
        article = ng.store.current_article_ids()[len(ng.store.current_article_ids()) // 2]
        asked = {
            "quotes --speaker": lambda: ng.quotes(speaker=top, limit=50),
            "quotes --about": lambda: ng.quotes(about=place_name, limit=50),
            "entities": lambda: ng.entities(limit=50),
            "entity": lambda: ng.entity(top),
            "stats": ng.stats,
            "search": lambda: ng.search("president talks"),
            "show": lambda: ng.article(article),
            "timeline": lambda: ng.timeline(name=top),
        }
        return {name: timed(fn, repeat) for name, fn in asked.items()}


def add_one(db: Path, articles: list[Article], ng_analyse: Newsgraph) -> list[dict[str, float]]:
    """Seconds to store each of ``articles`` (analysed beforehand) and run the stages, per
    stage and in all, one after another in one writer: the first pays for reading the
    identities it reaches, the next ones find them in the writer's resolver (as a
    long-running ``follow`` or ``watch`` does)."""
    from newsgraph.nlp.pipeline import Outcome
    from newsgraph.resolve.sync import ResolverCache

    outcomes = [Outcome(a, ng_analyse.analyse(a)) for a in articles]
    spent = []
    with Newsgraph(db) as ng:
        ng.store.resolver_cache = ResolverCache()
        for outcome in outcomes:
            report = IngestReport()
            start, cpu = time.perf_counter(), time.process_time()
            ng._store_batch([outcome], report, lambda w, r: None, lambda k, d: None)
            spent.append({"total": time.perf_counter() - start,
                          "cpu": time.process_time() - cpu, **report.stages})
    return spent


class CollectorClock:
    """CPU seconds Python's cyclic garbage collector spends while it is installed."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.process_time()
        else:
            self.seconds += time.process_time() - self._started

    def __enter__(self) -> CollectorClock:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


def unreachable_copies(base: Path, target: Path, copies: int) -> None:
    """``base`` scaled ``copies`` times (``scaled_copy``), then its original identities
    removed and every copy's index keys suffixed, so no name of the original articles reaches
    a copy: a replay of the original articles meets identity tables ``copies`` times larger
    while its rule work stays that of the replay from empty."""
    scaled_copy(base, target, copies)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("DELETE FROM identities WHERE id NOT LIKE '%~%'")
    for table in ("identity_aliases", "identity_members", "identity_merges", "identity_keys",
                  "identity_counts", "identity_folds", "identity_fold_log"):
        conn.execute(f"DELETE FROM {table} WHERE identity_id NOT LIKE '%~%'")
    conn.execute("CREATE TEMP TABLE moved AS"
                 " SELECT key || '~unreachable' AS key, identity_id FROM identity_keys")
    conn.execute("DELETE FROM identity_keys")
    conn.execute("INSERT INTO identity_keys (key, identity_id) SELECT key, identity_id FROM moved")
    conn.execute("COMMIT")
    conn.close()


def replay_identities(base: Path, batch: int = 64, copies: int = 1) -> None:
    """The identities stage replayed over a copy of ``base`` from empty identity tables (or,
    with ``copies`` > 1, from tables holding ``copies - 1`` unreachable copies of the
    corpus's identities), in the order the articles were stored; ms/article per chunk of
    ``CHUNK``."""
    from newsgraph.resolve import sync

    with tempfile.TemporaryDirectory(dir=base.parent) as tmp:
        db = Path(tmp) / "replay.db"
        if copies > 1:
            started = time.perf_counter()
            unreachable_copies(base, db, copies)
            print(f"replay over {copies - 1} unreachable copies of the identities (made in "
                  f"{time.perf_counter() - started:.0f}s)", flush=True)
        else:
            shutil.copy(base, db)
        with Newsgraph(db) as ng:
            store = ng.store
            ids = [r[0] for r in store.conn.execute(
                "SELECT id FROM articles WHERE id NOT LIKE '%~%' ORDER BY rowid")]
            with store.transaction():
                for table in ("identities", "identity_aliases", "identity_members",
                              "identity_merges", "identity_keys", "identity_counts",
                              "identity_folds", "identity_fold_log"):
                    if copies == 1:
                        store.conn.execute(f"DELETE FROM {table}")
                store.conn.execute("DELETE FROM resolver_meta")
            store.resolver_cache = sync.ResolverCache()
            per_article, per_record = [], []
            for c in range(0, len(ids), CHUNK):
                chunk = ids[c:c + CHUNK]
                records = store.conn.execute(
                    "SELECT COUNT(*) FROM entities"
                    " WHERE article_id IN (SELECT value FROM json_each(?))",
                    (json.dumps(chunk),)).fetchone()[0]
                wall, cpu = time.perf_counter(), time.process_time()
                with CollectorClock() as collector:
                    for b in range(0, len(chunk), batch):
                        with store.transaction():
                            sync.update(store, chunk[b:b + batch])
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                print(f"replay chunk {c // CHUNK + 1}: {len(chunk)} articles, identities "
                      f"{1000 * wall / len(chunk):.1f} ms/article (CPU "
                      f"{1000 * cpu / len(chunk):.2f}; {records} entity records, CPU "
                      f"{1000 * cpu / max(1, records):.3f} ms/record; of it garbage "
                      f"collection {1000 * collector.seconds / len(chunk):.2f} ms/article)",
                      flush=True)
                if len(chunk) == CHUNK:
                    per_article.append(cpu / len(chunk))
                    per_record.append(cpu / max(1, records))
            if len(per_article) > 1:
                print(f"replay: last full chunk / first, CPU per article "
                      f"{per_article[-1] / per_article[0]:.2f}x, per entity record "
                      f"{per_record[-1] / per_record[0]:.2f}x (chunks differ in entities per "
                      f"article)", flush=True)
            counts = [store.conn.execute(
                f"SELECT COUNT(*) FROM {t} WHERE {'id' if t == 'identities' else 'identity_id'}"
                " NOT LIKE '%~%'").fetchone()[0]
                for t in ("identities", "identity_members", "identity_merges")]
            print("replay: {} identities, {} members, {} merge reasons".format(*counts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--skip-rebuild", action="store_true",
                        help="do not rebuild the other stages over the scaled copy")
    parser.add_argument("--over-copies", action="store_true",
                        help="with --replay-identities: replay over identity tables already "
                             "holding --copies - 1 copies no name reaches")
    parser.add_argument("--replay-identities", action="store_true",
                        help="only replay the identities stage over the cached base, per chunk")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (../shared beside the repository?)")
        return 2
    base = build_base(args.cache, args.corpus)
    if args.replay_identities:
        replay_identities(base, copies=args.copies if args.over_copies else 1)
        return 0
    lines = args.corpus.read_text(encoding="utf-8").splitlines()
    extra = []
    for n, line in enumerate(lines[:2]):
        record = json.loads(line)
        extra.append(Article(id=f"bench-extra-{n + 1}", text=record["text"],
                             title=record.get("title"),
                             published=record.get("published", "")[:10] or None,
                             source=record.get("source")))
    analyser = Newsgraph(":memory:")
    with tempfile.TemporaryDirectory(dir=args.cache) as tmp:
        small = Path(tmp) / "small.db"
        shutil.copy(base, small)
        big = Path(tmp) / "big.db"
        started = time.perf_counter()
        scaled_copy(base, big, args.copies)
        with Newsgraph(big, read_only=True) as ng:
            n_big = ng.stats()["articles"]
        print(f"scaled copy: {n_big} articles in {time.perf_counter() - started:.0f}s")
        if not args.skip_rebuild:
            from newsgraph.resolve import stages

            for db, label in ((small, "2.4k"), (big, f"{n_big // 1000}k")):
                names = [s.name for s in stages.STAGES if s.name != "identities"]
                if not names:
                    break
                with Newsgraph(db) as ng:
                    start = time.perf_counter()
                    stages.rebuild(ng.store, names)
                    print(f"rebuild of {', '.join(names)} at {label}: "
                          f"{time.perf_counter() - start:.1f}s", flush=True)
        for db, label in ((small, "2.4k"), (big, f"{n_big // 1000}k")):
            for name, (p50, p95) in questions(db, args.repeat).items():
                print(f"{label:>5} {name:<18} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms", flush=True)
            for n, spent in enumerate(add_one(db, extra, analyser)):
                parts = ", ".join(f"{k} {v:.3f}s" for k, v in spent.items())
                which = "add one article" if n == 0 else "then one more (same writer)"
                print(f"{label:>5} {which}: {parts}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
