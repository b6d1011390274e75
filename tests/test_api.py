"""The HTTP API and the web pages, in process (FastAPI's TestClient) over the demo corpus
plus one article full of markup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import webdb
from fastapi.testclient import TestClient

from newsgraph.api import create_app, is_loopback
from newsgraph.library import Newsgraph
from newsgraph.quoteview import quote_modes

pytestmark = pytest.mark.slow  # ingests the demo corpus once for the module

TOKEN = "test-token-4f1c"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return webdb.build(tmp_path_factory.mktemp("api") / "web.db")


@pytest.fixture(scope="module")
def client(db: Path):
    with TestClient(create_app(str(db))) as client:
        yield client


@pytest.fixture(scope="module")
def library(db: Path):
    with Newsgraph(db) as ng:
        yield ng


def speaker_of(client: TestClient, name: str) -> str:
    """The canonical entity id of a demo speaker, through the API."""
    found = client.get("/api/entities", params={"name": name, "type": "PERSON"}).json()
    return found["items"][0]["id"]


# --- JSON API -------------------------------------------------------------------------

def test_api_articles_pages_through_every_article(client: TestClient, library) -> None:
    seen, url = [], "/api/articles?limit=5"
    while url:
        body = client.get(url).json()
        assert body["total"] == library.article_count()
        seen += [a["id"] for a in body["items"]]
        url = body["next"]
    assert seen == [a["id"] for a in library.articles()]
    assert len(seen) == len(set(seen)) == 13


def test_api_article_has_text_annotations_and_identities(client: TestClient) -> None:
    body = client.get("/api/articles/saltmere-01").json()
    assert body["article"]["title"] and body["article"]["published"] == "2024-03-04"
    assert body["quotes"] and body["entities"]
    for q in body["quotes"]:
        assert body["text"][q["start"]:q["end"]]
    speakers = {q["speaker"]["entity"] for q in body["quotes"] if q["speaker"]["entity"]}
    assert speakers <= set(body["identities"])


def test_api_unknown_article_is_404_with_candidates(client: TestClient) -> None:
    response = client.get("/api/articles/saltmere-0")
    assert response.status_code == 404
    assert "saltmere-01" in response.json()["detail"]["did_you_mean"]
    assert client.get("/api/articles/nothing-like-it").status_code == 404


@pytest.mark.parametrize("params", [
    {"speaker": "Katherine Mulvey"},
    {"kind": ["direct", "partial"]},
    {"min_confidence": 0.9},
    {"since": "2024-03-10", "until": "2024-03-20"},
    {"search": "boatyard"},
    {"about": "North Quay"},
    {"article": "saltmere-03"},
    {"mode": ["speech"]},
    {"mode": ["all"]},
    {"mode": ["speech", "belief"]},
    {"min_speaker_confidence": 0.8},
])
def test_api_quotes_filters_match_the_library(client: TestClient, library, params: dict) -> None:
    body = client.get("/api/quotes", params={**params, "limit": 1000}).json()
    kwargs = {{"kind": "kinds", "mode": "modes"}.get(k, k): v for k, v in params.items()}
    kwargs["modes"] = quote_modes(kwargs.get("modes"))  # speech unless named, as the CLI
    expected = library.quotes(**kwargs)
    assert expected, "each filter keeps some demo quotation"
    assert [(q["article_id"], q["quote_id"]) for q in body["items"]] == [
        (q["article_id"], q["quote_id"]) for q in expected]
    assert body["total"] == len(expected) and body["next"] is None


def test_api_quotes_speech_by_default_all_for_every_mode(client: TestClient, library) -> None:
    plain = client.get("/api/quotes", params={"limit": 1000}).json()
    every = client.get("/api/quotes", params={"mode": "all", "limit": 1000}).json()
    assert plain["items"] and {q["mode"] for q in plain["items"]} == {"speech"}
    assert every["total"] == library.quote_count() >= plain["total"]
    assert plain["total"] == library.quote_count(modes=["speech"])
    others = [q for q in every["items"] if q["mode"] != "speech"]
    listed = {(q["article_id"], q["quote_id"]) for q in plain["items"]}
    assert not any((q["article_id"], q["quote_id"]) in listed for q in others)
    assert client.get("/api/quotes", params={"mode": "said"}).status_code == 422


def test_api_quotes_since_until_and_sort(client: TestClient) -> None:
    body = client.get("/api/quotes", params={"since": "2024-03-10", "until": "2024-03",
                                             "sort": "oldest", "limit": 1000}).json()
    dates = [q["published"] for q in body["items"]]
    assert dates and all("2024-03-10" <= d <= "2024-03-31" for d in dates)
    assert dates == sorted(dates)
    sure = client.get("/api/quotes", params={"sort": "confidence", "limit": 20}).json()["items"]
    assert [q["confidence"] for q in sure] == sorted((q["confidence"] for q in sure),
                                                      reverse=True)


def test_api_quotes_pages_join_up(client: TestClient) -> None:
    whole = client.get("/api/quotes", params={"limit": 1000}).json()
    first = client.get("/api/quotes", params={"limit": 10}).json()
    second = client.get(first["next"]).json()
    assert first["total"] == whole["total"] > 20
    assert first["items"] + second["items"] == whole["items"][:20]
    assert second["offset"] == 10


def test_api_quotes_by_speaker_id_or_name_agree(client: TestClient) -> None:
    by_id = client.get("/api/quotes", params={
        "speaker": speaker_of(client, "Katherine Mulvey"), "limit": 1000}).json()["items"]
    by_name = client.get("/api/quotes", params={"speaker": "Katherine Mulvey",
                                                "limit": 1000}).json()["items"]
    assert by_id and by_id == by_name

@pytest.mark.parametrize("query", ["kind=stance", "min_confidence=2", "since=March",
                                   "sort=loudest", "limit=0", "offset=-1"])
def test_api_quotes_rejects_bad_parameters(client: TestClient, query: str) -> None:
    assert client.get(f"/api/quotes?{query}").status_code == 422


def test_api_entities_and_one_entity(client: TestClient) -> None:
    people = client.get("/api/entities", params={"type": "person", "limit": 2}).json()
    assert len(people["items"]) == 2 and people["total"] > 2 and people["next"]
    assert {e["type"] for e in people["items"]} == {"PERSON"}
    one = client.get(f"/api/entities/{people['items'][0]['id']}").json()
    assert one["id"] == people["items"][0]["id"]
    assert {"aliases", "roles", "articles", "quotes_by", "quotes_about"} <= set(one)
    by_name = client.get("/api/entities/Katherine Mulvey").json()
    assert by_name["name"] == "Katherine Mulvey" and by_name["quotes_by"]


def test_api_unknown_entity_suggests_close_names(client: TestClient) -> None:
    response = client.get("/api/entities/Katherine Mulvy")
    assert response.status_code == 404
    names = [s["name"] for s in response.json()["detail"]["did_you_mean"]]
    assert names[0] == "Katherine Mulvey"
    nothing = client.get("/api/entities/Zebedee Quarnstrom").json()["detail"]
    assert "did_you_mean" not in nothing


def test_api_search_and_graph(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "petition"}).json()["items"]
    assert found and all("[" in row["snippet"] for row in found)
    assert client.get("/api/search", params={"q": "zxqvw"}).json()["items"] == []
    edges = client.get("/api/graph").json()["edges"]
    assert edges and all(e["source"] != e["target"] and e["quotes"] >= 1 for e in edges)


def test_api_openapi_lists_the_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/quotes",
                 "/api/entities", "/api/entities/{entity}", "/api/search", "/api/graph",
                 "/api/entities/merge"):
        assert path in paths
    assert not any(p.startswith("/articles") for p in paths)  # pages stay out of the schema


# --- corrections ----------------------------------------------------------------------

def test_api_writes_refused_when_read_only(client: TestClient) -> None:
    response = client.post("/api/entities/rename", json={"entity": "x", "name": "y"},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403


def test_api_writes_need_the_token(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    with TestClient(create_app(str(copy), allow_writes=True, token=TOKEN)) as client:
        target = speaker_of(client, "Katherine Mulvey")
        body = {"entity": target, "name": "Kath Mulvey"}
        assert client.post("/api/entities/rename", json=body).status_code == 401
        wrong = {"Authorization": "Bearer not-the-token"}
        assert client.post("/api/entities/rename", json=body, headers=wrong).status_code == 401
        good = {"Authorization": f"Bearer {TOKEN}"}
        response = client.post("/api/entities/rename", json=body, headers=good)
        assert response.status_code == 200
        assert client.get(f"/api/entities/{target}").json()["name"] == "Kath Mulvey"
        bad = client.post("/api/entities/merge", json={"a": "Nobody Atall", "b": target},
                          headers=good)
        assert bad.status_code == 400


def test_api_made_up_token_when_none_given(db: Path) -> None:
    app = create_app(str(db), allow_writes=True)
    assert len(app.state.token) >= 24
    assert create_app(str(db)).state.token == ""


@pytest.mark.parametrize("host,loopback", [("127.0.0.1", True), ("localhost", True),
                                           ("::1", True), ("127.0.1.1", True),
                                           ("0.0.0.0", False), ("192.168.1.20", False),
                                           ("example.org", False)])
def test_api_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


# --- pages and their JSON twins ---------------------------------------------------------

@pytest.mark.parametrize("page", ["/", "/search?q=harbour", "/entities", "/graph",
                                  "/articles/saltmere-01", "/entities/Katherine Mulvey"])
def test_web_every_page_has_a_json_twin(client: TestClient, page: str) -> None:
    html = client.get(page)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in html.headers
    path, _, query = page.partition("?")
    twin = ("/index.json" if path == "/" else f"{path}.json") + (f"?{query}" if query else "")
    as_json = client.get(twin)
    assert as_json.headers["content-type"] == "application/json"
    separator = "&" if query else "?"
    assert client.get(f"{page}{separator}format=json").json() == as_json.json()
    assert f'href="{twin.replace(" ", "%20").replace("&", "&amp;")}"' in html.text


def test_web_article_highlights_every_quotation(client: TestClient) -> None:
    record = client.get("/articles/saltmere-01.json").json()
    html = client.get("/articles/saltmere-01").text
    marked = re.findall(r'<mark class="quote spk-\d+[^"]*" data-quotes="([^"]+)"', html)
    covered = {qid for ids in marked for qid in ids.split()}
    assert covered == {q["id"] for q in record["quotes"]}
    # one colour per speaker: two quotations of the same speaker share their colour class
    colours: dict[str, set[str]] = {}
    for cls, ids in re.findall(r'<mark class="quote (spk-\d+)[^"]*" data-quotes="(\w+)"', html):
        speaker = next(q["speaker"]["name"] or q["speaker"]["description"]
                       for q in record["quotes"] if q["id"] == ids)
        colours.setdefault(speaker, set()).add(cls)
    assert len(colours) > 1 and all(len(c) == 1 for c in colours.values())
    assert len({next(iter(c)) for c in colours.values()}) == len(colours)


def test_web_article_by_part_of_its_id_redirects(client: TestClient) -> None:
    response = client.get("/articles/-02", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/articles/saltmere-02"
    missing = client.get("/articles/nothing-here")
    assert missing.status_code == 404 and "no article" in missing.text


def test_web_entity_page_lists_roles_and_quotes(client: TestClient) -> None:
    data = client.get("/entities/Katherine Mulvey.json").json()
    html = client.get("/entities/Katherine Mulvey").text
    assert data["roles"] and data["quotes_by"]
    for role in data["roles"]:
        assert role["title"] in html
        assert "{'" not in html  # no raw dicts
    assert html.count('<li class="quote-row ') == len(data["quotes_by"]) + len(data["quotes_about"])


def test_web_unknown_entity_page_suggests(client: TestClient) -> None:
    response = client.get("/entities/Wiliam Tregarthen")
    assert response.status_code == 404 and "William Tregarthen" in response.text


def test_web_graph_draws_an_svg_edge_per_pair(client: TestClient) -> None:
    data = client.get("/graph.json").json()
    html = client.get("/graph").text
    assert html.count('<line class="edge"') == len(data["edges"]) > 0
    assert html.count('<a class="node"') == len(data["nodes"])


# --- untrusted text ----------------------------------------------------------------------

def test_web_markup_in_articles_is_escaped(client: TestClient) -> None:
    pages = [client.get(f"/articles/{webdb.MARKUP_ID}").text,
             client.get("/search?q=ferry fares").text,
             client.get("/").text,
             client.get("/entities/Megan Trask").text]
    for html in pages:
        assert "<script>window" not in html and "<img src=x" not in html
        assert "<b>fares</b>" not in html and "<i>Harbour</i>" not in html
        assert "javascript:" not in html
    article = pages[0]
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=" in article
    assert "<script>" not in re.sub(r'<script (src="/static/app.js" defer|type="application/json" '
                                    r'id="quote-data")>', "", article)


def test_web_markup_in_names_is_escaped(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    evil = '<img src=x onerror="window.__pwned=5">Megan'
    with TestClient(create_app(str(copy), allow_writes=True, token=TOKEN)) as client:
        target = speaker_of(client, "Megan Trask")
        response = client.post("/api/entities/rename", json={"entity": target, "name": evil},
                               headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200
        for page in (f"/entities/{target}", "/entities", "/graph", "/search?q=Megan"):
            html = client.get(page).text
            assert "<img src=x" not in html, page
        assert "&lt;img src=x onerror=" in client.get(f"/entities/{target}").text
