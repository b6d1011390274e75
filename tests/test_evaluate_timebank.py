"""The TimeBank scorer: TimeML reading, one-to-one matching and the TempEval-3 figures."""

from __future__ import annotations

import pytest

from newsgraph.evaluate import timebank
from newsgraph.evaluate.timebank import GoldTime, evaluate_documents, format_report, read_document
from newsgraph.model import TimeExpr

# A made-up wire story: four gold expressions.
SNIPPET = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13" functionInDocument="CREATION_TIME">02/13/1998</TIMEX3></DCT>
<TEXT>
The council <EVENT eid="e1" class="OCCURRENCE">voted</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-13">Friday</TIMEX3> to end <TIMEX3 tid="t2" type="DURATION" value="P20Y">two decades</TIMEX3> of rule &amp; will meet again <TIMEX3 tid="t3" type="DATE" value="1998-W08">next week</TIMEX3>. Rents rose <TIMEX3 tid="t4" type="DATE" value="1997">last year</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_evaluate_timebank_reads_text_offsets_and_dct():
    doc = read_document(SNIPPET, "snippet")
    assert doc.dct == "1998-02-13"
    assert [(t.text, t.type, t.value) for t in doc.times] == [
        ("Friday", "DATE", "1998-02-13"),
        ("two decades", "DURATION", "P20Y"),
        ("next week", "DATE", "1998-W08"),
        ("last year", "DATE", "1997"),
    ]
    for t in doc.times:
        assert doc.text[t.start:t.end] == t.text
    assert "rule & will" in doc.text  # entities decoded, tags stripped, text kept


def _fixed(times: list[TimeExpr]):
    """A stand-in for find_times that returns fixed expressions (offsets into SNIPPET's text)."""
    return lambda doc, published: times


@pytest.fixture
def snippet_doc():
    return read_document(SNIPPET, "snippet")


def _at(doc, text: str, type_: str, value: str, extra: str = "") -> TimeExpr:
    start = doc.text.index(text)
    return TimeExpr(text + extra, start, start + len(text + extra), type_, value)


def test_evaluate_timebank_counts_strict_relaxed_and_values(monkeypatch, snippet_doc):
    doc = snippet_doc
    system = [
        _at(doc, "Friday", "DATE", "1998-02-13"),                # strict, right value
        _at(doc, "two decades", "DURATION", "P2DE", " of"),     # relaxed only, wrong value
        _at(doc, "next week", "DATE", "1998-W08"),               # strict, right value
        _at(doc, "Rents", "DATE", "PRESENT_REF"),                # spurious
    ]                                                            # "last year" missed
    monkeypatch.setattr(timebank, "find_times", _fixed(system))
    report = evaluate_documents([doc], nlp=lambda text: text)
    assert (report["gold"], report["system"]) == (4, 4)
    assert report["strict"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert report["relaxed"] == {"precision": 0.75, "recall": 0.75, "f1": 0.75}
    assert report["value_accuracy"] == round(2 / 3, 4)
    assert report["type_accuracy"] == 1.0
    assert report["value"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    kinds = sorted(e["kind"] for e in report["errors"])
    assert kinds == ["missed", "spurious", "value"]
    wrong = next(e for e in report["errors"] if e["kind"] == "value")
    assert (wrong["system_value"], wrong["system_anchor"]) == ("P2DE", None)
    assert "extraction relaxed  P 0.750  R 0.750  F1 0.750" in format_report(report)


@pytest.mark.parametrize(
    ("gold", "system", "pairs"),
    [
        ([(0, 5)], [(3, 8)], 1),            # overlap
        ([(0, 5)], [(5, 8)], 0),            # touching is no overlap
        ([(0, 5), (6, 9)], [(0, 9)], 1),    # one system span matches one gold only
        ([(0, 5)], [(0, 2), (3, 5)], 1),    # and the reverse
    ],
)
def test_evaluate_timebank_matches_one_to_one(gold, system, pairs):
    g = [GoldTime("x", s, e, "DATE", "X") for s, e in gold]
    s = [TimeExpr("x", a, b, "DATE", "X") for a, b in system]
    assert len(timebank.match_relaxed(g, s)) == pairs


def test_evaluate_timebank_splits_files_in_sorted_thirds(tmp_path):
    for i in range(9):
        (tmp_path / f"doc{i}.tml").write_text(SNIPPET)
    develop = timebank.files_of_part(tmp_path, "develop")
    heldout = timebank.files_of_part(tmp_path, "heldout")
    assert [p.name for p in develop] == [f"doc{i}.tml" for i in range(6)]
    assert [p.name for p in heldout] == [f"doc{i}.tml" for i in range(6, 9)]


@pytest.mark.slow
@pytest.mark.shared
def test_evaluate_timebank_real_corpus_sample(nlp, corpora):
    report = timebank.evaluate_dir(corpora / "timebank", nlp, limit=3, part="develop")
    assert report["documents"] == 3
    assert report["gold"] > 0
    assert report["relaxed"]["f1"] > 0.6  # a floor far below the measured figure
