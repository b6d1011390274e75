"""Reading a newsgraph database the way tests compare two of them (plain sqlite3)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def identity_partition(db: Path) -> set[frozenset[tuple[str, str]]]:
    """Identities as sets of (article, in-article entity id): comparable across databases
    whose row ids and identity ids differ."""
    con = sqlite3.connect(db)
    groups: dict[str, set[tuple[str, str]]] = {}
    for identity, article, entity in con.execute(
            "SELECT m.identity_id, e.article_id, e.entity_id FROM identity_members m"
            " JOIN entities e ON e.id = m.entity_row"):
        groups.setdefault(identity, set()).add((article, entity))
    con.close()
    return {frozenset(g) for g in groups.values()}


COMPARED = {
    "quotes": "SELECT article_id, quote_id, kind, text, start, \"end\", speaker_name,"
              " speaker_entity, confidence FROM live_quotes ORDER BY article_id, quote_id",
    "entities": "SELECT article_id, entity_id, name, type, aliases, mentions FROM live_entities"
                " ORDER BY article_id, entity_id",
    "roles": "SELECT article_id, entity_id, title, organisation, start FROM live_roles"
             " ORDER BY article_id, start, title",
    "times": "SELECT article_id, start, value FROM live_times ORDER BY article_id, start",
    "identities": "SELECT i.name, group_concat(e.article_id || '/' || e.entity_id) FROM"
                  " identities i JOIN identity_members m ON m.identity_id = i.id"
                  " JOIN entities e ON e.id = m.entity_row GROUP BY i.id ORDER BY 1, 2",
}


def contents(db: Path) -> dict[str, list[tuple]]:
    """The analysis and identities of a database, in an order that does not depend on how
    (by which engine, in how many workers) it was made."""
    con = sqlite3.connect(db)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in COMPARED.items()}
    finally:
        con.close()


def ingested(folder: Path, articles: list[dict]) -> Path:
    """A new database in ``folder`` holding ``articles`` (JSON Lines records), ingested
    through the library as a user would."""
    import json

    from newsgraph.library import Newsgraph

    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    db = folder / "news.db"
    with Newsgraph(db) as ng:
        ng.ingest([source])
    return db


def conflicts_by_claims(db: Path) -> dict[tuple[str, ...], dict]:
    """The stored conflicts keyed by their sorted ``article=value`` claims."""
    from newsgraph.library import Newsgraph

    with Newsgraph(db) as ng:
        records = ng.conflicts()
    return {tuple(sorted(f"{c['article']}={c['value']}" for c in r["claims"])): r
            for r in records}
