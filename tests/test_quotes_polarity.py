"""Polarity of reports: denials, refusals and unconfirmed reports are kept, marked, stored
and never shown as plain claims. Sentences are rephrased wire copy."""

from __future__ import annotations

import pytest

from newsgraph.model import Article, ArticleAnalysis, Quote, Speaker, TextSpan
from newsgraph.store import Store


def analysed(analyzer, text: str) -> list[Quote]:
    return list(analyzer.analyse(Article(id="t", text=text)).quotes)


@pytest.mark.parametrize(("text", "content", "polarity"), [
    # denials
    ("The interior minister denied that police had fired on the marchers.",
     "police had fired", "denied"),
    ("A rebel spokesman on Sunday denied reports that the fighters had pulled out of the "
     "town.", "fighters had pulled out", "denied"),
    # refusals
    ("The ministry declined to say whether the envoy would return to the capital.",
     "envoy would return", "refused"),
    ("The company refused to confirm that it would shut the plant in March.",
     "shut the plant", "refused"),
    # not confirmed
    ("The president has not yet confirmed that he will meet the rebel leader.",
     "he will meet the rebel leader", "not_confirmed"),
    ("Officials did not say whether the talks would resume on Monday.",
     "talks would resume", "not_confirmed"),
    # plain reports: no polarity
    ("The interior minister said that police had fired on the marchers.",
     "police had fired", None),
    ("Police confirmed that two men had been arrested near the border.",
     "two men had been arrested", None),
    ("The minister did not deny that the army had shelled the village.",
     "army had shelled", None),
])
def test_quotes_polarity_of_reports(analyzer, text, content, polarity):
    found = [q for q in analysed(analyzer, text) if content in q.text]
    assert found, [q.text for q in analysed(analyzer, text)]
    assert found[0].polarity == polarity


@pytest.mark.parametrize(("text", "polarity"), [
    ('"We have nothing to hide," the spokesman said.', None),
    ('The envoy denied the charge: "We have never armed the militias," he said.', None),
])
def test_quotes_polarity_direct_quotations_stay_plain(analyzer, text, polarity):
    direct = [q for q in analysed(analyzer, text) if q.kind == "direct"]
    assert direct and direct[0].polarity is polarity


def denial_analysis() -> ArticleAnalysis:
    text = "A spokesman for the ministry denied that troops had crossed the border."
    start = text.index("troops")
    quote = Quote(
        id="q0", kind="indirect", text=text[start:-1], start=start, end=len(text) - 1,
        spans=((start, len(text) - 1),), cue=TextSpan("denied", 33, 39),
        speaker=Speaker(mention=TextSpan("A spokesman for the ministry", 0, 28), name=None,
                        description="A spokesman for the ministry", type="PERSON",
                        principal="the ministry"),
        confidence=0.8, polarity="denied")
    return ArticleAnalysis(Article(id="deny-1", text=text), (quote,))


def test_quotes_polarity_stored_and_read_back():
    analysis = denial_analysis()
    with Store(":memory:") as store:
        store.save_analysis(analysis)
        assert store.analysis("deny-1") == analysis
        listed = store.quotes()
    assert listed[0]["polarity"] == "denied"
    assert listed[0]["speaker_principal"] == "the ministry"


@pytest.mark.parametrize(("polarity", "shown"), [
    ("denied", "DENIED"), ("refused", "DECLINED TO SAY"), ("not_confirmed", "NOT CONFIRMED"),
])
def test_quotes_polarity_shown_in_listing(polarity, shown):
    from newsgraph.cli import _format_quote

    row = {"speaker_name": "Jane Roe", "kind": "indirect", "text": "troops crossed",
           "article_id": "a", "start": 0, "end": 5, "polarity": polarity}
    assert shown in _format_quote(row)
    assert "DENIED" not in _format_quote({**row, "polarity": None})
