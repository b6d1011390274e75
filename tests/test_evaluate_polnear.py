"""The PolNeAR scorer and the span helpers under it, on hand-made gold with known numbers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsgraph.evaluate import polnear
from newsgraph.evaluate.polnear import GoldAttribution, GoldDoc, Predicted
from newsgraph.evaluate.scoring import half_overlap, max_matching, merged, overlap, prf, size
from newsgraph.model import Article, ArticleAnalysis, Quote, Speaker, TextSpan

TEXT = (
    'The mayor said "we will rebuild the bridge" on Monday. Critics said the plan was too '
    'costly.\n"It is a waste," one councillor said, "of public money."'
)


def at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def gold(content: list[str], source: str | None, text: str = TEXT) -> GoldAttribution:
    pieces = tuple(at(text, c) for c in content)
    return GoldAttribution(
        content=merged(pieces),
        source=(at(text, source),) if source else (),
        cue=(),
        has_quote_marks=polnear.has_quote_marks(text, pieces),
    )


def pred(content: list[str], source: str | None, text: str = TEXT) -> Predicted:
    return Predicted(merged(tuple(at(text, c) for c in content)),
                     at(text, source) if source else None)


GOLD_DOC = GoldDoc("town", TEXT, (
    gold(['"we will rebuild the bridge"'], "The mayor"),
    gold(["the plan was too costly"], "Critics"),
    gold(['"It is a waste,"', '"of public money."'], "one councillor"),
))


# --- span helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "shared"),
    [
        (((0, 10),), ((5, 15),), 5),
        (((0, 4), (10, 14)), ((2, 12),), 4),  # discontinuous against one piece
        (((0, 10), (5, 12)), ((0, 12),), 12),  # overlapping pieces count once
        (((0, 5),), ((5, 9),), 0),  # touching is not sharing
        ((), ((0, 3),), 0),
    ],
)
def test_scoring_overlap_is_symmetric(a, b, shared) -> None:
    assert overlap(a, b) == overlap(b, a) == shared


def test_scoring_size_and_merged() -> None:
    assert merged(((10, 12), (0, 4), (3, 6), (8, 8))) == ((0, 6), (10, 12))
    assert size(((0, 4), (2, 6))) == 6


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (((0, 10),), ((5, 15),), 5),  # exactly half of each: a match
        (((0, 10),), ((5, 16),), 0),  # half of one but under half of the other
        (((0, 4),), ((0, 40),), 0),  # a small piece of a long content
        (((0, 10), (20, 30)), ((0, 10),), 10),
    ],
)
def test_scoring_half_overlap_needs_half_of_each(a, b, expected) -> None:
    assert half_overlap(a, b) == half_overlap(b, a) == expected


def test_scoring_max_matching_beats_greedy() -> None:
    # greedy by weight would pair 0-A and leave 1 alone; the maximum matching pairs both
    weights = {(0, 10): 10, (0, 11): 8, (1, 10): 9}
    assert max_matching(weights) == {0: 11, 1: 10}


def test_scoring_max_matching_prefers_heavier_edge_when_free() -> None:
    assert max_matching({(0, 1): 3, (0, 2): 7}) == {0: 2}
    assert max_matching({}) == {}


def test_scoring_prf_counts_and_zero_division() -> None:
    assert prf(2, 4, 8) == {"correct": 2, "predicted": 4, "gold": 8,
                            "precision": 0.5, "recall": 0.25, "f1": pytest.approx(1 / 3)}
    assert prf(0, 0, 0)["f1"] == 0.0


# --- reading the gold --------------------------------------------------------------------------

ANN = "\n".join([
    "T1\tSource 0 9\tThe mayor",
    "T2\tCue 10 14\tsaid",
    "T3\tContent 15 43\t\"we will rebuild the bridge\"",
    "T4\tAttribution 10 14\tsaid",
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    "T5\tContent 94 110;127 144\t\"It is a waste,\" \"of public",
    "money.\"",  # a TEXT field broken over two lines
    "T6\tContent2 30 36\tbridge",
    "T7\tAttribution-no-source 111 114\tone",
    "E2\tAttribution-no-source:T7 Content:T5 Content2:T6",
    "T8\tCue 55 62\tCritics",
    "E3\tAttribution:T8 Cue:T8",  # no content: left out
    "#1\tAnnotatorNotes T5\ta note",
    "",
])


def test_polnear_read_ann_joins_broken_text_lines() -> None:
    spans, events = polnear.read_ann(ANN)
    assert spans["T5"].pieces == ((94, 110), (127, 144))
    assert spans["T5"].text == '"It is a waste," "of public\nmoney."'
    assert spans["T6"].label == "Content2"
    assert events[1] == [("Attribution-no-source", "T7"), ("Content", "T5"), ("Content", "T6")]


def test_polnear_gold_attributions_from_events() -> None:
    first, second = polnear.gold_attributions(TEXT, ANN)
    assert first.content == ((15, 43),) and first.source == ((0, 9),) and first.cue == ((10, 14),)
    assert first.has_quote_marks
    assert second.content == ((30, 36), (94, 110), (127, 144))  # Content and Content2 together
    assert second.source == () and second.cue == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('she answered "no" twice', True),
        ("she answered “no” twice", True),
        ("Labour called it 'rubbish' today", True),
        ("‘We will win,’ he said", True),
        ("it’s the Smiths’ car and Lansman’s view", False),
        ("they played rock 'n' roll in the '80s", False),
        ("the plan was too costly", False),
    ],
)
def test_polnear_has_quote_marks(text: str, expected: bool) -> None:
    assert polnear.has_quote_marks(text, ((0, len(text)),)) is expected


# --- scoring -----------------------------------------------------------------------------------


def test_polnear_score_known_numbers() -> None:
    preds = [
        pred(["we will rebuild the bridge"], "The mayor"),  # match, exact, source right
        pred(["It is a waste,", "of public money."], "said"),  # discontinuous: exact, wrong source
        pred(["the plan was too costly"], None),  # matches the no-quote gold, source missing
        pred(["Monday"], "The mayor"),  # matches nothing
    ]
    report = polnear.score([GOLD_DOC], [preds])
    full, quoted = report["all"], report["quote_marks"]
    assert full["counts"] == {"gold": 3, "predicted": 4, "matched": 3, "exact": 3, "source": 1}
    assert full["content"]["precision"] == 0.75 and full["content"]["recall"] == 1.0
    assert full["exact"]["recall"] == 1.0
    assert full["source"]["accuracy"] == pytest.approx(1 / 3)
    assert full["end_to_end"]["precision"] == 0.25
    assert full["end_to_end"]["recall"] == pytest.approx(1 / 3)
    # the prediction matched to the unquoted gold is left out of the quotation-mark subset
    assert quoted["counts"] == {"gold": 2, "predicted": 3, "matched": 2, "exact": 2, "source": 1}
    assert quoted["content"]["precision"] == pytest.approx(2 / 3)
    assert quoted["content"]["recall"] == 1.0


def test_polnear_score_one_to_one() -> None:
    twice = [pred(["we will rebuild the bridge"], "The mayor")] * 2
    counts = polnear.score([GOLD_DOC], [twice])["all"]["counts"]
    assert counts["matched"] == 1 and counts["predicted"] == 2


def test_polnear_score_half_of_a_two_piece_quote_is_no_match() -> None:
    report = polnear.score([GOLD_DOC], [[pred(["It is a waste,"], "one councillor")]])
    assert report["all"]["counts"]["matched"] == 0


@pytest.mark.parametrize(
    ("content", "exact"),
    [
        (["we will rebuild the bridge"], True),
        (['"we will rebuild the bridge" '], True),  # marks and spaces ignored at the ends
        (["will rebuild the bridge"], False),  # matched, but not the same words
    ],
)
def test_polnear_exact_ignores_edge_punctuation(content: list[str], exact: bool) -> None:
    report = polnear.score([GOLD_DOC], [[pred(content, None)]])
    assert report["all"]["counts"]["matched"] == 1
    assert report["all"]["counts"]["exact"] == int(exact)


@pytest.mark.parametrize(
    ("gold_source", "pred_source", "right"),
    [
        ("The mayor", "mayor", True),
        ("The mayor", "Monday", False),
        ("The mayor", None, False),
        (None, None, True),  # Attribution-no-source: right when no speaker is named
        (None, "The mayor", False),
    ],
)
def test_polnear_source_rule(gold_source, pred_source, right) -> None:
    g = gold(['"we will rebuild the bridge"'], gold_source)
    assert polnear.source_right(pred(["we will rebuild the bridge"], pred_source), g) is right


def test_polnear_by_confidence_scores_what_each_cut_keeps() -> None:
    preds = [
        replace(pred(["we will rebuild the bridge"], "The mayor"), confidence=0.9),  # right
        replace(pred(["the plan was too costly"], None), confidence=0.65),  # content only
        replace(pred(["Monday"], "The mayor"), confidence=0.55),  # matches nothing
    ]
    rows = {r["min_confidence"]: r for r in polnear.score([GOLD_DOC], [preds])["by_confidence"]}
    assert sorted(rows) == list(polnear.CONFIDENCE_CUTS)
    assert rows[0.0]["content"]["predicted"] == 3 and rows[0.0]["content"]["correct"] == 2
    assert rows[0.6]["content"]["predicted"] == 2
    assert rows[0.6]["content"]["precision"] == 1.0
    assert rows[0.6]["content"]["recall"] == pytest.approx(2 / 3)
    assert rows[0.6]["end_to_end"]["correct"] == 1
    assert rows[0.9]["content"]["predicted"] == 1 and rows[0.9]["end_to_end"]["correct"] == 1
    # the matching is made over all predictions, not again at each cut
    low = [replace(p, confidence=0.1) for p in preds]
    rows = polnear.score([GOLD_DOC], [low])["by_confidence"]
    assert [r["content"]["predicted"] for r in rows] == [3, 0, 0, 0, 0, 0]
    assert "by the quotation's confidence" in polnear.format_report(
        polnear.score([GOLD_DOC], [preds]))


def test_polnear_score_rejects_misaligned_lists() -> None:
    with pytest.raises(ValueError):
        polnear.score([GOLD_DOC], [])


def test_polnear_predictions_from_analysis() -> None:
    article = Article(id="a", text=TEXT)
    speaker = Speaker(mention=TextSpan("one councillor", *at(TEXT, "one councillor")), name=None)
    quotes = (
        Quote("q1", "direct", "x", 16, 42),
        Quote("q2", "direct", "x", 95, 143, spans=((95, 109), (128, 143)), speaker=speaker),
    )
    preds = polnear.predictions_from_analysis(ArticleAnalysis(article, quotes=quotes))
    assert preds == [Predicted(((16, 42),), None, 0.5),
                     Predicted(((95, 109), (128, 143)), at(TEXT, "one councillor"), 0.5)]


def test_polnear_baseline_finds_quoted_stretches() -> None:
    analysis = polnear.baseline_analysis(Article(id="a", text=TEXT))
    assert [q.text for q in analysis.quotes] == [
        "we will rebuild the bridge", "It is a waste,", "of public money."]
    assert all(q.speaker is None for q in analysis.quotes)


# --- a split on disk ---------------------------------------------------------------------------


def write_split(root: Path) -> None:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "town.txt").write_text(TEXT, encoding="utf-8")
    (root / "text" / "unannotated.txt").write_text("No gold here.", encoding="utf-8")
    (root / "attributions" / "town_aaaa.ann").write_text(ANN, encoding="utf-8")
    (root / "attributions" / "town_bbbb.ann").write_text("", encoding="utf-8")


def test_polnear_load_split_first_annotator(tmp_path: Path) -> None:
    write_split(tmp_path)
    (doc,) = polnear.load_split(tmp_path)
    assert doc.name == "town" and doc.text == TEXT and len(doc.attributions) == 2


def test_polnear_evaluate_split_with_baseline(tmp_path: Path) -> None:
    write_split(tmp_path)
    report = polnear.evaluate_split(tmp_path, polnear.baseline_analysis)
    # the first gold matches "we will rebuild the bridge"; the second (Content + Content2,
    # 6 + 16 + 17 characters) is more than twice any one stretch found
    assert report["all"]["counts"] == {
        "gold": 2, "predicted": 3, "matched": 1, "exact": 1, "source": 0}
    assert report["errors"] == []
    table = polnear.format_report(report)
    assert "content" in table and "0.333" in table and "0.500" in table


def test_polnear_evaluate_split_reports_failed_analysis(tmp_path: Path) -> None:
    write_split(tmp_path)

    def broken(article: Article) -> ArticleAnalysis:
        raise RuntimeError("model exploded")

    report = polnear.evaluate_split(tmp_path, broken)
    assert report["errors"] == ["town: analysis failed: RuntimeError: model exploded"]
    assert report["all"]["counts"]["predicted"] == 0
    assert "1 articles not scored" in polnear.format_report(report)


def test_polnear_error_records_name_each_problem() -> None:
    councillor = Speaker(mention=TextSpan("Critics", *at(TEXT, "Critics")), name="Critics")
    s, e = at(TEXT, '"we will rebuild the bridge"')
    quotes = [
        # matches the first gold but names the wrong source
        Quote("q1", "direct", "x", s + 1, e - 1, speaker=councillor),
        # overlaps the second gold by too little
        Quote("q2", "indirect", "x", *at(TEXT, "the plan")),
        # a prediction with no gold at all
        Quote("q3", "indirect", "x", *at(TEXT, "on Monday")),
    ]
    records = polnear.error_records(GOLD_DOC, quotes)
    kinds = [(r["error"], r.get("gold"), r.get("predicted")) for r in records]
    assert ("wrong_source", '"we will rebuild the bridge"', "we will rebuild the bridge") in kinds
    assert ("missed", "the plan was too costly", "the plan") in kinds  # the nearest prediction
    assert ("missed", '"It is a waste," | "of public money."', None) in kinds
    assert ("false_positive", None, "on Monday") in kinds
    assert ("false_positive", None, "the plan") in kinds
    assert len(records) == 5


def test_polnear_evaluate_split_collects_problems(tmp_path: Path) -> None:
    write_split(tmp_path)
    problems: list[dict] = []
    polnear.evaluate_split(tmp_path, polnear.baseline_analysis, problems=problems)
    # the baseline names no speakers: its one match has the wrong source
    assert {r["error"] for r in problems} == {"missed", "false_positive", "wrong_source"}
    assert all(r["article"] == "town" for r in problems)


# --- the real corpus ---------------------------------------------------------------------------


def test_polnear_real_dev_spans_match_annotation_text(corpora: Path) -> None:
    split = corpora / "polnear" / "dev"
    docs = polnear.load_split(split, limit=3)
    assert len(docs) == 3
    for doc in docs:
        ann = polnear.annotation_file(split, doc.name)
        assert ann is not None
        spans, _ = polnear.read_ann(polnear.read_text(ann))
        checked = [s for s in spans.values() if s.label in {"Content", "Source", "Cue"}]
        assert checked
        for span in checked:
            assert " ".join(doc.text[s:e] for s, e in span.pieces) == span.text
        assert doc.attributions
        assert all(g.content for g in doc.attributions)
