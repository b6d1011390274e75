"""The SQL of story threads (migration 0004): what ``newsgraph.resolve.stories`` reads and
writes, and what readers and ``export --table stories`` read.

Tables: ``stories`` (title, first and last day), ``story_articles`` (which story each article
is in, with its match score and its own term weights), ``story_terms`` (each story's
centroid terms, keyed by term and the story's last day: the inverted index that finds
candidate stories over the recent window), ``story_df`` and ``story_meta`` (the document
frequencies of the streaming TF-IDF). Every function takes the open connection; the stage
calls them inside the writer's transaction. Lists go in as JSON text (``json_each``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

STORY_TABLES = ("stories", "story_articles", "story_terms", "story_df", "story_meta")

# --- reads for the stage ---

ARTICLE_INPUTS = """
    SELECT r.article_id, r.revision, r.title, r.published, r.source, r.text,
           a.first_seen
    FROM current_articles r JOIN articles a ON a.id = r.article_id
    WHERE r.article_id IN (SELECT value FROM json_each(?))"""

# Each live entity of the articles with its identity (NULL when not yet resolved) and the
# number of times the article mentions it.
ARTICLE_ENTITIES = """
    SELECT e.article_id, e.name, e.type, m.identity_id, e.mentions
    FROM live_entities e LEFT JOIN identity_members m ON m.entity_row = e.id
    WHERE e.article_id IN (SELECT value FROM json_each(?))"""

# Candidate stories: those whose centroid holds one of the article's lookup terms and whose
# last article is recent enough; ranked by the dot product over those terms.
CANDIDATES = """
    SELECT st.story_id, SUM(st.weight * j.value) AS dot
    FROM json_each(:terms) j
    JOIN story_terms st ON st.term = j.key AND st.last_day >= :since
    GROUP BY st.story_id ORDER BY dot DESC, st.story_id LIMIT :limit"""



def _in(values: Iterable[Any]) -> str:
    return json.dumps(list(values))


def article_inputs(conn: sqlite3.Connection, articles: Sequence[str]) -> list[sqlite3.Row]:
    """Title, text, publication and first-seen time of each article's current revision."""
    return conn.execute(ARTICLE_INPUTS, (_in(articles),)).fetchall()


def article_entities(conn: sqlite3.Connection, articles: Sequence[str]) -> list[sqlite3.Row]:
    return conn.execute(ARTICLE_ENTITIES, (_in(articles),)).fetchall()


def old_revision_text(
    conn: sqlite3.Connection, article_id: str, revision: int
) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT title, text FROM article_revisions WHERE article_id = ? AND revision = ?",
        (article_id, revision),
    ).fetchone()


def placements(conn: sqlite3.Connection, articles: Sequence[str]) -> dict[str, sqlite3.Row]:
    """The story rows of these articles that are already placed."""
    found = conn.execute(
        "SELECT * FROM story_articles WHERE article_id IN (SELECT value FROM json_each(?))",
        (_in(articles),),
    ).fetchall()
    return {r["article_id"]: r for r in found}


def document_frequencies(conn: sqlite3.Connection, terms: Iterable[str]) -> dict[str, int]:
    found = conn.execute(
        "SELECT term, df FROM story_df WHERE term IN (SELECT value FROM json_each(?))",
        (_in(terms),),
    ).fetchall()
    return {r[0]: r[1] for r in found}


def add_document_frequencies(conn: sqlite3.Connection, terms: Iterable[str], delta: int) -> None:
    """Count one more (``delta`` 1) or one fewer (-1) article holding each of ``terms``."""
    conn.executemany(
        "INSERT INTO story_df (term, df) VALUES (?, ?)"
        " ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
        [(t, delta) for t in terms],
    )
    if delta < 0:
        conn.execute(
            "DELETE FROM story_df WHERE df <= 0 AND term IN (SELECT value FROM json_each(?))",
            (_in(terms),),
        )


def meta(conn: sqlite3.Connection, key: str, default: str) -> str:
    found = conn.execute("SELECT value FROM story_meta WHERE key = ?", (key,)).fetchone()
    return found[0] if found else default


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO story_meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def candidates(
    conn: sqlite3.Connection, terms: dict[str, float], since_day: int, limit: int
) -> list[tuple[str, float]]:
    """Up to ``limit`` stories active since ``since_day`` sharing a term with ``terms``."""
    found = conn.execute(
        CANDIDATES, {"terms": json.dumps(terms), "since": since_day, "limit": limit}
    ).fetchall()
    return [(r[0], r[1]) for r in found]


def story_rows(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, sqlite3.Row]:
    found = conn.execute(
        "SELECT * FROM stories WHERE id IN (SELECT value FROM json_each(?))", (_in(ids),)
    ).fetchall()
    return {r["id"]: r for r in found}


def centroids(heads: dict[str, sqlite3.Row]) -> dict[str, dict[str, float]]:
    """The centroids of story rows (read whole with the row: one read a story)."""
    return {story: json.loads(head["centroid"]) for story, head in heads.items()}


def members(conn: sqlite3.Connection, story_id: str) -> list[sqlite3.Row]:
    """A story's article rows, oldest first."""
    return conn.execute(
        "SELECT * FROM story_articles WHERE story_id = ? ORDER BY day, published, article_id",
        (story_id,),
    ).fetchall()


RECENT_MEMBERS = """
    SELECT story_id, day, vector FROM (
        SELECT story_id, day, vector, ROW_NUMBER() OVER (
            PARTITION BY story_id ORDER BY day DESC, article_id DESC) AS n
        FROM story_articles WHERE story_id IN (SELECT value FROM json_each(?)))
    WHERE n <= ?"""


def recent_members(
    conn: sqlite3.Connection, story_ids: Iterable[str], limit: int
) -> dict[str, list[tuple[int, str]]]:
    """Story -> the day and term weights (JSON) of its ``limit`` latest articles."""
    out: dict[str, list[tuple[int, str]]] = {}
    for r in conn.execute(RECENT_MEMBERS, (_in(story_ids), limit)).fetchall():
        out.setdefault(r[0], []).append((r[1], r[2]))
    return out


# --- writes for the stage ---


def save_story(conn: sqlite3.Connection, row: dict[str, Any]) -> None:
    conn.execute(
        "INSERT INTO stories (id, title, first, last, last_day, size, founded_by)"
        " VALUES (:id, :title, :first, :last, :last_day, :size, :founded_by)"
        " ON CONFLICT (id) DO UPDATE SET title = excluded.title, first = excluded.first,"
        " last = excluded.last, last_day = excluded.last_day, size = excluded.size",
        row,
    )


def delete_story(conn: sqlite3.Connection, story_id: str) -> None:
    conn.execute("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
    conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))


def replace_centroid(
    conn: sqlite3.Connection, story_id: str, last_day: int, weights: dict[str, float]
) -> None:
    """The story's centroid becomes ``weights``, its terms indexed under its last day."""
    conn.execute(
        "UPDATE stories SET centroid = ? WHERE id = ?",
        (json.dumps(weights, separators=(",", ":")), story_id),
    )
    conn.execute("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
    conn.executemany(
        "INSERT INTO story_terms (term, last_day, story_id, weight) VALUES (?, ?, ?, ?)",
        [(term, last_day, story_id, w) for term, w in weights.items()],
    )


def place_article(conn: sqlite3.Connection, row: dict[str, Any]) -> None:
    conn.execute(
        "INSERT INTO story_articles"
        " (article_id, story_id, revision, published, day, score, title, vector)"
        " VALUES (:article_id, :story_id, :revision, :published, :day, :score, :title, :vector)"
        " ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id,"
        " revision = excluded.revision, published = excluded.published, day = excluded.day,"
        " score = excluded.score, title = excluded.title, vector = excluded.vector",
        row,
    )


def remove_article(conn: sqlite3.Connection, article_id: str) -> None:
    conn.execute("DELETE FROM story_articles WHERE article_id = ?", (article_id,))


def clear(conn: sqlite3.Connection) -> None:
    for table in STORY_TABLES:
        conn.execute(f"DELETE FROM {table}")


# --- reads for people ---

STORY_ARTICLES = """
    SELECT sa.story_id, sa.article_id AS id, sa.published, sa.score,
           COALESCE(r.title, sa.title) AS title, r.source, r.url,
           (SELECT COUNT(*) FROM live_quotes q WHERE q.article_id = sa.article_id) AS quotes
    FROM story_articles sa
    LEFT JOIN current_articles r ON r.article_id = sa.article_id
    WHERE sa.story_id IN (SELECT value FROM json_each(?))
    ORDER BY sa.story_id, sa.day, sa.published, sa.article_id"""

# Stories with an article mentioning a member of one of :ids.
STORIES_OF_IDENTITIES = """
    s.id IN (SELECT sa.story_id FROM identity_members m
             JOIN story_articles sa ON sa.article_id = m.article_id
             WHERE m.identity_id IN (SELECT value FROM json_each(:ids)))"""


def story_list(
    conn: sqlite3.Connection,
    limit: int | None = None,
    since: str | None = None,
    until: str | None = None,
    identity_ids: Sequence[str] | None = None,
    min_size: int = 1,
) -> list[dict[str, Any]]:
    """Stories, latest last article first: id, title, first, last, number of articles.

    ``since``/``until`` (YYYY-MM-DD): the story has an article on or after / on or before
    that day; ``identity_ids``: an article of the story mentions one of these identities;
    ``min_size``: at least that many articles."""
    where = ["s.size >= :min_size"]
    params: dict[str, Any] = {"min_size": min_size}
    if since is not None:
        where.append("s.last >= :since")
        params["since"] = since
    if until is not None:
        where.append("s.first <= :until")
        params["until"] = until
    if identity_ids is not None:
        where.append(STORIES_OF_IDENTITIES)
        params["ids"] = _in(identity_ids)
    sql = (
        "SELECT s.id, s.title, s.first, s.last, s.size AS articles FROM stories s"
        f" WHERE {' AND '.join(where)}"
        " ORDER BY s.last_day DESC, s.size DESC, s.id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [dict(r) for r in conn.execute(sql, params).fetchall()]


def story_detail(conn: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    """One story with its articles in order (date, title, source, match score, quotations)."""
    head = conn.execute(
        "SELECT id, title, first, last, size FROM stories WHERE id = ?", (story_id,)
    ).fetchone()
    if head is None:
        return None
    articles = [
        {k: r[k] for k in ("id", "published", "title", "source", "url", "score", "quotes")}
        for r in conn.execute(STORY_ARTICLES, (_in([story_id]),)).fetchall()
    ]
    return {
        "id": head["id"], "title": head["title"], "first": head["first"], "last": head["last"],
        "articles": articles, "quotes": sum(a["quotes"] for a in articles),
    }


def contract_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """One record per story in the contract of ``../shared/DESIGN.md``, oldest first."""
    heads = conn.execute(
        "SELECT id, title, first, last FROM stories ORDER BY first, id"
    ).fetchall()
    by_story: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(
        STORY_ARTICLES.replace("WHERE sa.story_id IN (SELECT value FROM json_each(?))", ""),
    ).fetchall():
        by_story.setdefault(r["story_id"], []).append(
            {"id": r["id"], "published": r["published"], "title": r["title"],
             "source": r["source"], "score": round(r["score"], 4)}
        )
    for h in heads:
        yield {"id": h["id"], "title": h["title"], "first": h["first"], "last": h["last"],
               "articles": by_story.get(h["id"], [])}


def csv_rows(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Flat rows: one per (story, article)."""
    for record in contract_records(conn):
        for article in record["articles"]:
            yield {
                "story_id": record["id"], "story_title": record["title"],
                "first": record["first"], "last": record["last"],
                "article_id": article["id"], "published": article["published"],
                "title": article["title"], "source": article["source"],
                "score": article["score"],
            }
