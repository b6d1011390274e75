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
    """Apply every pending migration (``conn`` must be in autocommit mode); their names.

    The schema version (how many migrations are applied) is kept in ``PRAGMA user_version``
    too, set in the same transaction as each migration."""
    applied: list[str] = []
    todo = pending(conn)
    record_version(conn)
    for m in todo:
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
            (count,) = conn.execute("SELECT COUNT(*) FROM migrations").fetchone()
            conn.execute(f"PRAGMA user_version = {int(count)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(m.name)
    return applied


def record_version(conn: sqlite3.Connection) -> None:
    """Set ``PRAGMA user_version`` to the number of migrations applied, where a database
    made before versions were recorded still says less."""
    (count,) = conn.execute("SELECT COUNT(*) FROM migrations").fetchone()
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if version < count:
        conn.execute(f"PRAGMA user_version = {int(count)}")


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


# --- 0003: what each time was resolved against, and how finely it places the time ---


@migration("0003_time_anchors")
def time_anchors(conn: sqlite3.Connection) -> None:
    """``times.anchor`` ("publication", "previous:<offset>" or NULL) and ``times.granularity``
    ("day", "month", "quarter", ...; NULL for durations): a timeline sorts "June 2018" against
    "2018-06-20" by them. Rows stored before this migration keep NULL in both."""
    run_statements(conn, [
        "ALTER TABLE times ADD COLUMN anchor TEXT",
        "ALTER TABLE times ADD COLUMN granularity TEXT",
    ])


# --- 0004: story threads: articles clustered into stories as they arrive ---

STORY_SCHEMA = [
    # One row per story: its representative headline, first and last publication day, and
    # its centroid (JSON term -> weight: what a candidate article is compared with).
    """CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT,
        first TEXT,
        last TEXT,
        last_day INTEGER NOT NULL,
        size INTEGER NOT NULL DEFAULT 0,
        founded_by TEXT NOT NULL,
        centroid TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX stories_last ON stories (last_day)",
    # Which story each article (its current revision) belongs to; how well it matched
    # (1.0 for the article that founded it); the article's own term weights (JSON), kept so
    # a story's centroid can be rebuilt when an article leaves it.
    """CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        published TEXT,
        day INTEGER NOT NULL,
        score REAL NOT NULL,
        title TEXT,
        vector TEXT NOT NULL
    )""",
    "CREATE INDEX story_articles_story ON story_articles (story_id, day)",
    # The centroids again, one row per (term, story): the inverted index that finds
    # candidate stories, restricted to recent ones by last_day.
    """CREATE TABLE story_terms (
        term TEXT NOT NULL,
        last_day INTEGER NOT NULL,
        story_id TEXT NOT NULL,
        weight REAL NOT NULL,
        PRIMARY KEY (term, last_day, story_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX story_terms_story ON story_terms (story_id)",
    # Document frequencies of every term over the articles taken in so far, and their count.
    """CREATE TABLE story_df (
        term TEXT PRIMARY KEY,
        df INTEGER NOT NULL
    ) WITHOUT ROWID""",
    "CREATE TABLE story_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
]


@migration("0004_stories")
def stories(conn: sqlite3.Connection) -> None:
    """Story threads: stories, their articles, centroid terms (the inverted index) and the
    document frequencies of the streaming TF-IDF. Articles stored before it are queued for
    the stage, so the next ingest or resolve places them."""
    run_statements(conn, STORY_SCHEMA)
    conn.execute(
        "INSERT OR IGNORE INTO stage_queue (stage, article_id) SELECT 'stories', id FROM articles"
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


# --- 0006: figures articles give (claims) and the conflicts between them ---

CONFLICT_SCHEMA = [
    # One row per figure an article's current revision gives ("24 dead", "150 jobs"):
    # what it counts (category, grp), its value and words, and what its event is (the
    # identities of its sentence's entities, its places, its event words) as JSON lists.
    """CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        value REAL NOT NULL,
        qualifier TEXT,
        category TEXT NOT NULL,
        grp TEXT NOT NULL DEFAULT '',
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        cue INTEGER NOT NULL DEFAULT 0,
        day TEXT,
        running INTEGER NOT NULL DEFAULT 0,
        events TEXT NOT NULL DEFAULT '[]',
        places TEXT NOT NULL DEFAULT '[]',
        context TEXT NOT NULL DEFAULT '[]',
        published TEXT,
        source TEXT
    )""",
    "CREATE INDEX claims_article ON claims (article_id)",
    # The inverted index a new claim looks up: "category|group|identity" (or story) keys,
    # with the publication date ('' when unknown) so a lookup reads only a time window.
    """CREATE TABLE claim_keys (
        key TEXT NOT NULL,
        published TEXT NOT NULL,
        claim_id INTEGER NOT NULL,
        PRIMARY KEY (key, published, claim_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX claim_keys_claim ON claim_keys (claim_id)",
    # Two claims about the same thing with different values: a disagreement (about the same
    # time) or an update (a later report revising the figure).
    """CREATE TABLE conflicts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        disagreement INTEGER NOT NULL,
        reason TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE conflict_claims (
        conflict_id TEXT NOT NULL,
        claim_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (conflict_id, claim_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX conflict_claims_claim ON conflict_claims (claim_id)",
]


@migration("0006_conflicts")
def conflicts(conn: sqlite3.Connection) -> None:
    """Claims (figures with what they count), their lookup keys, and conflicts between them."""
    run_statements(conn, CONFLICT_SCHEMA)


# --- 0007: counts of the live rows, kept by the writer so `stats` reads no table whole ---

LIVE_COUNT_SQL = {
    "quotes": "SELECT COUNT(*) FROM live_quotes",
    "attributed_quotes": "SELECT COUNT(*) FROM live_quotes WHERE speaker_name IS NOT NULL",
    "entity_rows": "SELECT COUNT(*) FROM live_entities",
    "roles": "SELECT COUNT(*) FROM live_roles",
    "times": "SELECT COUNT(*) FROM live_times",
    "warnings": "SELECT COUNT(*) FROM live_warnings",
}


@migration("0007_live_counts")
def live_counts(conn: sqlite3.Connection) -> None:
    """One row per count of current-revision rows; ``save_analysis_in`` adds a new
    revision's counts and takes away the superseded one's in the same transaction."""
    conn.execute("CREATE TABLE live_counts (key TEXT PRIMARY KEY, value INTEGER NOT NULL)")
    for key, sql in LIVE_COUNT_SQL.items():
        (value,) = conn.execute(sql).fetchone()
        conn.execute("INSERT INTO live_counts (key, value) VALUES (?, ?)", (key, value))


# --- 0008: each identity's counts, kept by the writer so listing entities reads no aggregate ---

IDENTITY_COUNTS_SCHEMA = [
    """CREATE TABLE identity_counts (
        identity_id TEXT PRIMARY KEY,
        articles INTEGER NOT NULL,
        mentions INTEGER NOT NULL,
        quotes INTEGER NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX identity_counts_rank ON identity_counts (articles DESC, mentions DESC)",
]

# The counts of the identities in :ids (a JSON list), from their members: distinct articles,
# mentions, and quotations whose speaker is one of the members (current revisions only).
REFRESH_IDENTITY_COUNTS = """
    INSERT OR REPLACE INTO identity_counts (identity_id, articles, mentions, quotes)
    SELECT m.identity_id, COUNT(DISTINCT m.article_id),
           COALESCE(SUM(json_array_length(e.mentions)), 0),
           (SELECT COUNT(*) FROM identity_members m2
            JOIN entities e2 ON e2.id = m2.entity_row
            JOIN articles a2 ON a2.id = e2.article_id AND a2.revision = e2.revision
            JOIN quotes q ON q.article_id = e2.article_id AND q.revision = e2.revision
                         AND q.speaker_entity = e2.entity_id
            WHERE m2.identity_id = m.identity_id)
    FROM identity_members m JOIN entities e ON e.id = m.entity_row
    WHERE m.identity_id IN (SELECT value FROM json_each(:ids))
    GROUP BY m.identity_id"""


@migration("0008_identity_counts")
def identity_counts(conn: sqlite3.Connection) -> None:
    """Articles, mentions and quotations per identity, refreshed for the identities an
    update changes (``IdentityQueries.save_identities``)."""
    run_statements(conn, IDENTITY_COUNTS_SCHEMA)
    conn.execute(REFRESH_IDENTITY_COUNTS.replace(
        "WHERE m.identity_id IN (SELECT value FROM json_each(:ids))", ""))


# --- 0009: the pages ``follow`` has seen in feeds and sitemaps ---


@migration("0009_followed")
def followed(conn: sqlite3.Connection) -> None:
    """One row per page URL a followed feed or sitemap listed (``newsgraph.store.followed``)."""
    from newsgraph.store.followed import FOLLOWED_SCHEMA

    run_statements(conn, FOLLOWED_SCHEMA)


# --- 0010: whether the speaker asserts a quotation, and whom a spokesperson speaks for ---


@migration("0010_quote_polarity")
def quote_polarity(conn: sqlite3.Connection) -> None:
    """``quotes.polarity`` ("denied", "not_confirmed", "refused"; NULL when the speaker
    asserts the content) and ``quotes.speaker_principal`` (whom an unnamed spokesperson
    speaks for). Rows stored before this migration keep NULL in both."""
    run_statements(conn, [
        "ALTER TABLE quotes ADD COLUMN polarity TEXT",
        "ALTER TABLE quotes ADD COLUMN speaker_principal TEXT",
    ])


# --- 0011: who quotes whom, kept by a stage instead of computed over every quotation ---


@migration("0011_quote_edges")
def quote_edges(conn: sqlite3.Connection) -> None:
    """``quote_edges`` (``newsgraph.store.quote_edges``); every stored article is queued for
    the stage, which fills it on the next ``ingest`` or ``resolve``."""
    from newsgraph.store.quote_edges import SCHEMA

    run_statements(conn, SCHEMA)
    conn.execute("INSERT OR IGNORE INTO stage_queue (stage, article_id)"
                 " SELECT 'quote_edges', id FROM articles")


# --- conflicts: a claim told as another incident than its article's main one ---


@migration("0012_conflicts_secondary")
def conflicts_secondary(conn: sqlite3.Connection) -> None:
    """``claims.secondary``: 1 for a figure its article tells as another incident ("in
    another accident"); rows stored before keep 0 until ``resolve --rebuild``."""
    conn.execute("ALTER TABLE claims ADD COLUMN secondary INTEGER NOT NULL DEFAULT 0")


# --- conflicts: claims that are not figures (an event's day, a title, a perpetrator) ---


@migration("0013_claims_kinds")
def claims_kinds(conn: sqlite3.Connection) -> None:
    """``claims.kind`` ("number", "date", "role", "name") and ``claims.value_text`` (the
    value of a claim that is no figure: "2006-11-12", "deputy foreign minister", a group's
    name). Rows stored before are figures; the other kinds come with ``resolve --rebuild``."""
    run_statements(conn, [
        "ALTER TABLE claims ADD COLUMN kind TEXT NOT NULL DEFAULT 'number'",
        "ALTER TABLE claims ADD COLUMN value_text TEXT",
    ])


# --- 0014 (speakers): what a quotation reports, and the evidence for its speaker ---


@migration("0014_speakers_quote_mode")
def speakers_quote_mode(conn: sqlite3.Connection) -> None:
    """``quotes.mode`` (speech, belief, intention, stance, other), ``quotes.speaker_via``
    (how the quotation was tied to its speaker's words: "tag", "previous paragraph", ...),
    ``quotes.speaker_resolved`` (how those words were resolved to a name: "name",
    "pronoun", "role noun", ...), ``quotes.speaker_confidence`` and ``quotes.verbatim``
    (JSON pairs: the words inside the article's own quotation marks). Rows stored before
    this migration are speech with NULL evidence until their article is analysed again."""
    run_statements(conn, [
        "ALTER TABLE quotes ADD COLUMN mode TEXT NOT NULL DEFAULT 'speech'",
        "ALTER TABLE quotes ADD COLUMN speaker_via TEXT",
        "ALTER TABLE quotes ADD COLUMN speaker_resolved TEXT",
        "ALTER TABLE quotes ADD COLUMN speaker_confidence REAL",
        "ALTER TABLE quotes ADD COLUMN verbatim TEXT",
        "CREATE INDEX quotes_mode ON quotes (mode)",
    ])


# --- 0015: each identity's running summary, so an update reads no identity's members ---

IDENTITY_FOLDS_SCHEMA = [
    # The fold of one identity's members' features (``resolve.identities.cluster_summary``
    # as JSON): name keys with counts, persons, acronyms, roles, organisations, co-mentioned
    # names, day range, name and type votes, member count, its first and latest members.
    # ``context``: its bulky part (co-mentioned names, latest members), read only when needed;
    # ``votes``: the types its members' names were given and their long organisation names,
    # which a resumed resolver reads for every identity it reaches (its type prior).
    """CREATE TABLE identity_folds (
        identity_id TEXT PRIMARY KEY,
        summary TEXT NOT NULL,
        context TEXT NOT NULL,
        votes TEXT NOT NULL
    )""",
    # What an identity's context gained since it was written whole, appended in order: an
    # update writes a few names and members, not the whole context, for a big identity.
    """CREATE TABLE identity_fold_log (
        id INTEGER PRIMARY KEY,
        identity_id TEXT NOT NULL,
        delta TEXT NOT NULL
    )""",
    "CREATE INDEX identity_fold_log_identity ON identity_fold_log (identity_id)",
]


@migration("0015_identity_summaries")
def identity_summaries(conn: sqlite3.Connection) -> None:
    """``identity_folds``. An identity stored before it has none: the writer reads it in full
    once, the first time an update reaches it, and writes its summary (``resolve.sync``)."""
    run_statements(conn, IDENTITY_FOLDS_SCHEMA)


# The quote listing's two date orders over the articles (undated last, then by date, then by
# article id): a page of quotes about a common name walks the articles in that order and stops
# after the page (``Store.quotes``), instead of gathering every quote first.
QUOTE_WALK_INDEXES = [
    "CREATE INDEX article_revisions_newest"
    " ON article_revisions (published IS NULL, published DESC, article_id)",
    "CREATE INDEX article_revisions_oldest"
    " ON article_revisions (published IS NULL, published, article_id)",
]


@migration("0016_about_quote_walk")
def about_quote_walk(conn: sqlite3.Connection) -> None:
    """Indexes in the quote listing's date orders (``QUOTE_WALK_INDEXES``)."""
    run_statements(conn, QUOTE_WALK_INDEXES)


@migration("0017_revisions_analyser")
def revisions_analyser(conn: sqlite3.Connection) -> None:
    """``article_revisions.analyser``: the stamp of the analyser that produced the revision's
    rows (``newsgraph.nlp.version``); NULL for revisions stored before it was kept, which
    ``newsgraph reanalyse`` treats as due."""
    conn.execute("ALTER TABLE article_revisions ADD COLUMN analyser TEXT")
