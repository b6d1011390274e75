"""``ingest --engine ray``: the analysis runs on a local Ray (2 CPUs, started by the test),
the writer stores what comes back, and the database equals a local ingest of the same input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from dbcheck import COMPARED, contents

from newsgraph.cli import cli

pytest.importorskip("ray", reason="Ray is not installed (pip install 'newsgraph[ray]')")

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo" / "articles.jsonl"

@pytest.mark.slow
def test_ray_engine_stores_what_a_local_ingest_stores(tmp_path: Path) -> None:
    local, remote = tmp_path / "local.db", tmp_path / "ray.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(DEMO), "--db", str(local), "--quiet", "--json"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["ingest", str(DEMO), "--db", str(remote), "--quiet", "--json",
                                 "--engine", "ray", "--workers", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["stored"] == 12 and report["rejected"] == 0
    a, b = contents(local), contents(remote)
    for name in COMPARED:
        assert a[name] == b[name], name
    assert len(a["quotes"]) > 50 and len(a["identities"]) > 10


def test_ray_engine_address_needs_the_ray_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(DEMO), "--db", str(tmp_path / "x.db"),
                                      "--address", "auto"])
    assert result.exit_code == 2 and "--engine ray" in result.output
