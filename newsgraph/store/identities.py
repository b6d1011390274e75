"""The SQL of cross-article identities (migration 0002), as a mixin of ``Store``.

The resolver itself is pure (``newsgraph.resolve.identities``); these methods only read the
per-article rows it needs and write back what it decided: identities with their aliases,
members (entity row ids), merge reasons, lookup keys, judgements and two resolver facts;
and each identity's running summary (``identity_folds`` and ``identity_fold_log``, migration
0012), from which an update resumes the resolver without reading members, writing back a
journal of what changed (``save_identity_journal``).
Lists go in and out as JSON text (``json_each``), so no statement is built from user input.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from newsgraph.store.migrations import REFRESH_IDENTITY_COUNTS, utc_now

T = TypeVar("T")

WITHOUT_ROWID = ("identity_aliases", "identity_keys")  # keyed by all their columns
IDENTITY_TABLES = (
    "identities",
    "identity_aliases",
    "identity_members",
    "identity_merges",
    "identity_keys",
)

# --- reads for the resolver ---

ENTITY_RECORD_ROWS = """
    SELECT e.id AS row, e.article_id, e.entity_id, e.name, e.type, e.kind, e.aliases,
           r.published
    FROM live_entities e JOIN current_articles r ON r.article_id = e.article_id"""

ROLE_PAIRS = """
    SELECT ro.article_id, ro.entity_id, ro.title, ro.organisation FROM live_roles ro"""

ARTICLES_IN = " WHERE {col} IN (SELECT value FROM json_each(:articles))"

# Whether identities :ids have a stored member in one of :articles (by the article index).
IDENTITIES_HAVE_ARTICLE = """
    SELECT 1 FROM identity_members m
    WHERE m.article_id IN (SELECT value FROM json_each(:articles))
      AND m.identity_id IN (SELECT value FROM json_each(:ids)) LIMIT 1"""

# Whether members of identities :a and of identities :b share an article: :a's members by
# the identity index, each article's members by the article index.
IDENTITIES_SHARE_ARTICLE = """
    SELECT 1 FROM identity_members x
    JOIN identity_members y ON y.article_id = x.article_id
    WHERE x.identity_id IN (SELECT value FROM json_each(:a))
      AND y.identity_id IN (SELECT value FROM json_each(:b)) LIMIT 1"""

# Of the identities :ids, those whose stored summary may share a role (of :roles) or a
# co-mentioned name (of :names, in the whole context or in what was logged since): every one
# but those whose stored roles and co-mentions hold none of them. An identity without a
# stored summary, or whose context holds no co-mentions list, is kept (it cannot be ruled
# out). The JSON is read by SQLite, so a one-word name's thousands of identities are not
# decoded in Python to find the few that share its context.
IDENTITIES_MAY_SHARE_CONTEXT = """
    SELECT i.value FROM json_each(:ids) i
    LEFT JOIN identity_folds f ON f.identity_id = i.value
    WHERE f.identity_id IS NULL
       OR json_type(f.context, '$.comentions') IS NOT 'array'
       OR EXISTS (SELECT 1 FROM json_each(f.summary, '$.roles') r
                  WHERE r.value IN (SELECT value FROM json_each(:roles)))
       OR EXISTS (SELECT 1 FROM json_each(f.context, '$.comentions') c
                  WHERE c.value IN (SELECT value FROM json_each(:names)))
       OR EXISTS (SELECT 1 FROM identity_fold_log l, json_each(l.delta, '$.comentions') c
                  WHERE l.identity_id = i.value
                    AND c.value IN (SELECT value FROM json_each(:names)))"""

# Per new member row: its article, its mentions and the quotations it speaks (current
# revision), to add to its identity's counts.
MEMBER_ROW_COUNTS = """
    SELECT e.id, e.article_id, json_array_length(e.mentions),
           (SELECT COUNT(*) FROM articles a
            JOIN quotes q ON q.article_id = a.id AND q.revision = a.revision
            WHERE a.id = e.article_id AND a.revision = e.revision
              AND q.speaker_entity = e.entity_id)
    FROM entities e WHERE e.id IN (SELECT value FROM json_each(:rows))"""

# --- reads for people ---

MEMBER_ROWS = """
    SELECT m.identity_id, e.id AS row, e.article_id, e.revision, e.entity_id, e.name,
           e.mentions
    FROM identity_members m JOIN entities e ON e.id = m.entity_row"""

# Live quotes whose speaker entity belongs to one of :ids.
QUOTES_BY_IDENTITY = """
    q.id IN (SELECT q2.id FROM identity_members m
             JOIN entities e ON e.id = m.entity_row
             JOIN quotes q2 ON q2.article_id = e.article_id AND q2.revision = e.revision
                           AND q2.speaker_entity = e.entity_id
             WHERE m.identity_id IN (SELECT value FROM json_each(:speaker_ids)))"""

# Live quotes with a mention of one of :about_ids's members inside one of their pieces: their
# ids (to combine with other id sets), and the condition on ``q``.
QUOTE_IDS_ABOUT_IDENTITY = """
    SELECT q2.id FROM identity_members m
             JOIN entities e ON e.id = m.entity_row, json_each(e.mentions) mn
             JOIN quotes q2 ON q2.article_id = e.article_id AND q2.revision = e.revision
             WHERE m.identity_id IN (SELECT value FROM json_each(:about_ids))
               AND (q2.speaker_entity IS NULL OR q2.speaker_entity != e.entity_id)
               AND ((q2.spans = '[]' AND json_extract(mn.value, '$[0]') >= q2.start
                     AND json_extract(mn.value, '$[1]') <= q2."end")
                 OR EXISTS (SELECT 1 FROM json_each(q2.spans) s
                            WHERE json_extract(mn.value, '$[0]') >= json_extract(s.value, '$[0]')
                              AND json_extract(mn.value, '$[1]') <= json_extract(s.value, '$[1]')))"""
QUOTES_ABOUT_IDENTITY = f"q.id IN ({QUOTE_IDS_ABOUT_IDENTITY})"
# The same test for one quote ``q`` (an indexed look-up of its article's entities): for a
# listing that walks quotes in its order and stops after a page (``Store.quotes``).
QUOTE_MENTIONS_IDENTITY = """
    EXISTS (SELECT 1 FROM entities e
            JOIN identity_members m ON m.entity_row = e.id, json_each(e.mentions) mn
            WHERE e.article_id = q.article_id AND e.revision = q.revision
              AND m.identity_id IN (SELECT value FROM json_each(:about_ids))
              AND (q.speaker_entity IS NULL OR q.speaker_entity != e.entity_id)
              AND ((q.spans = '[]' AND json_extract(mn.value, '$[0]') >= q.start
                    AND json_extract(mn.value, '$[1]') <= q."end")
                OR EXISTS (SELECT 1 FROM json_each(q.spans) s
                           WHERE json_extract(mn.value, '$[0]') >= json_extract(s.value, '$[0]')
                             AND json_extract(mn.value, '$[1]') <= json_extract(s.value, '$[1]'))))"""
# The articles with a member of :about_ids (a superset of those with a quote about it): the
# walk tests this once per article, and looks into the quotes of these articles only.
ARTICLE_IDS_OF_IDENTITY = """
    SELECT article_id FROM identity_members
    WHERE identity_id IN (SELECT value FROM json_each(:about_ids))"""
# How many mentions the identities :about_ids have (the writer's counts): small enough, their
# quotes are gathered and sorted; else the listing walks quotes in its order.
ABOUT_MENTIONS = """
    SELECT COALESCE(SUM(mentions), 0) FROM identity_counts
    WHERE identity_id IN (SELECT value FROM json_each(:about_ids))"""

# Counts per identity, as the writer keeps them (``identity_counts``, migration 0008).
IDENTITY_SUMMARY = """
    SELECT i.id, i.name, i.type, c.articles, c.mentions, c.quotes,
           (SELECT COUNT(*) FROM identity_aliases al WHERE al.identity_id = i.id) AS aliases
    FROM identity_counts c
    JOIN identities i ON i.id = c.identity_id"""

IDENTITY_ROLES = """
    SELECT m.identity_id, ro.title, ro.organisation, ro.qualifier, ro.article_id, ro.start,
           ro."end", ro.date, r.published, r.title AS article_title,
           substr(r.text, ro.start + 1, ro."end" - ro.start) AS evidence
    FROM identity_members m
    JOIN entities e ON e.id = m.entity_row
    JOIN live_roles ro ON ro.article_id = e.article_id AND ro.revision = e.revision
                      AND ro.entity_id = e.entity_id
    JOIN current_articles r ON r.article_id = ro.article_id
    WHERE m.identity_id IN (SELECT value FROM json_each(:ids))
    ORDER BY r.published IS NULL, r.published, ro.article_id, ro.start"""

IDENTITY_ARTICLES = """
    SELECT m.identity_id, r.article_id AS id, r.title, r.published, r.source, r.url,
           e.entity_id, e.name, json_array_length(e.mentions) AS mentions
    FROM identity_members m
    JOIN entities e ON e.id = m.entity_row
    JOIN current_articles r ON r.article_id = e.article_id
    WHERE m.identity_id IN (SELECT value FROM json_each(:ids))
    ORDER BY r.published IS NULL, r.published, r.article_id"""

IDENTITY_MERGES = """
    SELECT g.identity_id, g.rule, g.detail,
           a.article_id AS a_article, a.entity_id AS a_entity, a.name AS a_name,
           ra.title AS a_title, b.article_id AS b_article, b.entity_id AS b_entity,
           b.name AS b_name, rb.title AS b_title
    FROM identity_merges g
    JOIN entities a ON a.id = g.a_row
    JOIN entities b ON b.id = g.b_row
    LEFT JOIN article_revisions ra ON ra.article_id = a.article_id
        AND ra.revision = (SELECT revision FROM articles WHERE id = a.article_id)
    LEFT JOIN article_revisions rb ON rb.article_id = b.article_id
        AND rb.revision = (SELECT revision FROM articles WHERE id = b.article_id)"""

IDENTITY_EXPORT_SQL = {
    "identities": IDENTITY_SUMMARY + " ORDER BY i.seq",
    "aliases": """
        SELECT al.identity_id, i.name AS identity_name, al.alias
        FROM identity_aliases al JOIN identities i ON i.id = al.identity_id
        ORDER BY i.seq, al.alias""",
    "merges": IDENTITY_MERGES + " ORDER BY g.identity_id, g.id",
}


def as_json(values: Iterable[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


#: The bulky fields of an identity summary, kept in ``identity_folds.context`` (the same as
#: ``resolve.identities.CONTEXT_FIELDS``).
FOLD_CONTEXT_FIELDS = ("comentions", "recent")
#: The fields kept in ``identity_folds.votes`` (``resolve.identities.SHARED_FIELDS``).
FOLD_VOTE_FIELDS = ("votes", "noted_long")


def fold_row(identity_id: str, summary: dict[str, Any]) -> tuple[str, str, str, str]:
    """The ``identity_folds`` row of one summary: (id, summary, context, votes) as JSON
    (context "{}" when the summary has none: ``UPSERT_FOLD_HEAD`` keeps the stored one)."""
    parts = FOLD_CONTEXT_FIELDS + FOLD_VOTE_FIELDS
    head = {k: v for k, v in summary.items() if k not in parts}
    context = {k: summary[k] for k in FOLD_CONTEXT_FIELDS if k in summary}
    votes = {k: summary[k] for k in FOLD_VOTE_FIELDS}
    return (identity_id, *(json.dumps(x, ensure_ascii=False) for x in (head, context, votes)))


def merged_context(base: dict[str, Any], deltas: Iterable[dict[str, Any]],
                   keep: int) -> dict[str, Any]:
    """A stored context with the additions logged since (oldest first) appended; the
    latest ``keep`` members (``resolve.identities.ONE_WORD_MEMBERS_CHECKED``)."""
    comentions = list(base["comentions"])
    recent = list(base["recent"])
    for delta in deltas:
        comentions.extend(delta["comentions"])
        recent.extend(delta["recent"])
    return {"comentions": list(dict.fromkeys(comentions)), "recent": recent[-keep:]}


INSERT_FOLD = ("INSERT OR REPLACE INTO identity_folds (identity_id, summary, context, votes)"
               " VALUES (?, ?, ?, ?)")
UPSERT_FOLD_HEAD = (
    "INSERT INTO identity_folds (identity_id, summary, context, votes) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (identity_id) DO UPDATE SET summary = excluded.summary,"
    " votes = excluded.votes")
DELETE_FOLD_LOG = ("DELETE FROM identity_fold_log"
                   " WHERE identity_id IN (SELECT value FROM json_each(?))")


def identity_filter(
    type: str | None, name: str | None, ids: Iterable[str] | None
) -> tuple[str, dict[str, Any]]:
    """The WHERE clause (over ``identities i``) and parameters of an identity listing."""
    where: list[str] = []
    params: dict[str, Any] = {"type": type, "name": name}
    if type is not None:
        where.append("i.type = :type COLLATE NOCASE")
    if name is not None:
        where.append(
            "(name_matches(i.name, :name) OR name_contains(i.name, :name) OR EXISTS ("
            "SELECT 1 FROM identity_aliases al WHERE al.identity_id = i.id AND"
            " (name_matches(al.alias, :name) OR name_contains(al.alias, :name))))"
        )
    if ids is not None:
        params["ids"] = as_json(ids)
        where.append("i.id IN (SELECT value FROM json_each(:ids))")
    return (" WHERE " + " AND ".join(where) if where else ""), params


class IdentityQueries:
    """Identity reads and writes; mixed into ``Store`` (uses its ``_rows`` and ``write``)."""

    _rows: Callable[..., list[sqlite3.Row]]
    write: Callable[[Callable[[sqlite3.Connection], T]], T]

    # --- what the resolver reads ---

    def entity_record_rows(self, articles: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Live entity rows (all, or of these articles) in row order, each with its
        article's date and its roles as (title, organisation) pairs."""
        params = {"articles": as_json(articles or ())}
        where_e = ARTICLES_IN.format(col="e.article_id") if articles is not None else ""
        where_r = ARTICLES_IN.format(col="ro.article_id") if articles is not None else ""
        roles: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
        for r in self._rows(ROLE_PAIRS + where_r + " ORDER BY ro.id", params):
            roles.setdefault((r[0], r[1]), []).append((r[2], r[3]))
        found = self._rows(ENTITY_RECORD_ROWS + where_e + " ORDER BY e.id", params)
        return [
            {
                **dict(r),
                "aliases": json.loads(r["aliases"] or "[]"),
                "roles": roles.get((r["article_id"], r["entity_id"]), []),
            }
            for r in found
        ]


    def identity_ids_with_keys(self, keys: Iterable[str]) -> set[str]:
        found = self._rows(
            "SELECT DISTINCT identity_id FROM identity_keys"
            " WHERE key IN (SELECT value FROM json_each(?))",
            (as_json(keys),),
        )
        return {r[0] for r in found}

    def identity_ids_of_articles(self, articles: Iterable[str]) -> set[str]:
        """Identities with a member (live or superseded) in these articles."""
        found = self._rows(
            "SELECT DISTINCT identity_id FROM identity_members"
            " WHERE article_id IN (SELECT value FROM json_each(?))",
            (as_json(articles),),
        )
        return {r[0] for r in found}

    def identity_state(self, ids: Iterable[str]) -> dict[str, Any]:
        """Stored identities (id, seq, rename), their members (row, article, type) and merge
        reasons (rows), to resume a resolver over them."""
        params = (as_json(ids),)
        in_ids = " IN (SELECT value FROM json_each(?))"
        heads = self._rows("SELECT id, seq, rename FROM identities WHERE id" + in_ids, params)
        members = self._rows(
            "SELECT identity_id, entity_row, article_id, type FROM identity_members"
            " WHERE identity_id" + in_ids + " ORDER BY entity_row",
            params,
        )
        merges = self._rows(
            "SELECT identity_id, rule, detail, a_row, b_row FROM identity_merges"
            " WHERE identity_id" + in_ids + " ORDER BY id",
            params,
        )
        return {
            "identities": [dict(r) for r in heads],
            "members": [dict(r) for r in members],
            "merges": [dict(r) for r in merges],
        }

    def entity_rows_by_id(self, rows: Iterable[int]) -> list[dict[str, Any]]:
        """Entity rows (live or not) by row id, as ``entity_record_rows`` gives them."""
        params = {"rows": as_json(rows)}
        found = self._rows(
            "SELECT e.id AS row, e.article_id, e.revision, e.entity_id, e.name, e.type,"
            " e.kind, e.aliases, r.published FROM entities e"
            " JOIN article_revisions r ON r.article_id = e.article_id"
            " AND r.revision = e.revision"
            " WHERE e.id IN (SELECT value FROM json_each(:rows)) ORDER BY e.id",
            params,
        )
        roles: dict[tuple[str, int, str], list[tuple[str, str | None]]] = {}
        for r in self._rows(
            "SELECT ro.article_id, ro.revision, ro.entity_id, ro.title, ro.organisation"
            " FROM roles ro JOIN entities e ON e.article_id = ro.article_id"
            " AND e.revision = ro.revision AND e.entity_id = ro.entity_id"
            " WHERE e.id IN (SELECT value FROM json_each(:rows)) ORDER BY ro.id",
            params,
        ):
            roles.setdefault((r[0], r[1], r[2]), []).append((r[3], r[4]))
        return [
            {
                **dict(r),
                "aliases": json.loads(r["aliases"] or "[]"),
                "roles": roles.get((r["article_id"], r["revision"], r["entity_id"]), []),
            }
            for r in found
        ]

    def article_entity_names(self, rows: Iterable[int]) -> dict[tuple[str, int], list[str]]:
        """(article id, revision) -> the names of all its entities, for the revisions
        these entity rows belong to."""
        found = self._rows(
            "SELECT e.article_id, e.revision, e.name FROM entities e"
            " WHERE (e.article_id, e.revision) IN (SELECT x.article_id, x.revision"
            " FROM entities x WHERE x.id IN (SELECT value FROM json_each(?))) ORDER BY e.id",
            (as_json(rows),),
        )
        names: dict[tuple[str, int], list[str]] = {}
        for r in found:
            names.setdefault((r[0], r[1]), []).append(r[2])
        return names

    def identity_folds(
        self, ids: Iterable[str]
    ) -> tuple[list[tuple[str, int, str | None, str, dict[str, Any]]], set[str]]:
        """The stored summaries of these identities, as (id, seq, rename, summary as JSON
        text, votes part): the summary is decoded by whoever needs it; and the ids of those
        stored without one (ids that are no identity are left out)."""
        found = self._rows(
            "SELECT i.id, i.seq, i.rename, f.summary, f.votes FROM identities i"
            " LEFT JOIN identity_folds f ON f.identity_id = i.id"
            " WHERE i.id IN (SELECT value FROM json_each(?))",
            (as_json(ids),),
        )
        folds = [(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in found if r[3] is not None]
        return folds, {r[0] for r in found if r[3] is None}

    def identity_key_rows(self, keys: Iterable[str]) -> list[tuple[str, str]]:
        """(key, identity id) for every identity indexed under one of these keys."""
        found = self._rows(
            "SELECT key, identity_id FROM identity_keys"
            " WHERE key IN (SELECT value FROM json_each(?))",
            (as_json(keys),),
        )
        return [(r[0], r[1]) for r in found]

    def save_identity_folds(self, summaries: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Store summaries (identity id, summary)."""
        rows = [fold_row(i, s) for i, s in summaries]
        self.write(lambda conn: conn.executemany(INSERT_FOLD, rows))

    def identity_fold_contexts(
        self, ids: Iterable[str], keep: int
    ) -> dict[str, dict[str, Any]]:
        """The context part of these identities' stored summaries, by id, with what was
        logged since it was written whole (see ``merged_context``)."""
        params = (as_json(ids),)
        found = self._rows("SELECT identity_id, context FROM identity_folds"
                           " WHERE identity_id IN (SELECT value FROM json_each(?))", params)
        logged: dict[str, list[dict[str, Any]]] = {}
        for r in self._rows("SELECT identity_id, delta FROM identity_fold_log"
                            " WHERE identity_id IN (SELECT value FROM json_each(?))"
                            " ORDER BY id", params):
            logged.setdefault(r[0], []).append(json.loads(r[1]))
        return {r[0]: merged_context(json.loads(r[1]), logged.get(r[0], ()), keep)
                for r in found}

    def identities_may_share_context(
        self, ids: Iterable[str], names: Iterable[str], roles: Iterable[str]
    ) -> set[str]:
        """Of these identities, those whose stored summary may share one of these roles or
        co-mentioned names (``IDENTITIES_MAY_SHARE_CONTEXT``)."""
        found = self._rows(IDENTITIES_MAY_SHARE_CONTEXT, {
            "ids": as_json(ids), "names": as_json(names), "roles": as_json(roles)})
        return {r[0] for r in found}

    def identities_have_article(self, ids: Iterable[str], articles: Iterable[str]) -> bool:
        """True when one of these identities has a stored member in one of these articles."""
        return bool(self._rows(IDENTITIES_HAVE_ARTICLE,
                               {"ids": as_json(ids), "articles": as_json(articles)}))

    def identities_share_article(self, ids_a: Iterable[str], ids_b: Iterable[str]) -> bool:
        """True when stored members of the first identities and of the second ones are in
        one article (the first should be the smaller: its members are walked)."""
        return bool(self._rows(IDENTITIES_SHARE_ARTICLE,
                               {"a": as_json(ids_a), "b": as_json(ids_b)}))

    def resolver_meta(self) -> dict[str, Any]:
        return {r[0]: json.loads(r[1]) for r in self._rows("SELECT key, value FROM resolver_meta")}

    # --- what the resolver writes ---

    def save_identities(
        self,
        tables: dict[str, list[tuple[Any, ...]]],
        replace: Iterable[str] | None,
        meta: dict[str, Any],
    ) -> None:
        """Write identities in one transaction: drop the rows of the ``replace`` ids (every
        identity when None), then insert ``tables`` ("identities": (id, name, type, seq,
        rename), "identity_aliases", "identity_members", "identity_merges": (identity_id,
        rule, detail, a_row, b_row), "identity_keys": (key, identity_id))."""
        columns = {
            "identities": "id, name, type, seq, rename",
            "identity_aliases": "identity_id, alias",
            "identity_members": "entity_row, identity_id, article_id, type",
            "identity_merges": "identity_id, rule, detail, a_row, b_row",
            "identity_keys": "key, identity_id",
        }

        def write(conn: sqlite3.Connection) -> None:
            folds = tables.pop("identity_folds", [])
            if replace is None:
                for table in (*IDENTITY_TABLES, "identity_counts", "identity_folds",
                              "identity_fold_log"):
                    conn.execute(f"DELETE FROM {table}")
                insert(conn, tables)
                ids = [row[0] for row in tables.get("identities", [])]
            else:
                ids = list(replace)
                write_differences(conn, tables, ids)
                for table in ("identity_counts", "identity_folds", "identity_fold_log"):
                    conn.execute(f"DELETE FROM {table} WHERE identity_id IN"
                                 " (SELECT value FROM json_each(?))", (as_json(ids),))
            conn.executemany(INSERT_FOLD, [fold_row(i, f) for i, f in folds])
            conn.execute(REFRESH_IDENTITY_COUNTS, {"ids": as_json(ids)})
            conn.executemany(
                "INSERT OR REPLACE INTO resolver_meta (key, value) VALUES (?, ?)",
                [(k, json.dumps(v)) for k, v in meta.items()],
            )

        def insert(conn: sqlite3.Connection, rows: dict[str, list[tuple[Any, ...]]]) -> None:
            for table, values in rows.items():
                if values:
                    marks = ", ".join("?" * len(values[0]))
                    conn.executemany(
                        f"INSERT OR REPLACE INTO {table} ({columns[table]}) VALUES ({marks})",
                        values,
                    )

        def write_differences(
            conn: sqlite3.Connection, rows: dict[str, list[tuple[Any, ...]]], ids: list[str]
        ) -> None:
            """Of the ``ids``' stored rows, delete those not in ``rows`` and insert those
            not stored: an identity that gained one member costs one row, not a rewrite."""
            params = (as_json(ids),)
            fresh: dict[str, list[tuple[Any, ...]]] = {}
            for table in IDENTITY_TABLES:
                col = "id" if table == "identities" else "identity_id"
                key = "id" if table == "identity_merges" else "rowid"
                stored = {
                    tuple(r[1:]): r[0]
                    for r in conn.execute(
                        f"SELECT {key}, {columns[table]} FROM {table}"
                        f" WHERE {col} IN (SELECT value FROM json_each(?))",
                        params,
                    )
                } if table not in WITHOUT_ROWID else {
                    tuple(r): tuple(r)
                    for r in conn.execute(
                        f"SELECT {columns[table]} FROM {table}"
                        f" WHERE {col} IN (SELECT value FROM json_each(?))",
                        params,
                    )
                }
                wanted = [tuple(v) for v in rows.get(table, [])]
                wanted_set = set(wanted)
                gone = [k for row, k in stored.items() if row not in wanted_set]
                if gone and table in WITHOUT_ROWID:
                    names = [c.strip() for c in columns[table].split(",")]
                    where = " AND ".join(f"{c} = ?" for c in names)
                    conn.executemany(f"DELETE FROM {table} WHERE {where}", gone)
                elif gone:
                    conn.executemany(f"DELETE FROM {table} WHERE {key} = ?",
                                     [(k,) for k in gone])
                fresh[table] = [v for v in dict.fromkeys(wanted) if v not in stored]
            insert(conn, fresh)

        self.write(write)

    def save_identity_journal(
        self, changes: Sequence[Any], reasons: Sequence[Any], meta: dict[str, Any]
    ) -> None:
        """Write what a resumed resolver changed (``IdentityChange``s and new
        ``MergeReason``s) without reading back whole identities: the rows of identities it
        took in are re-pointed, new members and reasons inserted, aliases and keys diffed
        (a few rows each), counts added up and summaries replaced."""

        def write(conn: sqlite3.Connection) -> None:
            ids = [c.id for c in changes]
            absorbed = [a for c in changes for a in c.absorbed]
            base = {r[0]: r[1:] for r in conn.execute(
                "SELECT identity_id, articles, mentions, quotes FROM identity_counts"
                " WHERE identity_id IN (SELECT value FROM json_each(?))",
                (as_json(ids + absorbed),))}
            for c in changes:
                if c.absorbed:
                    for table in ("identity_members", "identity_merges"):
                        conn.execute(
                            f"UPDATE {table} SET identity_id = ?"
                            " WHERE identity_id IN (SELECT value FROM json_each(?))",
                            (c.id, as_json(c.absorbed)))
            if absorbed:
                for table in ("identities", "identity_aliases", "identity_keys",
                              "identity_counts", "identity_folds", "identity_fold_log"):
                    col = "id" if table == "identities" else "identity_id"
                    conn.execute(f"DELETE FROM {table} WHERE {col} IN"
                                 " (SELECT value FROM json_each(?))", (as_json(absorbed),))
            conn.executemany(
                "INSERT OR REPLACE INTO identities (id, name, type, seq, rename)"
                " VALUES (?, ?, ?, ?, ?)",
                [(c.id, c.name, c.type, c.seq, c.rename) for c in changes])
            for table, cols, wanted in (
                ("identity_aliases", ("identity_id", "alias"),
                 {(c.id, a) for c in changes for a in c.aliases}),
                ("identity_keys", ("key", "identity_id"),
                 {(k, c.id) for c in changes for k in c.keys}),
            ):
                stored = set(tuple(r) for r in conn.execute(
                    f"SELECT {', '.join(cols)} FROM {table}"
                    " WHERE identity_id IN (SELECT value FROM json_each(?))", (as_json(ids),)))
                conn.executemany(
                    f"DELETE FROM {table} WHERE {cols[0]} = ? AND {cols[1]} = ?",
                    sorted(stored - wanted))
                conn.executemany(
                    f"INSERT OR IGNORE INTO {table} ({', '.join(cols)}) VALUES (?, ?)",
                    sorted(wanted - stored))
            conn.executemany(
                "INSERT OR REPLACE INTO identity_members (entity_row, identity_id, article_id,"
                " type) VALUES (?, ?, ?, ?)",
                [(int(m[1]), c.id, m[0], t) for c in changes for m, t in c.new_members])
            conn.executemany(
                "INSERT INTO identity_merges (identity_id, rule, detail, a_row, b_row)"
                " VALUES (?, ?, ?, ?, ?)",
                [(r.identity, r.rule, r.detail, int(r.a[1]), int(r.b[1])) for r in reasons])
            rows = [int(m[1]) for c in changes for m, _ in c.new_members]
            per_row = {r[0]: r[1:] for r in conn.execute(MEMBER_ROW_COUNTS,
                                                         {"rows": as_json(rows)})}
            counts, recount = [], []
            for c in changes:
                if c.recount:
                    recount.append(c.id)
                    continue
                articles = mentions = quotes = 0
                for stored_id in (c.id, *c.absorbed):
                    a, m, q = base.get(stored_id, (0, 0, 0))
                    articles, mentions, quotes = articles + a, mentions + m, quotes + q
                new = [per_row[int(m[1])] for m, _ in c.new_members if int(m[1]) in per_row]
                articles += len({n[0] for n in new})
                mentions += sum(n[1] or 0 for n in new)
                quotes += sum(n[2] for n in new)
                if articles or mentions or quotes or c.new_members or c.id in base:
                    counts.append((c.id, articles, mentions, quotes))
            conn.executemany(
                "INSERT OR REPLACE INTO identity_counts (identity_id, articles, mentions, quotes)"
                " VALUES (?, ?, ?, ?)", counts)
            if recount:
                conn.execute("DELETE FROM identity_counts WHERE identity_id IN"
                             " (SELECT value FROM json_each(?))", (as_json(recount),))
                conn.execute(REFRESH_IDENTITY_COUNTS, {"ids": as_json(recount)})
            whole = [c for c in changes if c.context_delta is None]
            conn.execute(DELETE_FOLD_LOG, (as_json(c.id for c in whole),))
            conn.executemany(INSERT_FOLD, [fold_row(c.id, c.summary) for c in whole])
            logged = [c for c in changes if c.context_delta is not None]
            conn.executemany(UPSERT_FOLD_HEAD, [fold_row(c.id, c.summary) for c in logged])
            conn.executemany(
                "INSERT INTO identity_fold_log (identity_id, delta) VALUES (?, ?)",
                [(c.id, json.dumps(c.context_delta, ensure_ascii=False)) for c in logged])
            conn.executemany(
                "INSERT OR REPLACE INTO resolver_meta (key, value) VALUES (?, ?)",
                [(k, json.dumps(v)) for k, v in meta.items()],
            )

        self.write(write)

    def add_judgement(self, kind: str, a: str, b: str | None) -> int:
        """Record a human correction; its id."""
        return self.write(
            lambda conn: (
                conn.execute(
                    "INSERT INTO judgements (kind, a, b, made_at) VALUES (?, ?, ?, ?)",
                    (kind, a, b, utc_now()),
                ).lastrowid
            )
        )

    def judgements(self) -> list[dict[str, Any]]:
        """Every judgement, oldest first."""
        found = self._rows("SELECT id, kind, a, b, made_at FROM judgements ORDER BY id")
        return [dict(r) for r in found]

    # --- what people ask ---

    def identity_summaries(
        self,
        type: str | None = None,
        name: str | None = None,
        ids: Iterable[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Canonical entities with counts (articles, mentions, quotes, aliases), most
        articles first. ``name``: the name or an alias contains it or has all its words."""
        where, params = identity_filter(type, name, ids)
        sql = IDENTITY_SUMMARY + where
        sql += " ORDER BY c.articles DESC, c.mentions DESC, i.name"
        if limit is not None or offset:
            sql += f" LIMIT {int(limit) if limit is not None else -1} OFFSET {int(offset)}"
        return [dict(r) for r in self._rows(sql, params)]

    def identity_count(self, type: str | None = None, name: str | None = None) -> int:
        """How many canonical entities ``identity_summaries`` lists for these filters."""
        where, params = identity_filter(type, name, None)
        sql = ("SELECT COUNT(*) FROM identities i" + where
               + (" AND" if where else " WHERE")
               + " EXISTS (SELECT 1 FROM identity_members m WHERE m.identity_id = i.id)")
        return int(self._rows(sql, params)[0][0])

    def identity_details(self, identity_id: str) -> dict[str, Any] | None:
        """One canonical entity: aliases, roles with sources, articles, merge reasons."""
        head = self._rows(
            "SELECT id, name, type, seq, rename FROM identities WHERE id = ?", (identity_id,)
        )
        if not head:
            return None
        params = {"ids": as_json([identity_id])}
        aliases = self._rows(
            "SELECT alias FROM identity_aliases WHERE identity_id = ? ORDER BY alias",
            (identity_id,),
        )
        return {
            **dict(head[0]),
            "aliases": [r[0] for r in aliases],
            "roles": [dict(r) for r in self._rows(IDENTITY_ROLES, params)],
            "articles": [dict(r) for r in self._rows(IDENTITY_ARTICLES, params)],
            "merges": [
                dict(r)
                for r in self._rows(
                    IDENTITY_MERGES + " WHERE g.identity_id = :id ORDER BY g.id",
                    {"id": identity_id},
                )
            ],
        }

    def identity_export_rows(self, table: str) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows(IDENTITY_EXPORT_SQL[table])]

    def identity_records(self) -> list[dict[str, Any]]:
        """One JSON-ready record per canonical entity: aliases, articles, roles, merges."""
        records = {
            r["id"]: {**r, "aliases": [], "articles": [], "roles": [], "merges": []}
            for r in self.identity_export_rows("identities")
        }
        for r in self._rows("SELECT identity_id, alias FROM identity_aliases ORDER BY alias"):
            records[r[0]]["aliases"].append(r[1])
        every = {"ids": as_json(records)}
        for part, sql in (("articles", IDENTITY_ARTICLES), ("roles", IDENTITY_ROLES)):
            for r in self._rows(sql, every):
                row = dict(r)
                records[row.pop("identity_id")][part].append(row)
        for r in self._rows(IDENTITY_MERGES + " ORDER BY g.id"):
            row = dict(r)
            records[row.pop("identity_id")]["merges"].append(row)
        return list(records.values())
