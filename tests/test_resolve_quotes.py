"""The same quotation again (``newsgraph.resolve.quotes``): rules, the stage, its index.

Every quotation here is invented for these tests, written the way wire copy reports people.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.model import Article, ArticleAnalysis, Entity, Quote, Speaker, TextSpan
from newsgraph.resolve import quotes as rq
from newsgraph.resolve import stages
from newsgraph.store import Store
from newsgraph.store import quote_groups as qg

# --- the pure rules -------------------------------------------------------------------------


def test_resolve_quotes_content_words_drop_stop_words_and_reporting_verbs() -> None:
    words = rq.content_words("We will not be lectured by people who said the talks had failed")
    assert "said" not in words and "we" not in words and "will" not in words
    assert {rq.stem(w) for w in ("lectured", "people", "talks", "failed")} <= set(words)


@pytest.mark.parametrize("a, b", [("reforms", "reform"), ("talking", "talks"),
                                  ("charges", "charge"), ("cities", "city")])
def test_resolve_quotes_stem_joins_inflections(a: str, b: str) -> None:
    assert rq.stem(a) == rq.stem(b)


def test_resolve_quotes_stem_leaves_short_words() -> None:
    assert rq.stem("gas") == "gas" and rq.stem("bus") == "bus"


def _same(a: str, b: str, unnamed: bool = False) -> bool:
    wa, wb = rq.content_words(a), rq.content_words(b)
    if not (rq.enough_content(wa) and rq.enough_content(wb)):
        return False
    return rq.same_statement(rq.similarity(a, wa, b, wb), unnamed)


SAME_STATEMENT = [
    # verbatim, as a re-issued dispatch repeats it
    ("The harbour will reopen to fishing boats before the end of the month",
     "The harbour will reopen to fishing boats before the end of the month"),
    # trimmed: the later story quotes only the first half
    ("The families on this street have waited ten years for a proper flood wall and they "
     "deserve it", "The families on this street have waited ten years for a proper flood wall"),
    # an ellipsis in the middle
    ("The miners had little chance of survival given the toxic gas and the collapsed tunnels",
     "The miners had little chance of survival ... given the toxic gas"),
    # one word changed by a second translation
    ("Our members have had enough of broken promises on pay",
     "Our members have had enough of broken pledges on pay"),
    # reported speech of a direct quotation: tense and pronouns shift, the content stays
    ("I will ask parliament to approve the emergency budget next week",
     "she would ask parliament to approve an emergency budget the following week"),
    # a paraphrase in another dispatch, words reordered
    ("the closure of the border crossing was punishing ordinary families",
     "ordinary families were being punished by the closure of the crossing at the border"),
]

DIFFERENT_STATEMENTS = [
    # one speaker, one topic, two statements: they share the topic words only
    ("The budget will cut spending on roads and raise taxes on fuel",
     "Opposition parties have tried to block the budget since the spring"),
    ("The ceasefire must be respected by every armed group in the north",
     "Aid convoys will reach the north once the roads are cleared of mines"),
    # a short summary sharing topic words with a long quotation of other things
    ("We are ready to deepen trust, widen cooperation in trade, farming, health and schools, "
     "and stand together on security across the region and at the United Nations",
     "the two countries share trust and close cooperation"),
    # short common phrases that recur by chance
    ("we will see", "we will see"),
    ("very pleased", "very pleased"),
    ("a grave mistake", "a grave mistake"),
]


@pytest.mark.parametrize("a, b", SAME_STATEMENT)
def test_resolve_quotes_same_statement_links(a: str, b: str) -> None:
    assert _same(a, b)


@pytest.mark.parametrize("a, b", DIFFERENT_STATEMENTS)
def test_resolve_quotes_different_statements_stay_apart(a: str, b: str) -> None:
    assert not _same(a, b)


def test_resolve_quotes_unnamed_speakers_need_near_identical_words() -> None:
    said = "Two people were killed and five wounded when a bomb went off near the market"
    assert _same(said, said, unnamed=True)
    reworded = "A bomb near the market killed two and wounded five, officials said"
    assert not _same(said, reworded, unnamed=True)


@pytest.mark.parametrize("cue, saying", [
    ("said", True), ("according to", True), ("told reporters", True), ("warned", True),
    ("announced", True), ("believe", True),
    ("required", False), ("expected", False), ("pushed", False), (None, False),
])
def test_resolve_quotes_saying_cue(cue: str | None, saying: bool) -> None:
    assert rq.saying_cue(cue) is saying


@pytest.mark.parametrize("description, head", [
    ("a well-informed police source", rq.stem("source")),
    ("local government sources", rq.stem("source")),
    ("rescuers", rq.stem("rescuers")),
    ("it", None), (None, None),
])
def test_resolve_quotes_source_head(description: str | None, head: str | None) -> None:
    assert rq.source_head(description) == head


S = rq.Speaker


@pytest.mark.parametrize("a, b, level", [
    (S(None, None, "sourc"), S(None, None, "sourc"), rq.SAME),
    (S(None, None, None), S(None, None, "sourc"), rq.SAME),  # "it said"
    (S(None, None, "rescuer"), S(None, None, "sourc"), rq.POSSIBLY),
    (S("id-1", "hollins", None, "peter hollins"), S("id-1", "hollins"), rq.SAME),
    (S("id-1", "hollins"), S(None, "hollins"), rq.SAME),  # one entity left unresolved
    (S(None, "hollins"), S(None, "marsh"), rq.DIFFERENT),
    # two Mr Smiths: different identities under different names
    (S("id-1", "smith", None, "john smith"), S("id-2", "smith", None, "alan smith"),
     rq.DIFFERENT),
    # one name, two identities: only a long verbatim copy will link them
    (S("id-1", "pfeffer", None, "ruth pfeffer"), S("id-2", "pfeffer", None, "ruth pfeffer"),
     rq.POSSIBLY),
    (S("id-1", "hollins"), S(None, None), rq.POSSIBLY),  # named vs unnamed
])
def test_resolve_quotes_same_speaker(a: rq.Speaker, b: rq.Speaker, level: int) -> None:
    assert rq.same_speaker(a, b) == level


LONG = ("Over the past few days we have seen ugly scenes on our streets, but as a city we "
        "must find the courage to move beyond them")


def test_resolve_quotes_possibly_one_speaker_needs_a_long_verbatim_copy() -> None:
    words = rq.content_words(LONG)
    assert rq.same_statement(rq.similarity(LONG, words, LONG, words), False, rq.POSSIBLY)
    short = "We must find the courage to move beyond these ugly scenes"
    short_words = rq.content_words(short)
    sim = rq.similarity(short, short_words, short, short_words)
    assert rq.same_statement(sim, False, rq.SAME)
    assert not rq.same_statement(sim, False, rq.POSSIBLY)
    assert not rq.same_statement(rq.similarity(LONG, words, LONG, words), False, rq.DIFFERENT)


def test_resolve_quotes_index_keys_are_scoped_by_speaker() -> None:
    keys = rq.index_keys(rq.Speaker("id-7", "quayle"), ["member", "pay", "member"])
    assert keys == ["i:id-7|member", "i:id-7|pay", "s:quayle|member", "s:quayle|pay"]
    unnamed = rq.index_keys(rq.Speaker(None, None), ["bomb", "market", "kill", "two"])
    assert unnamed == ["v|bomb market kill", "v|market kill two"]
    # a long quotation of a named speaker is also findable whoever said it
    long_words = rq.content_words(LONG)
    assert any(k.startswith("v|") for k in rq.index_keys(rq.Speaker("id-7", "quayle"),
                                                          long_words))


# --- the stage over a store ------------------------------------------------------------------


def analysis(article_id: str, published: str, text: str,
             quotes: list[tuple[str, str | None]], cue: str = "said") -> ArticleAnalysis:
    """An analysis of ``text`` with one entity per named speaker and one quotation per
    (content, speaker name) pair, each with the cue ``cue``; each content must occur in
    ``text``."""
    entities: dict[str, Entity] = {}
    found = []
    for n, (content, name) in enumerate(quotes):
        start = text.index(content)
        speaker = None
        if name is not None:
            if name not in entities:
                at = text.index(name)
                entities[name] = Entity(f"e{len(entities)}", name, "PERSON", (),
                                        ((at, at + len(name)),))
            at = text.index(name)
            speaker = Speaker(TextSpan(name, at, at + len(name)), name, None, "PERSON",
                              entities[name].id)
        found.append(Quote(f"q{n}", "direct", content, start, start + len(content),
                           cue=TextSpan(cue, 0, len(cue)), speaker=speaker, confidence=0.9))
    return ArticleAnalysis(Article(article_id, text, title=article_id, published=published,
                                   source="Wire"), tuple(found), tuple(entities.values()))


def store_all(store: Store, analyses: list[ArticleAnalysis]) -> None:
    with store.transaction():
        for item in analyses:
            store.save_analysis(item)
        stages.enqueue(store, [a.article.id for a in analyses])
        stages.run_pending(store)


BRIDGE = "We will reopen the bridge to lorries once the engineers have signed it off"
BRIDGE_LATER = "We will reopen the bridge to lorries once engineers have signed it off"
TOLLS = "There will be no tolls on the new bridge for local drivers"


def bridge_articles() -> list[ArticleAnalysis]:
    return [
        analysis("bridge-1", "2023-03-01",
                 f'Council leader Mary Penrose said: "{BRIDGE}." She added: "{TOLLS}."',
                 [(BRIDGE, "Mary Penrose"), (TOLLS, "Mary Penrose")]),
        analysis("bridge-2", "2023-03-08",
                 f'"{BRIDGE_LATER}," Mary Penrose told reporters on Tuesday.',
                 [(BRIDGE_LATER, "Mary Penrose")]),
        # the same words from someone else stay apart
        analysis("bridge-3", "2023-03-09",
                 f'Tom Garvey, a haulier, said: "{BRIDGE}."', [(BRIDGE, "Tom Garvey")]),
    ]


@pytest.fixture()
def store() -> Store:
    s = Store(":memory:")
    yield s
    s.close()


def test_resolve_quotes_groups_one_statement_across_articles(store: Store) -> None:
    store_all(store, bridge_articles())
    groups = list(qg.contract_records(store.conn))
    assert len(groups) == 1
    group = groups[0]
    assert group["speaker"]["name"] == "Mary Penrose" and group["speaker"]["entity"]
    assert [(q["article"], q["quote"]) for q in group["quotes"]] == [
        ("bridge-1", "q0"), ("bridge-2", "q0")]
    assert group["first"] == {"article": "bridge-1", "quote": "q0", "published": "2023-03-01",
                              "source": "Wire"}
    assert [q["first"] for q in group["quotes"]] == [True, False]


def test_resolve_quotes_incremental_equals_rebuild(store: Store) -> None:
    for item in bridge_articles():
        store_all(store, [item])
    incremental = list(qg.contract_records(store.conn))
    stages.rebuild(store, ["quote_groups"])
    assert list(qg.contract_records(store.conn)) == incremental


def test_resolve_quotes_updated_article_leaves_and_rejoins(store: Store) -> None:
    first, second, _ = bridge_articles()
    store_all(store, [first, second])
    assert len(list(qg.contract_records(store.conn))) == 1
    # the second story is corrected: the bridge quotation is gone, another one replaces it
    changed = analysis("bridge-2", "2023-03-08",
                       f'"{TOLLS}," Mary Penrose told reporters.', [(TOLLS, "Mary Penrose")])
    store_all(store, [changed])
    groups = list(qg.contract_records(store.conn))
    assert len(groups) == 1
    assert {(q["article"], q["text"]) for q in groups[0]["quotes"]} == {
        ("bridge-1", TOLLS), ("bridge-2", TOLLS)}
    # nothing of the old revision is left in the index
    rows = store.conn.execute("SELECT COUNT(*) FROM quote_index WHERE article_id = 'bridge-2'")
    assert rows.fetchone()[0] == 1


def test_resolve_quotes_unnamed_sources_need_a_word_of_saying(store: Store) -> None:
    toll = "Nine people were killed and twenty wounded when a bus left the mountain road"
    narrated = [analysis(f"bus-{n}", f"2023-04-0{n}", f"{toll}.", [(toll, None)],
                         cue="expected") for n in (1, 2)]
    store_all(store, narrated)
    assert list(qg.contract_records(store.conn)) == []
    reported = [analysis(f"bus-{n}", f"2023-04-0{n}", f"{toll}, police said.", [(toll, None)])
                for n in (3, 4)]
    store_all(store, reported)
    groups = list(qg.contract_records(store.conn))
    assert [[q["article"] for q in g["quotes"]] for g in groups] == [["bus-3", "bus-4"]]


def test_resolve_quotes_library_and_cli(store: Store, tmp_path) -> None:
    path = tmp_path / "q.db"
    with Store(path) as disk:
        store_all(disk, bridge_articles())
    runner = CliRunner()
    listed = runner.invoke(cli, ["quotes", "--repeated", "--db", str(path)])
    assert listed.exit_code == 0
    assert "bridge-2:q0" in listed.stdout and "2 uses in 2 articles" in listed.stdout
    assert "bridge-3" not in listed.stdout
    shown = runner.invoke(cli, ["quote", "bridge-2:q0", "--db", str(path)])
    assert shown.exit_code == 0
    assert "also reported in" in shown.stdout and "bridge-1:q0" in shown.stdout
    assert "(first seen)" in shown.stdout
    missing = runner.invoke(cli, ["quote", "bridge-9:q0", "--db", str(path)])
    assert missing.exit_code != 0


def test_resolve_quotes_candidate_lookup_uses_the_index(store: Store) -> None:
    store_all(store, bridge_articles())
    params = {"keys": '["i:x|bridge", "v|bridge lorri engin"]', "min_shared": 2, "cap": 100,
              "top": 50}
    plan = " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + qg.CANDIDATES,
                                                     params))
    assert "SEARCH k USING" in plan and "PRIMARY KEY" in plan or "INDEX" in plan
    assert "SCAN k" not in plan
    rows = " ".join(r[3] for r in store.conn.execute(
        "EXPLAIN QUERY PLAN " + qg.CANDIDATE_ROWS, {"rows": "[1]"}))
    assert "SCAN x" not in rows
    removal = " ".join(r[3] for r in store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT quote_row, group_id FROM quote_index WHERE article_id = ?",
        ("bridge-1",)))
    assert "quote_index_article" in removal
