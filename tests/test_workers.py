"""``ingest --workers 2``: worker processes (forked from a process that has loaded the model,
or spawned) store exactly what one process does."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from dbcheck import COMPARED, contents

from newsgraph.cli import cli

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo" / "articles.jsonl"


@pytest.mark.slow
@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_workers_two_processes_store_what_one_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(DEMO), "--db", str(one), "--quiet"])
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("NEWSGRAPH_START", start)
    result = runner.invoke(cli, ["ingest", str(DEMO), "--db", str(two), "--quiet",
                                 "--workers", "2"])
    assert result.exit_code == 0, result.output
    a, b = contents(one), contents(two)
    for name in COMPARED:
        assert a[name] == b[name], name
    assert len(a["quotes"]) > 50
