"""The SQL of quote groups (migration 0005): one statement reported in several articles.

Tables (``newsgraph.store.migrations.QUOTE_GROUP_SCHEMA``):

- ``quote_index``: each live quotation the stage took in, with its speaker's identity and
  surname, its content words (JSON) and its group (NULL until it matches another);
- ``quote_keys``: the inverted index (speaker scope + content word -> quotation) that a new
  quotation's candidates are read from, so an update never scans the archive;
- ``quote_groups``: one row per group (id, foundation order).

The matching itself is pure (``newsgraph.resolve.quotes``); these functions only read the
rows it needs and write what it decided. ``contract_records``/``csv_rows`` give the
``--table quote_groups`` export (``../shared/DESIGN.md``, "The contract across articles").
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newsgraph.store.identities import as_json

QUOTE_GROUP_TABLES = ("quote_keys", "quote_index", "quote_groups")

# A quotation's speaker identity now (the identities stage may have merged identities
# since the quotation was indexed).
LIVE_IDENTITY = """
    (SELECT m.identity_id FROM entities e JOIN identity_members m ON m.entity_row = e.id
     WHERE e.article_id = q.article_id AND e.revision = q.revision
       AND e.entity_id = q.speaker_entity)"""

# The article text around a quotation (at most WINDOW characters either side): its
# sentence, and the names before it that a pronoun speaker ("he said") may stand for.
WINDOW = 600
AROUND = f"""
           substr(r.text, max(q.start - {WINDOW}, 0) + 1, q.start - max(q.start - {WINDOW}, 0))
             AS before,
           substr(r.text, q."end" + 1, {WINDOW}) AS after,
           substr(r.text, q.start + 1, q."end" - q.start) AS span"""

# The live quotations of some articles with their speaker's identity (the identities stage
# has already run for them) and their article's date.
ARTICLE_QUOTES = f"""
    SELECT q.id AS quote_row, q.article_id, q.quote_id, q.kind, q.text, q.start,
           q.speaker_name, q.speaker_description, q.speaker_entity, q.speaker_type, q.cue_text,
           r.published,
           {LIVE_IDENTITY} AS identity_id, {AROUND}
    FROM live_quotes q JOIN current_articles r ON r.article_id = q.article_id
    WHERE q.article_id = :article
    ORDER BY q.start, q.id"""

# The candidates of one quotation: indexed quotations sharing at least :min_shared keys,
# reading at most the :cap most recent quotations under each key (a key shared by more is
# a common one: a real repeat is found through its rarer keys), so the cost of a lookup
# does not grow with the archive; of those, the :top sharing the most keys are compared.
CANDIDATES = """
    SELECT k.quote_row, COUNT(*) AS shared
    FROM json_each(:keys) j JOIN quote_keys k ON k.key = j.value
    WHERE k.quote_row >= COALESCE(
        (SELECT c.quote_row FROM quote_keys c WHERE c.key = j.value
         ORDER BY c.quote_row DESC LIMIT 1 OFFSET :cap - 1), 0)
    GROUP BY k.quote_row
    HAVING COUNT(*) >= :min_shared
    ORDER BY shared DESC, k.quote_row DESC
    LIMIT :top"""

CANDIDATE_ROWS = f"""
    SELECT x.quote_row, x.article_id, {LIVE_IDENTITY} AS identity_id, x.surname, x.source,
           x.name, x.words, x.group_id, q.text, q.kind, q.speaker_type, q.speaker_description,
           {AROUND}
    FROM quote_index x JOIN quotes q ON q.id = x.quote_row
    JOIN current_articles r ON r.article_id = q.article_id AND r.revision = q.revision
    WHERE x.quote_row IN (SELECT value FROM json_each(:rows))"""

# One record per group member, for the contract export and the readers.
GROUP_MEMBERS = f"""
    WITH members AS (
      SELECT x.group_id, x.quote_row, {LIVE_IDENTITY} AS identity_id
      FROM quote_index x JOIN quotes q ON q.id = x.quote_row
      WHERE x.group_id IS NOT NULL)
    SELECT x.group_id, g.seq, x.quote_row, x.identity_id, q.article_id, q.quote_id, q.kind,
           q.text, q.start, q."end", q.speaker_name, q.speaker_entity, r.published, r.source,
           r.title, i.name AS identity_name
    FROM members x
    JOIN quote_groups g ON g.id = x.group_id
    JOIN quotes q ON q.id = x.quote_row
    JOIN current_articles r ON r.article_id = q.article_id
    LEFT JOIN identities i ON i.id = x.identity_id"""

MEMBER_ORDER = " ORDER BY g.seq, r.published IS NULL, r.published, q.article_id, q.start"


# --- the update path ---------------------------------------------------------------------


def article_quotes(conn: sqlite3.Connection, article: str) -> list[dict[str, Any]]:
    """The article's live quotations with speaker identity and publication date."""
    return [dict(r) for r in conn.execute(ARTICLE_QUOTES, {"article": article})]


def speaker_titles(conn: sqlite3.Connection, quote_row: int) -> str:
    """The titles and organisations the quotation's article gives its speaker ("Foreign
    Ministry spokesman"), joined by spaces; "" when none."""
    rows = conn.execute(
        "SELECT r.title, r.organisation FROM quotes q JOIN roles r"
        " ON r.article_id = q.article_id AND r.revision = q.revision"
        " AND r.entity_id = q.speaker_entity WHERE q.id = ?", (quote_row,))
    return " ".join(f"{t or ''} {o or ''}" for t, o in rows).strip()


def candidates(
    conn: sqlite3.Connection, keys: Sequence[str], min_shared: int, cap: int = 100,
    top: int = 50,
) -> list[dict[str, Any]]:
    """Indexed quotations sharing at least ``min_shared`` of ``keys`` (among the ``cap``
    most recent under each key), the ``top`` sharing most, with their words."""
    params = {"keys": as_json(keys), "min_shared": min_shared, "cap": cap, "top": top}
    found = conn.execute(CANDIDATES, params)
    rows = [r[0] for r in found]
    if not rows:
        return []
    out = []
    for r in conn.execute(CANDIDATE_ROWS, {"rows": as_json(rows)}):
        row = dict(r)
        row["words"] = json.loads(row["words"])
        out.append(row)
    return sorted(out, key=lambda r: r["quote_row"])


def add_quotation(
    conn: sqlite3.Connection,
    row: int,
    article: str,
    identity: str | None,
    surname: str | None,
    source: str | None,
    name: str | None,
    words: Sequence[str],
    keys: Iterable[str],
) -> None:
    """Index one quotation (no group yet)."""
    conn.execute(
        "INSERT INTO quote_index"
        " (quote_row, article_id, identity_id, surname, source, name, words)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (row, article, identity, surname, source, name, as_json(words)),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO quote_keys (key, quote_row) VALUES (?, ?)",
        [(key, row) for key in keys],
    )


def new_group(conn: sqlite3.Connection) -> str:
    """A new, empty group's id ("qg" + its foundation number)."""
    (last,) = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM quote_groups").fetchone()
    seq = last + 1
    group = f"qg{seq}"
    conn.execute("INSERT INTO quote_groups (id, seq) VALUES (?, ?)", (group, seq))
    return group


def set_group(conn: sqlite3.Connection, rows: Iterable[int], group: str) -> None:
    conn.executemany(
        "UPDATE quote_index SET group_id = ? WHERE quote_row = ?", [(group, r) for r in rows]
    )


def merge_groups(conn: sqlite3.Connection, group: str, others: Sequence[str]) -> None:
    """Move every member of ``others`` into ``group``; the emptied groups go."""
    conn.executemany("UPDATE quote_index SET group_id = ? WHERE group_id = ?",
                     [(group, other) for other in others])
    conn.executemany("DELETE FROM quote_groups WHERE id = ?", [(other,) for other in others])


def remove_article(conn: sqlite3.Connection, article: str) -> dict[str, int]:
    """Take an article's quotations (any revision) out of the index and their groups; a
    group left with one quotation is dissolved. Counts of what was removed."""
    found = conn.execute(
        "SELECT quote_row, group_id FROM quote_index WHERE article_id = ?", (article,)
    ).fetchall()
    if not found:
        return {"removed": 0, "dissolved": 0}
    rows = as_json(r[0] for r in found)
    groups = sorted({r[1] for r in found if r[1] is not None})
    conn.execute(
        "DELETE FROM quote_keys WHERE quote_row IN (SELECT value FROM json_each(?))", (rows,)
    )
    conn.execute(
        "DELETE FROM quote_index WHERE quote_row IN (SELECT value FROM json_each(?))", (rows,)
    )
    dissolved = 0
    for group in groups:
        left = conn.execute(
            "SELECT quote_row FROM quote_index WHERE group_id = ?", (group,)
        ).fetchall()
        if len(left) < 2:
            conn.execute("UPDATE quote_index SET group_id = NULL WHERE group_id = ?", (group,))
            conn.execute("DELETE FROM quote_groups WHERE id = ?", (group,))
            dissolved += 1
    return {"removed": len(found), "dissolved": dissolved}


def clear(conn: sqlite3.Connection) -> None:
    for table in QUOTE_GROUP_TABLES:
        conn.execute(f"DELETE FROM {table}")


# --- the readers ---------------------------------------------------------------------------


def _member(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "article": row["article_id"],
        "quote": row["quote_id"],
        "id": f"{row['article_id']}:{row['quote_id']}",
        "kind": row["kind"],
        "text": row["text"],
        "start": row["start"],
        "end": row["end"],
        "published": row["published"],
        "source": row["source"],
        "title": row["title"],
        "speaker_name": row["speaker_name"],
    }


def _group_record(group: str, members: list[sqlite3.Row]) -> dict[str, Any]:
    quotes = [_member(r) for r in members]
    identity = next((r["identity_id"] for r in members if r["identity_id"]), None)
    name = next((r["identity_name"] for r in members if r["identity_name"]), None)
    if name is None:
        name = next((r["speaker_name"] for r in members if r["speaker_name"]), None)
    first = quotes[0]
    for quote in quotes:
        quote["first"] = quote is first
    return {
        "id": group,
        "speaker": {"name": name, "entity": identity},
        "first": {key: first[key] for key in ("article", "quote", "published", "source")},
        "size": len(quotes),
        "articles": len({q["article"] for q in quotes}),
        "quotes": quotes,
    }


def _grouped(found: Iterable[sqlite3.Row]) -> Iterator[dict[str, Any]]:
    current: str | None = None
    members: list[sqlite3.Row] = []
    for row in found:
        if row["group_id"] != current and members:
            yield _group_record(current or "", members)
            members = []
        current = row["group_id"]
        members.append(row)
    if members:
        yield _group_record(current or "", members)


def group_records(
    conn: sqlite3.Connection, groups: Sequence[str] | None = None, min_articles: int = 2
) -> list[dict[str, Any]]:
    """Groups (all, or those named) whose quotations come from at least ``min_articles``
    articles, oldest foundation first; each quotation in order of publication."""
    sql = GROUP_MEMBERS
    params: dict[str, Any] = {}
    if groups is not None:
        sql += " WHERE x.group_id IN (SELECT value FROM json_each(:groups))"
        params["groups"] = as_json(groups)
    found = conn.execute(sql + MEMBER_ORDER, params).fetchall()
    return [g for g in _grouped(found) if g["articles"] >= min_articles]


def group_of_quotation(conn: sqlite3.Connection, article: str, quote: str) -> str | None:
    """The group of a live quotation ``quote`` (its per-article id) of ``article``."""
    found = conn.execute(
        "SELECT x.group_id FROM live_quotes q JOIN quote_index x ON x.quote_row = q.id"
        " WHERE q.article_id = ? AND q.quote_id = ?",
        (article, quote),
    ).fetchone()
    return found[0] if found else None


def contract_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """``--table quote_groups``: one statement by one speaker in two or more articles."""
    yield from group_records(conn)


def csv_rows(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """One flat row per quotation of a group."""
    for group in group_records(conn):
        for quote in group["quotes"]:
            yield {
                "group": group["id"],
                "speaker_name": group["speaker"]["name"],
                "speaker_entity": group["speaker"]["entity"],
                "size": group["size"],
                "first": quote["first"],
                "article": quote["article"],
                "quote": quote["quote"],
                "kind": quote["kind"],
                "start": quote["start"],
                "end": quote["end"],
                "published": quote["published"],
                "source": quote["source"],
                "text": quote["text"],
            }


def repeated_quotations(conn: sqlite3.Connection, limit: int | None = None) -> list[dict[str, Any]]:
    """Every quotation of a group (two or more articles), newest first, each with its
    group's id, size, speaker and whether it is the group's first."""
    out = []
    for group in group_records(conn):
        for quote in group["quotes"]:
            out.append({**quote, "group": group["id"], "group_size": group["size"],
                        "group_articles": group["articles"], "speaker": group["speaker"]})
    out.sort(key=lambda q: (q["published"] or "", q["article"], q["start"]), reverse=True)
    return out[:limit] if limit is not None else out


def quotation(conn: sqlite3.Connection, article: str, quote: str) -> dict[str, Any] | None:
    """One live quotation (``article``'s quotation ``quote``) and, when it is repeated, its
    group with every other use ("also reported in"), the first seen marked."""
    found = conn.execute(
        "SELECT q.article_id, q.quote_id, q.kind, q.text, q.start, q.\"end\", q.speaker_name,"
        " r.published, r.source, r.title FROM live_quotes q"
        " JOIN current_articles r ON r.article_id = q.article_id"
        " WHERE q.article_id = ? AND q.quote_id = ?",
        (article, quote),
    ).fetchone()
    if found is None:
        return None
    record = {
        "id": f"{found['article_id']}:{found['quote_id']}",
        "article": found["article_id"],
        "quote": found["quote_id"],
        **{k: found[k] for k in ("kind", "text", "start", "end", "speaker_name", "published",
                                 "source", "title")},
        "group": None,
        "also_reported_in": [],
    }
    group = group_of_quotation(conn, article, quote)
    records = group_records(conn, [group]) if group is not None else []
    if records:
        record["group"] = {k: v for k, v in records[0].items() if k != "quotes"}
        record["first"] = any(q["first"] and q["id"] == record["id"] for q in records[0]["quotes"])
        record["also_reported_in"] = [q for q in records[0]["quotes"] if q["id"] != record["id"]]
    return record
