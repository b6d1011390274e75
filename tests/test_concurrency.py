"""Readers and a second writer during an ingest, and arrival order: what the issue's repros
did (readers that wrote, identities that depended on order), checked on the demo corpus.

The demo corpus (examples/demo, fiction written for this project) is copied under new ids
so an ingest lasts long enough for readers to run beside it.
"""

from __future__ import annotations

import json
import os
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
DEMO = REPO / "examples" / "demo" / "articles.jsonl"


def demo_records(copies: int = 1) -> list[dict]:
    records = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()]
    return [{**r, "id": f"{r['id']}-{k}" if copies > 1 else r["id"]}
            for k in range(copies) for r in records]


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output



def ingest_command(source: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "newsgraph.cli", "ingest", str(source), "--db", str(db),
            "--quiet"]


def has_schema(db: Path) -> bool:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return bool(con.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'live_counts'").fetchone())
        finally:
            con.close()
    except sqlite3.Error:
        return False


@pytest.mark.slow
def test_concurrency_rebuild_gives_the_same_identities_in_any_order(tmp_path: Path) -> None:
    records = demo_records()
    forward, backward = tmp_path / "forward.db", tmp_path / "backward.db"
    for db, ordered in ((forward, records), (backward, records[::-1])):
        code, out = run("ingest", str(write(tmp_path / f"{db.stem}.jsonl", ordered)),
                        "--db", str(db), "--quiet")
        assert code == 0, out
        code, out = run("resolve", "--rebuild", "--db", str(db))
        assert code == 0, out
    assert identity_partition(forward) == identity_partition(backward)


@pytest.mark.slow
def test_concurrency_readers_during_ingest_fail_never_and_change_nothing(tmp_path: Path) -> None:
    source = write(tmp_path / "many.jsonl", demo_records(copies=4))
    busy, quiet = tmp_path / "busy.db", tmp_path / "quiet.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(ingest_command(source, busy), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while not has_schema(busy) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    questions = [["stats", "--json"], ["entities", "--limit", "1"],
                 ["quotes", "--speaker", "William Tregarthen", "--limit", "3"],
                 ["entity", "Katherine Mulvey"], ["search", "boatyard"]]
    calls, failures = 0, []
    while proc.poll() is None and time.monotonic() < deadline:
        for args in questions:
            code, out = run(*args, "--db", str(busy))
            calls += 1
            if code not in (0, 1):  # 1: nothing stored yet for that name
                failures.append((args, code, out))
    assert proc.wait() == 0, proc.stderr.read().decode() if proc.stderr else ""
    assert calls >= len(questions) and failures == []
    subprocess.run(ingest_command(source, quiet), env=env, check=True, capture_output=True)
    stats = [json.loads(run("stats", "--json", "--db", str(db))[1]) for db in (busy, quiet)]
    assert stats[0] == stats[1]
    assert identity_partition(busy) == identity_partition(quiet)


@pytest.mark.slow
def test_concurrency_two_writers_lose_nothing(tmp_path: Path) -> None:
    records = demo_records(copies=2)
    half = len(records) // 2
    first = write(tmp_path / "first.jsonl", records[:half])
    second = write(tmp_path / "second.jsonl", records[half:])
    shared, alone = tmp_path / "shared.db", tmp_path / "alone.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    procs = [subprocess.Popen(ingest_command(p, shared), env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE) for p in (first, second)]
    assert [p.wait(timeout=600) for p in procs] == [0, 0]
    subprocess.run(ingest_command(write(tmp_path / "all.jsonl", records), alone), env=env,
                   check=True, capture_output=True)
    for db in (shared, alone):
        code, out = run("resolve", "--rebuild", "--db", str(db))
        assert code == 0, out
    stats = [json.loads(run("stats", "--json", "--db", str(db))[1]) for db in (shared, alone)]
    for key in ("articles", "quotes", "entity_rows", "identities"):
        assert stats[0][key] == stats[1][key], key
    assert identity_partition(shared) == identity_partition(alone)
