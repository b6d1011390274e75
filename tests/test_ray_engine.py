"""``ingest --engine ray``: the analysis runs on a local Ray (2 CPUs, started by the test),
the writer stores what comes back, and the database equals a local ingest of the same input."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli

pytest.importorskip("ray", reason="Ray is not installed (pip install 'newsgraph[ray]')")

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo" / "articles.jsonl"

COMPARED = {
    "quotes": "SELECT article_id, quote_id, kind, text, start, \"end\", speaker_name,"
              " speaker_entity, confidence FROM live_quotes ORDER BY article_id, quote_id",
    "entities": "SELECT article_id, entity_id, name, type, aliases, mentions FROM live_entities"
                " ORDER BY article_id, entity_id",
    "roles": "SELECT article_id, entity_id, title, organisation, start FROM live_roles"
             " ORDER BY article_id, start, title",
    "times": "SELECT article_id, start, value FROM live_times ORDER BY article_id, start",
    "identities": "SELECT i.name, group_concat(e.article_id || '/' || e.entity_id) FROM"
                  " identities i JOIN identity_members m ON m.identity_id = i.id"
                  " JOIN entities e ON e.id = m.entity_row GROUP BY i.id ORDER BY 1, 2",
}


def contents(db: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in COMPARED.items()}
    finally:
        con.close()


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
