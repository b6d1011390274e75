"""Evidence for a quotation's speaker (the mention as written, how it was resolved and tied,
a speaker confidence apart from the content's) and the verbatim spans of partial quotes.
Sentences are rephrased wire copy."""

from __future__ import annotations

import pytest

from newsgraph.model import Article, ArticleAnalysis, Quote, Speaker, TextSpan
from newsgraph.nlp.quotes.evidence import speaker_confidence, verbatim_spans
from newsgraph.store import Store


def analysed(analyzer, text: str) -> list[Quote]:
    return list(analyzer.analyse(Article(id="t", text=text)).quotes)


def holding(quotes: list[Quote], words: str) -> Quote:
    found = [q for q in quotes if words in q.text]
    assert found, [q.text for q in quotes]
    return found[0]


@pytest.mark.parametrize(("pieces", "quoted", "expected"), [
    # a direct quotation: all of it
    (((1, 30),), [(1, 30)], ((1, 30),)),
    # a partial quotation: only the marked phrase inside the paraphrase
    (((10, 80),), [(2, 5), (40, 52), (90, 99)], ((40, 52),)),
    # a paraphrase with no marks: nothing
    (((10, 80),), [(2, 5), (90, 99)], ()),
    # a marked phrase running past the paraphrase's end: cut at it
    (((10, 50),), [(45, 60)], ((45, 50),)),
    # a phrase quoted inside a quotation: one stretch
    (((0, 40),), [(0, 40), (10, 14)], ((0, 40),)),
    # two pieces
    (((0, 10), (20, 30)), [(0, 10), (20, 30)], ((0, 10), (20, 30))),
])
def test_quotes_evidence_verbatim_spans(pieces, quoted, expected):
    assert verbatim_spans(pieces, quoted) == expected


def test_quotes_evidence_partial_quote_marks_only_the_quoted_words(analyzer):
    text = ('The ambassador said the ceasefire was "hanging by a thread" after a week of '
            "shelling near the border.")
    quote = holding(analysed(analyzer, text), "hanging by a thread")
    assert quote.kind == "partial"
    assert [text[s:e] for s, e in quote.verbatim] == ["hanging by a thread"]


def test_quotes_evidence_paraphrase_has_no_verbatim_words(analyzer):
    text = "The ambassador said the ceasefire was hanging by a thread after the shelling."
    quote = holding(analysed(analyzer, text), "ceasefire was hanging")
    assert quote.kind == "indirect" and quote.verbatim == ()


def test_quotes_evidence_pronoun_by_a_tag(analyzer):
    text = ('Opposition leader Etienne Malu spoke to reporters on Monday.\n\n'
            '"We were never given a fair hearing," he said.')
    tagged = holding(analysed(analyzer, text), "fair hearing")
    assert tagged.speaker is not None and tagged.speaker.name == "Etienne Malu"
    assert tagged.speaker.mention.text == "he" and tagged.speaker.resolved == "pronoun"
    assert tagged.speaker_via == "tag"


def test_quotes_evidence_speaker_carried_from_previous_paragraph(analyzer):
    text = ("Opposition leader Etienne Malu told reporters on Monday that the talks had "
            'failed.\n\n"Nobody in the capital wants to listen to the provinces any more."')
    quotes = analysed(analyzer, text)
    carried = holding(quotes, "Nobody in the capital")
    assert carried.speaker is not None and carried.speaker.name == "Etienne Malu"
    assert carried.speaker_via == "previous paragraph"
    reported = holding(quotes, "talks had failed")
    assert carried.speaker_confidence < reported.speaker_confidence


@pytest.mark.parametrize(("text", "words", "resolved"), [
    ('"The vote was fair," said Marta Olsen, the commission chair.', "vote was fair", "name"),
    ("Marta Olsen runs the commission.\n\n"
     '"The vote was fair," Ms Olsen said.', "vote was fair", "earlier full name"),
    ('"The vote was fair," a senior election official said.', "vote was fair",
     "description"),
    ('"The vote was fair," a spokesman for the commission said.', "vote was fair",
     "spokesperson"),
])
def test_quotes_evidence_how_the_mention_was_resolved(analyzer, text, words, resolved):
    quote = holding(analysed(analyzer, text), words)
    assert quote.speaker is not None and quote.speaker.resolved == resolved


def test_quotes_evidence_speaker_confidence_orders_routes_and_resolutions():
    named = Speaker(mention=TextSpan("Ms Olsen", 0, 8), name="Marta Olsen", resolved="name")
    pronoun = Speaker(mention=TextSpan("she", 0, 3), name="Marta Olsen", resolved="pronoun")
    unresolved = Speaker(mention=TextSpan("she", 0, 3), name=None,
                         resolved="unresolved pronoun")
    assert speaker_confidence("tag", named) > speaker_confidence("tag", pronoun)
    assert speaker_confidence("tag", pronoun) > speaker_confidence("tag", unresolved)
    assert speaker_confidence("tag", named) > speaker_confidence("continuation", named)
    assert speaker_confidence("tag", None) is None
    assert speaker_confidence("unattributed", named) is None


def evidence_analysis() -> ArticleAnalysis:
    text = 'Marta Olsen chairs the board.\n\n"It was fair," she said. She called it "a model".'
    says = text.index("It was")
    partial = text.index("it \"a model")
    quotes = (
        Quote(id="q0", kind="direct", text="It was fair", start=says, end=says + 11,
              spans=((says, says + 11),), cue=TextSpan("said", says + 18, says + 22),
              speaker=Speaker(mention=TextSpan("she", says + 14, says + 17),
                              name="Marta Olsen", type="PERSON", resolved="pronoun"),
              confidence=0.9, verbatim=((says, says + 11),), speaker_via="tag",
              speaker_confidence=0.76),
        Quote(id="q1", kind="partial", text='it "a model', start=partial,
              end=partial + 11, spans=((partial, partial + 11),),
              cue=TextSpan("called", partial - 7, partial - 1),
              speaker=Speaker(mention=TextSpan("She", partial - 11, partial - 8),
                              name="Marta Olsen", type="PERSON", resolved="pronoun"),
              confidence=0.9, mode="stance", verbatim=((partial + 4, partial + 11),),
              speaker_via="reporting verb", speaker_confidence=0.6),
    )
    return ArticleAnalysis(Article(id="ev-1", text=text), quotes)


def test_quotes_evidence_stored_read_back_and_filtered():
    analysis = evidence_analysis()
    with Store(":memory:") as store:
        store.save_analysis(analysis)
        assert store.analysis("ev-1") == analysis
        assert [r["quote_id"] for r in store.quotes(modes=["speech"])] == ["q0"]
        assert [r["quote_id"] for r in store.quotes(modes=["stance", "belief"])] == ["q1"]
        assert [r["quote_id"] for r in store.quotes(min_speaker_confidence=0.7)] == ["q0"]
        assert len(store.quotes()) == 2
        row = store.quotes(modes=["stance"])[0]
    assert row["verbatim"] == [list(analysis.quotes[1].verbatim[0])]
    assert row["speaker_resolved"] == "pronoun" and row["speaker_via"] == "reporting verb"


def test_quotes_evidence_to_dict_carries_the_evidence():
    record = evidence_analysis().to_dict()["quotes"]
    assert record[0]["mode"] == "speech" and record[1]["mode"] == "stance"
    assert record[0]["speaker"]["resolved"] == "pronoun"
    assert record[0]["speaker_via"] == "tag" and record[0]["speaker_confidence"] == 0.76
    assert record[1]["verbatim"] and record[1]["verbatim"][0][0] > record[1]["start"]


@pytest.mark.parametrize(("row", "shown"), [
    ({"speaker_name": "Laurent Kabila", "speaker_mention": "he", "speaker_resolved": "pronoun",
      "speaker_via": "previous paragraph", "speaker_confidence": 0.6},
     "via 'he', pronoun, previous paragraph, speaker 0.60"),
    ({"speaker_name": "Laurent Kabila", "speaker_mention": "The diplomat",
      "speaker_resolved": "role noun", "speaker_via": "tag", "speaker_confidence": 0.66},
     "via 'The diplomat', role noun, speaker 0.66"),
    ({"speaker_name": "Laurent Kabila", "speaker_mention": "Laurent Kabila",
      "speaker_resolved": "name", "speaker_via": "tag", "speaker_confidence": 0.95}, None),
    ({"speaker_name": "Laurent Kabila", "speaker_mention": "rebel leader Laurent Kabila",
      "speaker_resolved": "name", "speaker_via": "tag", "speaker_confidence": 0.95}, None),
])
def test_quotes_evidence_cli_says_how_the_speaker_was_found(row, shown):
    from newsgraph.cli import speaker_evidence

    assert speaker_evidence(row) == shown


def test_quotes_evidence_cli_never_dresses_a_paraphrase_as_verbatim():
    from newsgraph.cli import _format_quote

    text = 'the truce was "hanging by a thread" along the border'
    start = 100
    inner = text.index("hanging")
    row = {"speaker_name": "Marta Olsen", "kind": "partial", "text": text, "article_id": "a",
           "start": start, "end": start + len(text), "spans": [[start, start + len(text)]],
           "verbatim": [[start + inner, start + inner + len("hanging by a thread")]]}
    line = _format_quote(row)
    assert "the truce was “hanging by a thread” along the border" in line
    assert "“the truce" not in line
    paraphrase = {**row, "kind": "indirect", "text": "the truce was fragile",
                  "end": start + 21, "spans": [[start, start + 21]], "verbatim": []}
    assert "“" not in _format_quote(paraphrase)


@pytest.mark.parametrize(("given", "kept"), [
    ((), ["speech"]), (("all",), None), (("belief", "stance"), ["belief", "stance"]),
])
def test_quotes_evidence_cli_modes_default_to_speech(given, kept):
    from newsgraph.cli import quote_modes

    assert quote_modes(given) == kept


def test_quotes_evidence_cli_lists_speech_by_default(tmp_path):
    from click.testing import CliRunner

    from newsgraph.cli import cli

    db = tmp_path / "ev.db"
    with Store(str(db)) as store:
        store.save_analysis(evidence_analysis())

    def listed(*args: str) -> str:
        result = CliRunner().invoke(cli, ["quotes", "--db", str(db), *args],
                                    catch_exceptions=False)
        assert result.exit_code == 0
        return result.stdout

    plain = listed()
    assert "It was fair" in plain and "a model" not in plain
    assert "Marta Olsen (via 'she', pronoun)" in plain
    every = listed("--mode", "all")
    assert "It was fair" in every and "STANCE" in every and "“a model”" in every
    assert "It was fair" not in listed("--mode", "stance")
    assert "It was fair" in listed("--min-speaker-confidence", "0.7")
    assert "It was fair" not in listed("--min-speaker-confidence", "0.8")


def test_quotes_evidence_polnear_source_by_speaker_confidence():
    from newsgraph.evaluate.polnear import source_by_speaker_confidence

    rows = source_by_speaker_confidence([(0.9, True), (0.75, True), (0.4, False), (0.0, False)],
                                        cuts=(0.0, 0.5, 0.8))
    assert [(r["matched"], r["source_accuracy"]) for r in rows] == [(4, 0.5), (2, 1.0),
                                                                     (1, 1.0)]
