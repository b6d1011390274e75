"""The cross-article stages, run by the one writer in a fixed order.

Every stage has the same shape (``../shared/DESIGN.md``, "Cross-article stages"):

- ``update(store, articles) -> counts``: take in these stored articles (new or updated,
  oldest publication first). It runs inside the writer's open transaction, reads only the
  rows its articles point at (through its own indexed tables) and writes only what changed.
- ``clear(store)``: forget everything the stage derived, before a rebuild.

``run_pending`` feeds each stage, in ``STAGES`` order (identities first: the others use
identity ids), the articles queued for it, and dequeues them in the same transaction. An
article is queued for every stage in the transaction that stores it, so a kill anywhere
leaves the queue saying what is still to do, and the next ``ingest`` or ``resolve`` does it.
``rebuild`` clears a stage and re-queues every stored article: replaying the archive in
publication order through the same ``update``, so rebuilt and incremental results are made
by the same code.

Readers (CLI, HTTP, web) never call anything here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgraph.store import Store

CHUNK = 256  # articles one stage takes in per call when catching up a long queue


@dataclass(frozen=True)
class Stage:
    name: str
    update: Callable[[Store, list[str]], dict[str, int]]
    clear: Callable[[Store], None] | None = None
    # A stage whose whole-archive pass is better than a replay (identities: one pass over
    # every row decides independently of the order articles arrived in) gives it here.
    rebuild: Callable[[Store], dict[str, Any]] | None = None


def _identities_update(store: Store, articles: list[str]) -> dict[str, int]:
    from newsgraph.resolve import sync

    report = sync.update(store, articles)
    return {"records": report.records, "merges": report.merges, "changed": report.changed}


def _identities_rebuild(store: Store) -> dict[str, Any]:
    from newsgraph.resolve import sync

    report = sync.rebuild(store)
    return {"articles": report.added_articles, "records": report.records,
            "merges": report.merges, "changed": report.changed}


def _stories_update(store: Store, articles: list[str]) -> dict[str, int]:
    from newsgraph.resolve import stories

    return stories.update(store, articles)


def _stories_clear(store: Store) -> None:
    from newsgraph.resolve import stories

    stories.clear(store)


def _conflicts_update(store: Store, articles: list[str]) -> dict[str, int]:
    from newsgraph.resolve import conflicts

    return conflicts.update(store, articles)


def _conflicts_clear(store: Store) -> None:
    from newsgraph.resolve import conflicts

    conflicts.clear(store)


def _quote_edges_update(store: Store, articles: list[str]) -> dict[str, int]:
    from newsgraph.store import quote_edges

    return {"edges": quote_edges.replace_articles(store.conn, articles)}


def _quote_edges_clear(store: Store) -> None:
    from newsgraph.store import quote_edges

    quote_edges.clear(store.conn)


def _quote_groups_update(store: Store, articles: list[str]) -> dict[str, int]:
    from newsgraph.resolve import quotes

    return quotes.update(store, articles)


def _quote_groups_clear(store: Store) -> None:
    from newsgraph.resolve import quotes

    quotes.clear(store)


STAGES: list[Stage] = [
    Stage("identities", _identities_update, rebuild=_identities_rebuild),
    Stage("stories", _stories_update, _stories_clear),
    Stage("quote_groups", _quote_groups_update, _quote_groups_clear),
    Stage("conflicts", _conflicts_update, clear=_conflicts_clear),
    Stage("quote_edges", _quote_edges_update, clear=_quote_edges_clear),
]


def stage_names() -> list[str]:
    return [stage.name for stage in STAGES]


def enqueue(store: Store, articles: list[str]) -> None:
    """Queue newly stored or updated articles for every stage (in the caller's transaction)."""
    store.enqueue(articles, stage_names())


def run_pending(store: Store, chunk: int | None = None) -> dict[str, Any]:
    """Feed every stage its queued articles (at most ``chunk`` each), inside the caller's
    transaction; per stage, the counts its update returned and the articles taken in."""
    report: dict[str, Any] = {}
    for stage in STAGES:
        articles = store.queued(stage.name, limit=chunk)
        if not articles:
            continue
        started = time.perf_counter()
        counts = stage.update(store, articles)
        store.dequeue(stage.name, articles)
        report[stage.name] = {
            "articles": len(articles),
            **counts,
            "seconds": round(time.perf_counter() - started, 3),
        }
    return report


def catch_up(store: Store, chunk: int = CHUNK) -> dict[str, Any]:
    """Run every queued update, one transaction per ``chunk`` articles a stage; the totals."""
    totals: dict[str, dict[str, float]] = {}
    while store.pending_work():
        with store.transaction():
            report = run_pending(store, chunk)
        for name, counts in report.items():
            into = totals.setdefault(name, {})
            for key, value in counts.items():
                into[key] = round(into.get(key, 0) + value, 3)
    return totals


def rebuild(store: Store, names: list[str] | None = None) -> dict[str, Any]:
    """Forget what the stages (all, or those named) derived and replay every stored article
    through them, oldest publication first."""
    chosen = [s for s in STAGES if names is None or s.name in names]
    report: dict[str, Any] = {}
    with store.transaction():
        for stage in chosen:
            if stage.rebuild is not None:
                store.dequeue_all(stage.name)
                started = time.perf_counter()
                report[stage.name] = {**stage.rebuild(store),
                                      "seconds": round(time.perf_counter() - started, 3)}
            else:
                if stage.clear is not None:
                    stage.clear(store)
                store.queue_all(stage.name)
    return {**report, **catch_up(store)}
