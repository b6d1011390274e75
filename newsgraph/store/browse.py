"""The SQL of browsing (CLI look-ups, HTTP API, web UI), as a mixin of ``Store``.

Id look-ups by part of an id, every name an entity goes by (for suggestions), the identity of
each entity of an article, and the who-quotes-whom edges: a quote's speaker identity to the
identity of each entity mentioned inside one of the quote's pieces.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

# Articles whose id is, starts with, ends with or contains :part (LIKE with '\' escapes),
# the closest kind of match first.
ARTICLE_IDS_LIKE = r"""
    SELECT id, CASE WHEN id = :part THEN 0
                    WHEN id LIKE :part_like || '%' ESCAPE '\' THEN 1
                    WHEN id LIKE '%' || :part_like ESCAPE '\' THEN 2
                    ELSE 3 END AS rank
    FROM articles WHERE id LIKE '%' || :part_like || '%' ESCAPE '\'
    ORDER BY rank, id LIMIT :limit"""

IDENTITY_NAMES = """
    SELECT i.id, i.name AS name FROM identities i
    UNION
    SELECT al.identity_id, al.alias FROM identity_aliases al"""

ARTICLE_IDENTITIES = """
    SELECT e.entity_id, m.identity_id FROM live_entities e
    JOIN identity_members m ON m.entity_row = e.id
    WHERE e.article_id = ?"""

# Speaker identity -> identity of an entity mentioned inside the quote (not the speaker's own
# entity), with how many quotes and articles say so.
# Who quotes whom computed over every quotation: what the ``quote_edges`` stage keeps
# (``newsgraph.store.quote_edges``), kept here as its reference (tests compare the two).
QUOTE_GRAPH_COMPUTED = """
    WITH spoken AS MATERIALIZED (
      SELECT q.id, q.article_id, q.revision, q.start, q."end", q.spans, q.speaker_entity,
             sm.identity_id AS speaker_id
      FROM live_quotes q
      JOIN entities se ON se.article_id = q.article_id AND se.revision = q.revision
                      AND se.entity_id = q.speaker_entity
      JOIN identity_members sm ON sm.entity_row = se.id),
    edges AS (
      SELECT DISTINCT s.id AS quote, s.article_id, s.speaker_id, am.identity_id AS about_id
      FROM spoken s
      JOIN entities e ON e.article_id = s.article_id AND e.revision = s.revision
                     AND e.entity_id != s.speaker_entity
      JOIN identity_members am ON am.entity_row = e.id, json_each(e.mentions) mn
      WHERE am.identity_id != s.speaker_id
        AND ((s.spans = '[]' AND json_extract(mn.value, '$[0]') >= s.start
              AND json_extract(mn.value, '$[1]') <= s."end")
          OR EXISTS (SELECT 1 FROM json_each(s.spans) p
                     WHERE json_extract(mn.value, '$[0]') >= json_extract(p.value, '$[0]')
                       AND json_extract(mn.value, '$[1]') <= json_extract(p.value, '$[1]'))))
    SELECT g.speaker_id AS source, si.name AS source_name, si.type AS source_type,
           g.about_id AS target, ti.name AS target_name, ti.type AS target_type,
           COUNT(*) AS quotes, COUNT(DISTINCT g.article_id) AS articles
    FROM edges g
    JOIN identities si ON si.id = g.speaker_id
    JOIN identities ti ON ti.id = g.about_id
    GROUP BY g.speaker_id, g.about_id
    ORDER BY quotes DESC, articles DESC, si.name, ti.name
    LIMIT :limit"""


def like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards (and the escape character) escaped by a backslash."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class BrowseQueries:
    """Reads for people browsing; mixed into ``Store`` (uses its ``_rows``)."""

    _rows: Callable[..., list[sqlite3.Row]]

    def article_count(self) -> int:
        return int(self._rows("SELECT COUNT(*) FROM articles")[0][0])

    def article_ids_like(self, part: str, limit: int = 20) -> list[str]:
        """Article ids equal to, starting with, ending with or containing ``part``, in that
        order of preference."""
        params = {"part": part, "part_like": like_escape(part), "limit": limit}
        return [r[0] for r in self._rows(ARTICLE_IDS_LIKE, params)]

    def is_identity(self, identity_id: str) -> bool:
        """True when ``identity_id`` is the id of a canonical entity."""
        return bool(self._rows("SELECT 1 FROM identities WHERE id = ?", (identity_id,)))

    def identity_names(self) -> list[tuple[str, str]]:
        """(identity id, name) for every name and alias of every canonical entity."""
        return [(r[0], r[1]) for r in self._rows(IDENTITY_NAMES)]

    def article_identities(self, article_id: str) -> dict[str, str]:
        """The article's entity ids (of its current revision) -> their identity ids."""
        return {r[0]: r[1] for r in self._rows(ARTICLE_IDENTITIES, (article_id,))}

    def comention_graph(self, min_articles: int = 1) -> list[dict[str, Any]]:
        """Pairs of identities named in the same articles, with how many (an export: it
        reads every article's identities)."""
        return [dict(r) for r in self._rows(COMENTION_GRAPH, {"min_articles": min_articles})]

    def quote_graph(self, limit: int = 200) -> list[dict[str, Any]]:
        """Who quotes whom: edges from a speaker's identity to the identity of an entity
        mentioned inside their quotations, most quotations first."""
        from newsgraph.store.quote_edges import QUOTE_GRAPH as KEPT_GRAPH

        return [dict(r) for r in self._rows(KEPT_GRAPH, {"limit": limit})]


# Identities named in the same article: one edge per pair, weighted by the articles they
# share (every current article's identities, paired within the article).
COMENTION_GRAPH = """
    WITH named AS MATERIALIZED (
      SELECT DISTINCT m.article_id, m.identity_id FROM identity_members m
      JOIN entities e ON e.id = m.entity_row
      JOIN articles a ON a.id = e.article_id AND a.revision = e.revision)
    SELECT x.identity_id AS source, si.name AS source_name, si.type AS source_type,
           y.identity_id AS target, ti.name AS target_name, ti.type AS target_type,
           COUNT(*) AS articles
    FROM named x JOIN named y ON y.article_id = x.article_id AND y.identity_id > x.identity_id
    JOIN identities si ON si.id = x.identity_id
    JOIN identities ti ON ti.id = y.identity_id
    GROUP BY x.identity_id, y.identity_id
    HAVING COUNT(*) >= :min_articles
    ORDER BY articles DESC, si.name, ti.name"""
