"""A page of quotes about an identity found two ways gives the same rows in the same order:
quotes walked in the listing's date order and tested one by one (a common name), or all of
the identity's quotes gathered, then sorted (a rare name). ``Store.quotes(walk=...)``."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.library import Newsgraph
from newsgraph.store import store as store_module

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo" / "articles.jsonl"

FILTERS = [
    {},
    {"kinds": ["direct"]},
    {"kinds": ["indirect", "partial"]},
    {"min_confidence": 0.6},
    {"modes": ["speech"]},
    {"min_speaker_confidence": 0.5},
]


@pytest.fixture(scope="module")
def ng(tmp_path_factory):
    db = tmp_path_factory.mktemp("walk") / "demo.db"
    with Newsgraph(db) as built:
        built.ingest([DEMO])
    with Newsgraph(db) as reader:
        yield reader


def identities_quoted_about(ng: Newsgraph) -> list[dict]:
    """The demo's identities with at least one quote about them."""
    found = []
    for summary in ng.store.identity_summaries():
        if ng.store.quotes(about_ids=[summary["id"]], limit=1000, walk=False):
            found.append(summary)
    return found


def listed(ng: Newsgraph, **filters) -> list[tuple]:
    return [(r["article_id"], r["quote_id"], r["start"]) for r in ng.quotes(**filters)]


@pytest.mark.slow
@pytest.mark.parametrize("sort", ["newest", "oldest", "confidence"])
def test_walk_and_gather_give_the_same_page(ng: Newsgraph, sort: str) -> None:
    about = identities_quoted_about(ng)
    assert len(about) >= 2, "the demo should have quotes about several identities"
    compared = 0
    for summary in about:
        for filters in FILTERS:
            for limit, offset in ((1, 0), (2, 1), (20, 0), (1000, 0)):
                for with_name in (False, True):
                    asked = {"about_ids": [summary["id"]], "sort": sort, "limit": limit,
                             "offset": offset, **filters}
                    if with_name:  # the identity, or its name's words as a phrase
                        asked["about"] = summary["name"]
                    walked = listed(ng, walk=True, **asked)
                    gathered = listed(ng, walk=False, **asked)
                    assert walked == gathered, (summary["name"], asked)
                    compared += len(gathered)
    assert compared > 0


@pytest.mark.slow
def test_walk_pages_join_up_to_the_whole_listing(ng: Newsgraph) -> None:
    summary = max(identities_quoted_about(ng),
                  key=lambda s: len(ng.store.quotes(about_ids=[s["id"]], walk=False)))
    whole = listed(ng, about_ids=[summary["id"]])
    assert len(whole) >= 2
    pages = [listed(ng, about_ids=[summary["id"]], walk=True, limit=1, offset=k)
             for k in range(len(whole) + 1)]
    assert [row for page in pages for row in page] == whole
    assert pages[-1] == []


@pytest.mark.slow
def test_walk_is_chosen_for_a_much_mentioned_identity_only(ng: Newsgraph, monkeypatch) -> None:
    store = ng.store
    summary = identities_quoted_about(ng)[0]
    ids = [summary["id"]]
    # the demo's identities are rare: gathered
    assert summary["mentions"] < store_module.WALK_FROM_MENTIONS
    assert store._walk_about("newest", ids) is False
    monkeypatch.setattr(store_module, "WALK_FROM_MENTIONS", 1)
    assert store._walk_about("newest", ids) is True
    assert store._walk_about("oldest", ids) is True
    # no date-order index for the surest-first sort; another indexed filter narrows enough
    assert store._walk_about("confidence", ids) is False
    assert store._walk_about("newest", ids, article="a-1") is False
    assert store._walk_about("newest", ids, since="2006") is False
    assert store._walk_about("newest", None) is False
    # an identity with no counts kept is taken as rare
    assert store._walk_about("newest", ["no-such-identity"]) is False
