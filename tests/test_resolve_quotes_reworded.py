"""The same quotation again, reworded (``newsgraph.resolve.quotes``): partial names, a
pronoun speaker, words in quotation marks, a copied clause, the sentence around a reported
clause, a copy inside a longer report, utterances named instead of given, merged groups.

Every sentence here is invented for these tests, written the way wire copy reports people.
"""

from __future__ import annotations

import pytest

from newsgraph.model import Article, ArticleAnalysis, Entity, Quote, Speaker, TextSpan
from newsgraph.resolve import quotes as rq
from newsgraph.resolve import stages
from newsgraph.store import Store
from newsgraph.store import quote_groups as qg


def sim(a: str, b: str) -> rq.Similarity:
    return rq.similarity(a, rq.content_words(a), b, rq.content_words(b))


# --- speakers ----------------------------------------------------------------------------


@pytest.mark.parametrize("a, b", [
    ("Peter Marsh", "Pete Marsh"),
    ("Marsh", "Helen Marsh"),
    ("Helen J. Marsh", "Helen Marsh"),
])
def test_reworded_names_compatible(a: str, b: str) -> None:
    assert rq.names_compatible(a, b) and rq.names_compatible(b, a)


@pytest.mark.parametrize("a, b", [
    ("George Hale", "Jeb Hale"),  # relatives: the first names differ
    ("Ann Lee", "Ann Leeson"),  # a last name is not a short form of another
    ("Tan", "Tan Wei"),  # a lone word that is not the other's last word
    ("Marsh", None),
])
def test_reworded_names_not_compatible(a: str, b: str | None) -> None:
    assert not rq.names_compatible(a, b)


def test_reworded_same_speaker_short_first_name_and_organisations() -> None:
    pete = rq.Speaker("id-1", "marsh", None, "pete marsh")
    peter = rq.Speaker("id-2", "marsh", None, "peter marsh")
    assert rq.same_speaker(pete, peter) == rq.SAME
    jeb = rq.Speaker("id-3", "marsh", None, "jeb marsh")
    assert rq.same_speaker(peter, jeb) == rq.DIFFERENT
    # two organisations are compared by their last word, as before
    board = rq.Speaker(None, "board", None, "harbour board", person=False)
    other = rq.Speaker(None, "board", None, "water board", person=False)
    assert rq.same_speaker(board, other) == rq.SAME


def test_reworded_pronoun_speaker_stands_for_a_name_just_before() -> None:
    he = rq.Speaker(None, None)
    marsh = rq.Speaker("id-1", "marsh", None, "peter marsh")
    before = "Peter Marsh, the port's director, met the unions on Monday. "
    assert rq.pronoun_for(he, before, marsh)
    assert not rq.pronoun_for(he, "The unions met the minister on Monday. ", marsh)
    # a described source is not a pronoun: "officials said" is not Marsh
    officials = rq.Speaker(None, None, "offici")
    assert not rq.pronoun_for(officials, before, marsh)
    # a lower-case word is not a name ("marsh" the wetland)
    assert not rq.pronoun_for(he, "The marsh flooded again on Monday. ", marsh)


# --- words in quotation marks, copied clauses, sentences -----------------------------------------


def test_reworded_quoted_anchor_same_words_in_marks() -> None:
    a = 'the council had let a "shadow budget" grow behind closed doors'
    b = 'what she called a “shadow budget” run by officials'
    assert rq.quoted_anchor(a, b)
    # a stretch left open at the end of a quotation counts
    assert rq.quoted_anchor('he said they were "shadow budget people and all that',
                            'a “shadow budget” again')
    # a short single word in marks is too common to tell
    assert not rq.quoted_anchor('a "plan" for the port', 'the "plan" for the roads')
    # marks on one side only
    assert not rq.quoted_anchor('a shadow budget grew', 'a “shadow budget” grew')


def test_reworded_anchor_links_one_speaker_only() -> None:
    a = 'the council had let a "shadow budget" grow behind closed doors for years'
    b = 'councillors of running what she called a “shadow budget” behind closed doors'
    s = sim(a, b)
    assert not rq.same_statement(s, False, rq.SAME)  # too reworded for the word test
    assert rq.linked(s, False, rq.SAME, anchor=rq.quoted_anchor(a, b))
    # someone else using the same phrase
    assert not rq.linked(s, False, rq.DIFFERENT, anchor=True)
    # one speaker, the same phrase, another statement: too few words shared
    c = 'the "shadow budget" was a myth spread by rivals'
    assert not rq.linked(sim(a, c), False, rq.SAME, anchor=rq.quoted_anchor(a, c))


def test_reworded_longest_run() -> None:
    a = rq.content_words("the harbour master Colin Drew was retiring after the storm season")
    b = rq.content_words("the harbour master Colin Drew was retiring and would hand over to "
                         "his deputy")
    assert rq.longest_run(a, b) == 5
    assert rq.longest_run(["x", "y"], ["y", "x"]) == 1


def test_reworded_run_links_one_speaker_not_a_shared_name() -> None:
    a = ("the harbour master Colin Drew was retiring after a long dispute over pay, pensions "
         "and the new rota")
    b = ("the harbour master Colin Drew was retiring and his deputy from the coastguard would "
         "take over the port in June")
    wa, wb = rq.content_words(a), rq.content_words(b)
    s = rq.similarity(a, wa, b, wb)
    assert not rq.same_statement(s, False, rq.SAME)
    assert rq.linked(s, False, rq.SAME, run=rq.longest_run(wa, wb))
    # the same speaker on another matter, naming the same man: a short run only
    c = "the harbour master Colin Drew should explain the delays to the ferry timetable"
    wc = rq.content_words(c)
    assert rq.longest_run(wa, wc) < rq.SHARED_RUN
    assert not rq.linked(rq.similarity(a, wa, c, wc), False, rq.SAME,
                         run=rq.longest_run(wa, wc))


def test_reworded_sentence_around_a_quotation() -> None:
    before = "The port reopened on Monday. At the opening, Drew announced "
    span = "a plan for new cranes"
    after = " to double the traffic by spring. Unions welcomed it."
    assert rq.sentence(before, span, after) == (
        "At the opening, Drew announced a plan for new cranes to double the traffic by spring.")
    assert rq.sentence("", span, "") == span


def test_reworded_context_links_a_clause_cut_differently() -> None:
    # one statement reported twice, the extractor cutting the reported clause differently
    a_quote = "a package of loans, grants, training and debt relief for the islands"
    a_sent = ("At the forum on Monday, Drew announced a package of loans, grants, training "
              "and debt relief for the islands in an effort to build a lasting partnership.")
    b_quote = "a package of grants, loans and other key building projects with the island states"
    b_sent = ("Opening the forum, Drew announced a package of grants, loans and other key "
              "building projects with the island states in an effort to build a lasting "
              "partnership.")
    s = sim(a_quote, b_quote)
    assert not rq.same_statement(s, False, rq.SAME)
    context = sim(a_sent, b_sent)
    assert rq.linked(s, False, rq.SAME, context=context)
    assert not rq.linked(s, False, rq.POSSIBLY, context=context)
    # the same sentence around two different parts of it: the quotations share too little
    c_quote = "in an effort to build a lasting partnership"
    assert not rq.linked(sim(a_quote, c_quote), False, rq.SAME, context=sim(a_sent, a_sent))


def test_reworded_long_copy_inside_a_longer_report() -> None:
    short = ("to use their new majority on the council to press for lower bus fares and more "
             "night services within months")
    longer = ("Opposition councillors have vowed to use their new majority on the council to "
              "press for lower bus fares and more night services within months")
    s = sim(short, longer)
    assert s.cover < rq.LONG_COVER  # not a copy of the whole
    assert rq.same_statement(s, False, rq.POSSIBLY)
    # the same words reworded, not copied: speakers only possibly one stay apart
    reworded = ("Councillors from the opposition promised that lower bus fares and more night "
                "services would come within months now that they hold a majority on the council")
    assert not rq.same_statement(sim(short, reworded), False, rq.POSSIBLY)


@pytest.mark.parametrize("text, meta", [
    ("the remarks here on Saturday when opening the trade fair", True),
    ("these comments at a news conference in the capital", True),
    ("the statement.", True),
    ("the remarks were unfair and hurtful to the families", False),
    ("the words of a coward who hides behind his officials", False),
    ("the harbour will reopen next week", False),
])
def test_reworded_meta_reference(text: str, meta: bool) -> None:
    assert rq.meta_reference(text) is meta


# --- the stage ---------------------------------------------------------------------------------


def one_quote(article_id: str, published: str, text: str, content: str,
              name: str | None) -> ArticleAnalysis:
    entities = []
    speaker = None
    if name is not None:
        at = text.index(name)
        entities.append(Entity("e0", name, "PERSON", (), ((at, at + len(name)),)))
        speaker = Speaker(TextSpan(name, at, at + len(name)), name, None, "PERSON", "e0")
    start = text.index(content)
    quote = Quote("q0", "indirect", content, start, start + len(content),
                  cue=TextSpan("said", 0, 4), speaker=speaker, confidence=0.9)
    return ArticleAnalysis(Article(article_id, text, title=article_id, published=published,
                                   source="Wire"), (quote,), tuple(entities))


def store_all(store: Store, analyses: list[ArticleAnalysis]) -> None:
    with store.transaction():
        for item in analyses:
            store.save_analysis(item)
        stages.enqueue(store, [a.article.id for a in analyses])
        stages.run_pending(store)


@pytest.fixture()
def store() -> Store:
    s = Store(":memory:")
    yield s
    s.close()


FERRY = "the night ferry would sail again from the first of May"
FERRY_FARES = "fares for island families would be frozen for a whole year"
FERRY_BOTH = ("the night ferry would sail again from the first of May and fares for island "
              "families would be frozen for a whole year")


def test_reworded_stage_pronoun_speaker_joins_the_named_one(store: Store) -> None:
    # one statement reworded (not copied word for word: a named and an unnamed speaker
    # would need a copy)
    claim = ("the port authority would be supervised by the transport ministry to cut costs "
             "and protect jobs on the waterfront")
    told = ("port companies, which answer to the transport ministry, will act to cut costs "
            "and protect jobs on the waterfront")
    store_all(store, [
        one_quote("ferry-1", "2023-05-01", f"Ruth Calder said {claim}.", claim,
                  "Ruth Calder"),
        one_quote("ferry-2", "2023-05-02",
                  f"Ruth Calder met the unions on Monday. But {told}, she said.", told, None),
    ])
    groups = list(qg.contract_records(store.conn))
    assert [[q["article"] for q in g["quotes"]] for g in groups] == [["ferry-1", "ferry-2"]]
    # no name before the pronoun: left apart
    with Store(":memory:") as other:
        store_all(other, [
            one_quote("ferry-1", "2023-05-01", f"Ruth Calder said {claim}.", claim,
                      "Ruth Calder"),
            one_quote("ferry-3", "2023-05-02",
                      f"The unions met on Monday. But {told}, he said.", told, None),
        ])
        assert list(qg.contract_records(other.conn)) == []


def test_reworded_stage_a_quotation_matching_two_groups_joins_them(store: Store) -> None:
    store_all(store, [
        one_quote("f-1", "2023-05-01", f"Ruth Calder said {FERRY}.", FERRY, "Ruth Calder"),
        one_quote("f-2", "2023-05-01", f"Ruth Calder said {FERRY}.", FERRY, "Ruth Calder"),
        one_quote("f-3", "2023-05-02", f"Ruth Calder said {FERRY_FARES}.", FERRY_FARES,
                  "Ruth Calder"),
        one_quote("f-4", "2023-05-02", f"Ruth Calder said {FERRY_FARES}.", FERRY_FARES,
                  "Ruth Calder"),
    ])
    assert len(list(qg.contract_records(store.conn))) == 2
    store_all(store, [one_quote("f-5", "2023-05-03", f"Ruth Calder said {FERRY_BOTH}.",
                                FERRY_BOTH, "Ruth Calder")])
    groups = list(qg.contract_records(store.conn))
    assert [sorted(q["article"] for q in g["quotes"]) for g in groups] == [
        ["f-1", "f-2", "f-3", "f-4", "f-5"]]
    # a rebuild replays the same order and agrees
    stages.rebuild(store, ["quote_groups"])
    assert [sorted(q["article"] for q in g["quotes"])
            for g in qg.contract_records(store.conn)] == [["f-1", "f-2", "f-3", "f-4", "f-5"]]
