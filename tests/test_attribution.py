"""The attribution model: learning it (toy problems, then a few PolNeAR articles), its file,
what its features may hold, and what the packaged model keeps on invented sentences."""

from __future__ import annotations

import json
import math
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.evaluate import attribution as training
from newsgraph.evaluate.attribution import Collected, Example
from newsgraph.nlp import quotes
from newsgraph.nlp.attribution import (
    LEXICON_ONLY,
    MODEL_FILE,
    AttributionModel,
    features,
    load_model,
    model_text,
    packaged_model,
    packaged_path,
    save_model,
)
from newsgraph.nlp.base import LiteralResolver

REPO = Path(__file__).resolve().parent.parent
TRAIN_ARTICLES = 12


# -- learning, on hand-made examples ---------------------------------------------------------
def toy_examples(docs: int = 10) -> list[Example]:
    """Per article: two reports (feature 'good') and two non-reports ('bad'); a shared
    feature that tells nothing."""
    examples = []
    for doc in range(docs):
        for k in range(2):
            examples.append(Example(doc, ["good", "any", f"len={k}"], frozenset({k}), True))
            examples.append(Example(doc, ["bad", "any", f"len={k}"], frozenset(), False))
    return examples


def toy_collected(examples: list[Example]) -> Collected:
    gold = sum(bool(ex.gold) for ex in examples)
    return Collected(examples=examples, gold=gold)


def test_attribution_fit_learns_a_separable_problem() -> None:
    weights, bias = training.fit(toy_examples(), min_count=1)
    assert weights["good"] > 0 > weights["bad"]
    model = AttributionModel(weights=weights, bias=bias)
    assert model.probability(["good", "any"]) > 0.9
    assert model.probability(["bad", "any"]) < 0.1


def test_attribution_fit_gives_rare_features_no_weight() -> None:
    examples = toy_examples()
    examples[0].features.append("once")
    weights, _ = training.fit(examples, min_count=2)
    assert "once" not in weights
    assert "good" in weights


def test_attribution_out_of_fold_and_threshold_separate_the_toy_problem() -> None:
    examples = toy_examples()
    probs = training.out_of_fold(examples, min_count=1)
    assert len(probs) == len(examples)
    for ex, p in zip(examples, probs, strict=True):
        assert (p > 0.5) == bool(ex.gold), (ex.features, p)
    cut, f1 = training.choose_threshold(toy_collected(examples), probs)
    assert 0.05 <= cut <= 0.95
    assert f1 == pytest.approx(1.0)


def test_attribution_content_f1_counts_a_gold_attribution_once() -> None:
    one = Example(0, ["good"], frozenset({0}), True)
    twin = Example(0, ["good"], frozenset({0}), True)
    collected = Collected(examples=[one, twin], gold=2)
    # one gold attribution matched, two predicted, two gold: 2 * 1 / (2 + 2)
    assert training.content_f1(collected, [one, twin]) == pytest.approx(0.5)
    assert training.content_f1(collected, [one]) == pytest.approx(2 * 1 / (1 + 2))
    assert training.content_f1(collected, []) == 0.0
    # the same gold index in another article is another attribution
    other = Example(1, ["good"], frozenset({0}), True)
    assert training.content_f1(Collected([one, other], gold=2), [one, other]) == pytest.approx(1.0)
    # quotations found before the model count too
    fixed = Collected(examples=[one], gold=3, fixed_predicted=2, fixed_matched=1)
    assert training.content_f1(fixed, [one]) == pytest.approx(2 * 2 / (3 + 3))


def xor_examples(docs: int = 10) -> list[Example]:
    """Reports have exactly one of 'a' and 'b': no single weight per feature tells them."""
    examples = []
    for doc in range(docs):
        for feats, report in ((["a"], True), (["b"], True), (["a", "b"], False), ([], False)):
            for k in range(2):
                gold = frozenset({k}) if report else frozenset()
                examples.append(Example(doc, [*feats, "any"], gold, False))
    return examples


def test_attribution_fit_network_learns_what_the_logistic_fit_cannot() -> None:
    examples = xor_examples()
    cases = (["a", "any"], ["b", "any"], ["a", "b", "any"], ["any"])
    logistic = training.fit_model(examples, hidden=0, min_count=1)
    assert not logistic.output
    assert all(logistic.probability(f) == pytest.approx(0.5, abs=0.05) for f in cases)
    network = training.fit_network(examples, hidden=8, min_count=1)
    assert len(network.output) == len(network.hidden_bias) == 8
    assert all(len(row) == 8 for row in network.hidden.values())
    probs = [network.probability(f) for f in cases]
    assert probs[0] > 0.9 and probs[1] > 0.9
    assert probs[2] < 0.1 and probs[3] < 0.1
    oof = training.out_of_fold(examples, hidden=8, min_count=1)
    for ex, p in zip(examples, oof, strict=True):
        assert (p > 0.5) == bool(ex.gold), (ex.features, p)


def test_attribution_fit_network_is_deterministic_and_drops_rare_features() -> None:
    examples = xor_examples()
    examples[0].features.append("once")
    first = training.fit_network(examples, hidden=4, min_count=2, steps=50)
    assert first == training.fit_network(examples, hidden=4, min_count=2, steps=50)
    assert "once" not in first.hidden and "once" not in first.weights
    assert "a" in first.hidden
    assert training.fit_network([], hidden=4) == AttributionModel()


def test_attribution_train_names_its_hidden_units() -> None:
    examples = xor_examples()
    model = training.train(toy_collected(examples), min_count=1, hidden=4)
    assert len(model.output) == 4 and model.about["hidden"] == 4
    assert training.training_summary(model)["hidden_units"] == 4
    plain = training.train(toy_collected(examples), min_count=1, hidden=0)
    assert plain.output == () and plain.hidden == {} and plain.about["hidden"] == 0


# -- the model and its file --------------------------------------------------------------------
def test_attribution_model_json_round_trip(tmp_path: Path) -> None:
    model = AttributionModel(weights={"lem=say": 1.25, "how=open": -2.0, "lem=“": 0.5},
                             bias=-0.3, threshold=0.4, about={"split": "polnear/train"})
    assert AttributionModel.from_json(json.loads(json.dumps(model.to_json()))) == model
    path = save_model(model, tmp_path / "sub" / MODEL_FILE)
    assert load_model(path) == model
    assert path.read_bytes() == model_text(model).encode("utf-8")
    assert model_text(model) == model_text(load_model(path))  # byte-stable
    assert list(json.loads(model_text(model))["weights"]) == sorted(model.weights)


def test_attribution_probability_is_monotone_in_a_weight() -> None:
    probs = [AttributionModel(weights={"a": w, "b": 0.5}, bias=-0.2).probability(["a", "b"])
             for w in (-40.0, -3.0, -1.0, 0.0, 0.5, 2.0, 40.0)]
    assert probs == sorted(probs)
    assert len(set(probs)) == len(probs)
    assert 0.0 < probs[0] and probs[-1] < 1.0
    assert AttributionModel(weights={"a": 5.0}).probability(["b"]) == pytest.approx(0.5)


NETWORK = AttributionModel(
    weights={"a": 0.5}, bias=-1.0, threshold=0.4, about={"split": "polnear/train"},
    hidden={"a": (1.0, -2.0), "b": (0.5, 3.0)}, hidden_bias=(-0.25, 0.5), output=(2.0, -1.0))


def test_attribution_hidden_units_add_only_when_positive() -> None:
    # 'a': units (0.75, -1.5) -> only the first counts: -1 + 0.5 + 2 * 0.75
    assert NETWORK.logit(["a"]) == pytest.approx(1.0)
    # 'a', 'b': units (1.25, 1.5): -1 + 0.5 + 2 * 1.25 - 1.5
    assert NETWORK.logit(["a", "b"]) == pytest.approx(0.5)
    # nothing: units (-0.25, 0.5): -1 - 0.5
    assert NETWORK.logit([]) == pytest.approx(-1.5)
    assert NETWORK.logit(["unknown"]) == NETWORK.logit([])
    assert NETWORK.probability(["a"]) == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert NETWORK.learned
    assert AttributionModel(hidden={"a": (1.0,)}, hidden_bias=(0.0,), output=(1.0,)).learned


def test_attribution_network_json_round_trip(tmp_path: Path) -> None:
    data = json.loads(json.dumps(NETWORK.to_json()))
    assert AttributionModel.from_json(data) == NETWORK
    path = save_model(NETWORK, tmp_path / MODEL_FILE)
    assert load_model(path) == NETWORK
    text = model_text(NETWORK)
    assert model_text(load_model(path)) == text  # byte-stable
    assert '"a": [1.0,-2.0]' in text and '"output": [2.0,-1.0]' in text  # a row a line
    assert list(json.loads(text)["hidden"]) == ["a", "b"]


def test_attribution_a_file_without_hidden_units_reads_as_logistic() -> None:
    data = {"bias": -0.3, "threshold": 0.4, "weights": {"a": 1.0}}
    model = AttributionModel.from_json(data)
    assert model.hidden == {} and model.hidden_bias == () and model.output == ()
    assert model.logit(["a"]) == pytest.approx(0.7)
    assert set(model.to_json()) == {"bias", "threshold", "about", "weights"}


def candidates(nlp, text: str) -> list[quotes.Candidate]:
    return quotes.quote_stages(nlp(text)).reported


def only(nlp, text: str, cue: str) -> quotes.Candidate:
    found = [c for c in candidates(nlp, text) if c.cue.text == cue]
    assert len(found) == 1, [(c.cue.text, c.how, c.context) for c in candidates(nlp, text)]
    return found[0]


def lexicon_keeps(c: quotes.Candidate, context: tuple[str, ...] | None = None) -> bool:
    return LEXICON_ONLY.keeps(c.cue, c.speaker, c.content, c.how,
                              c.context if context is None else context)


@pytest.mark.slow
def test_attribution_lexicon_only_keeps_lexicon_candidates(nlp) -> None:
    assert not LEXICON_ONLY.learned
    said = only(nlp, "The minister said the border would stay closed.", "said")
    assert said.how == "indirect" and said.context == ()
    assert lexicon_keeps(said)
    assert not lexicon_keeps(said, ("inside:direct",))
    opened = only(nlp, "The company opened a new factory in the spring.", "opened")
    assert opened.how == "open"
    assert not lexicon_keeps(opened)
    # a report inside a direct quotation is that quotation's, not one of its own
    told = only(nlp, '"The minister told us the plan would fail," the mayor said.', "told")
    assert "inside:direct" in told.context
    assert not lexicon_keeps(told)


@pytest.mark.slow
def test_attribution_features_never_name_the_source(nlp) -> None:
    told = only(nlp, "Maria Delgado told reporters the plan would fail.", "told")
    assert told.speaker is not None and told.speaker.text == "Maria Delgado"
    feats = features(told.cue, told.speaker, told.content, told.how, told.context)
    assert "src=person" in feats
    text = " ".join(feats).lower()
    for word in ("maria", "delgado"):
        assert word not in text, feats


# -- the packaged model ------------------------------------------------------------------------
def test_attribution_packaged_model_is_learned() -> None:
    tracked = subprocess.run(["git", "ls-files", "newsgraph/data"], cwd=REPO,
                             capture_output=True, text=True, check=False).stdout.split()
    if tracked:  # a git checkout (not an installed copy): the file is in the repository
        assert f"newsgraph/data/{MODEL_FILE}" in tracked
    assert packaged_path().is_file()
    model = packaged_model()
    assert model.learned
    assert 0.0 < model.threshold < 1.0
    assert model.about["articles"] > 0
    assert model.about["positive"] > 0
    assert load_model(packaged_path()) == model


def test_attribution_packaged_model_about_names_the_train_split() -> None:
    assert packaged_model().about.get("split") == "polnear/train"


KEPT = [
    ("The minister said the border would stay closed.", "the border would stay closed"),
    ("Officials believe the fire was set deliberately.", "the fire was set deliberately"),
    ("The police chief warned that more arrests were likely.", "that more arrests were likely"),
    ("She added that the talks would resume on Monday.", "that the talks would resume on Monday"),
]
NOT_REPORTS = [
    "The company opened a new factory in the spring.",
    "The bank closed two branches in the city.",
    "The farmers grew wheat on the hill.",
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "content"), KEPT)
def test_attribution_packaged_model_keeps_clear_reports(nlp, text, content) -> None:
    found = [q for q in quotes.find_quotes(nlp(text), LiteralResolver()) if q.kind == "indirect"]
    assert [q.text for q in found] == [content]


@pytest.mark.slow
@pytest.mark.parametrize("text", NOT_REPORTS)
def test_attribution_packaged_model_drops_clear_non_reports(nlp, text) -> None:
    doc = nlp(text)
    assert quotes.quote_stages(doc).reported, "the open verb should be a candidate at least"
    assert quotes.find_quotes(doc, LiteralResolver()) == []


@pytest.mark.slow
def test_attribution_confidence_of_a_report_is_the_model_probability(nlp) -> None:
    text = "The mayor said the bridge would reopen in the spring."
    doc = nlp(text)
    model = packaged_model()
    found = [q for q in quotes.find_quotes(doc, LiteralResolver()) if q.kind == "indirect"]
    assert [q.text for q in found] == ["the bridge would reopen in the spring"]
    cand = next(c for c in quotes.quote_stages(doc).reported if c.cue.text == "said")
    p = model.probability(features(cand.cue, cand.speaker, cand.content, cand.how,
                                   cand.context))
    assert found[0].confidence == pytest.approx(p, abs=5e-4)
    assert model.threshold <= found[0].confidence < 1.0
    # the rules alone have no probability: the rule's fixed confidence stands
    plain = [q for q in quotes.find_quotes(doc, LiteralResolver(), LEXICON_ONLY)
             if q.kind == "indirect"]
    assert [q.confidence for q in plain] == [quotes.CONFIDENCE["indirect"]]


# -- training on PolNeAR (../shared) -----------------------------------------------------------
@pytest.fixture(scope="module")
def train_split(corpora) -> Path:
    split = corpora / "polnear" / "train"
    if not (split / "text").is_dir():
        pytest.skip(f"{split} is absent: the PolNeAR train split sits in ../shared/corpora")
    return split


@pytest.fixture(scope="module")
def trained(train_split, nlp) -> AttributionModel:
    return training.train_from_split(train_split, limit=TRAIN_ARTICLES, nlp=nlp)


def person_words(nlp, train_split: Path) -> set[str]:
    from newsgraph.evaluate.polnear import load_split

    golds = load_split(train_split, TRAIN_ARTICLES)
    words = set()
    for doc in nlp.pipe((g.text for g in golds), batch_size=16):
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                words.update(t.text for t in ent if re.fullmatch(r"[A-Z][a-z]+", t.text))
    return words


@pytest.mark.slow
@pytest.mark.shared
def test_attribution_train_from_split_learns_without_names(trained, nlp, train_split) -> None:
    assert trained.learned
    assert 0.05 <= trained.threshold <= 0.95
    about = trained.about
    assert about["split"] == "polnear/train"
    assert about["articles"] == TRAIN_ARTICLES
    assert (about["limit"], about["min_count"], about["l2"]) == (TRAIN_ARTICLES, 5, 1e-4)
    assert about["examples"] > about["positive"] > 0
    # what the quotations matched before the model, and all there was to find
    assert 0 < about["quotations_matched"] < about["gold"]
    assert about["positive"] + about["quotations_matched"] <= about["gold"]
    names = person_words(nlp, train_split)
    assert len(names) > 10  # the articles do name people
    leaked = {(key, name) for key in trained.weights for name in names if name in key}
    assert not leaked


@pytest.mark.slow
@pytest.mark.shared
def test_attribution_cli_train_writes_the_same_model(trained, train_split, tmp_path) -> None:
    out = tmp_path / "model.json"
    args = ["train-attribution", str(train_split), "--limit", str(TRAIN_ARTICLES),
            "--out", str(out), "--json"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["articles"] == TRAIN_ARTICLES
    assert summary["weights"] == len(trained.weights)
    assert summary["threshold"] == trained.threshold
    assert set(summary) >= {"examples", "positives", "content_f1_out_of_fold",
                            "content_f1_lexicon_only", "out", "gold", "quotations_matched"}
    assert summary["quotations_matched"] == trained.about["quotations_matched"]
    # the CLI's pipeline and the test's parse alike: training twice gives the same bytes
    assert out.read_bytes() == model_text(trained).encode("utf-8")
    plain = CliRunner().invoke(cli, args[:-1] + ["--quiet"], catch_exceptions=False)
    assert plain.exit_code == 0 and "content F1 (out of fold)" in plain.stdout
    assert out.read_bytes() == model_text(trained).encode("utf-8")


@pytest.mark.slow
@pytest.mark.shared
def test_attribution_cli_hidden_zero_writes_a_logistic_model(train_split, tmp_path) -> None:
    """'--hidden 0' trains the logistic part alone: a model file with no hidden layer."""
    out = tmp_path / "logistic.json"
    args = ["train-attribution", str(train_split), "--limit", "4", "--hidden", "0",
            "--out", str(out), "--quiet"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["weights"] and "hidden" not in data and "output" not in data
    assert load_model(out).learned


def test_attribution_split_name_is_the_last_two_folders(tmp_path: Path) -> None:
    assert training.split_name(tmp_path / "polnear" / "train") == "polnear/train"
    assert training.split_name("../shared/corpora/polnear/dev/") == "polnear/dev"


def test_attribution_cli_train_rejects_a_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    out = tmp_path / "model.json"
    result = CliRunner().invoke(cli, ["train-attribution", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 1
    assert "no annotated articles" in result.output
    assert not out.exists()


def test_attribution_threshold_prefers_the_higher_of_two_near_equal_cuts() -> None:
    """A lower cut that gains less than the tolerance in content F1 loses to the higher one;
    one that gains more wins."""
    hit = Example(0, ["good"], frozenset({0}), True)
    late_hit = Example(0, ["meh"], frozenset({1}), True)
    miss = Example(0, ["bad"], frozenset(), False)
    probs = [0.9, 0.3, 0.3]
    # 500 of 1,000 gold matched by quotations (600 predicted): the lower cut's F1 is
    # 1004/1603 against 1002/1601 for the higher, better by less than 0.001
    near = Collected(examples=[hit, late_hit, miss], gold=1000, fixed_predicted=600,
                     fixed_matched=500)
    cut, f1 = training.choose_threshold(near, probs)
    assert cut > 0.3 and f1 == pytest.approx(1002 / 1601)
    # with 10 gold (5 of 6 matched) the lower cut is better by 0.03 (14/19 against 12/17)
    far = Collected(examples=[hit, late_hit, miss], gold=10, fixed_predicted=6,
                    fixed_matched=5)
    cut, f1 = training.choose_threshold(far, probs)
    assert cut <= 0.3 and f1 == pytest.approx(14 / 19)
