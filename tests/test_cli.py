"""End-to-end: the CLI over real articles (the demo corpus and ../shared corpora)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from dbcheck import identity_partition

from newsgraph.cli import cli

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    code, out, err = run("ingest", str(DEMO), "--db", str(db), "--quiet")
    assert code == 0, err
    return db


def test_cli_ingest_demo_stores_every_article(demo_db: Path) -> None:
    code, out, _ = run("stats", "--db", str(demo_db), "--json")
    stats = json.loads(out)
    n = sum(1 for line in (DEMO / "articles.jsonl").read_text().splitlines() if line.strip())
    assert code == 0
    assert stats["articles"] == n
    assert stats["quotes"] > 0 and stats["entities"] > 0


def test_cli_ingest_twice_stores_nothing_new(demo_db: Path) -> None:
    code, out, _ = run("ingest", str(DEMO), "--db", str(demo_db), "--quiet", "--json")
    report = json.loads(out)
    assert code == 0
    assert report["stored"] == 0 and report["updated"] == 0 and report["unchanged"] > 0


def test_cli_quotes_json_rows_point_into_the_article(demo_db: Path) -> None:
    code, out, _ = run("quotes", "--db", str(demo_db), "--json")
    rows = json.loads(out)
    assert code == 0 and rows
    texts = {}
    for line in (DEMO / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts[record["id"]] = record["text"]
    for row in rows:
        text = texts[row["article_id"]]
        assert 0 <= row["start"] < row["end"] <= len(text)


def test_cli_quotes_filter_by_kind_and_confidence(demo_db: Path) -> None:
    _, out, _ = run("quotes", "--db", str(demo_db), "--json")
    every = json.loads(out)
    code, out, _ = run("quotes", "--db", str(demo_db), "--json", "--kind", "direct",
                       "--kind", "partial")
    quoted = json.loads(out)
    assert code == 0 and quoted
    assert {q["kind"] for q in quoted} == {"direct", "partial"}
    assert len(quoted) == sum(q["kind"] != "indirect" for q in every)
    code, out, _ = run("quotes", "--db", str(demo_db), "--json", "--min-confidence", "0.85")
    sure = json.loads(out)
    assert code == 0 and 0 < len(sure) < len(every)
    assert all(q["confidence"] >= 0.85 for q in sure)
    code, _, err = run("quotes", "--db", str(demo_db), "--kind", "stance")
    assert code == 2 and "stance" in err


def test_cli_show_unknown_article_exits_1(demo_db: Path) -> None:
    code, _, err = run("show", "no-such-article", "--db", str(demo_db))
    assert code == 1
    assert "no article" in err


def test_cli_query_without_database_says_how_to_make_one(tmp_path: Path) -> None:
    code, _, err = run("stats", "--db", str(tmp_path / "missing.db"))
    assert code == 1
    assert "newsgraph ingest" in err


def test_cli_export_csv_has_header_and_rows(demo_db: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "quotes.csv"
    code, _, _ = run("export", "--db", str(demo_db), "--format", "csv", "--table", "quotes",
                     "-o", str(out_file))
    lines = out_file.read_text(encoding="utf-8").splitlines()
    assert code == 0 and len(lines) > 1


def test_cli_export_jsonl_one_record_per_article(demo_db: Path) -> None:
    code, out, _ = run("export", "--db", str(demo_db), "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert code == 0
    assert len(records) == json.loads(run("stats", "--db", str(demo_db), "--json")[1])["articles"]


def test_cli_entities_says_when_cut_and_how_to_see_all(demo_db: Path) -> None:
    code, out, err = run("entities", "--db", str(demo_db), "--limit", "3")
    _, every, all_err = run("entities", "--db", str(demo_db), "--limit", "0")
    total = len(every.splitlines())
    assert code == 0 and len(out.splitlines()) == 3 and total > 3
    assert f"showing 3 of {total} entities; --limit 0 for all" in err
    assert "showing" not in all_err and f"{total} entities" in all_err


def test_cli_quote_text_cut_only_without_full() -> None:
    from newsgraph.cli import QUOTE_WIDTH, _format_quote

    row = {"speaker_name": "Dana Roe", "kind": "direct", "article_id": "a1", "start": 0,
           "end": 500, "text": "We will rebuild the pier, " * 20}
    assert len(row["text"]) > QUOTE_WIDTH
    assert row["text"] not in _format_quote(row) and "...”" in _format_quote(row)
    assert row["text"] in _format_quote(row, full=True)


def test_cli_show_by_part_of_the_id_prints_metadata_and_readable_roles(demo_db: Path) -> None:
    code, out, _ = run("show", "01", "--db", str(demo_db))
    record = json.loads((DEMO / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert code == 0 and out.startswith(f"{record['id']}  {record['title']}")
    assert f"published: {record['published']}" in out and f"source: {record['source']}" in out
    assert "None" not in out and "{'" not in out
    assert "role: Katherine Mulvey: chair, Saltmere Harbour Users Association" in out


def test_cli_show_refuses_a_part_naming_several(demo_db: Path) -> None:
    code, _, err = run("show", "saltmere-1", "--db", str(demo_db))
    assert code == 1 and "several articles" in err and "saltmere-10" in err


def test_cli_quotes_article_by_unique_part_or_says_no_such(demo_db: Path) -> None:
    code, out, _ = run("quotes", "--db", str(demo_db), "--article", "-03", "--json")
    rows = json.loads(out)
    assert code == 0 and rows and {r["article_id"] for r in rows} == {"saltmere-03"}
    code, _, err = run("quotes", "--db", str(demo_db), "--article", "no-such-thing")
    assert code == 1 and "no article 'no-such-thing'" in err


def test_cli_quotes_sort_since_until(demo_db: Path) -> None:
    code, out, _ = run("quotes", "--db", str(demo_db), "--json", "--sort", "oldest",
                       "--since", "2024-03-08", "--until", "2024-03")
    dates = [r["published"] for r in json.loads(out)]
    assert code == 0 and dates and dates == sorted(dates)
    assert all("2024-03-08" <= d <= "2024-03-31" for d in dates)
    _, out, _ = run("quotes", "--db", str(demo_db), "--json", "--sort", "confidence")
    sure = [r["confidence"] for r in json.loads(out)]
    assert sure == sorted(sure, reverse=True)
    code, _, err = run("quotes", "--db", str(demo_db), "--since", "8 March")
    assert code == 2 and "YYYY-MM-DD" in err


def test_cli_quotes_limit_says_how_many_there_are(demo_db: Path) -> None:
    _, every, _ = run("quotes", "--db", str(demo_db), "--json")
    code, out, err = run("quotes", "--db", str(demo_db), "--limit", "2")
    assert code == 0 and len(out.splitlines()) == 2
    assert f"showing 2 of {len(json.loads(every))} quotation(s)" in err


def test_cli_entity_suggests_close_names(demo_db: Path) -> None:
    code, _, err = run("entity", "Katherine Mulvy", "--db", str(demo_db))
    assert code == 1 and "did you mean 'Katherine Mulvey'" in err
    code, _, err = run("entity", "Zebedee Quarnstrom", "--db", str(demo_db))
    assert code == 1 and "did you mean" not in err


def test_cli_serve_warns_off_loopback_and_prints_the_token(demo_db: Path, monkeypatch) -> None:
    import uvicorn

    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.append((app, kw)))
    monkeypatch.delenv("NEWSGRAPH_TOKEN", raising=False)
    code, _, err = run("serve", "--db", str(demo_db), "--host", "0.0.0.0", "--allow-writes")
    app, options = served[0]
    assert code == 0 and options == {"host": "0.0.0.0", "port": 8000, "log_level": "warning"}
    assert "warning: listening on 0.0.0.0" in err
    assert f"Authorization: Bearer {app.state.token}" in err
    code, _, err = run("serve", "--db", str(demo_db))
    assert code == 0 and "warning" not in err and "Bearer" not in err
    assert served[1][1]["host"] == "127.0.0.1" and served[1][0].state.allow_writes is False


def _check_offsets(record: dict) -> None:
    text = record["text"]

    def ok(start: int, end: int) -> None:
        assert 0 <= start <= end <= len(text)

    for q in record["quotes"]:
        ok(q["start"], q["end"])
        assert q["start"] <= min(s for s, _ in q["spans"]) if q["spans"] else True
        for s, e in q["spans"]:
            ok(s, e)
            assert s >= q["start"] and e <= q["end"]
        if q["cue"]:
            ok(q["cue"]["start"], q["cue"]["end"])
            assert text[q["cue"]["start"]:q["cue"]["end"]] == q["cue"]["text"]
        mention = (q["speaker"] or {}).get("mention")
        if mention:
            assert text[mention["start"]:mention["end"]] == mention["text"]
    for e in record["entities"]:
        for s, t in e["mentions"]:
            ok(s, t)
    for r in record["roles"]:
        ok(r["start"], r["end"])
    for t in record["times"]:
        assert text[t["start"]:t["end"]] == t["text"]


def test_cli_extract_seeds_text_is_the_file_and_offsets_slice(corpora: Path) -> None:
    seeds = sorted((corpora / "seeds").glob("*.txt"))
    code, out, _ = run("extract", *map(str, seeds))
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert len(records) == len(seeds)
    for path, record in zip(seeds, records, strict=True):
        assert record["text"].encode("utf-8") == path.read_bytes()
        assert record["article"]["path"] == str(path)
        _check_offsets(record)


def test_cli_extract_demo_offsets_slice() -> None:
    code, out, _ = run("extract", str(DEMO / "articles.jsonl"))
    assert code == 0
    for line in out.splitlines():
        _check_offsets(json.loads(line))


def test_cli_ingest_polnear_dev_reads_titles_and_dates(corpora: Path, tmp_path: Path) -> None:
    texts = sorted((corpora / "polnear" / "dev" / "text").glob("*.txt"))[:3]
    folder = tmp_path / "dev"
    folder.mkdir()
    db = tmp_path / "p.db"
    # ingest the real files (a folder of symlinks keeps the sample small)
    for t in texts:
        (folder / t.name).symlink_to(t)
    (tmp_path / "metadata.tsv").symlink_to(corpora / "polnear" / "metadata.tsv")
    code, _, err = run("ingest", str(folder), "--db", str(db), "--quiet")
    assert code == 0, err
    con = sqlite3.connect(db)
    rows = con.execute(
        "select title, published from article_revisions where superseded_at is null"
    ).fetchall()
    assert len(rows) == 3
    assert all(title and published for title, published in rows)


def _count_articles(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("select count(*) from articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_cli_killed_ingest_resumes_to_the_same_counts(corpora: Path, tmp_path: Path) -> None:
    """Kill an ingest midway (SIGKILL), rerun it: the counts equal an uninterrupted run."""
    sample = tmp_path / "sample.jsonl"
    with (corpora / "afp-xinhua-newswire.jsonl").open(encoding="utf-8") as fh:
        sample.write_text("".join(next(fh) for _ in range(120)), encoding="utf-8")
    whole, broken = tmp_path / "whole.db", tmp_path / "broken.db"
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(sample), "--quiet", "--db"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    proc = subprocess.Popen([*command, str(broken)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count_articles(broken) < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _count_articles(broken)
    assert 0 < partial < 120, "the kill should land midway"

    subprocess.run([*command, str(broken)], env=env, check=True, capture_output=True)
    subprocess.run([*command, str(whole)], env=env, check=True, capture_output=True)
    stats = [json.loads(run("stats", "--db", str(db), "--json")[1]) for db in (broken, whole)]
    for key in ("articles", "revisions", "quotes", "entity_rows", "roles", "times"):
        assert stats[0][key] == stats[1][key], key
    # identities: within a bound, and equal after a rebuild (see the many-kills test below)
    assert abs(stats[0]["identities"] - stats[1]["identities"]) <= stats[1]["identities"] / 100
    for db in (broken, whole):
        assert run("resolve", "--rebuild", "--db", str(db))[0] == 0
    assert identity_partition(broken) == identity_partition(whole)
    for db in (broken, whole):  # every cross-article update the kill interrupted was resumed
        con = sqlite3.connect(db)
        assert con.execute("SELECT COUNT(*) FROM stage_queue").fetchone()[0] == 0
        unresolved = con.execute(
            "SELECT COUNT(*) FROM live_entities e WHERE NOT EXISTS"
            " (SELECT 1 FROM identity_members m WHERE m.entity_row = e.id)").fetchone()[0]
        con.close()
        assert unresolved == 0



@pytest.mark.slow
def test_cli_kill_at_many_points_loses_nothing(corpora: Path, tmp_path: Path) -> None:
    """SIGKILL an ingest again and again, at points spread over the run (after a batch is
    committed, while the next is analysed or stored, in the last batch), resuming each time:
    the end is the uninterrupted run's record, identities and cross-article stages included."""
    sample = tmp_path / "sample.jsonl"
    with (corpora / "afp-xinhua-newswire.jsonl").open(encoding="utf-8") as fh:
        sample.write_text("".join(next(fh) for _ in range(150)), encoding="utf-8")
    whole, broken = tmp_path / "whole.db", tmp_path / "broken.db"
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(sample), "--quiet", "--db"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    kills, delays = 0, [2.0, 0.5, 3.0, 0.2, 1.0, 4.0]
    for delay in delays:
        before = _count_articles(broken)
        proc = subprocess.Popen([*command, str(broken)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        # wait for this run to commit something new (or a while), then a little more
        while (_count_articles(broken) <= before and time.monotonic() < deadline
               and proc.poll() is None):
            time.sleep(0.05)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
    # how many land depends on the machine's speed (a loaded one may finish a run inside a
    # delay): at least one, usually three or four
    assert kills >= 1, "the kills should land before the run ends"
    subprocess.run([*command, str(broken)], env=env, check=True, capture_output=True)
    subprocess.run([*command, str(whole)], env=env, check=True, capture_output=True)
    stats = [json.loads(run("stats", "--db", str(db), "--json")[1]) for db in (broken, whole)]
    for key in ("articles", "quotes", "entity_rows", "roles", "times"):
        assert stats[0][key] == stats[1][key], key
    # Identities made batch by batch depend a hair on the run's history (the writer's resolver
    # carries over between batches; a resumed run starts a new one): a bound, then equality
    # after a rebuild, which resolves every row in publication order.
    assert abs(stats[0]["identities"] - stats[1]["identities"]) <= stats[1]["identities"] / 100
    for db in (broken, whole):
        assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM stage_queue").fetchone()[0] == 0
    for db in (broken, whole):
        code, out, err = run("resolve", "--rebuild", "--db", str(db))
        assert code == 0, out + err
    assert identity_partition(broken) == identity_partition(whole)
    exports = [run("export", "--db", str(db), "--format", "jsonl", "--table", "stories")[1]
               for db in (broken, whole)]
    assert exports[0] == exports[1]
