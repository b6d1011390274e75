"""The SQL of claims and conflicts (migrations 0006_conflicts, 0013_claims_kinds).

Plain functions over an open connection: the stage (``newsgraph.resolve.conflicts``) calls them
inside the writer's transaction; readers call ``conflict_records``, ``contract_records`` and
``csv_rows``. A new claim finds earlier ones only through ``claim_keys`` (key, date window).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

CLAIM_COLUMNS = (
    "article_id", "revision", "start", "end", "text", "value", "qualifier", "category", "grp",
    "sentence_start", "sentence_end", "cue", "day", "running", "events", "places", "context", "published",
    "source", "secondary", "kind", "value_text",
)
# What a claim row holds when the stage leaves a column out (figures: no kind, no text).
CLAIM_DEFAULTS = {"secondary": 0, "kind": "number", "value_text": None}

# The claims filed under any of :keys published in [:lo, :hi], by the key index.
CANDIDATES = """
    SELECT c.* FROM claims c WHERE c.id IN (
        SELECT k.claim_id FROM claim_keys k
        WHERE k.key IN (SELECT value FROM json_each(:keys)) AND k.published BETWEEN :lo AND :hi)
    ORDER BY c.published, c.article_id, c.start"""

# Undated claims: the same keys, any date, the latest few hundred.
CANDIDATES_UNDATED = """
    SELECT c.* FROM claims c WHERE c.id IN (
        SELECT k.claim_id FROM claim_keys k
        WHERE k.key IN (SELECT value FROM json_each(:keys)) ORDER BY k.claim_id DESC LIMIT 400)
    ORDER BY c.published, c.article_id, c.start"""


def _rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


# --- what the stage reads of an article ---

def article_inputs(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """The current revision's text, title, date and source."""
    found = _rows(
        conn,
        "SELECT r.article_id, r.revision, r.text, r.title, r.published, r.source"
        " FROM articles a JOIN article_revisions r"
        " ON r.article_id = a.id AND r.revision = a.revision WHERE a.id = ?",
        (article_id,),
    )
    return found[0] if found else None


def article_entities(conn: sqlite3.Connection, article_id: str, revision: int) -> list[dict]:
    """The article's entity rows (name, type, mentions) with their identity, when resolved."""
    rows = _rows(
        conn,
        "SELECT e.name, e.type, e.mentions, m.identity_id FROM entities e"
        " LEFT JOIN identity_members m ON m.entity_row = e.id"
        " WHERE e.article_id = ? AND e.revision = ?",
        (article_id, revision),
    )
    for r in rows:
        r["mentions"] = [tuple(p) for p in json.loads(r["mentions"] or "[]")]
    return rows


def article_days(conn: sqlite3.Connection, article_id: str, revision: int) -> list[tuple]:
    """(start, end, value) of the article's dates that name a single day."""
    return [(r[0], r[1], r[2][:10]) for r in conn.execute(
        "SELECT start, \"end\", value FROM times WHERE article_id = ? AND revision = ?"
        " AND type IN ('DATE', 'TIME')", (article_id, revision))
        if re.match(r"\d{4}-\d\d-\d\d", r[2])]


def article_roles(conn: sqlite3.Connection, article_id: str, revision: int) -> list[dict]:
    """The article's role rows (title, organisation, qualifier, offsets) with the person's
    name, type and identity, when resolved."""
    return _rows(
        conn,
        "SELECT r.title, r.organisation, r.qualifier, r.start, r.\"end\", e.name, e.type,"
        " m.identity_id FROM roles r JOIN entities e ON e.article_id = r.article_id"
        " AND e.revision = r.revision AND e.entity_id = r.entity_id"
        " LEFT JOIN identity_members m ON m.entity_row = e.id"
        " WHERE r.article_id = ? AND r.revision = ? ORDER BY r.start",
        (article_id, revision),
    )


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)
    ).fetchone() is not None


def story_of(conn: sqlite3.Connection, article_id: str) -> str | None:
    """The article's story, when the stories stage has one for it (else None)."""
    if not has_table(conn, "story_articles"):
        return None
    found = conn.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return str(found[0]) if found else None


def story_article_ids(conn: sqlite3.Connection, story_id: str) -> list[str] | None:
    """The articles of a story; None when this database has no stories table."""
    if not has_table(conn, "story_articles"):
        return None
    return [r[0] for r in conn.execute(
        "SELECT article_id FROM story_articles WHERE story_id = ?", (story_id,))]


# --- writes ---

def forget_article(conn: sqlite3.Connection, article_id: str) -> int:
    """Drop the article's claims, their keys and every conflict one of them is in."""
    ids = [r[0] for r in conn.execute("SELECT id FROM claims WHERE article_id = ?", (article_id,))]
    if not ids:
        return 0
    packed = json.dumps(ids)
    conflict_ids = [r[0] for r in conn.execute(
        "SELECT DISTINCT conflict_id FROM conflict_claims"
        " WHERE claim_id IN (SELECT value FROM json_each(?))", (packed,))]
    drop_conflicts(conn, conflict_ids)
    conn.execute("DELETE FROM claim_keys WHERE claim_id IN (SELECT value FROM json_each(?))",
                 (packed,))
    conn.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
    return len(conflict_ids)


def drop_conflicts(conn: sqlite3.Connection, conflict_ids: list[str]) -> None:
    packed = json.dumps(conflict_ids)
    conn.execute("DELETE FROM conflict_claims WHERE conflict_id IN"
                 " (SELECT value FROM json_each(?))", (packed,))
    conn.execute("DELETE FROM conflicts WHERE id IN (SELECT value FROM json_each(?))", (packed,))


def insert_claim(conn: sqlite3.Connection, row: dict[str, Any], keys: Iterable[str]) -> int:
    """Store one claim and file it under ``keys``; its row id."""
    cols = ", ".join(f'"{c}"' for c in CLAIM_COLUMNS)
    marks = ", ".join("?" for _ in CLAIM_COLUMNS)
    cur = conn.execute(f"INSERT INTO claims ({cols}) VALUES ({marks})",
                       [row[c] if c in row else CLAIM_DEFAULTS[c] for c in CLAIM_COLUMNS])
    claim_id = int(cur.lastrowid or 0)
    conn.executemany(
        "INSERT OR IGNORE INTO claim_keys (key, published, claim_id) VALUES (?, ?, ?)",
        [(k, row["published"] or "", claim_id) for k in sorted(set(keys))],
    )
    return claim_id


def article_values(conn: sqlite3.Connection, article_id: str, kind: str) -> set[str]:
    """The values the article's claims of ``kind`` give ("2006-11-12", a title, a group)."""
    return {r[0] for r in conn.execute(
        "SELECT value_text FROM claims WHERE article_id = ? AND kind = ?", (article_id, kind))}


def candidates(
    conn: sqlite3.Connection, keys: Iterable[str], lo: str | None, hi: str | None
) -> list[dict[str, Any]]:
    """Claims filed under any of ``keys`` published between ``lo`` and ``hi`` (any date
    when both are None), oldest first."""
    packed = json.dumps(sorted(set(keys)))
    if lo is None or hi is None:
        return _rows(conn, CANDIDATES_UNDATED, {"keys": packed})
    return _rows(conn, CANDIDATES, {"keys": packed, "lo": lo, "hi": hi})


def insert_conflict(
    conn: sqlite3.Connection, conflict_id: str, kind: str, subject: str, disagreement: bool,
    reason: str, claim_ids: list[int],
) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO conflicts (id, kind, subject, disagreement, reason)"
        " VALUES (?, ?, ?, ?, ?)", (conflict_id, kind, subject, int(disagreement), reason))
    conn.executemany(
        "INSERT OR IGNORE INTO conflict_claims (conflict_id, claim_id, position) VALUES (?, ?, ?)",
        [(conflict_id, c, i) for i, c in enumerate(claim_ids)],
    )


def clear(conn: sqlite3.Connection) -> None:
    for table in ("conflict_claims", "conflicts", "claim_keys", "claims"):
        conn.execute(f"DELETE FROM {table}")


# --- reads ---

def conflict_records(
    conn: sqlite3.Connection, articles: Iterable[str] | None = None,
    identity_ids: Iterable[str] | None = None, name: str | None = None,
) -> list[dict[str, Any]]:
    """Conflicts in the contract shape (``../shared/DESIGN.md``), oldest first, with each
    claim's title and qualifier besides; only those with a claim in ``articles`` or whose
    claims' sentences name one of ``identity_ids`` (or whose subject names ``name``)."""
    where, params = "", {}
    if articles is not None:
        where = (" WHERE f.id IN (SELECT cc.conflict_id FROM conflict_claims cc JOIN claims c"
                 " ON c.id = cc.claim_id WHERE c.article_id IN (SELECT value FROM json_each(:a)))")
        params["a"] = json.dumps(sorted(set(articles)))
    rows = _rows(
        conn,
        "SELECT f.id, f.kind, f.subject, f.disagreement, f.reason, cc.position, c.article_id,"
        " c.start, c.\"end\", c.text, c.value, c.qualifier, c.category, c.published, c.source,"
        " c.context, c.value_text, r.title FROM conflicts f"
        " JOIN conflict_claims cc ON cc.conflict_id = f.id JOIN claims c ON c.id = cc.claim_id"
        " JOIN articles a ON a.id = c.article_id"
        " JOIN article_revisions r ON r.article_id = a.id AND r.revision = a.revision"
        + where + " ORDER BY f.id, cc.position",
        params,
    )
    wanted = set(identity_ids) if identity_ids is not None else None
    records: dict[str, dict[str, Any]] = {}
    for r in rows:
        rec = records.setdefault(r["id"], {
            "id": r["id"], "kind": r["kind"], "subject": r["subject"],
            "disagreement": bool(r["disagreement"]), "reason": r["reason"], "claims": [],
            "_ids": set(),
        })
        rec["_ids"].update(json.loads(r["context"]))
        rec["claims"].append({
            "article": r["article_id"], "start": r["start"], "end": r["end"], "text": r["text"],
            "value": r["value_text"] if r["value_text"] is not None
            else format_value(r["value"]), "qualifier": r["qualifier"],
            "published": r["published"], "source": r["source"], "title": r["title"],
        })
    out = []
    for rec in records.values():
        ids = rec.pop("_ids")
        named = name is not None and name.lower() in rec["subject"].lower()
        if wanted is not None and not ids & wanted and not named:
            continue
        out.append(rec)
    out.sort(key=lambda r: (r["claims"][-1]["published"] or "", r["id"]))
    return out


def format_value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def contract_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """``export --format jsonl --table conflicts``."""
    yield from conflict_records(conn)


def csv_rows(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """One flat row per claim of a conflict."""
    for rec in conflict_records(conn):
        for i, claim in enumerate(rec["claims"]):
            yield {
                "conflict": rec["id"], "kind": rec["kind"], "subject": rec["subject"],
                "disagreement": int(rec["disagreement"]), "position": i,
                "article": claim["article"], "start": claim["start"], "end": claim["end"],
                "text": claim["text"], "value": claim["value"],
                "published": claim["published"], "source": claim["source"],
            }
