"""Exports for other tools: graphs (GraphML, GEXF) that networkx reads back with their
weights, and tables as Parquet with the CSV export's rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsgraph import exports
from newsgraph.cli import cli

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo" / "articles.jsonl"

EDGES = [
    {"source": "id-a", "source_name": "Maria Olsen", "source_type": "PERSON",
     "target": "id-b", "target_name": "Brightwater Holdings", "target_type": "ORG",
     "quotes": 3, "articles": 2},
    {"source": "id-c", "source_name": "Daniel Roe", "source_type": "PERSON",
     "target": "id-a", "target_name": "Maria Olsen", "target_type": "PERSON",
     "quotes": 1, "articles": 1},
]


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_exports_graph_round_trips_names_and_weights(tmp_path: Path, fmt, read) -> None:
    path = tmp_path / f"g.{fmt}"
    exports.write_graph(exports.graph_of(EDGES, "quotes"), fmt, path)
    graph = read(path)
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 2
    assert graph.nodes["id-b"]["label"] == "Brightwater Holdings"
    assert float(graph.edges["id-a", "id-b"]["weight"]) == 3.0


def test_exports_unknown_graph_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="graphml"):
        exports.write_graph(exports.graph_of(EDGES, "quotes"), "dot", tmp_path / "g.dot")


def test_exports_parquet_keeps_rows_and_lists_as_json(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    assert exports.write_parquet([{"a": 1, "spans": [[0, 4]]}, {"a": 2, "spans": []}], path) == 2
    table = pq.read_table(path).to_pylist()
    assert table == [{"a": 1, "spans": "[[0, 4]]"}, {"a": 2, "spans": "[]"}]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("exports") / "demo.db"
    result = CliRunner().invoke(cli, ["ingest", str(DEMO), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.slow
def test_exports_cli_parquet_equals_the_csv(demo_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "quotes.parquet"
    result = runner.invoke(cli, ["export", "--db", str(demo_db), "--format", "parquet",
                                 "--table", "quotes", "-o", str(out)])
    assert result.exit_code == 0, result.output
    as_csv = runner.invoke(cli, ["export", "--db", str(demo_db), "--format", "csv",
                                 "--table", "quotes"]).stdout
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    table = pq.read_table(out).to_pylist()
    assert len(table) == len(rows) > 50
    assert [r["text"] for r in table] == [r["text"] for r in rows]


@pytest.mark.slow
@pytest.mark.parametrize("graph", ["quotes", "comentions"])
def test_exports_cli_graphs_open_in_networkx(demo_db: Path, tmp_path: Path, graph) -> None:
    out = tmp_path / f"{graph}.gexf"
    result = CliRunner().invoke(cli, ["export", "--db", str(demo_db), "--format", "gexf",
                                      "--graph", graph, "-o", str(out)])
    assert result.exit_code == 0, result.output
    loaded = nx.read_gexf(out)
    assert loaded.number_of_edges() > 0
    assert all("label" in data for _, data in loaded.nodes(data=True))


def test_exports_cli_file_formats_need_an_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "x.db"),
                                      "--format", "parquet"])
    assert result.exit_code == 2 and "-o FILE" in result.output
