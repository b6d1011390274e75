"""Who quotes whom, kept by the ``quote_edges`` stage: the same edges as computing them over
every quotation, after ingest, after an article changes, and after a rebuild."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.library import Newsgraph
from newsgraph.resolve import stages
from newsgraph.store.browse import QUOTE_GRAPH_COMPUTED

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo" / "articles.jsonl"

pytestmark = pytest.mark.slow


def computed(ng: Newsgraph) -> list[dict]:
    return [dict(r) for r in ng.store._rows(QUOTE_GRAPH_COMPUTED, {"limit": -1})]


def test_quote_edges_equal_the_graph_computed_from_every_quotation(tmp_path: Path) -> None:
    with Newsgraph(tmp_path / "demo.db") as ng:
        ng.ingest([DEMO])
        kept = ng.graph_edges("quotes")
        assert kept and kept == computed(ng)
        # an article changes: its edges are replaced, not added to
        records = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()]
        changed = {**records[0], "text": records[0]["text"].replace("Katherine Mulvey", "Kate Mulvey")}
        (tmp_path / "changed.jsonl").write_text(json.dumps(changed) + "\n", encoding="utf-8")
        assert ng.ingest([tmp_path / "changed.jsonl"]).updated == 1
        assert ng.graph_edges("quotes") == computed(ng)
        stages.rebuild(ng.store, ["quote_edges"])
        assert ng.graph_edges("quotes") == computed(ng)


def test_quote_edges_plan_reads_no_quotation_table(tmp_path: Path) -> None:
    with Newsgraph(tmp_path / "demo.db") as ng:
        ng.ingest([DEMO])
        plan = ng.store.query_plan("SELECT * FROM quote_edges WHERE article_id = ?", ("x",))
        assert any("quote_edges_article" in step for step in plan)
