"""The speakers scorer on hand-made gold with known numbers, and the wire gold's shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluate import speakers

GOLD_FILE = Path(__file__).resolve().parent.parent / "examples" / "wire-dev" / "speakers.json"
# the second, fresh gold (labelled before the rules of its round were written)
GOLD_FILES = (GOLD_FILE, GOLD_FILE.with_name("speakers-2.json"))


@pytest.mark.parametrize(("gold", "predicted", "same"), [
    ("Yvo de Boer", "de Boer", True),
    ("Husain al-Musallem", "Musallem", True),
    ("Said Mohammad Azam", "Mohammad Azam", True),
    ("Ali Jarrah al-Sabah", "Sheikh Ali Jarrah al-Sabah", True),
    ("Ali Jarrah al-Sabah", "Ali Jarrah al", False),
    ("Said Mohammad Azam", "Said", False),
    ("Joseph Zen", "Zhan Silu", False),
    ("Joseph Zen", None, False),
    ("Tony Blair", "Swiss", False),
])
def test_speakers_same_name(gold, predicted, same):
    assert speakers.same_name(gold, predicted) is same


def test_speakers_same_name_through_alias():
    assert speakers.same_name("Avex Group Holdings", "Avex", ("Avex",))
    assert not speakers.same_name("Avex Group Holdings", "Avex")


def quote(start: int, end: int, name: str | None, described: bool = True) -> dict:
    speaker = {"name": name, "description": None if name or not described else "an aide",
               "mention": None, "type": "PERSON", "entity": None}
    return {"start": start, "end": end, "spans": [[start, end]], "speaker": speaker}


GOLD = {"articles": [{"id": "a", "quotes": [
    {"start": 0, "end": 10, "speaker": {"name": "Jane Roe", "type": "PERSON"}},
    {"start": 20, "end": 30, "speaker": {"name": "John Doe", "type": "PERSON"}},
    {"start": 40, "end": 50, "speaker": {"name": None, "description": "an aide",
                                         "type": "PERSON"}},
    {"start": 60, "end": 70, "speaker": {"name": "Jane Roe", "type": "PERSON"}},
]}]}


def test_speakers_score_counts():
    predicted = {"a": [quote(0, 10, "Roe"), quote(18, 30, "Jane Roe"),
                       quote(41, 50, None), quote(66, 70, "Jane Roe")]}
    report = speakers.score(GOLD, predicted)
    assert report["quotations"] == 4
    assert report["found"] == 3  # 66-70 covers under half of 60-70
    assert report["recall"] == 0.75
    assert report["named_accuracy"] == 0.5  # Roe right, Jane Roe for John Doe wrong
    assert report["unnamed_kept_unnamed"] == 1.0
    assert report["end_to_end"] == 0.5
    assert [e["error"] for e in report["errors"]] == ["speaker", "missed"]


def test_speakers_score_unnamed_needs_a_speaker():
    predicted = {"a": [{"start": 40, "end": 50, "spans": [], "speaker": None}]}
    report = speakers.score(GOLD, predicted)
    assert report["unnamed_kept_unnamed"] == 0.0
    predicted = {"a": [quote(40, 50, "Tony Blair")]}
    assert speakers.score(GOLD, predicted)["unnamed_kept_unnamed"] == 0.0


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.name)
def test_speakers_wire_gold_shape(gold_file):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    assert 25 <= len(gold["articles"]) <= 40
    for article in gold["articles"]:
        day = article["id"].split("_")[2][:8]  # only the allowed dates were labelled
        assert "20061101" <= day <= "20061119" or day.startswith("200612"), article["id"]
        for item in article["quotes"]:
            assert 0 <= item["start"] < item["end"]
            speaker = item["speaker"]
            assert speaker["type"] in {"PERSON", "ORG", "GROUP"}
            assert speaker["name"] or speaker["description"]


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.name)
def test_speakers_wire_gold_offsets_are_quotations(corpora, gold_file):
    """Every labelled piece is the inside of a pair of quotation marks of its article."""
    from newsgraph.nlp.quotemarks import find_quoted

    gold, corpus = speakers.load_gold(gold_file)
    wanted = {a["id"]: a for a in gold["articles"]}
    seen = 0
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] not in wanted:
                continue
            pieces = {tuple(p) for q in find_quoted(record["text"]) for p in q.pieces}
            for item in wanted[record["id"]]["quotes"]:
                assert (item["start"], item["end"]) in pieces, (record["id"], item["start"])
                seen += 1
    assert seen == sum(len(a["quotes"]) for a in gold["articles"])


def test_speakers_cli_scores_a_gold_file(tmp_path):
    from click.testing import CliRunner

    from newsgraph.cli import cli

    text = ('Prime Minister Jane Roe spoke on Monday.\n\n"We will not give in," a senior '
            'official said.\n\n"The talks are over," Roe said.')
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "text": text}) + "\n", encoding="utf-8")
    first, second = text.index("We will"), text.index("The talks")
    gold = {"corpus": "articles.jsonl", "articles": [{"id": "a1", "quotes": [
        {"start": first, "end": first + len("We will not give in"),
         "speaker": {"name": None, "description": "an official", "type": "PERSON"}},
        {"start": second, "end": second + len("The talks are over"),
         "speaker": {"name": "Jane Roe", "type": "PERSON"}},
    ]}]}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", "speakers", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["quotations"] == 2 and report["found"] == 2
    assert report["end_to_end"] == 1.0
