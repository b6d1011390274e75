"""Versioned schema migrations: registered functions, each applied once and recorded.

A migration is a function taking an open connection; ``@migration("0002_identities")`` registers
it after the ones already registered. ``migrate(conn)`` runs the pending ones in order, each in
its own ``BEGIN IMMEDIATE`` transaction together with its row in the ``migrations`` table, so a
migration is either wholly applied and recorded or not at all, and two processes opening the same
file at once cannot both apply it.

Adding cross-article identities later is one more function here (e.g. ``0002_identities``
creating ``identities``, ``identity_members(identity_id, entity_row -> entities.id)``,
``identity_aliases`` and ``judgements``): every per-article entity already has a stable integer
row id to point at.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

MigrationFn = Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class Migration:
    name: str
    apply: MigrationFn


MIGRATIONS: list[Migration] = []


def migration(name: str) -> Callable[[MigrationFn], MigrationFn]:
    """Register ``fn`` as the next migration, under a unique, never-renamed ``name``."""

    def register(fn: MigrationFn) -> MigrationFn:
        if any(m.name == name for m in MIGRATIONS):
            raise ValueError(f"migration {name!r} is registered twice")
        MIGRATIONS.append(Migration(name, fn))
        return fn

    return register


def utc_now() -> str:
    """The current time as an ISO 8601 UTC string, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def ensure_migrations_table(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations ( name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )


def applied_names(conn: sqlite3.Connection) -> set[str]:
    """Names of the migrations recorded in ``conn``'s database."""
    ensure_migrations_table(conn)
    return {row[0] for row in conn.execute("SELECT name FROM migrations")}


def pending(conn: sqlite3.Connection) -> list[Migration]:
    """Registered migrations not yet recorded, in registration order."""
    done = applied_names(conn)
    return [m for m in MIGRATIONS if m.name not in done]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every pending migration (``conn`` must be in autocommit mode); their names."""
    applied: list[str] = []
    for m in pending(conn):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-check inside the write lock: another process may have just applied it.
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (m.name,)).fetchone():
                conn.execute("COMMIT")
                continue
            m.apply(conn)
            conn.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (m.name, utc_now())
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(m.name)
    return applied


def run_statements(conn: sqlite3.Connection, statements: list[str]) -> None:
    """Execute each statement in the current transaction (``executescript`` would commit)."""
    for sql in statements:
        conn.execute(sql)


# --- 0001: articles, their revisions, per-article analysis, search, ingest bookkeeping ---

REVISION_KEY = (
    "FOREIGN KEY (article_id, revision) REFERENCES article_revisions (article_id, revision)"
)

INITIAL_SCHEMA = [
    # One row per article: which revision is current.
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        revision INTEGER NOT NULL,
        first_seen TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    # Every text an article has had; superseded_at is NULL for the current one only.
    """CREATE TABLE article_revisions (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id),
        revision INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        text TEXT NOT NULL,
        title TEXT,
        published TEXT,
        source TEXT,
        url TEXT,
        author TEXT,
        path TEXT,
        meta TEXT NOT NULL DEFAULT '{}',
        tokens INTEGER NOT NULL DEFAULT 0,
        ingested_at TEXT NOT NULL,
        superseded_at TEXT,
        UNIQUE (article_id, revision)
    )""",
    "CREATE INDEX article_revisions_published ON article_revisions (published)",
    f"""CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        quote_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        spans TEXT NOT NULL DEFAULT '[]',
        cue_text TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        speaker_mention TEXT,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_name TEXT,
        speaker_description TEXT,
        speaker_type TEXT,
        speaker_entity TEXT,
        confidence REAL NOT NULL,
        UNIQUE (article_id, revision, quote_id),
        {REVISION_KEY}
    )""",
    "CREATE INDEX quotes_speaker_name ON quotes (speaker_name COLLATE NOCASE)",
    "CREATE INDEX quotes_speaker_entity ON quotes (article_id, revision, speaker_entity)",
    f"""CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        entity_id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        kind TEXT,
        aliases TEXT NOT NULL DEFAULT '[]',
        mentions TEXT NOT NULL DEFAULT '[]',
        honorifics TEXT NOT NULL DEFAULT '[]',
        UNIQUE (article_id, revision, entity_id),
        {REVISION_KEY}
    )""",
    "CREATE INDEX entities_name ON entities (name COLLATE NOCASE, type)",
    "CREATE INDEX entities_type ON entities (type)",
    f"""CREATE TABLE roles (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        entity_id TEXT NOT NULL,
        title TEXT NOT NULL,
        organisation TEXT,
        qualifier TEXT,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        date TEXT,
        {REVISION_KEY}
    )""",
    "CREATE INDEX roles_revision ON roles (article_id, revision)",
    f"""CREATE TABLE times (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        type TEXT NOT NULL,
        value TEXT NOT NULL,
        {REVISION_KEY}
    )""",
    "CREATE INDEX times_revision ON times (article_id, revision)",
    f"""CREATE TABLE warnings (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        message TEXT NOT NULL,
        {REVISION_KEY}
    )""",
    "CREATE INDEX warnings_revision ON warnings (article_id, revision)",
    # Ingest bookkeeping: runs and the items they could not read or analyse.
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        counts TEXT NOT NULL DEFAULT '{}'
    )""",
    """CREATE TABLE rejections (
        id INTEGER PRIMARY KEY,
        location TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        run_id INTEGER REFERENCES runs (id)
    )""",
    # Full-text search, external content kept in sync by triggers.
    """CREATE VIRTUAL TABLE article_fts USING fts5 (
        title, text, content='article_revisions', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER article_revisions_ai AFTER INSERT ON article_revisions BEGIN
        INSERT INTO article_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER article_revisions_ad AFTER DELETE ON article_revisions BEGIN
        INSERT INTO article_fts (article_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER article_revisions_au AFTER UPDATE OF title, text ON article_revisions BEGIN
        INSERT INTO article_fts (article_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO article_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE VIRTUAL TABLE quote_fts USING fts5 (
        text, speaker_name, content='quotes', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quote_fts (rowid, text, speaker_name)
        VALUES (new.id, new.text, new.speaker_name);
    END""",
    """CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quote_fts (quote_fts, rowid, text, speaker_name)
        VALUES ('delete', old.id, old.text, old.speaker_name);
    END""",
    """CREATE TRIGGER quotes_au AFTER UPDATE OF text, speaker_name ON quotes BEGIN
        INSERT INTO quote_fts (quote_fts, rowid, text, speaker_name)
        VALUES ('delete', old.id, old.text, old.speaker_name);
        INSERT INTO quote_fts (rowid, text, speaker_name)
        VALUES (new.id, new.text, new.speaker_name);
    END""",
]

LIVE_TABLES = ("quotes", "entities", "roles", "times", "warnings")


def live_view(table: str) -> str:
    """A view of ``table`` restricted to the rows of each article's current revision."""
    return (
        f"CREATE VIEW live_{table} AS SELECT t.* FROM {table} t"
        " JOIN articles a ON a.id = t.article_id AND a.revision = t.revision"
    )


@migration("0001_initial")
def initial(conn: sqlite3.Connection) -> None:
    """Articles with revisions, per-article analysis, FTS5 search, runs and rejections."""
    run_statements(conn, INITIAL_SCHEMA)
    run_statements(conn, [live_view(table) for table in LIVE_TABLES])
    conn.execute(
        "CREATE VIEW current_articles AS SELECT r.* FROM article_revisions r"
        " JOIN articles a ON a.id = r.article_id AND a.revision = r.revision"
    )


# --- 0002: cross-article identities, their aliases, members, merge reasons, judgements ---

IDENTITY_SCHEMA = [
    # One row per canonical entity; seq orders them by foundation, rename is a judgement's.
    """CREATE TABLE identities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        seq INTEGER NOT NULL,
        rename TEXT
    )""",
    "CREATE INDEX identities_name ON identities (name COLLATE NOCASE)",
    """CREATE TABLE identity_aliases (
        identity_id TEXT NOT NULL,
        alias TEXT NOT NULL,
        PRIMARY KEY (identity_id, alias)
    ) WITHOUT ROWID""",
    # Which identity each per-article entity row belongs to, and the type it was resolved as.
    """CREATE TABLE identity_members (
        entity_row INTEGER PRIMARY KEY REFERENCES entities (id),
        identity_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        type TEXT NOT NULL
    )""",
    "CREATE INDEX identity_members_identity ON identity_members (identity_id)",
    "CREATE INDEX identity_members_article ON identity_members (article_id)",
    # Why two members are one identity: the rule and its evidence in words.
    """CREATE TABLE identity_merges (
        id INTEGER PRIMARY KEY,
        identity_id TEXT NOT NULL,
        rule TEXT NOT NULL,
        detail TEXT NOT NULL,
        a_row INTEGER NOT NULL REFERENCES entities (id),
        b_row INTEGER NOT NULL REFERENCES entities (id)
    )""",
    "CREATE INDEX identity_merges_identity ON identity_merges (identity_id)",
    # Lookup keys ("x:person|ivor caplin", "s:caplin", "al:jlm", "n:jlm"): which identities
    # an incremental update must load to decide as a full re-resolution would.
    """CREATE TABLE identity_keys (
        key TEXT NOT NULL,
        identity_id TEXT NOT NULL,
        PRIMARY KEY (key, identity_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX identity_keys_identity ON identity_keys (identity_id)",
    # Human corrections, re-applied after every update: merge A B, split E X, rename E N.
    """CREATE TABLE judgements (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'rename')),
        a TEXT NOT NULL,
        b TEXT,
        made_at TEXT NOT NULL
    )""",
    # Small resolver facts kept between runs: the foundation counter, applied splits.
    "CREATE TABLE resolver_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
]


@migration("0002_identities")
def identities(conn: sqlite3.Connection) -> None:
    """Canonical entities across articles: aliases, members, merge reasons, judgements."""
    run_statements(conn, IDENTITY_SCHEMA)


# --- 0003: the queue of articles each cross-article stage still has to take in ---

STAGE_QUEUE_SCHEMA = [
    # One row per (stage, article) the stage has not yet updated for: written in the same
    # transaction as the article's analysis, deleted in the same transaction as the stage's
    # update, so an interrupted update is simply still queued (``resolve/stages.py``).
    """CREATE TABLE stage_queue (
        stage TEXT NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (stage, article_id)
    ) WITHOUT ROWID""",
]


@migration("0003_stage_queue")
def stage_queue(conn: sqlite3.Connection) -> None:
    """A pending-work marker per cross-article stage; the identities stage inherits what the
    old scan would have found (articles with superseded members or unresolved rows)."""
    run_statements(conn, STAGE_QUEUE_SCHEMA)
    conn.execute(
        """INSERT OR IGNORE INTO stage_queue (stage, article_id)
           SELECT DISTINCT 'identities', m.article_id FROM identity_members m
           JOIN entities t ON t.id = m.entity_row
           JOIN articles a ON a.id = t.article_id WHERE a.revision != t.revision"""
    )
    conn.execute(
        """INSERT OR IGNORE INTO stage_queue (stage, article_id)
           SELECT DISTINCT 'identities', e.article_id FROM entities e
           JOIN articles a ON a.id = e.article_id AND a.revision = e.revision
           WHERE NOT EXISTS (SELECT 1 FROM identity_members m WHERE m.entity_row = e.id)"""
    )


# --- 0005: quotations repeated across articles (``resolve/quotes.py``) ---

QUOTE_GROUP_SCHEMA = [
    # Every live quotation the stage took in (enough content to compare): its speaker's
    # identity, surname and whole name (or, unnamed, the head word of its description:
    # "officials"), its content words, and the group it belongs to (NULL: none yet).
    """CREATE TABLE quote_index (
        quote_row INTEGER PRIMARY KEY,  -- quotes.id
        article_id TEXT NOT NULL,
        identity_id TEXT,
        surname TEXT,
        source TEXT,
        name TEXT,
        words TEXT NOT NULL,
        group_id TEXT
    )""",
    "CREATE INDEX quote_index_article ON quote_index (article_id)",
    "CREATE INDEX quote_index_group ON quote_index (group_id)",
    # The inverted index a new quotation's candidates come from: speaker scope + content
    # word ("i:<identity>|budget", "s:<surname>|budget"), or run of three content words
    # ("v|deficit budget cut", unnamed speakers and long quotations) -> quotation.
    """CREATE TABLE quote_keys (
        key TEXT NOT NULL,
        quote_row INTEGER NOT NULL,
        PRIMARY KEY (key, quote_row)
    ) WITHOUT ROWID""",
    "CREATE INDEX quote_keys_row ON quote_keys (quote_row)",
    # One row per group of two or more quotations of one statement; seq orders foundation.
    """CREATE TABLE quote_groups (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE
    )""",
]


@migration("0005_quote_groups")
def quote_groups(conn: sqlite3.Connection) -> None:
    """Quotations of one statement across articles: the index and the groups."""
    run_statements(conn, QUOTE_GROUP_SCHEMA)
