"""The hot questions use indexes: every statement ``entity`` and ``quotes --speaker`` run is
checked with ``EXPLAIN QUERY PLAN`` for full scans of stored tables, so a scan of the archive
cannot come back unnoticed. (Scans of ``json_each`` over a query's own parameters are fine.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.library import Newsgraph

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo" / "articles.jsonl"


BOUNDED = {"live_counts", "resolver_meta", "migrations"}  # a few rows, whatever the archive


def full_scans(plan: list[str], sql: str = "") -> list[str]:
    """Plan steps that read a whole stored table. Two walks are fine: an index read in
    order under a LIMIT (a ranking: it stops after the rows asked for), and a bare
    ``SELECT COUNT(*) FROM t`` (``stats``' table sizes, counted over the smallest index)."""
    bare_count = sql.strip().upper().startswith("SELECT COUNT(*) FROM") and "WHERE" not in sql.upper()
    limited = " LIMIT " in sql.upper()
    return [s for s in plan
            if s.startswith("SCAN") and "VIRTUAL TABLE" not in s
            and s.split()[1] not in BOUNDED
            and not bare_count
            and not (limited and " USING INDEX " in s)]


@pytest.fixture(scope="module")
def ng(tmp_path_factory):
    db = tmp_path_factory.mktemp("plans") / "demo.db"
    with Newsgraph(db) as built:
        built.ingest([DEMO])
    with Newsgraph(db) as reader:
        yield reader


def statements_of(ng: Newsgraph, call) -> list[tuple[str, object]]:
    seen: list[tuple[str, object]] = []
    store = ng.store
    original = store._rows

    def spy(sql, params=()):
        seen.append((sql, params))
        return original(sql, params)

    store._rows = spy  # type: ignore[method-assign]
    try:
        call()
    finally:
        store._rows = original  # type: ignore[method-assign]
    return seen


def test_full_scans_finds_a_scan_and_ignores_json_each() -> None:
    assert full_scans(["SCAN quotes", "SCAN json_each VIRTUAL TABLE INDEX 1:"]) == ["SCAN quotes"]
    assert full_scans(["SEARCH q USING INDEX quotes_speaker_entity (article_id=?)"]) == []
    ranking = "SCAN c USING INDEX identity_counts_rank"
    assert full_scans([ranking], "SELECT * FROM identity_counts c ORDER BY articles") == [ranking]
    assert full_scans([ranking], "SELECT * FROM identity_counts c ORDER BY articles LIMIT 50") == []


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    lambda ng: ng.entity("William Tregarthen"),
    lambda ng: ng.quotes(speaker="Katherine Mulvey"),
    lambda ng: ng.quotes(about="William Tregarthen"),
    lambda ng: ng.entities(limit=50),
    lambda ng: ng.stats(),
    lambda ng: ng.timeline(name="Katherine Mulvey"),
    # (``entities --name`` searches inside every identity's names and aliases: a scan of the
    # identities, not of the articles; it is left out here and named in the README)
    lambda ng: ng.store.identity_summaries(ids=["x"]),
    lambda ng: ng.store.queued("identities"),
])
def test_query_plans_hot_questions_do_not_scan_the_archive(ng: Newsgraph, question) -> None:
    statements = statements_of(ng, lambda: question(ng))
    assert statements, "the question ran no statement"
    for sql, params in statements:
        plan = ng.store.query_plan(sql, params)
        assert full_scans(plan, sql) == [], f"{sql}\n{plan}"


@pytest.mark.slow
@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize("filters", [{}, {"kinds": ["direct"], "min_confidence": 0.5}])
def test_query_plans_about_a_common_name_walks_in_date_order(
    ng: Newsgraph, sort, filters
) -> None:
    """A page about a much-mentioned identity (``walk=True``, as ``Store.quotes`` chooses
    from its mention count) walks the articles through their date-order index and sorts only
    each article's quotes (the right part of the order), so LIMIT stops the walk early; the
    identity is tested quote by quote through indexes."""
    statements = statements_of(ng, lambda: ng.quotes(about="William Tregarthen", sort=sort,
                                                     limit=20, walk=True, **filters))
    walks = [(sql, p) for sql, p in statements if f"article_revisions_{sort}" in sql]
    assert len(walks) == 1
    sql, params = walks[0]
    plan = ng.store.query_plan(sql, params)
    assert any(s.startswith(f"SCAN r USING INDEX article_revisions_{sort}") for s in plan), plan
    # the only sorts: the page's rows (the outer listing) and each article's quotes
    page_sorts = [s for s in plan if s.startswith("USE TEMP B-TREE")]
    assert page_sorts.count("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY") == 1, plan
    assert full_scans(plan, sql) == [], plan
    # quotes (t: through the live view), entities and members are reached by key, never scanned
    assert not [s for s in plan if s.split()[:2] in (["SCAN", "t"], ["SCAN", "e"],
                                                     ["SCAN", "m"])], plan


@pytest.mark.slow
@pytest.mark.parametrize("sort", ["newest", "oldest", "confidence"])
def test_query_plans_about_a_rare_name_gathers_through_indexes(ng: Newsgraph, sort) -> None:
    """A page about a rarely mentioned identity (the demo's all are, below
    ``WALK_FROM_MENTIONS``) gathers its quotes from its members: no walk, no scan of quotes."""
    statements = statements_of(ng, lambda: ng.quotes(about="William Tregarthen", sort=sort,
                                                     limit=20))
    assert not any("article_revisions_newest" in sql or "article_revisions_oldest" in sql
                   for sql, _ in statements)
    for sql, params in statements:
        plan = ng.store.query_plan(sql, params)
        assert full_scans(plan, sql) == [], f"{sql}\n{plan}"
        assert not [s for s in plan if s.split()[:2] in (["SCAN", "t"], ["SCAN", "q"],
                                                         ["SCAN", "q2"])], plan
