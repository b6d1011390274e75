"""The tables across articles (``../shared/DESIGN.md``, "The contract across articles").

Each cross-article table has its own store module (``newsgraph.store.<module>``) holding its
SQL; this module only says which is which, so ``export`` and ``evaluate cross`` reach all of
them the same way. A module gives:

- ``contract_records(conn) -> Iterator[dict]``: one JSON-ready record per row of the
  contract (the ``--format jsonl --table T`` export);
- ``csv_rows(conn) -> Iterator[dict]``: flat rows for the CSV twin.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Iterator
from types import ModuleType
from typing import Any

CONTRACT_TABLES = {
    "stories": "newsgraph.store.stories",
    "quote_groups": "newsgraph.store.quote_groups",
    "conflicts": "newsgraph.store.conflicts",
}


def available() -> list[str]:
    """The contract tables this installation can export (their store module exists)."""
    return [t for t in CONTRACT_TABLES if _module(t) is not None]


def _module(table: str) -> ModuleType | None:
    try:
        return importlib.import_module(CONTRACT_TABLES[table])
    except ModuleNotFoundError:
        return None


def contract_records(conn: sqlite3.Connection, table: str) -> Iterator[dict[str, Any]]:
    module = _module(table)
    if module is None:
        raise ValueError(f"no cross-article table {table!r}: choose from {', '.join(available())}")
    return module.contract_records(conn)


def csv_rows(conn: sqlite3.Connection, table: str) -> Iterator[dict[str, Any]]:
    module = _module(table)
    if module is None:
        raise ValueError(f"no cross-article table {table!r}: choose from {', '.join(available())}")
    return module.csv_rows(conn)
