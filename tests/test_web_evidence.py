"""Quotation evidence on the web pages and in `quotes --repeated`: each listed speaker with how
it was found and how sure it is, a paraphrase never drawn as verbatim words, and listings
that keep speech unless another mode is asked for (as `newsgraph quotes` does).

The database is built from hand-made analyses (no spaCy): rephrased harbour-board copy with a
quotation resolved through a pronoun, a partial quotation, a belief and a stance."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsgraph.model import Article, ArticleAnalysis, Entity, Quote, Speaker, TextSpan
from newsgraph.quoteview import flat_quote, text_pieces
from newsgraph.resolve import stages
from newsgraph.store import Store
from newsgraph.web.present import quote_shown

NAME = "Marta Olsen"
DIRECT = "The fees will stay as they are this year"
PARTIAL_WORDS = "a fair deal for islanders"
PARTIAL = f'the plan was "{PARTIAL_WORDS}"'
BELIEF = "the ferry link will reopen in spring"
STANCE = "the council's new parking rules"
TEXT = (f"{NAME} chairs the harbour board.\n\n"
        f'"{DIRECT}," she said.\n\n'
        f"Olsen told reporters {PARTIAL}.\n\n"
        f"She believes {BELIEF}.\n\n"
        f"She also backed {STANCE}.\n")


def span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def board_analysis(article_id: str = "harbour-1") -> ArticleAnalysis:
    """The article above with its four quotations, as the pipeline would store them."""
    surname = TEXT.index("Olsen told")
    person = Entity("e0", NAME, "PERSON", ("Olsen",), (span(NAME), (surname, surname + 5)))

    def speaker(mention: str, resolved: str, at: int | None = None) -> Speaker:
        start = TEXT.index(mention, at or 0)
        return Speaker(TextSpan(mention, start, start + len(mention)), NAME, None, "PERSON",
                       "e0", resolved=resolved)

    d, p, b, s = span(DIRECT), span(PARTIAL), span(BELIEF), span(STANCE)
    inner = span(PARTIAL_WORDS)
    said = TEXT.index("said")
    quotes = (
        Quote("q0", "direct", DIRECT, *d, spans=(d,), cue=TextSpan("said", said, said + 4),
              speaker=speaker("she", "pronoun"), confidence=0.9, verbatim=(d,),
              speaker_via="previous paragraph", speaker_confidence=0.64),
        Quote("q1", "partial", PARTIAL, *p, spans=(p,), cue=TextSpan("told", p[0] - 14,
                                                                     p[0] - 10),
              speaker=speaker("Olsen", "surname", d[1]), confidence=0.85, verbatim=(inner,),
              speaker_via="reporting verb", speaker_confidence=0.88),
        Quote("q2", "indirect", BELIEF, *b, spans=(b,), cue=TextSpan("believes", b[0] - 9,
                                                                      b[0] - 1),
              speaker=speaker("She", "pronoun", p[1]), confidence=0.8, mode="belief",
              speaker_via="reporting verb", speaker_confidence=0.78),
        Quote("q3", "indirect", STANCE, *s, spans=(s,), cue=TextSpan("backed", s[0] - 7,
                                                                     s[0] - 1),
              speaker=speaker("She", "pronoun", b[1]), confidence=0.7, mode="stance",
              speaker_via="reporting verb", speaker_confidence=0.78),
    )
    return ArticleAnalysis(Article(article_id, TEXT, title="Harbour board keeps its fees",
                                   published="2024-06-03", source="Island Courier"),
                           quotes, (person,))


def build(db: Path) -> Path:
    with Store(str(db)) as store:
        with store.transaction():
            store.save_analysis(board_analysis())
            stages.enqueue(store, ["harbour-1"])
            stages.run_pending(store)
    return db


# -- the presenter --------------------------------------------------------------------
def test_web_evidence_partial_quote_is_a_paraphrase_with_its_verbatim_words():
    row = flat_quote(board_analysis().quotes[1].to_dict())
    assert text_pieces(row) == [("the plan was ", False), (PARTIAL_WORDS, True)]
    shown = quote_shown(row)
    assert shown["mode"] is None and shown["polarity"] is None
    # plainly named through a reporting verb: the surname is the only evidence to add
    assert shown["evidence"] == "via 'Olsen', surname"


def test_web_evidence_paraphrase_and_direct_quote():
    analysis = board_analysis()
    belief = quote_shown(flat_quote(analysis.quotes[2].to_dict()))
    assert belief["pieces"] == [(BELIEF, False)] and belief["mode"] == "belief"
    direct = quote_shown(flat_quote(analysis.quotes[0].to_dict()))
    assert direct["pieces"] == [(DIRECT, True)]
    assert direct["evidence"] == "via 'she', pronoun, previous paragraph"
    assert direct["speaker_confidence"] == 0.64
    denied = quote_shown({**flat_quote(analysis.quotes[1].to_dict()), "polarity": "denied"})
    assert denied["polarity"] == "DENIED"


# -- the pages, in process ----------------------------------------------------------
@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("webev") / "web.db")


@pytest.fixture(scope="module")
def client(db: Path):
    from newsgraph.api import create_app

    with TestClient(create_app(str(db))) as client:
        yield client


def listed(html: str) -> str:
    """The quotation listing of a page as plain text."""
    part = html.split('<ul class="quotes', 1)[1].split("</ul>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part))


def test_web_evidence_quotes_page_lists_speech_with_its_evidence(client: TestClient):
    html = client.get("/quotes").text
    text = listed(html)
    assert "via &#39;she&#39;, pronoun, previous paragraph" in html
    assert "speaker 0.64" in text and "speaker 0.88" in text
    assert f"<q class=\"verbatim\">{PARTIAL_WORDS}</q>" in html
    assert '<span class="paraphrase">the plan was </span>' in html  # not inside the marks
    # a belief and a stance are not speech: not listed by default
    assert "ferry link" not in text and "parking rules" not in text
    assert 'value="speech" id="mode-speech" checked>' in html
    assert 'value="belief" id="mode-belief">' in html  # ticked only when asked for


def test_web_evidence_quotes_page_mode_and_speaker_confidence_filters(client: TestClient):
    every = listed(client.get("/quotes", params={"mode": "all"}).text)
    assert "ferry link" in every and "parking rules" in every and DIRECT in every
    beliefs = listed(client.get("/quotes", params={"mode": "belief"}).text)
    assert "ferry link" in beliefs and DIRECT not in beliefs and "parking rules" not in beliefs
    assert '<span class="paraphrase">the ferry link' in client.get(
        "/quotes", params={"mode": "belief"}).text
    sure = listed(client.get("/quotes", params={"min_speaker_confidence": 0.8}).text)
    assert PARTIAL_WORDS in sure and DIRECT not in sure
    body = client.get("/quotes.json", params={"mode": ["belief", "stance"]}).json()
    assert sorted(q["quote_id"] for q in body["quotes"]["items"]) == ["q2", "q3"]
    assert client.get("/quotes", params={"mode": "rumour"}).status_code == 422
    assert client.get("/quotes", params={"min_speaker_confidence": "1.5"}).status_code == 422
    assert client.get("/quotes", params={"min_speaker_confidence": "sure"}).status_code == 422
    # the form's empty fields filter nothing
    empty = client.get("/quotes", params={"speaker": "", "min_speaker_confidence": ""})
    assert empty.status_code == 200 and DIRECT in listed(empty.text)


def test_web_evidence_search_page_lists_speech_and_links_every_mode(client: TestClient):
    found = client.get("/search", params={"q": "ferry"}).text
    assert "ferry link" not in listed(found.split("<h2>Quotations", 1)[1])
    assert 'href="/quotes?search=ferry&amp;mode=all"' in found
    assert "ferry link" in listed(client.get("/quotes?search=ferry&mode=all").text)
    fees = client.get("/search", params={"q": "fees"}).text
    assert DIRECT in listed(fees.split("<h2>Quotations", 1)[1])


def test_web_evidence_entity_page_keeps_beliefs_apart_from_what_was_said(client: TestClient):
    (person,) = [e for e in client.get("/api/entities").json()["items"] if e["name"] == NAME]
    html = client.get(f"/entities/{person['id']}").text
    said = listed(html.split("What they said", 1)[1])
    assert DIRECT in said and "ferry link" not in said
    others = html.split("Beliefs, intentions and stances", 1)[1]
    assert "ferry link" in listed(others) and ">belief<" in others


def test_web_evidence_article_page_says_how_each_speaker_was_found(client: TestClient):
    html = client.get("/articles/harbour-1").text
    row = html.split('id="q-q0"', 1)[1].split("</tr>", 1)[0]
    assert "via &#39;she&#39;, pronoun, previous paragraph" in row and "0.64" in row
    belief = html.split('id="q-q2"', 1)[1].split("</tr>", 1)[0]
    assert ">belief<" in belief and "<q" not in belief


def test_web_evidence_story_page_shows_the_evidence(client: TestClient):
    (story,) = client.get("/stories.json").json()["stories"]
    html = client.get(f"/stories/{story['id']}").text
    assert "via &#39;she&#39;, pronoun, previous paragraph" in html
    assert f'<q class="verbatim">{PARTIAL_WORDS}</q>' in html
    assert '<span class="mode">belief</span>' in html


def test_web_evidence_timeline_page_says_what_is_not_speech(client: TestClient):
    html = client.get(f"/timeline/{NAME}").text
    entries = html.split('<ol class="timeline">', 1)[1]
    assert "via &#39;she&#39;, pronoun, previous paragraph" in entries
    belief = [li for li in entries.split("<li") if "ferry link" in li]
    assert belief and "belief" in belief[0] and "said" not in belief[0]
    assert "<q" not in belief[0]  # a paraphrase, never in marks


# -- quotes --repeated ------------------------------------------------------------------
def test_web_evidence_repeated_quotes_filter_by_mode(tmp_path):
    from newsgraph.cli import cli

    db = tmp_path / "rep.db"
    first = board_analysis("harbour-1")
    second = board_analysis("harbour-2")
    second = dataclasses.replace(second, article=dataclasses.replace(
        second.article, published="2024-06-04"))
    with Store(str(db)) as store:
        with store.transaction():
            for item in (first, second):
                store.save_analysis(item)
            stages.enqueue(store, ["harbour-1", "harbour-2"])
            stages.run_pending(store)

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, ["quotes", "--repeated", "--db", str(db), *args],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout

    plain, every = run(), run("--mode", "all")
    assert "harbour-2:q1" in plain and "harbour-2:q1" in every
    assert "harbour-2:q2" not in plain and "harbour-2:q2" in every  # the belief
    assert "(indirect, BELIEF)" in every
    assert "harbour-2:q1" not in run("--mode", "belief")
    assert "harbour-2:q1" in run("--min-speaker-confidence", "0.8")
    assert "harbour-2:q1" not in run("--min-speaker-confidence", "0.9")
    # the partial quotation: only its own words in marks, never the paraphrase
    assert f"the plan was “{PARTIAL_WORDS}”" in plain and "“the plan" not in plain


# -- in a real browser ------------------------------------------------------------------
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def served(db: Path):
    """`newsgraph serve` over the evidence database on a free loopback port."""
    from serving import serving

    with serving(db) as base:
        yield base


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(),
                    reason=f"{CHROMIUM} is absent: apt-get install chromium to run the "
                           "browser tests")
def test_web_evidence_in_the_browser(served: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page()
            page.goto(f"{served}/quotes")
            rows = page.locator("ul.quotes li.quote-row")
            assert rows.count() == 2  # the direct and the partial quotation: speech
            text = page.locator("ul.quotes").inner_text()
            assert "via 'she', pronoun, previous paragraph" in text and "speaker 0.64" in text
            assert "ferry link" not in text  # a belief is not listed by default
            verbatim = page.locator("ul.quotes q.verbatim", has_text="fair deal")
            assert verbatim.inner_text() == PARTIAL_WORDS
            # the paraphrase around it is not inside the marks
            assert page.locator("ul.quotes q", has_text="the plan was").count() == 0
            # two modes at once, through the form: speech stays ticked, belief is added
            assert page.is_checked("#mode-speech") and not page.is_checked("#mode-belief")
            page.check("#mode-belief")
            page.click("form.quote-filters button[type=submit]")
            page.wait_for_url("**/quotes?*mode=belief*")
            assert page.locator("ul.quotes li.quote-row").count() == 3
            assert page.locator("li.mode-stance").count() == 0
            assert page.is_checked("#mode-speech") and page.is_checked("#mode-belief")
            # every mode
            page.uncheck("#mode-speech")
            page.uncheck("#mode-belief")
            page.check("#mode-all")
            page.click("form.quote-filters button[type=submit]")
            page.wait_for_url("**/quotes?*mode=all*")
            assert page.locator("ul.quotes li.quote-row").count() == 4
            belief = page.locator("li.mode-belief")
            assert "ferry link" in belief.inner_text() and belief.locator("q").count() == 0
            # only the sure speakers
            page.fill("#min-speaker-confidence", "0.8")
            page.click("form.quote-filters button[type=submit]")
            page.wait_for_url("**min_speaker_confidence=0.8*")
            assert page.locator("ul.quotes li.quote-row").count() == 1
            assert "fair deal" in page.locator("ul.quotes").inner_text()
            # the article's popup says how the speaker was found
            page.goto(f"{served}/articles/harbour-1")
            page.locator("mark.quote").first.click()
            popup = page.locator("#quote-popup")
            assert popup.locator(".fact-how").first.inner_text() == (
                "via 'she', pronoun, previous paragraph")
            assert popup.locator(".fact-speaker-confidence").first.inner_text() == "0.64"
            assert popup.locator(".fact-reports").first.inner_text() == "speech"
        finally:
            browser.close()


# -- newsgraph entity -------------------------------------------------------------------
def test_web_evidence_cli_entity_keeps_beliefs_apart_from_speech(tmp_path):
    from newsgraph.cli import cli

    db = build(tmp_path / "entity.db")
    result = CliRunner().invoke(cli, ["entity", NAME, "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    said, _, others = result.stdout.partition("other reports of what they think, plan or back")
    said = said.split("quotations by", 1)[1]
    assert "(2):" in said and DIRECT in said and PARTIAL_WORDS in said
    assert BELIEF not in said and "parking rules" not in said  # never listed as said
    assert others.startswith(" (2):")
    assert "(indirect, BELIEF)" in others and "(indirect, STANCE)" in others
    # --json keeps every quotation, each with its mode, for scripts
    body = CliRunner().invoke(cli, ["entity", NAME, "--db", str(db), "--json"]).stdout
    modes = sorted(q["mode"] or "speech" for q in json.loads(body)["quotes_by"])
    assert modes == ["belief", "speech", "speech", "stance"]


def test_web_evidence_cli_timeline_labels_what_was_said_apart(tmp_path):
    from newsgraph.cli import cli

    db = build(tmp_path / "timeline.db")
    result = CliRunner().invoke(cli, ["timeline", NAME, "--db", str(db)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = {line.split()[1]: line for line in result.stdout.splitlines()[1:]
             if line[:4].isdigit()}
    said = [line for line in result.stdout.splitlines() if " said " in line]
    assert len(said) == 2 and any(DIRECT in line for line in said)
    assert BELIEF in lines["belief"] and "parking rules" in lines["stance"]
    assert not any(" quote " in line for line in result.stdout.splitlines())
