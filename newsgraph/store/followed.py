"""The SQL of ``follow`` (migration 0009): every page URL a followed feed or sitemap listed,
mixed into ``Store``.

One row per URL: the feed or sitemap that listed it, its host (the outlet), the article
stored from it, the hash of the page as fetched, when it was last fetched, the outcome
(``stored``, ``updated``, ``unchanged`` or ``failed`` with a reason) and how many fetches it
took. A URL whose last outcome is not ``failed`` is never fetched again; a failed one is
tried again on the next round.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from newsgraph.store.identities import as_json

FOLLOWED_SCHEMA = [
    """CREATE TABLE followed (
        url TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        host TEXT NOT NULL,
        article_id TEXT,
        content_hash TEXT,
        status TEXT NOT NULL,
        reason TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT NOT NULL,
        fetched_at TEXT
    )""",
    "CREATE INDEX followed_failed ON followed (url) WHERE status = 'failed'",
]

RECORD_FETCH = """
    INSERT INTO followed (url, source, host, article_id, content_hash, status, reason,
                          attempts, first_seen, fetched_at)
    VALUES (:url, :source, :host, :article_id, :content_hash, :status, :reason, 1,
            :fetched_at, :fetched_at)
    ON CONFLICT (url) DO UPDATE SET
        source = excluded.source, host = excluded.host,
        article_id = COALESCE(excluded.article_id, followed.article_id),
        content_hash = COALESCE(excluded.content_hash, followed.content_hash),
        status = excluded.status, reason = excluded.reason,
        attempts = followed.attempts + 1, fetched_at = excluded.fetched_at"""

DONE_AMONG = """
    SELECT url FROM followed
    WHERE url IN (SELECT value FROM json_each(?)) AND status != 'failed'"""

FAILED_AMONG = """
    SELECT url, attempts FROM followed
    WHERE url IN (SELECT value FROM json_each(?)) AND status = 'failed'"""


class FollowedQueries:
    """Reads and writes of the ``followed`` table (uses ``Store.write`` and ``Store._rows``)."""

    _rows: Callable[..., list[sqlite3.Row]]
    write: Callable[..., Any]

    def record_fetch(
        self, url: str, source: str, host: str, status: str, fetched_at: str,
        reason: str | None = None, article_id: str | None = None,
        content_hash: str | None = None,
    ) -> None:
        """Note one fetch of ``url`` and its outcome (one more attempt)."""
        values = {"url": url, "source": source, "host": host, "status": status,
                  "fetched_at": fetched_at, "reason": reason, "article_id": article_id,
                  "content_hash": content_hash}
        self.write(lambda conn: conn.execute(RECORD_FETCH, values))

    def followed_done(self, urls: Iterable[str]) -> set[str]:
        """The URLs among ``urls`` already fetched and stored (not to be fetched again)."""
        return {r[0] for r in self._rows(DONE_AMONG, (as_json(urls),))}

    def followed_attempts(self, urls: Iterable[str]) -> dict[str, int]:
        """The URLs among ``urls`` whose last fetch failed -> fetches tried so far."""
        return {r[0]: r[1] for r in self._rows(FAILED_AMONG, (as_json(urls),))}

    def followed(self, status: str | None = None) -> list[dict[str, Any]]:
        """Every followed URL (or those with ``status``), oldest first."""
        sql = "SELECT * FROM followed"
        params: tuple[Any, ...] = ()
        if status is not None:
            sql += " WHERE status = ?"
            params = (status,)
        return [dict(r) for r in self._rows(sql + " ORDER BY first_seen, url", params)]
