"""The SQL of the cross-article stages' pending-work queue (migration 0003), mixed into ``Store``.

An article is queued for every stage in the transaction that stores its analysis; a stage
takes its queued articles oldest first (by publication date) and dequeues them in the
transaction of its update. Nothing else marks work as done, so a kill at any point leaves
the queue saying exactly what is still to do.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence

from newsgraph.store.identities import as_json

QUEUED = """
    SELECT q.article_id FROM stage_queue q
    LEFT JOIN articles a ON a.id = q.article_id
    LEFT JOIN article_revisions r ON r.article_id = a.id AND r.revision = a.revision
    WHERE q.stage = ?
    ORDER BY r.published IS NULL, r.published, q.article_id"""


class QueueQueries:
    """The queue's reads and writes (uses ``Store._rows`` and the open transaction)."""

    _rows: Callable[..., list[sqlite3.Row]]
    conn: sqlite3.Connection

    def enqueue(self, articles: Iterable[str], stages: Sequence[str]) -> None:
        """Queue ``articles`` for each of ``stages`` (inside the caller's transaction)."""
        pairs = [(stage, article) for article in articles for stage in stages]
        self.conn.executemany(
            "INSERT OR IGNORE INTO stage_queue (stage, article_id) VALUES (?, ?)", pairs
        )

    def queued(self, stage: str, limit: int | None = None) -> list[str]:
        """Articles ``stage`` has still to take in, oldest publication first."""
        sql = QUEUED + (f" LIMIT {int(limit)}" if limit is not None else "")
        return [r[0] for r in self._rows(sql, (stage,))]

    def dequeue(self, stage: str, articles: Iterable[str]) -> None:
        self.conn.execute(
            "DELETE FROM stage_queue WHERE stage = ?"
            " AND article_id IN (SELECT value FROM json_each(?))",
            (stage, as_json(articles)),
        )

    def dequeue_all(self, stage: str) -> None:
        self.conn.execute("DELETE FROM stage_queue WHERE stage = ?", (stage,))

    def pending_work(self) -> dict[str, int]:
        """Stage -> number of articles it has still to take in (only stages with work)."""
        found = self._rows("SELECT stage, COUNT(*) FROM stage_queue GROUP BY stage")
        return {r[0]: r[1] for r in found}

    def current_article_ids(self) -> list[str]:
        """Every stored article, oldest publication first (the order a rebuild replays)."""
        found = self._rows(
            "SELECT article_id FROM current_articles"
            " ORDER BY published IS NULL, published, article_id"
        )
        return [r[0] for r in found]

    def queue_all(self, stage: str) -> int:
        """Queue every stored article for ``stage`` (a rebuild); how many."""
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO stage_queue (stage, article_id)"
            " SELECT ?, id FROM articles", (stage,)
        )
        return cur.rowcount

