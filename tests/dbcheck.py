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
