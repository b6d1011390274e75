"""What is wrong with a database file, said in one line, before newsgraph uses it.

``probe(path, read_only, known)`` looks at a file before the store opens it: the first
100 bytes (is it SQLite at all? is it shorter than its header says?), then, through a
read-only connection, its tables and recorded migrations. It never changes the file.
Each problem is a ``DatabaseProblem`` with its own ``exit_code`` (the CLI exits with it):

  1  DatabaseMissing   a reading command on a missing, empty or table-less file
  3  NotADatabase      not an SQLite file
  4  DamagedDatabase   truncated or corrupt
  5  ReadOnlyDatabase  cannot be written here (a writing command in a read-only place,
                       an older schema that cannot be migrated there, a write-ahead log
                       that cannot be read in a read-only folder)
  6  ForeignDatabase   an SQLite database that is not newsgraph's: never altered
  7  NewerSchema       made by a newer newsgraph (migrations this one does not know)
  8  DatabaseFailure   anything else SQLite reports (locked, disk full, I/O error)

The schema version is the number of migrations applied; ``migrate`` also records it as
``PRAGMA user_version``, so other tools can read it.
"""

from __future__ import annotations

import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100


class StoreError(Exception):
    """The database cannot be used as asked."""

    exit_code = 8


class DatabaseProblem(StoreError):
    """A database that cannot be used, with its one-line reason and exit code."""


class DatabaseMissing(DatabaseProblem):
    exit_code = 1


class NotADatabase(DatabaseProblem):
    exit_code = 3


class DamagedDatabase(DatabaseProblem):
    exit_code = 4


class ReadOnlyDatabase(DatabaseProblem):
    exit_code = 5


class ForeignDatabase(DatabaseProblem):
    exit_code = 6


class NewerSchema(DatabaseProblem):
    exit_code = 7


class DatabaseFailure(DatabaseProblem):
    exit_code = 8


@dataclass(frozen=True)
class Probe:
    """What a file holds: nothing yet, or newsgraph's schema with these migrations."""

    empty: bool  # no file, a zero-byte file, or SQLite with no tables
    applied: tuple[str, ...] = ()
    immutable: bool = False  # readable only as immutable (a read-only folder, no -wal)


# --- the first bytes ---


def header_problem(path: Path) -> DatabaseProblem | None:
    """Why the file's first bytes or its size rule it out as SQLite, or None."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or device would block or mislead
            return NotADatabase(f"{path}: not a regular file, so not a database")
        size = info.st_size
        with open(path, "rb") as handle:
            head = handle.read(HEADER_BYTES)
    except OSError as exc:
        return ReadOnlyDatabase(f"{path}: cannot read the file: {exc.strerror or exc}")
    if size == 0:
        return None
    if not head.startswith(SQLITE_MAGIC) and not SQLITE_MAGIC.startswith(head):
        return NotADatabase(f"{path}: not an SQLite database (the file starts with "
                            f"{head[:16]!r}); give --db a newsgraph database file")
    if len(head) < HEADER_BYTES:
        return DamagedDatabase(f"{path}: truncated database: {size} bytes, shorter than an "
                               "SQLite header; restore it from a backup or ingest again")
    expected = header_size(head)
    wal = path.with_name(path.name + "-wal")
    if expected and size < expected and not (wal.exists() and wal.stat().st_size > 0):
        # (with a WAL beside it, a checkpoint that was killed while copying pages leaves the
        # file shorter than its header says; SQLite completes it from the WAL on opening)
        return DamagedDatabase(f"{path}: truncated database: {size:,} bytes where its header "
                               f"says {expected:,}; restore it from a backup or ingest again")
    return None


def header_size(head: bytes) -> int | None:
    """The database size in bytes that an SQLite header records, when it is valid."""
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    valid = head[24:28] == head[92:96]  # "version-valid-for" equals the change counter
    return page_size * pages if valid and pages else None


# --- SQLite's own errors ---


def classify(exc: sqlite3.Error, path: str) -> DatabaseProblem:
    """The DatabaseProblem an SQLite error means for the file at ``path``."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name == "SQLITE_NOTADB":
        return NotADatabase(f"{path}: not an SQLite database ({exc})")
    if name.startswith("SQLITE_CORRUPT"):
        return DamagedDatabase(f"{path}: damaged database ({exc}); restore it from a backup "
                               "or ingest again")
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return ReadOnlyDatabase(f"{path}: cannot write the database here ({exc}): the file or "
                                "its folder is read-only; reading commands still work")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return DatabaseFailure(f"{path}: the database stayed locked by another process ({exc})")
    if name.startswith("SQLITE_FULL"):
        return DatabaseFailure(f"{path}: the disk is full ({exc})")
    return DatabaseFailure(f"{path}: database error: {exc}")


# --- tables and migrations ---


def read_only_uri(path: str, immutable: bool = False) -> str:
    return Path(path).resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def open_probe(path: str) -> tuple[sqlite3.Connection, bool]:
    """A read-only connection that can read the file, and whether it had to be immutable.

    In a read-only folder a WAL database cannot make its ``-shm`` file; without a ``-wal``
    beside it there is nothing uncommitted, so it is read as immutable."""
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn, False
    except sqlite3.OperationalError as exc:
        conn.close()
        name = getattr(exc, "sqlite_errorname", "") or ""
        if not name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
            raise
        wal = Path(path + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise ReadOnlyDatabase(
                f"{path}: cannot read it here: its write-ahead log ({wal.name}) holds changes "
                "and SQLite cannot make its -shm file in this read-only folder; copy the "
                "database with its -wal file to a writable folder"
            ) from exc
    conn = sqlite3.connect(read_only_uri(path, immutable=True), uri=True)
    conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    return conn, True


def schema_state(conn: sqlite3.Connection, path: str, known: list[str]) -> Probe:
    """The migrations a database records; raises when it is foreign or newer than ``known``."""
    objects = {
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        )
    }
    applied: list[str] = []
    if "migrations" in objects:
        applied = [n for (n,) in conn.execute("SELECT name FROM migrations ORDER BY rowid")]
    if not objects or (objects == {"migrations"} and not applied):
        return Probe(empty=True)
    if not known or known[0] not in applied:
        shown = ", ".join(sorted(objects)[:5]) + (", ..." if len(objects) > 5 else "")
        raise ForeignDatabase(
            f"{path}: an SQLite database that is not newsgraph's (tables: {shown}); newsgraph "
            "will not add its tables to it: give --db another file"
        )
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    unknown = [name for name in applied if name not in known]
    if unknown or version > len(known):
        found = max(version, len(applied))
        raise NewerSchema(
            f"{path}: database schema version {found} is newer than this newsgraph's "
            f"{len(known)} (unknown migrations: {', '.join(unknown) or '-'}); "
            "upgrade newsgraph to use it"
        )
    return Probe(empty=False, applied=tuple(applied))


def probe(path: str, read_only: bool, known: list[str]) -> Probe:
    """What the file at ``path`` holds, or the DatabaseProblem that rules it out.

    Reading (``read_only``): a missing, empty or table-less file is DatabaseMissing, never
    created or changed. Writing: those become a new newsgraph database."""
    file = Path(path)
    if not file.exists():
        if read_only:
            raise DatabaseMissing(f"{path}: no database here (run `newsgraph ingest PATH "
                                  f"--db {path}` to make one)")
        return Probe(empty=True)
    problem = header_problem(file)
    if problem is not None:
        raise problem
    if file.stat().st_size == 0:
        state = Probe(empty=True)
    else:
        try:
            conn, immutable = open_probe(path)
            try:
                found = schema_state(conn, path, known)
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise classify(exc, path) from exc
        state = Probe(found.empty, found.applied, immutable)
    if read_only and state.empty:
        raise DatabaseMissing(f"{path}: holds no newsgraph data yet (not migrated); run "
                              f"`newsgraph ingest PATH --db {path}`")
    return state
