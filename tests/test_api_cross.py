"""The record across articles over HTTP: stories, conflicts and timelines as JSON and as
pages, on the demo corpus plus one article full of markup (``webdb``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import webdb
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.library import Newsgraph

pytestmark = pytest.mark.slow  # ingests the demo corpus once for the module


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return webdb.build(tmp_path_factory.mktemp("cross") / "web.db")


@pytest.fixture(scope="module")
def client(db: Path):
    with TestClient(create_app(str(db))) as client:
        yield client


def test_api_cross_stories_list_every_article_once(client: TestClient, db: Path) -> None:
    items = client.get("/api/stories", params={"limit": 1000}).json()["items"]
    ids = [a["id"] for s in items
           for a in client.get(f"/api/stories/{s['id']}").json()["articles"]]
    with Newsgraph(db, read_only=True) as ng:
        assert sorted(ids) == sorted(a["id"] for a in ng.articles())


def test_api_cross_stories_page_by_limit_and_offset(client: TestClient) -> None:
    every = [s["id"] for s in client.get("/api/stories", params={"limit": 1000}).json()["items"]]
    first = client.get("/api/stories", params={"limit": 2}).json()
    second = client.get(first["next"]).json()
    assert [s["id"] for s in first["items"] + second["items"]] == every[:4]


def test_api_cross_conflicts_give_both_claims_with_their_words(client: TestClient) -> None:
    items = client.get("/api/conflicts").json()["items"]
    jobs = [c for c in items if {x["value"] for x in c["claims"]} == {"120", "150"}]
    assert jobs and jobs[0]["disagreement"] is True
    claim = jobs[0]["claims"][0]
    text = client.get(f"/api/articles/{claim['article']}").json()["text"]
    assert text[claim["start"]:claim["end"]] == claim["text"]


def test_api_cross_timeline_needs_one_of_entity_or_story(client: TestClient) -> None:
    assert client.get("/api/timeline").status_code == 422
    assert client.get("/api/timeline", params={"entity": "x", "story": "y"}).status_code == 422
    assert client.get("/api/timeline", params={"entity": "Nobody Atall"}).status_code == 404


def test_api_cross_timeline_of_a_speaker_is_in_date_order(client: TestClient) -> None:
    body = client.get("/api/timeline", params={"entity": "Katherine Mulvey"}).json()
    dated = [e["date"] for e in body["entries"] if e["date"] and e["granularity"] == "day"]
    assert dated == sorted(dated) and body["first_seen"] == "2024-03-04"
    assert any(e["kind"] == "quote" for e in body["entries"])
    assert any(r["organisation"] for r in body["roles"])


def test_api_cross_story_timeline_by_an_article_id(client: TestClient) -> None:
    body = client.get("/api/timeline", params={"story": "saltmere-09"}).json()
    assert "saltmere-09" in [a["id"] for a in body["articles"]]
    kinds = [e["kind"] for e in body["entries"]]
    assert kinds[0] == "article" and "quote" in kinds


@pytest.mark.parametrize("path, words", [
    ("/stories", ["Stories", "boatyard"]),
    ("/conflicts", ["Disagreement", "120 jobs", "150 jobs"]),
    ("/timeline/Katherine%20Mulvey", ["Katherine Mulvey", "chair of", "In date order"]),
])
def test_web_cross_pages_and_their_json_twins(client: TestClient, path: str,
                                              words: list[str]) -> None:
    page = client.get(path)
    assert page.status_code == 200 and "Content-Security-Policy" in page.headers
    assert all(w in page.text for w in words)
    assert client.get(path + ".json").headers["content-type"].startswith("application/json")


def test_web_cross_story_page_escapes_markup(client: TestClient) -> None:
    stories = client.get("/api/stories", params={"limit": 1000}).json()["items"]
    for s in stories:
        html = client.get(f"/stories/{s['id']}").text
        assert "<script>" not in html.split("</header>", 1)[1]
        assert "onerror=" not in html.replace("&#34;", "").split("</header>", 1)[1] or \
            "&lt;img" in html
