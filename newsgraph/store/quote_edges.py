"""The SQL of the who-quotes-whom edges (migration 0011), kept by the ``quote_edges`` stage.

One row per (quotation, entity mentioned inside it other than its speaker), by entity row:
the identities they belong to are joined when the graph is asked for, so merges and splits
of identities never leave an edge stale. An article's rows are replaced when it is updated.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

SCHEMA = [
    """CREATE TABLE quote_edges (
        article_id TEXT NOT NULL,
        quote_row INTEGER NOT NULL,
        speaker_row INTEGER NOT NULL,
        about_row INTEGER NOT NULL,
        PRIMARY KEY (quote_row, about_row)
    ) WITHOUT ROWID""",
    "CREATE INDEX quote_edges_article ON quote_edges (article_id)",
]

# The edges of these articles' current revisions: a quotation with a speaker entity, and every
# other entity of the article with a mention inside one of the quotation's pieces.
ARTICLE_EDGES = """
    INSERT OR IGNORE INTO quote_edges (article_id, quote_row, speaker_row, about_row)
    SELECT q.article_id, q.id, se.id, e.id
    FROM articles a
    JOIN quotes q ON q.article_id = a.id AND q.revision = a.revision
    JOIN entities se ON se.article_id = q.article_id AND se.revision = q.revision
                    AND se.entity_id = q.speaker_entity
    JOIN entities e ON e.article_id = q.article_id AND e.revision = q.revision
                   AND e.entity_id != q.speaker_entity, json_each(e.mentions) mn
    WHERE a.id IN (SELECT value FROM json_each(:articles))
      AND ((q.spans = '[]' AND json_extract(mn.value, '$[0]') >= q.start
            AND json_extract(mn.value, '$[1]') <= q."end")
        OR EXISTS (SELECT 1 FROM json_each(q.spans) p
                   WHERE json_extract(mn.value, '$[0]') >= json_extract(p.value, '$[0]')
                     AND json_extract(mn.value, '$[1]') <= json_extract(p.value, '$[1]')))"""

QUOTE_GRAPH = """
    SELECT sm.identity_id AS source, si.name AS source_name, si.type AS source_type,
           am.identity_id AS target, ti.name AS target_name, ti.type AS target_type,
           COUNT(DISTINCT g.quote_row) AS quotes, COUNT(DISTINCT g.article_id) AS articles
    FROM quote_edges g
    JOIN identity_members sm ON sm.entity_row = g.speaker_row
    JOIN identity_members am ON am.entity_row = g.about_row
    JOIN identities si ON si.id = sm.identity_id
    JOIN identities ti ON ti.id = am.identity_id
    WHERE sm.identity_id != am.identity_id
    GROUP BY sm.identity_id, am.identity_id
    ORDER BY quotes DESC, articles DESC, si.name, ti.name
    LIMIT :limit"""


def replace_articles(conn: sqlite3.Connection, articles: Sequence[str]) -> int:
    """Drop these articles' edges and add those of their current revisions; how many."""
    ids = json.dumps(list(articles))
    conn.execute("DELETE FROM quote_edges WHERE article_id IN (SELECT value FROM json_each(?))",
                 (ids,))
    return conn.execute(ARTICLE_EDGES, {"articles": ids}).rowcount


def clear(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM quote_edges")


def graph(conn: sqlite3.Connection, limit: int) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(QUOTE_GRAPH, {"limit": limit})]
