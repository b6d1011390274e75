"""The web UI in a real browser: Playwright driving Debian's Chromium against
`newsgraph serve` started on a free loopback port over the demo corpus (+ a markup article).

Skipped when /usr/bin/chromium is absent (`apt-get install chromium`; .ci/run does it).
"""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path

import pytest
import webdb
from serving import serving

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason=f"{CHROMIUM} is absent: apt-get install chromium to run the "
                              "browser tests"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The base URL of `newsgraph serve` over a fresh database, stopped after the module."""
    with serving(webdb.build(tmp_path_factory.mktemp("browser") / "web.db")) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                             headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    folder = os.environ.get("NEWSGRAPH_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_browser_search_article_speaker_entity(server: str, page, screenshots: Path) -> None:
    page.goto(f"{server}/")
    page.fill("header input[name=q]", "petition")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=petition")
    results = page.locator("ul.articles.results li a")
    assert results.count() > 0
    results.first.click()
    page.wait_for_url("**/articles/**")
    article_id = page.url.rsplit("/", 1)[1]
    record = get_json(f"{server}/articles/{article_id}.json")

    # click the first quotation whose speaker is a named, resolved entity
    quote = next(q for q in record["quotes"]
                 if (q["speaker"] or {}).get("entity") in record["identities"])
    mark = page.locator(f'mark.quote[data-quotes~="{quote["id"]}"]').first
    mark.click()
    popup = page.locator("#quote-popup")
    popup.wait_for(state="visible")
    speaker = popup.locator(".speaker").first
    assert speaker.inner_text().strip() == quote["speaker"]["name"]
    assert popup.locator(".fact-cue").first.inner_text() == quote["cue"]["text"]
    assert popup.locator(".fact-how").first.inner_text()
    assert popup.locator(".fact-confidence").first.inner_text().endswith("%")
    shot = screenshots / "article-popup.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")

    # the popup names the speaker's entity: follow it
    speaker.locator("a").click()
    page.wait_for_url("**/entities/**")
    assert quote["speaker"]["name"] in page.locator("h1").inner_text()
    said = page.locator("ul.quotes.said li.quote-row")
    assert said.count() >= 1
    assert page.locator("ul.roles li").count() >= 1
    page.screenshot(path=str(screenshots / "entity.png"), full_page=True)

    # ... and on to the speaker's timeline: roles as spans, entries in date order
    page.locator("a", has_text="Timeline").first.click()
    page.wait_for_url("**/timeline/**")
    assert quote["speaker"]["name"] in page.locator("h1").inner_text()
    dates = [d.strip() for d in page.locator("ol.timeline li .date").all_inner_texts()]
    days = [d for d in dates if len(d) == 10]
    assert days and days == sorted(days)
    page.screenshot(path=str(screenshots / "timeline.png"), full_page=True)


def test_browser_popup_closes_with_escape_and_hover_shows_it(server: str, page) -> None:
    page.goto(f"{server}/articles/saltmere-01")
    popup = page.locator("#quote-popup")
    assert popup.is_hidden()
    page.locator("mark.quote").nth(1).hover()
    popup.wait_for(state="visible")
    page.locator("mark.quote").nth(1).click()
    page.keyboard.press("Escape")
    popup.wait_for(state="hidden")


def test_browser_markup_article_renders_inert(server: str, page, screenshots: Path) -> None:
    page.goto(f"{server}/articles/{webdb.MARKUP_ID}")
    assert page.locator("h1").inner_text() == webdb.MARKUP_TITLE
    assert page.evaluate("typeof window.__pwned") == "undefined"
    text = page.locator(".article-text").inner_text()
    assert "<script>window.__pwned = 3</script>" in text and "<img src=x" in text
    assert page.locator(".article-text img, .article-text script, h1 script").count() == 0
    page.locator("mark.quote").last.click()
    page.locator("#quote-popup").wait_for(state="visible")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    page.screenshot(path=str(screenshots / "markup-article.png"), full_page=True)


def test_browser_graph_links_to_entities(server: str, page, screenshots: Path) -> None:
    page.goto(f"{server}/graph")
    nodes = page.locator("svg.graph a.node")
    assert nodes.count() > 1
    page.screenshot(path=str(screenshots / "graph.png"), full_page=True)
    name = nodes.first.locator("text").text_content()
    nodes.first.locator("circle").click()
    page.wait_for_url("**/entities/**")
    assert name in page.locator("h1").inner_text()
