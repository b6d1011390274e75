"""The store: newsgraph's SQLite database, its schema, migrations and every SQL statement."""

from newsgraph.store.migrations import MIGRATIONS, migration
from newsgraph.store.store import EXPORT_TABLES, Store, StoreError

__all__ = ["EXPORT_TABLES", "MIGRATIONS", "Store", "StoreError", "migration"]
