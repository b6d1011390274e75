"""The demo corpus, its gold, and the demo scorer (newsgraph.evaluate.demo)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from newsgraph.evaluate.demo import (
    DEFAULT_GOLD,
    DemoGold,
    GoldArticle,
    GoldEntity,
    GoldQuote,
    GoldRole,
    GoldSpeaker,
    GoldTime,
    chars_of,
    evaluate_demo,
    format_report,
    gold_mentions,
    half_overlap,
    load_gold,
    score_entities,
    score_quotes,
    score_roles,
    score_times,
)
from newsgraph.model import (
    Article,
    ArticleAnalysis,
    Entity,
    Quote,
    Role,
    Speaker,
    TextSpan,
    TimeExpr,
)


@pytest.fixture(scope="module")
def demo() -> DemoGold:
    return load_gold(DEFAULT_GOLD)


# --- the gold is consistent with the corpus --------------------------------------------------


def test_demo_gold_quote_offsets_slice_the_text(demo):
    for g in demo.articles:
        text = g.article.text
        for q in g.quotes:
            pieces = [text[s:e] for s, e in q.spans]
            assert " ".join(pieces) == q.text, q.id
            assert (q.start, q.end) == (q.spans[0][0], q.spans[-1][1]), q.id
            assert all(p.strip() == p and p for p in pieces), q.id


def test_demo_gold_time_role_and_negative_offsets_slice_the_text(demo):
    for g in demo.articles:
        text = g.article.text
        for t in g.times:
            assert text[t.start:t.end] == t.text
        for r in g.roles:
            assert text[r.evidence.start:r.evidence.end] == r.evidence.text
        for n in g.not_quotes:
            assert text[n.start:n.end] == n.text


def test_demo_gold_repeats_and_conflicts_slice_the_text(demo):
    texts = {g.article.id: g.article.text for g in demo.articles}
    for r in demo.repeated_quotes:
        for o in r["occurrences"]:
            assert texts[o["article"]][o["start"]:o["end"]] == r["text"]
    for c in demo.conflicts:
        values = {f["value"] for f in c["figures"]}
        assert len(values) > 1
        for f in c["figures"]:
            assert texts[f["article"]][f["start"]:f["end"]] == f["text"]


def test_demo_gold_ids_point_at_entities_and_every_alias_is_used(demo):
    ids = {e.id for e in demo.entities}
    corpus = "\n".join(g.article.text for g in demo.articles)
    for g in demo.articles:
        for q in g.quotes:
            assert q.speaker.entity is None or q.speaker.entity in ids
            assert (q.speaker.name is None) == (q.speaker.entity is None)
            assert q.speaker.name is not None or q.speaker.description
        for r in g.roles:
            assert r.entity in ids
            assert r.organisation_entity is None or r.organisation_entity in ids
    for e in demo.entities:
        for alias in e.aliases:
            assert re.search(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", corpus), alias


def test_demo_corpus_has_twelve_articles_of_the_right_length(demo):
    assert len(demo.articles) == 12
    sources = {g.article.source for g in demo.articles}
    assert 2 <= len(sources) <= 3
    for g in demo.articles:
        assert 150 <= len(g.article.text.split()) <= 400, g.article.id
        dt.date.fromisoformat(g.article.published)
        assert g.article.url.startswith("https://example.org/")


def _all_quotes(demo: DemoGold) -> list[tuple[GoldArticle, GoldQuote]]:
    return [(g, q) for g in demo.articles for q in g.quotes]


@pytest.mark.parametrize(
    "case, holds",
    [
        ("multi-paragraph quote",
         lambda d: any(len(q.spans) > 2 and "\n" in g.article.text[q.start:q.end]
                       for g, q in _all_quotes(d))),
        ("quote broken by its tag",
         lambda d: any(re.search(r"(said|wrote)\. [“\"]", g.article.text[q.start:q.end])
                       for g, q in _all_quotes(d))),
        ("curly open, straight close",
         lambda d: any(g.article.text[q.start - 1] == "“" and g.article.text[q.end] == '"'
                       for g, q in _all_quotes(d))),
        ("nested single quotes", lambda d: any("‘" in q.text or " '" in q.text
                                               for _, q in _all_quotes(d))),
        ("[sic]", lambda d: any("[sic]" in q.text for _, q in _all_quotes(d))),
        ("bracketed insertion", lambda d: any("[the council]" in q.text
                                              for _, q in _all_quotes(d))),
        ("decade with apostrophe", lambda d: any(t.value == "199" and "’" in t.text
                                                 for g in d.articles for t in g.times)),
        ("unnamed source", lambda d: any(q.speaker.name is None and q.speaker.type == "PERSON"
                                         for _, q in _all_quotes(d))),
        ("organisation speaker", lambda d: any(q.speaker.type == "ORG"
                                               for _, q in _all_quotes(d))),
        ("group speaker", lambda d: any(q.speaker.type == "GROUP" for _, q in _all_quotes(d))),
        ("all three kinds", lambda d: {q.kind for _, q in _all_quotes(d)}
         == {"direct", "partial", "indirect"}),
        ("words in quote marks that are not speech",
         lambda d: sum(len(g.not_quotes) for g in d.articles) >= 2),
        ("former and deputy qualifiers",
         lambda d: {"former", "deputy"} <= {r.qualifier for g in d.articles for r in g.roles}),
        ("acronym introduced in parentheses",
         lambda d: any(re.search(r"\(([A-Z]{3,})\)", g.article.text) for g in d.articles)),
    ],
)
def test_demo_corpus_exercises_the_hard_case(demo, case, holds):
    assert holds(demo), case


@pytest.mark.parametrize("full, short", [("William", "Bill"), ("Katherine", "Kate"),
                                         ("Thomas", "Tom")])
def test_demo_corpus_uses_nickname_variants_in_different_articles(demo, full, short):
    entity = next(e for e in demo.entities if e.name.startswith(full + " "))
    surname = entity.name.split()[-1]
    with_full = {g.article.id for g in demo.articles if entity.name in g.article.text}
    with_short = {g.article.id for g in demo.articles
                  if f"{short} {surname}" in g.article.text}
    assert with_full and with_short and with_full != with_short
    assert f"{short} {surname}" in entity.aliases


def test_demo_corpus_repeats_a_quote_across_outlets(demo):
    sources = {g.article.id: g.article.source for g in demo.articles}
    (repeat,) = demo.repeated_quotes
    first, second = repeat["articles"]
    assert sources[first] != sources[second]


# --- the scorer on a small hand-built gold -------------------------------------------------

TEXT_1 = 'Ann Lee, the chair of Acme Corp, said on Monday: "We will grow." Ms Lee said profits rose.'
TEXT_2 = 'Acme hired staff. "It went well," Ms Lee said.'
LEE = GoldSpeaker("Ann Lee", None, "PERSON", "lee")


def at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def gold_quote(qid: str, kind: str, text: str, words: str) -> GoldQuote:
    s, e = at(text, words)
    return GoldQuote(qid, kind, words, s, e, ((s, e),), LEE)


def small_gold() -> DemoGold:
    a1 = Article("a1", TEXT_1, published="2024-01-10")
    a2 = Article("a2", TEXT_2, published="2024-01-12")
    s, e = at(TEXT_1, "Monday")
    role_s, role_e = at(TEXT_1, "Ann Lee, the chair of Acme Corp")
    return DemoGold(
        articles=(
            GoldArticle(
                a1,
                quotes=(gold_quote("q1", "direct", TEXT_1, "We will grow."),
                        gold_quote("q2", "indirect", TEXT_1, "profits rose")),
                times=(GoldTime("Monday", s, e, "DATE", "2024-01-08", ("2024-W02",)),),
                roles=(GoldRole("Ann Lee", "lee", "chair", (), "Acme Corp", "acme", "Acme Corp",
                                None, TextSpan(TEXT_1[role_s:role_e], role_s, role_e)),),
                not_quotes=(),
            ),
            GoldArticle(a2, quotes=(gold_quote("q3", "direct", TEXT_2, "It went well,"),),
                        times=(), roles=(), not_quotes=()),
        ),
        entities=(GoldEntity("lee", "Ann Lee", "PERSON", ("Ann Lee", "Ms Lee")),
                  GoldEntity("acme", "Acme Corp", "ORG", ("Acme Corp", "Acme"))),
        repeated_quotes=(),
        conflicts=(),
    )


def predicted_quote(text: str, words: str, name: str | None, kind: str = "direct") -> Quote:
    s, e = at(text, words)
    return Quote(f"p{s}", kind, words, s, e, speaker=Speaker(None, name))


def analysis(article: Article, **parts) -> ArticleAnalysis:
    return ArticleAnalysis(article=article, **parts)


@pytest.mark.parametrize(
    "pred, matched",
    [
        ((10, 30), True),    # exact
        ((0, 30), True),     # gold is 20 of the 30 predicted characters
        ((0, 50), False),    # gold is under half of the prediction
        ((20, 40), True),    # exactly half of each
        ((21, 40), False),   # just under half of the gold
        ((30, 40), False),   # touching, no overlap
    ],
)
def test_demo_half_overlap_needs_half_of_each(pred, matched):
    assert bool(half_overlap(chars_of([(10, 30)]), chars_of([pred]))) is matched


def test_demo_score_quotes_counts_content_speaker_and_kinds():
    gold = small_gold()
    a1 = gold.articles[0].article
    pred = analysis(a1, quotes=(
        predicted_quote(TEXT_1, "We will grow.", "Ms Lee"),               # alias: right
        predicted_quote(TEXT_1, "said profits rose", "Acme Corp", "indirect"),  # wrong speaker
        predicted_quote(TEXT_1, "Ann Lee, the chair", None, "indirect"),   # spurious
    ))
    scores = score_quotes(gold, [pred])
    assert scores["content"]["precision"] == pytest.approx(2 / 3)
    assert scores["content"]["recall"] == pytest.approx(2 / 3)
    assert scores["speaker_accuracy"] == pytest.approx(1 / 2)
    assert scores["end_to_end"]["precision"] == pytest.approx(1 / 3)
    assert scores["end_to_end"]["f1"] == pytest.approx(1 / 3)
    assert scores["by_kind"]["direct"] == {"gold": 2, "matched": 1, "recall": 0.5}
    assert scores["by_kind"]["indirect"]["recall"] == 1.0
    assert scores["missing_articles"] == ["a2"]


def test_demo_score_quotes_matches_one_to_one():
    gold = small_gold()
    a2 = gold.articles[1].article
    pred = analysis(a2, quotes=(predicted_quote(TEXT_2, "It went well,", "Ann Lee"),
                                predicted_quote(TEXT_2, "It went well", "Ann Lee")))
    scores = score_quotes(gold, [pred])
    assert scores["content"]["correct"] == 1
    assert scores["content"]["precision"] == 0.5


@pytest.mark.parametrize(
    "gold_name, predicted, right",
    [
        ("Ann Lee", "Ann Lee", True),
        ("Ann Lee", "ms lee", True),       # an alias, any case
        ("Ann Lee", "Lee", False),         # not one of the aliases
        ("Ann Lee", None, False),
        (None, None, True),                # both unnamed
        (None, "Ann Lee", False),
    ],
)
def test_demo_score_quotes_speaker_by_alias(gold_name, predicted, right):
    gold = small_gold()
    speaker = LEE if gold_name else GoldSpeaker(None, "one official", "PERSON", None)
    g2 = gold.articles[1]
    q = g2.quotes[0]
    g2 = GoldArticle(g2.article, (GoldQuote(q.id, q.kind, q.text, q.start, q.end, q.spans,
                                            speaker),), (), (), ())
    gold = DemoGold((gold.articles[0], g2), gold.entities, (), ())
    pred = analysis(g2.article, quotes=(predicted_quote(TEXT_2, "It went well,", predicted),))
    assert score_quotes(gold, [pred])["speaker_correct"] == int(right)


@pytest.mark.parametrize(
    "words, value, strict, relaxed, value_right",
    [
        ("Monday", "2024-01-08", 1, 1, 1),
        ("on Monday", "2024-01-08", 0, 1, 1),
        ("Monday", "2024-01-15", 1, 1, 0),
        ("Monday", "2024-W02", 1, 1, 1),   # an accepted alternative
        ("Ann Lee", "2024", 0, 0, 0),
    ],
)
def test_demo_score_times_strict_relaxed_and_value(words, value, strict, relaxed, value_right):
    gold = small_gold()
    s, e = at(TEXT_1, words)
    pred = analysis(gold.articles[0].article, times=(TimeExpr(words, s, e, "DATE", value),))
    scores = score_times(gold, [pred])
    assert scores["strict"]["correct"] == strict
    assert scores["relaxed"]["correct"] == relaxed
    assert scores["value"]["correct"] == value_right


@pytest.mark.parametrize(
    "name, title, organisation, strict, loose",
    [
        ("Ann Lee", "Chair", "Acme", True, True),
        ("Ann Lee", "chair", "the Acme Corp", True, True),
        ("Ann Lee", "former chair", "Acme Corp", True, True),  # qualifier word set aside
        ("Ann Lee", "chair", "Globex", False, True),
        ("Ann Lee", "chair", None, False, True),
        ("Ann Lee", "treasurer", "Acme", False, False),
        ("Bob Smith", "chair", "Acme", False, False),
    ],
)
def test_demo_score_roles_by_person_title_and_organisation(name, title, organisation, strict,
                                                           loose):
    gold = small_gold()
    pred = analysis(
        gold.articles[0].article,
        entities=(Entity("e1", name, "PERSON", aliases=(name,)),),
        roles=(Role("e1", title, organisation, None, 0, 7),
               Role("e1", title, organisation, None, 40, 47)),  # the same role twice
    )
    scores = score_roles(gold, [pred])
    assert scores["roles"]["predicted"] == 1
    assert scores["roles"]["correct"] == int(strict)
    assert scores["person_title"]["correct"] == int(loose)


def test_demo_gold_mentions_skip_aliases_inside_longer_ones():
    assert gold_mentions(small_gold()) == {
        ("a1", "ann lee"): "lee", ("a1", "ms lee"): "lee", ("a1", "acme corp"): "acme",
        ("a2", "acme"): "acme", ("a2", "ms lee"): "lee",
    }


@pytest.mark.parametrize(
    "clusters, pairwise, cross, b3",
    [
        # resolved across articles exactly as the gold
        ({"x": {("a1", "Ann Lee"), ("a1", "Ms Lee"), ("a2", "ms lee")},
          "y": {("a1", "Acme Corp"), ("a2", "Acme")}},
         (1.0, 1.0), (1.0, 1.0), (1.0, 1.0)),
        # everything in one cluster: 4 of its 10 pairs are right
        ({"x": {("a1", "Ann Lee"), ("a1", "Ms Lee"), ("a2", "Ms Lee"), ("a1", "Acme Corp"),
                ("a2", "Acme")}},
         (0.4, 1.0), (3 / 6, 1.0), ((3 * 3 / 5 + 2 * 2 / 5) / 5, 1.0)),
        # no resolution across articles
        ({"x": {("a1", "Ann Lee"), ("a1", "Ms Lee")}, "y": {("a1", "Acme Corp")},
          "z": {("a2", "Acme")}, "w": {("a2", "Ms Lee")}},
         (1.0, 0.25), (0.0, 0.0), (1.0, (2 / 3 + 2 / 3 + 1 / 3 + 1 / 2 + 1 / 2) / 5)),
        # nothing predicted: every gold mention on its own
        ({}, (0.0, 0.0), (0.0, 0.0), (1.0, (1 / 3 + 1 / 3 + 1 / 3 + 1 / 2 + 1 / 2) / 5)),
    ],
)
def test_demo_score_entities_pairwise_and_b_cubed(clusters, pairwise, cross, b3):
    scores = score_entities(small_gold(), clusters)
    for key, (p, r) in (("pairwise", pairwise), ("cross_article", cross), ("b_cubed", b3)):
        assert scores[key]["precision"] == pytest.approx(p), key
        assert scores[key]["recall"] == pytest.approx(r), key


# --- the scorer on the demo gold itself ----------------------------------------------------


def perfect_analysis(demo: DemoGold, g: GoldArticle) -> ArticleAnalysis:
    """What a perfect analyser would return for one gold article."""
    people = {r.entity for r in g.roles}
    entities = tuple(Entity(e.id, e.name, e.type, e.aliases) for e in demo.entities
                     if e.id in people)
    return ArticleAnalysis(
        article=g.article,
        quotes=tuple(Quote(q.id, q.kind, q.text, q.start, q.end, q.spans,
                           speaker=Speaker(None, q.speaker.name, q.speaker.description))
                     for q in g.quotes),
        entities=entities,
        roles=tuple(Role(r.entity, r.title, r.organisation, r.qualifier, r.evidence.start,
                         r.evidence.end) for r in g.roles),
        times=tuple(TimeExpr(t.text, t.start, t.end, t.type, t.value) for t in g.times),
    )


def perfect_clusters(demo: DemoGold) -> dict[str, set[tuple[str, str]]]:
    return {e.id: {(g.article.id, a) for g in demo.articles for a in e.aliases
                   if a in g.article.text} for e in demo.entities}


def test_demo_perfect_analyses_score_one_everywhere(demo):
    analyses = [perfect_analysis(demo, g) for g in demo.articles]
    report = evaluate_demo(DEFAULT_GOLD, analyses, perfect_clusters(demo))
    assert report["quotes"]["end_to_end"]["f1"] == 1.0
    assert report["quotes"]["speaker_accuracy"] == 1.0
    assert report["roles"]["roles"]["f1"] == 1.0
    assert report["roles"]["qualifier_accuracy"] == 1.0
    assert report["times"]["strict"]["f1"] == 1.0
    assert report["times"]["value_accuracy"] == 1.0
    assert report["entities"]["cross_article"]["f1"] == 1.0
    assert report["entities"]["b_cubed"]["f1"] == 1.0
    text = format_report(report)
    assert "articles analysed: 12/12" in text
    assert "F1 1.000" in text


def test_demo_no_analyses_score_zero(demo):
    report = evaluate_demo(DEFAULT_GOLD, [])
    assert report["quotes"]["content"]["recall"] == 0.0
    assert report["times"]["relaxed"]["f1"] == 0.0
    assert len(report["quotes"]["missing_articles"]) == 12
    assert "articles analysed: 0/12" in format_report(report)
