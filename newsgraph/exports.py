"""Exports for the tools people use: graphs for Gephi and the like (GraphML, GEXF, written by
networkx) and any table as Parquet (pyarrow: pandas, DuckDB, polars read it).

Pure functions over rows the library gives; the CLI's ``export`` calls them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

GRAPHS = ("quotes", "comentions")  # who quotes whom; who is named with whom
GRAPH_FORMATS = ("graphml", "gexf")


def graph_of(edges: Iterable[dict[str, Any]], weight: str) -> Any:
    """A directed networkx graph of identities from edge rows (source, source_name,
    source_type, target, ...), the edges weighted by ``weight`` (and every count kept)."""
    import networkx as nx

    graph = nx.DiGraph()
    for e in edges:
        for side in ("source", "target"):
            graph.add_node(e[side], label=e[f"{side}_name"], type=e[f"{side}_type"])
        counts = {k: v for k, v in e.items() if isinstance(v, int)}
        graph.add_edge(e["source"], e["target"], weight=e[weight], **counts)
    return graph


def write_graph(graph: Any, fmt: str, path: str | Path) -> None:
    import networkx as nx

    if fmt == "graphml":
        nx.write_graphml(graph, path)
    elif fmt == "gexf":
        nx.write_gexf(graph, path)
    else:
        raise ValueError(f"no graph format {fmt!r}: choose from {', '.join(GRAPH_FORMATS)}")


def write_parquet(rows: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Rows (one dict each, the CSV export's) as a Parquet file; how many. Lists and dicts
    are kept as JSON text, as in the CSV."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    flat = [{k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
             for k, v in row.items()} for row in rows]
    pq.write_table(pa.Table.from_pylist(flat), path)
    return len(flat)
