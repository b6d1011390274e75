"""The ``Store``: every SQL statement of newsgraph, over one SQLite file.

One connection in autocommit mode; every write goes through ``Store.write(fn)``, which runs
``fn(conn)`` inside ``BEGIN IMMEDIATE ... COMMIT`` (or ``ROLLBACK`` on any exception), so a
failed article leaves nothing behind. Reads return plain, JSON-ready dicts.

Only each article's current revision is "live": the ``live_*`` views join analysis rows to
``articles.revision``, and every query reads through them.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, TypeVar

from newsgraph.model import Article, ArticleAnalysis
from newsgraph.store import health, rows
from newsgraph.store.browse import BrowseQueries
from newsgraph.store.followed import FollowedQueries
from newsgraph.store.health import StoreError
from newsgraph.store.identities import (
    ABOUT_MENTIONS,
    ARTICLE_IDS_OF_IDENTITY,
    IDENTITY_EXPORT_SQL,
    QUOTE_IDS_ABOUT_IDENTITY,
    QUOTE_MENTIONS_IDENTITY,
    QUOTES_ABOUT_IDENTITY,
    QUOTES_BY_IDENTITY,
    IdentityQueries,
    as_json,
)
from newsgraph.store.migrations import MIGRATIONS, applied_names, migrate, utc_now
from newsgraph.store.queue import QueueQueries
from newsgraph.store.text import (
    fts_all_words,
    fts_phrase,
    is_acronym,
    name_contains,
    name_matches,
)
from newsgraph.store.timeline import TimelineQueries

T = TypeVar("T")
SaveResult = Literal["stored", "unchanged", "updated"]

BUSY_TIMEOUT_S = 10.0
EXPORT_TABLES = (
    "articles",
    "quotes",
    "entities",
    "roles",
    "times",
    "identities",
    "aliases",
    "merges",
)


def connect(
    path: str, *, read_only: bool = False, timeout: float = BUSY_TIMEOUT_S,
    immutable: bool = False,
) -> sqlite3.Connection:
    """A connection in autocommit mode with newsgraph's pragmas and SQL functions
    (``immutable``: read-only, without locks, for a file in a read-only folder)."""
    if read_only:
        uri = health.read_only_uri(path, immutable)
        conn = sqlite3.connect(
            uri, uri=True, isolation_level=None, check_same_thread=False, timeout=timeout
        )
    else:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=timeout)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")  # ":memory:" answers "memory": fine
        conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL, much faster commits
    conn.create_function("name_matches", 2, name_matches, deterministic=True)
    conn.create_function("name_contains", 2, name_contains, deterministic=True)
    return conn


def insert_rows(conn: sqlite3.Connection, table: str, records: list[dict[str, Any]]) -> None:
    """Insert dicts that share the same keys into ``table``."""
    if not records:
        return
    columns = list(records[0])
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(f":{c}" for c in columns)
    conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({values})", records)


# --- SQL kept together: the reads ---

CURRENT_REVISION = """
    SELECT a.revision, r.content_hash FROM articles a
    JOIN article_revisions r ON r.article_id = a.id AND r.revision = a.revision
    WHERE a.id = ?"""

QUOTE_LISTING = """
    SELECT q.article_id, r.title, r.published, r.source, r.url,
           q.quote_id, q.kind, q.text, q.start, q."end", q.spans,
           q.cue_text, q.cue_start, q.cue_end,
           q.speaker_mention, q.speaker_start, q.speaker_end, q.speaker_name,
           q.speaker_description, q.speaker_type, q.speaker_entity, q.confidence,
           q.polarity, q.speaker_principal, q.mode, q.verbatim, q.speaker_via,
           q.speaker_resolved, q.speaker_confidence,
           (SELECT m.identity_id FROM entities e JOIN identity_members m ON m.entity_row = e.id
            WHERE e.article_id = q.article_id AND e.revision = q.revision
              AND e.entity_id = q.speaker_entity) AS speaker_identity
    FROM live_quotes q
    JOIN article_revisions r ON r.article_id = q.article_id AND r.revision = q.revision"""

QUOTE_ORDER = " ORDER BY r.published IS NULL, r.published DESC, q.article_id, q.start, q.id"
# ``Store.quotes(sort=...)``: newest articles first (the default), oldest first, or surest first.
# The ids of the quotes a listing would give, with the listing's joins (for paging: the
# listing's per-row look-ups then run for one page, not for every match).
QUOTE_IDS = """
    SELECT q.id FROM live_quotes q
    JOIN article_revisions r ON r.article_id = q.article_id AND r.revision = q.revision"""

QUOTE_SORTS = {
    "newest": QUOTE_ORDER,
    "oldest": " ORDER BY r.published IS NULL, r.published, q.article_id, q.start, q.id",
    "confidence": " ORDER BY q.confidence DESC, r.published IS NULL, r.published DESC,"
                  " q.article_id, q.start, q.id",
}

# A page of quotes about a common identity: the quotes walked in the listing's order, through
# the articles' date-order indexes (migration 0016), each tested on its own, so the walk stops
# after the page. Identities with fewer mentions than ``WALK_FROM_MENTIONS`` (and the
# "confidence" sort, and listings narrowed by another indexed filter) gather their quotes first.
QUOTE_WALKS = {
    sort: "\n    SELECT q.id FROM article_revisions r INDEXED BY article_revisions_" + sort
          + "\n    CROSS JOIN live_quotes q ON q.article_id = r.article_id"
            " AND q.revision = r.revision"
    for sort in ("newest", "oldest")
}
WALK_FROM_MENTIONS = 300

# Quotes about :about: its words as a phrase in the quote (FTS5), or an entity of that name
# (name or alias, by tokens) with a mention inside one of the quote's pieces.
ABOUT_PHRASE = "SELECT rowid AS id FROM quote_fts WHERE quote_fts MATCH :about_match\n"
ABOUT_QUOTES = """
    WITH about_mentions AS MATERIALIZED (
      SELECT e.article_id, e.revision,
             json_extract(m.value, '$[0]') AS m_start, json_extract(m.value, '$[1]') AS m_end
      FROM live_entities e, json_each(e.mentions) m
      WHERE name_matches(e.name, :about)
         OR EXISTS (SELECT 1 FROM json_each(e.aliases) al WHERE name_matches(al.value, :about))),
    about_quotes AS MATERIALIZED (
      SELECT rowid AS id FROM quote_fts WHERE quote_fts MATCH :about_match
      UNION
      SELECT q.id FROM about_mentions m
      JOIN quotes q ON q.article_id = m.article_id AND q.revision = m.revision
      WHERE (q.spans = '[]' AND m.m_start >= q.start AND m.m_end <= q."end")
         OR EXISTS (SELECT 1 FROM json_each(q.spans) s
                    WHERE m.m_start >= json_extract(s.value, '$[0]')
                      AND m.m_end <= json_extract(s.value, '$[1]')))
"""

ENTITY_SUMMARY = """
    WITH quoted AS (
      SELECT article_id, revision, speaker_entity, COUNT(*) AS n FROM live_quotes
      WHERE speaker_entity IS NOT NULL GROUP BY article_id, revision, speaker_entity)
    SELECT e.name, e.type,
           COUNT(DISTINCT e.article_id) AS articles,
           SUM(json_array_length(e.mentions)) AS mentions,
           COALESCE(SUM(quoted.n), 0) AS quotes
    FROM live_entities e
    LEFT JOIN quoted ON quoted.article_id = e.article_id AND quoted.revision = e.revision
                    AND quoted.speaker_entity = e.entity_id"""

ARTICLE_LISTING = """
    SELECT r.article_id AS id, r.title, r.published, r.source, r.url, r.author, r.path,
           r.revision, r.content_hash, r.tokens, r.ingested_at,
           (SELECT COUNT(*) FROM quotes q
            WHERE q.article_id = r.article_id AND q.revision = r.revision) AS quotes,
           (SELECT COUNT(*) FROM entities e
            WHERE e.article_id = r.article_id AND e.revision = r.revision) AS entities
    FROM current_articles r
    ORDER BY r.published IS NULL, r.published DESC, r.article_id"""

ARTICLE_SEARCH = """
    SELECT r.article_id AS id, r.title, r.published, r.source, r.url,
           snippet(article_fts, 1, :before, :after, '…', 16) AS snippet,
           bm25(article_fts) AS rank
    FROM article_fts JOIN current_articles r ON r.id = article_fts.rowid
    WHERE article_fts MATCH :match
    ORDER BY rank LIMIT :limit"""

EXPORT_SQL = {
    "articles": ARTICLE_LISTING,
    "quotes": QUOTE_LISTING + QUOTE_ORDER,
    "entities": """
        SELECT e.article_id, e.entity_id, e.name, e.type, e.kind, e.aliases, e.honorifics,
               json_array_length(e.mentions) AS mention_count, e.mentions,
               m.identity_id, i.name AS identity_name
        FROM live_entities e
        LEFT JOIN identity_members m ON m.entity_row = e.id
        LEFT JOIN identities i ON i.id = m.identity_id
        ORDER BY e.article_id, e.id""",
    "roles": """
        SELECT ro.article_id, ro.entity_id, e.name AS entity_name, ro.title, ro.organisation,
               ro.qualifier, ro.start, ro."end", ro.date
        FROM live_roles ro
        LEFT JOIN entities e ON e.article_id = ro.article_id AND e.revision = ro.revision
                            AND e.entity_id = ro.entity_id
        ORDER BY ro.article_id, ro.start, ro.id""",
    "times": """
        SELECT t.article_id, t.text, t.start, t."end", t.type, t.value, t.anchor,
               t.granularity
        FROM live_times t ORDER BY t.article_id, t.start, t.id""",
    **IDENTITY_EXPORT_SQL,
}

# ``stats``: table sizes, and the live counts the writer keeps (``live_counts``).
STATS_SQL = {
    "articles": "SELECT COUNT(*) FROM articles",
    "revisions": "SELECT COUNT(*) FROM article_revisions",
    "identities": "SELECT COUNT(*) FROM identities",
    "judgements": "SELECT COUNT(*) FROM judgements",
    "rejections": "SELECT COUNT(*) FROM rejections",
    "runs": "SELECT COUNT(*) FROM runs",
}
STATS_ORDER = ("articles", "revisions", "superseded", "quotes", "attributed_quotes",
               "entities", "identities", "judgements", "entity_rows", "roles", "times",
               "warnings", "rejections", "runs")


def limit_clause(limit: int | None, offset: int = 0) -> str:
    """`` LIMIT n [OFFSET m]`` (nothing when ``limit`` is None: every row)."""
    if limit is None:
        return f" LIMIT -1 OFFSET {int(offset)}" if offset else ""
    return f" LIMIT {int(limit)}" + (f" OFFSET {int(offset)}" if offset else "")


# --- the write of one article ---


def analysis_counts(analysis: ArticleAnalysis) -> dict[str, int]:
    """What one analysis adds to each live count (``live_counts``)."""
    return {
        "quotes": len(analysis.quotes),
        "attributed_quotes": sum(
            1 for q in analysis.quotes if q.speaker is not None and q.speaker.name is not None
        ),
        "entity_rows": len(analysis.entities),
        "roles": len(analysis.roles),
        "times": len(analysis.times),
        "warnings": len(analysis.warnings),
    }


def revision_counts(conn: sqlite3.Connection, article_id: str, revision: int) -> dict[str, int]:
    """The live counts one stored revision holds (each through its (article, revision) index)."""
    key = (article_id, revision)
    one = {
        "quotes": "SELECT COUNT(*) FROM quotes WHERE article_id = ? AND revision = ?",
        "attributed_quotes": "SELECT COUNT(*) FROM quotes WHERE article_id = ? AND revision = ?"
                             " AND speaker_name IS NOT NULL",
        "entity_rows": "SELECT COUNT(*) FROM entities WHERE article_id = ? AND revision = ?",
        "roles": "SELECT COUNT(*) FROM roles WHERE article_id = ? AND revision = ?",
        "times": "SELECT COUNT(*) FROM times WHERE article_id = ? AND revision = ?",
        "warnings": "SELECT COUNT(*) FROM warnings WHERE article_id = ? AND revision = ?",
    }
    return {k: conn.execute(sql, key).fetchone()[0] for k, sql in one.items()}


def add_live_counts(conn: sqlite3.Connection, counts: dict[str, int], sign: int) -> None:
    conn.executemany(
        "UPDATE live_counts SET value = value + ? WHERE key = ?",
        [(sign * n, k) for k, n in counts.items() if n],
    )


def save_analysis_in(
    conn: sqlite3.Connection, analysis: ArticleAnalysis, force: bool = False,
    analyser: str | None = None,
) -> SaveResult:
    """Store ``analysis`` as its article's new current revision, unless its hash is current.

    ``force`` stores a new revision even when the hash is current (a re-analysis).
    ``analyser`` is the stamp of what produced it (``newsgraph.nlp.version``).
    """
    article = analysis.article
    digest = article.content_hash()
    now = utc_now()
    current = conn.execute(CURRENT_REVISION, (article.id,)).fetchone()
    if current is not None and current["content_hash"] == digest and not force:
        return "unchanged"
    if current is None:
        revision = 1
        conn.execute(
            "INSERT INTO articles (id, revision, first_seen, updated_at) VALUES (?, ?, ?, ?)",
            (article.id, revision, now, now),
        )
    else:
        (latest,) = conn.execute(
            "SELECT MAX(revision) FROM article_revisions WHERE article_id = ?", (article.id,)
        ).fetchone()
        revision = latest + 1
        conn.execute(
            "UPDATE article_revisions SET superseded_at = ?"
            " WHERE article_id = ? AND superseded_at IS NULL",
            (now, article.id),
        )
        conn.execute(
            "UPDATE articles SET revision = ?, updated_at = ? WHERE id = ?",
            (revision, now, article.id),
        )
    if current is not None:
        add_live_counts(conn, revision_counts(conn, article.id, current["revision"]), -1)
    add_live_counts(conn, analysis_counts(analysis), +1)
    revision_row = rows.revision_row(article, revision, digest, analysis.tokens)
    insert_rows(conn, "article_revisions",
                [{**revision_row, "ingested_at": now, "analyser": analyser}])
    key = {"article_id": article.id, "revision": revision}
    insert_rows(conn, "quotes", [{**key, **rows.quote_row(q)} for q in analysis.quotes])
    insert_rows(conn, "entities", [{**key, **rows.entity_row(e)} for e in analysis.entities])
    insert_rows(conn, "roles", [{**key, **rows.role_row(r)} for r in analysis.roles])
    insert_rows(conn, "times", [{**key, **rows.time_row(t)} for t in analysis.times])
    insert_rows(conn, "warnings", [{**key, "message": w} for w in analysis.warnings])
    return "stored" if current is None else "updated"


def open_checked(
    path: str, read_only: bool, timeout: float
) -> tuple[sqlite3.Connection, list[str]]:
    """A connection to ``path`` once ``health.probe`` has found nothing wrong with it, and
    the migrations applied. Reading never creates or changes a file, except that an older
    newsgraph schema is migrated first when the file can be written."""
    if path == ":memory:":
        conn = connect(path, timeout=timeout)
        return conn, migrate(conn)
    known = [m.name for m in MIGRATIONS]
    state = health.probe(path, read_only, known)
    try:
        if read_only and len(state.applied) < len(known):
            migrate_for_reading(path, len(state.applied), len(known), timeout)
        conn = connect(path, read_only=read_only, timeout=timeout, immutable=state.immutable)
        return conn, [] if read_only else migrate(conn)
    except sqlite3.Error as exc:
        raise health.classify(exc, path) from exc


def migrate_for_reading(path: str, version: int, known: int, timeout: float) -> None:
    """Bring an older newsgraph schema up to date before reading it."""
    try:
        conn = connect(path, timeout=timeout)
        try:
            migrate(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise health.ReadOnlyDatabase(
            f"{path}: not migrated: schema version {version} is older than this newsgraph's "
            f"{known} and cannot be migrated here ({exc}); run `newsgraph resolve --db {path}` "
            "where the file is writable"
        ) from exc


class Store(IdentityQueries, QueueQueries, TimelineQueries, BrowseQueries,
            FollowedQueries):
    """newsgraph's database: articles, their analyses, search and ingest bookkeeping.

    >>> with Store(":memory:") as store:
    ...     store.stats()["articles"]
    0
    """

    def __init__(
        self, path: str | Path, *, read_only: bool = False, timeout: float = BUSY_TIMEOUT_S
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._lock = threading.RLock()
        self._depth = 0  # nested transactions (savepoints) open inside the outer one
        self.conn, self.applied = open_checked(self.path, read_only, timeout)
        if read_only:
            self._check_migrated()

    def _check_migrated(self) -> None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master")}
        done = applied_names(self.conn) if "migrations" in tables else set()
        missing = [m.name for m in MIGRATIONS if m.name not in done]
        if missing:
            raise StoreError(
                f"{self.path}: not migrated ({', '.join(missing)} pending); open it writable once"
            )

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- the one way to write ---

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; ``ROLLBACK`` and re-raise on any exception.

        Nested inside an open transaction (a batch's), it is a savepoint: its writes are
        undone alone when it fails, and committed only with the outer transaction."""
        with self._lock:
            if self.conn.in_transaction:
                self._depth += 1
                name = f"nested_{self._depth}"
                self.conn.execute(f"SAVEPOINT {name}")
                try:
                    yield self.conn
                except BaseException:
                    self.conn.execute(f"ROLLBACK TO {name}")
                    self.conn.execute(f"RELEASE {name}")
                    raise
                finally:
                    self._depth -= 1
                self.conn.execute(f"RELEASE {name}")
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(conn)`` as one transaction; its result."""
        with self.transaction() as conn:
            return fn(conn)

    def _rows(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self.conn.execute(sql, params).fetchall()

    def query_plan(self, sql: str, params: Any = ()) -> list[str]:
        """``EXPLAIN QUERY PLAN`` of a statement, one line per step ("SCAN t", "SEARCH t
        USING INDEX ..."): tests check the hot queries with it."""
        return [r["detail"] for r in self._rows("EXPLAIN QUERY PLAN " + sql, params)]

    def _value(self, sql: str, params: Any = ()) -> Any:
        found = self._rows(sql, params)
        return found[0][0] if found else None

    # --- writes ---

    def save_analysis(
        self, analysis: ArticleAnalysis, force: bool = False, analyser: str | None = None
    ) -> SaveResult:
        """Store one analysed article: "stored" (new), "unchanged" (same hash) or "updated".

        ``force=True`` replaces the current analysis even when the text is unchanged (after
        an analyser upgrade); the old one is kept as a superseded revision. ``analyser``
        stamps the revision with what produced it (``newsgraph.nlp.version``).
        """
        return self.write(lambda conn: save_analysis_in(conn, analysis, force, analyser))

    # -- re-analysis after an upgrade ------------------------------------------------------
    def articles_due(
        self, analyser: str | None, after: str = "", limit: int = 256
    ) -> list[Article]:
        """The next ``limit`` articles (by id, after ``after``) whose current revision was
        not produced by ``analyser`` (None: every article), rebuilt exactly as they were
        read, so their content hash is the stored one."""
        found = self._rows(
            "SELECT r.article_id, r.text, r.title, r.published, r.source, r.url, r.author,"
            " r.path, r.meta FROM articles a"
            " JOIN article_revisions r ON r.article_id = a.id AND r.revision = a.revision"
            " WHERE a.id > ? AND (? IS NULL OR r.analyser IS NOT ?)"
            " ORDER BY a.id LIMIT ?",
            (after, analyser, analyser, limit),
        )
        return [Article(r["article_id"], r["text"], title=r["title"], published=r["published"],
                        source=r["source"], url=r["url"], author=r["author"], path=r["path"],
                        meta=json.loads(r["meta"]) if r["meta"] else {}) for r in found]

    def count_due(self, analyser: str | None) -> int:
        """How many articles ``articles_due`` would give in all (one pass over the articles)."""
        (n,) = self._rows(
            "SELECT COUNT(*) AS n FROM articles a"
            " JOIN article_revisions r ON r.article_id = a.id AND r.revision = a.revision"
            " WHERE ? IS NULL OR r.analyser IS NOT ?", (analyser, analyser))[0]
        return int(n)

    def record_rejection(self, where: str, reason: str, run_id: int | None = None) -> None:
        """Note an item an ingest run could not read or analyse."""
        self.write(
            lambda conn: conn.execute(
                "INSERT INTO rejections (location, reason, at, run_id) VALUES (?, ?, ?, ?)",
                (where, reason, utc_now(), run_id),
            )
        )

    def start_run(self) -> int:
        """Open an ingest run; its id, for ``finish_run`` and ``record_rejection``."""
        return self.write(
            lambda conn: (
                conn.execute("INSERT INTO runs (started) VALUES (?)", (utc_now(),)).lastrowid
            )
        )

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        self.write(
            lambda conn: conn.execute(
                "UPDATE runs SET finished = ?, counts = ? WHERE id = ?",
                (utc_now(), rows.to_json(counts), run_id),
            )
        )

    # --- reads ---

    def known_hash(self, article_id: str) -> str | None:
        """Content hash of the article's current revision; None when it is not stored."""
        found = self._rows(CURRENT_REVISION, (article_id,))
        return found[0]["content_hash"] if found else None

    def quotes(
        self,
        speaker: str | None = None,
        about: str | None = None,
        article: str | None = None,
        search: str | None = None,
        limit: int | None = None,
        speaker_ids: Sequence[str] | None = None,
        about_ids: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        min_confidence: float | None = None,
        since: str | None = None,
        until: str | None = None,
        modes: Sequence[str] | None = None,
        min_speaker_confidence: float | None = None,
        sort: str = "newest",
        offset: int = 0,
        walk: bool | None = None,
    ) -> list[dict[str, Any]]:
        """Live quotes, newest articles first, filtered by every argument given.

        ``speaker``: the speaker's name is it or has all its words ("Caplin" finds
        "Ivor Caplin"), any case. ``speaker_ids``: the speaker entity belongs to one of these
        identities (with ``speaker``: or the quote has no speaker entity and its speaker's
        name is ``speaker``, any case, through the name index). ``about_ids``: a member of
        these identities is mentioned inside the quote (with ``about``: or the quote's words
        hold it as a phrase). ``about`` alone: the quote's words contain the phrase, or an
        entity of that name is mentioned inside the quote (a scan of entity names). ``search``: all the words appear in
        the quote or its speaker's name. ``kinds``: the quote's kind is one of these
        ('direct', 'partial', 'indirect'). ``min_confidence``: its confidence is at least this.
        ``since`` / ``until``: the article was published on or after / on or before this date
        (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; undated articles are left out).
        ``sort``: "newest", "oldest" or "confidence". ``offset``: skip this many rows.
        ``modes``: what the quote reports is one of these ('speech', 'belief', 'intention',
        'stance', 'other'). ``min_speaker_confidence``: its speaker's confidence is at least
        this (quotes with no speaker confidence are left out). ``walk``: how a page about
        ``about_ids`` is found (None: chosen from the identities' mention counts; True: quotes
        walked in order; False: all gathered, then sorted); the rows are the same either way.
        """
        if sort not in QUOTE_SORTS:
            raise ValueError(f"no sort {sort!r}: choose from {', '.join(QUOTE_SORTS)}")
        if walk is None and limit is not None:
            walk = self._walk_about(sort, about_ids, speaker=speaker, article=article,
                                    search=search, speaker_ids=speaker_ids, since=since,
                                    until=until)
        walk = bool(walk) and limit is not None and sort in QUOTE_WALKS and about_ids is not None
        query = self._quote_query(speaker=speaker, about=about, article=article, search=search,
                                  speaker_ids=speaker_ids, about_ids=about_ids, kinds=kinds,
                                  min_confidence=min_confidence, since=since, until=until,
                                  modes=modes, min_speaker_confidence=min_speaker_confidence,
                                  walk=walk)
        if query is None:
            return []
        head, sql, params = query
        if limit is None:
            found = self._rows(head + QUOTE_LISTING + sql + QUOTE_SORTS[sort]
                               + limit_clause(limit, offset), params)
        else:  # the page's ids first, then the listing (and its per-row look-ups) for them
            ids_of = QUOTE_WALKS[sort] if walk else QUOTE_IDS
            page = (ids_of + sql + QUOTE_SORTS[sort] + limit_clause(limit, offset))
            found = self._rows(head + QUOTE_LISTING + f" WHERE q.id IN ({page})"
                               + QUOTE_SORTS[sort], params)
        return [rows.quote_listing(r) for r in found]

    def _walk_about(self, sort: str, about_ids: Sequence[str] | None, **narrowing: Any) -> bool:
        """Whether a page about ``about_ids`` walks the quotes in order: the sort has a
        date-order index, no other indexed filter narrows the listing, and the identities are
        mentioned often (a rare one's few quotes are gathered faster than a walk finds them)."""
        if about_ids is None or sort not in QUOTE_WALKS:
            return False
        if any(v is not None for v in narrowing.values()):
            return False
        mentions = self._value(ABOUT_MENTIONS, {"about_ids": as_json(about_ids)})
        return int(mentions or 0) >= WALK_FROM_MENTIONS

    def quote_count(self, **filters: Any) -> int:
        """How many live quotes ``quotes()`` gives for these filters (its keyword arguments
        but ``limit``, ``offset`` and ``sort``), counted over their ids alone."""
        query = self._quote_query(**filters)
        if query is None:
            return 0
        head, sql, params = query
        return int(self._value(f"{head}SELECT COUNT(*) FROM ({QUOTE_IDS}{sql})", params) or 0)

    def _quote_query(
        self,
        speaker: str | None = None,
        about: str | None = None,
        article: str | None = None,
        search: str | None = None,
        speaker_ids: Sequence[str] | None = None,
        about_ids: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        min_confidence: float | None = None,
        since: str | None = None,
        until: str | None = None,
        modes: Sequence[str] | None = None,
        min_speaker_confidence: float | None = None,
        walk: bool = False,
    ) -> tuple[str, str, dict[str, Any]] | None:
        """(WITH clause, WHERE clause, parameters) of a quote listing; None when the
        filters can match nothing (a search with no words). ``walk``: ``about_ids`` tested
        quote by quote (for ``QUOTE_WALKS``), not as one id set."""
        where: list[str] = []
        params: dict[str, Any] = {"speaker": speaker, "about": about, "article": article}
        if speaker_ids is not None:
            params["speaker_ids"] = as_json(speaker_ids)
            # a quotation whose speaker has no entity is found by its name as written, through
            # the speaker-name index (never by testing every quotation's name)
            by_name = (
                " OR q.id IN (SELECT id FROM quotes WHERE speaker_name = :speaker"
                " COLLATE NOCASE AND speaker_entity IS NULL)"
                if speaker is not None
                else ""
            )
            where.append(f"({QUOTES_BY_IDENTITY}{by_name})")
        elif speaker is not None:
            where.append("name_matches(q.speaker_name, :speaker)")
        if article is not None:
            where.append("q.article_id = :article")
        if kinds is not None:
            params["kinds"] = as_json(list(kinds))
            where.append("q.kind IN (SELECT value FROM json_each(:kinds))")
        if min_confidence is not None:
            params["min_confidence"] = min_confidence
            where.append("q.confidence >= :min_confidence")
        if modes is not None:
            params["modes"] = as_json(list(modes))
            where.append("q.mode IN (SELECT value FROM json_each(:modes))")
        if min_speaker_confidence is not None:
            params["min_speaker_confidence"] = min_speaker_confidence
            where.append("q.speaker_confidence >= :min_speaker_confidence")
        if since is not None:
            params["since"] = since
            where.append("r.published >= :since")
        if until is not None:
            params["until"] = until
            where.append("substr(r.published, 1, length(:until)) <= :until")
        if search is not None:
            params["search_match"] = fts_all_words(search)
            if params["search_match"] is None:
                return None
            where.append(
                "q.id IN (SELECT rowid FROM quote_fts WHERE quote_fts MATCH :search_match)"
            )
        about_by_words = about is not None and about_ids is None
        # the quotes whose words hold ``about`` as a phrase; an acronym ("US", "UN") must be
        # written so too (FTS5 ignores case: "US" would match every "us"), checked on the
        # quotes' own rows (reading the text through the FTS table looks each hit up again)
        fts_ids = "SELECT rowid FROM quote_fts WHERE quote_fts MATCH :about_match"
        phrase_ids, row_case = fts_ids, ""
        if about is not None and is_acronym(about):
            params["about_exact"] = about.strip()
            phrase_ids = f"SELECT id FROM quotes WHERE id IN ({fts_ids}) AND instr(text, :about_exact)"
            row_case = " AND instr(q.text, :about_exact)"
        if about_ids is not None and about is not None:
            # the identity is mentioned inside, or the words appear as a phrase (FTS5)
            params["about_ids"] = as_json(about_ids)
            params["about_match"] = fts_phrase(about, column="text")
            by_phrase = (f" UNION {phrase_ids}") if params["about_match"] is not None else ""
            if walk:  # the articles holding the words in any case; each row in its case
                phrase = (f" OR (q.id IN ({fts_ids}){row_case})"
                          if params["about_match"] is not None else "")
                articles = (f" UNION SELECT q3.article_id FROM quotes q3 WHERE q3.id IN"
                            f" ({fts_ids})" if params["about_match"] is not None else "")
                where.append(f"r.article_id IN ({ARTICLE_IDS_OF_IDENTITY}{articles})")
                where.append(f"({QUOTE_MENTIONS_IDENTITY}{phrase})")
            else:
                # one id set (a UNION, not an OR of two: that makes the planner test every quote)
                where.append(f"q.id IN ({QUOTE_IDS_ABOUT_IDENTITY}{by_phrase})")
        elif about_ids is not None:
            params["about_ids"] = as_json(about_ids)
            if walk:
                where.append(f"r.article_id IN ({ARTICLE_IDS_OF_IDENTITY})")
            where.append(QUOTE_MENTIONS_IDENTITY if walk else QUOTES_ABOUT_IDENTITY)
        if about_by_words:
            params["about_match"] = fts_phrase(about or "", column="text")
            if params["about_match"] is None:
                return None
            where.append("q.id IN (SELECT id FROM about_quotes)")
        sql = " WHERE " + " AND ".join(where) if where else ""
        head = ABOUT_QUOTES if about_by_words else ""
        if about_by_words and row_case:
            head = head.replace(ABOUT_PHRASE, phrase_ids + "\n")
        return head, sql, params

    def entities(
        self, type: str | None = None, name: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Live entities grouped by (name, type): in how many articles, mentions, quotes.

        ``name``: the entity's name contains it, or has all its words, any case.
        """
        where: list[str] = []
        if type is not None:
            where.append("e.type = :type COLLATE NOCASE")
        if name is not None:
            where.append("(name_matches(e.name, :name) OR name_contains(e.name, :name))")
        sql = ENTITY_SUMMARY + (" WHERE " + " AND ".join(where) if where else "")
        sql += " GROUP BY e.name, e.type ORDER BY articles DESC, mentions DESC, e.name"
        found = self._rows(sql + limit_clause(limit), {"type": type, "name": name})
        return [dict(r) for r in found]

    def analysis(self, article_id: str, revision: int | None = None) -> ArticleAnalysis | None:
        """The stored analysis of an article (its current revision unless one is named)."""
        if revision is None:
            revision = self._value("SELECT revision FROM articles WHERE id = ?", (article_id,))
            if revision is None:
                return None
        key = (article_id, revision)
        head = self._rows(
            "SELECT * FROM article_revisions WHERE article_id = ? AND revision = ?", key
        )
        if not head:
            return None

        def part(table: str) -> list[sqlite3.Row]:
            return self._rows(
                f"SELECT * FROM {table} WHERE article_id = ? AND revision = ? ORDER BY id", key
            )

        return ArticleAnalysis(
            article=rows.article_from_row(head[0]),
            quotes=tuple(rows.quote_from_row(r) for r in part("quotes")),
            entities=tuple(rows.entity_from_row(r) for r in part("entities")),
            roles=tuple(rows.role_from_row(r) for r in part("roles")),
            times=tuple(rows.time_from_row(r) for r in part("times")),
            tokens=head[0]["tokens"],
            warnings=tuple(r["message"] for r in part("warnings")),
        )

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The current revision in the extract-contract shape, plus revision bookkeeping."""
        analysis = self.analysis(article_id)
        if analysis is None:
            return None
        info = self._rows(
            "SELECT r.revision, r.content_hash, r.ingested_at, r.author,"
            " (SELECT COUNT(*) FROM article_revisions x WHERE x.article_id = r.article_id)"
            " AS revisions FROM current_articles r WHERE r.article_id = ?",
            (article_id,),
        )[0]
        record = analysis.to_dict()
        record["article"]["author"] = analysis.article.author
        record["article"]["meta"] = analysis.article.meta
        return {
            "id": article_id,
            **record,
            "warnings": list(analysis.warnings),
            "revision": info["revision"],
            "revisions": info["revisions"],
            "content_hash": info["content_hash"],
            "ingested_at": info["ingested_at"],
        }

    def revisions(self, article_id: str) -> list[dict[str, Any]]:
        """Every revision of an article, oldest first (without text)."""
        found = self._rows(
            "SELECT revision, content_hash, title, ingested_at, superseded_at"
            " FROM article_revisions WHERE article_id = ? ORDER BY revision",
            (article_id,),
        )
        return [dict(r) for r in found]

    def articles(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Current articles, newest first: header, revision and analysis counts."""
        return [dict(r) for r in self._rows(ARTICLE_LISTING + limit_clause(limit, offset))]

    def search(
        self, query: str, limit: int = 20, before: str = "[", after: str = "]"
    ) -> list[dict[str, Any]]:
        """Current articles with every word of ``query`` in title or text, best first."""
        match = fts_all_words(query)
        if match is None:
            return []
        params = {"match": match, "limit": limit, "before": before, "after": after}
        return [dict(r) for r in self._rows(ARTICLE_SEARCH, params)]

    def rejections(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Recorded rejections, newest first."""
        found = self._rows(
            'SELECT id, location AS "where", reason, at, run_id FROM rejections'
            " ORDER BY id DESC" + limit_clause(limit)
        )
        return [dict(r) for r in found]

    def runs(self) -> list[dict[str, Any]]:
        found = self._rows("SELECT id, started, finished, counts FROM runs ORDER BY id")
        return [{**dict(r), "counts": json.loads(r["counts"])} for r in found]

    def migrations(self) -> list[dict[str, Any]]:
        """Applied migrations (name, applied_at), in the order applied."""
        found = self._rows("SELECT name, applied_at FROM migrations ORDER BY rowid")
        return [dict(r) for r in found]

    def stats(self) -> dict[str, int]:
        """Counts of what is stored; analysis counts cover current revisions only."""
        found = {key: self._value(sql) for key, sql in STATS_SQL.items()}
        found.update({r[0]: r[1] for r in self._rows("SELECT key, value FROM live_counts")})
        found["entities"] = found["identities"]  # canonical entities, one across articles
        found["superseded"] = found["revisions"] - found["articles"]  # one current each
        return {key: found.get(key, 0) for key in STATS_ORDER}

    # --- exports ---

    def export_records(self) -> Iterator[dict[str, Any]]:
        """One record per current article: the ``article()`` dict (extract shape + id)."""
        ids = [r[0] for r in self._rows("SELECT id FROM articles ORDER BY id")]
        for article_id in ids:
            record = self.article(article_id)
            if record is not None:
                yield record

    def export_rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Flat rows for CSV; lists stay JSON text. ``table`` is one of ``EXPORT_TABLES``."""
        if table not in EXPORT_SQL:
            raise ValueError(f"no export {table!r}: choose from {', '.join(EXPORT_TABLES)}")
        with self._lock:
            found = self.conn.execute(EXPORT_SQL[table]).fetchall()
        for r in found:
            yield dict(r)
