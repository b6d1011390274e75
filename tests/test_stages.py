"""The cross-article stages as the writer runs them: one transaction per batch, a queue that
survives interruptions, a failure that costs only its article, readers that never write.

The articles are short invented news items written for these tests.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from dbcheck import identity_partition

from newsgraph.cli import cli
from newsgraph.library import Newsgraph
from newsgraph.resolve import stages

ARTICLES = [
    {"id": "port-1", "title": "Dock strike called", "published": "2024-02-01",
     "text": "Dock workers at Kellam Port will strike on Monday, the Harbour Workers Guild "
             "said.\nGuild secretary Maria Olsen said: \"Our members have run out of patience.\""},
    {"id": "port-2", "title": "Dock strike goes ahead", "published": "2024-02-05",
     "text": "The strike at Kellam Port began on Monday. Maria Olsen said 400 members had "
             "walked out.\nThe port's owner, Brightwater Holdings, said talks would resume."},
    {"id": "school-1", "title": "School wins award", "published": "2024-02-03",
     "text": "Fenwick Primary School has won a national reading award. Its head teacher, "
             "Daniel Roe, said: \"The children did this themselves.\""},
]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def table_digest(db: Path, tables: tuple[str, ...]) -> str:
    con = sqlite3.connect(db)
    digest = hashlib.sha256()
    for table in tables:
        for row in con.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
            digest.update(repr(tuple(row)).encode())
    con.close()
    return digest.hexdigest()


def unresolved_rows(db: Path) -> int:
    con = sqlite3.connect(db)
    (n,) = con.execute(
        "SELECT COUNT(*) FROM live_entities e WHERE NOT EXISTS"
        " (SELECT 1 FROM identity_members m WHERE m.entity_row = e.id)").fetchone()
    con.close()
    return n


@pytest.mark.slow
def test_stages_ingest_resolves_in_the_batch_and_leaves_no_queue(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Newsgraph(db) as ng:
        report = ng.ingest([write_jsonl(tmp_path / "a.jsonl", ARTICLES)])
        assert report.stored == 3
        assert ng.pending_work() == {}
        changed = [{**ARTICLES[0], "text": ARTICLES[0]["text"] + " \"We will not back down.\""}]
        assert ng.ingest([write_jsonl(tmp_path / "b.jsonl", changed)]).updated == 1
    assert unresolved_rows(db) == 0
    assert kept_counts(db) == counted(db)  # the writer's live counts after an update


def kept_counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    found = dict(con.execute("SELECT key, value FROM live_counts").fetchall())
    con.close()
    return found


def counted(db: Path) -> dict[str, int]:
    from newsgraph.store.migrations import LIVE_COUNT_SQL

    con = sqlite3.connect(db)
    found = {k: con.execute(sql).fetchone()[0] for k, sql in LIVE_COUNT_SQL.items()}
    con.close()
    return found


@pytest.mark.slow
def test_stages_interrupted_update_rolls_back_the_batch_and_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill inside the identity update (here: an exception no handler catches, as a
    signal would be) leaves nothing half-written; the rerun stores and resolves everything."""
    db, source = tmp_path / "news.db", write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    original = stages.STAGES[0]

    def killed(store, articles):
        raise KeyboardInterrupt

    monkeypatch.setattr(stages, "STAGES", [stages.Stage("identities", killed)])
    with Newsgraph(db) as ng, pytest.raises(KeyboardInterrupt):
        ng.ingest([source])
    with Newsgraph(db) as ng:
        assert ng.stats()["articles"] == 0  # the batch's transaction was rolled back
    monkeypatch.setattr(stages, "STAGES", [original])
    with Newsgraph(db) as ng:
        assert ng.ingest([source]).stored == 3
        assert ng.pending_work() == {}
    assert unresolved_rows(db) == 0


@pytest.mark.slow
def test_stages_queued_work_is_resumed_by_the_next_ingest(tmp_path: Path) -> None:
    """Work left in the queue (a database from before the queue, or a writer that died
    between its transactions) is done by the next ingest even when it brings nothing new."""
    db, source = tmp_path / "news.db", write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    with Newsgraph(db) as ng:
        ng.ingest([source])
        with ng.store.transaction() as conn:
            conn.execute("DELETE FROM identity_members")
            ng.store.enqueue(["port-1", "port-2", "school-1"], ["identities"])
    assert unresolved_rows(db) > 0
    with Newsgraph(db) as ng:
        report = ng.ingest([source])
        assert report.unchanged == 3 and report.stored == 0
        assert ng.pending_work() == {}
    assert unresolved_rows(db) == 0


@pytest.mark.slow
def test_stages_a_failing_article_costs_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, source = tmp_path / "news.db", write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    original = stages.STAGES[0]

    def fails_on_school(store, articles):
        if "school-1" in articles:
            raise ValueError("a stage bug")
        return original.update(store, articles)

    monkeypatch.setattr(stages, "STAGES", [stages.Stage("identities", fails_on_school)])
    with Newsgraph(db) as ng:
        report = ng.ingest([source])
        assert (report.stored, report.rejected) == (2, 1)
        assert any("a.jsonl:3" in e and "a stage bug" in e for e in report.errors), report.errors
        assert ng.pending_work() == {}
        assert {a["id"] for a in ng.store.articles()} == {"port-1", "port-2"}


@pytest.mark.slow
def test_stages_readers_never_write(tmp_path: Path) -> None:
    """Queries leave queued work queued and every table as it was: only writers resolve."""
    db, source = tmp_path / "news.db", write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    with Newsgraph(db) as ng:
        ng.ingest([source])
        with ng.store.transaction():
            ng.store.enqueue(["port-2"], ["identities"])
    tables = ("identities", "identity_members", "identity_keys", "stage_queue")
    before = table_digest(db, tables)
    runner = CliRunner()
    for args in (["entities"], ["entity", "Maria Olsen"], ["quotes", "--speaker", "Olsen"],
                 ["stats"], ["export", "--format", "csv", "--table", "identities"]):
        result = runner.invoke(cli, [*args, "--db", str(db)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    assert table_digest(db, tables) == before
    with Newsgraph(db) as ng:
        assert ng.pending_work() == {"identities": 1}


def test_stages_cli_start_does_not_import_spacy() -> None:
    """Commands that do not analyse text start without loading spaCy (about 1 s)."""
    code = ("import sys\nfrom click.testing import CliRunner\nfrom newsgraph.cli import cli\n"
            "r = CliRunner().invoke(cli, ['--help'])\nassert r.exit_code == 0\n"
            "r = CliRunner().invoke(cli, ['stats', '--help'])\nassert r.exit_code == 0\n"
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


LATER = {"id": "port-3", "title": "Dock strike ends", "published": "2024-02-12",
         "text": "The strike at Kellam Port ended on Friday. Maria Olsen said members had voted "
                 "to accept the offer from Brightwater Holdings."}


@pytest.mark.slow
def test_stages_identity_update_writes_only_what_changed(tmp_path: Path) -> None:
    """An article that adds members to known identities deletes no stored member, alias,
    key or merge reason (they used to be deleted and written again on every change), and
    ends with the same identities a single run gives."""
    db = tmp_path / "news.db"
    with Newsgraph(db) as ng:
        ng.ingest([write_jsonl(tmp_path / "a.jsonl", ARTICLES)])
        conn = ng.store.conn
        conn.execute("CREATE TEMP TABLE deleted (tbl TEXT)")
        for table in ("identity_members", "identity_aliases", "identity_keys",
                      "identity_merges"):
            conn.execute(f"CREATE TEMP TRIGGER count_{table} AFTER DELETE ON main.{table}"
                         f" BEGIN INSERT INTO deleted VALUES ('{table}'); END")
        members_before = conn.execute("SELECT COUNT(*) FROM identity_members").fetchone()[0]
        assert ng.ingest([write_jsonl(tmp_path / "b.jsonl", [LATER])]).stored == 1
        assert conn.execute("SELECT COUNT(*) FROM deleted").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM identity_members").fetchone()[0] > members_before
        olsen = ng.entity("Maria Olsen")
        assert olsen is not None and {a["id"] for a in olsen["articles"]} >= {"port-1", "port-3"}
    whole = tmp_path / "whole.db"
    with Newsgraph(whole) as ng:
        ng.ingest([write_jsonl(tmp_path / "c.jsonl", [*ARTICLES, LATER])])
    assert identity_partition(db) == identity_partition(whole)



@pytest.mark.slow
def test_stages_a_writer_s_cached_resolver_decides_as_a_fresh_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the demo corpus, batches resolved with the resolver the writer keeps over its run
    give the identities that reading every batch's identities afresh gives. (Not always to
    the last identity on a large archive: see test_cli_kill_at_many_points_loses_nothing.)"""
    from newsgraph import library
    from newsgraph.resolve import sync

    demo = Path(__file__).resolve().parent.parent / "examples" / "demo" / "articles.jsonl"
    monkeypatch.setattr(library, "BATCH", 3)  # many batches: the cache is used and extended
    cached, fresh = tmp_path / "cached.db", tmp_path / "fresh.db"
    with Newsgraph(cached) as ng:
        ng.ingest([demo])
        assert ng.store.resolver_cache.resolver is not None
    with Newsgraph(fresh) as ng:
        ng.store.resolver_cache = sync.ResolverCache(limit=0)  # never reused: read afresh
        ng.ingest([demo])
        assert ng.store.resolver_cache.resolver is not None
    assert identity_partition(cached) == identity_partition(fresh)
    assert table_digest(cached, ("identity_keys",)) != "" and len(identity_partition(cached)) > 10
