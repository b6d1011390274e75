"""The analysis pipeline: chunking of long texts, workers, per-article errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.library import Newsgraph
from newsgraph.model import Article
from newsgraph.nlp.base import parse_text
from newsgraph.nlp.pipeline import Analyzer, Options, Workers, chunk_text

PARAGRAPH = (
    "The harbour board met on Tuesday to discuss the dredging contract. "
    "“We cannot wait another winter,” said Alice Moreno, the board's chair. "
    "She told reporters the work would start in May.\n"
)


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("a" * 10, 100),
        ("line one\nline two\nline three\n" * 50, 100),
        ("No newlines here. Just sentences. " * 40, 90),
        ("x" * 1000, 64),
    ],
)
def test_pipeline_chunk_text_covers_text_in_order_within_limit(text: str, limit: int) -> None:
    pieces = list(chunk_text(text, limit))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    for (_, e1), (s2, _) in zip(pieces, pieces[1:], strict=False):
        assert e1 == s2
    assert all(0 < e - s <= limit for s, e in pieces)


def test_pipeline_chunk_text_cuts_after_newline_when_possible() -> None:
    text = PARAGRAPH * 10
    pieces = list(chunk_text(text, 500))
    assert all(text[e - 1] == "\n" for _, e in pieces[:-1])


def test_pipeline_long_text_in_chunks_keeps_offsets(analyzer: Analyzer) -> None:
    text = PARAGRAPH * 30
    chunked = Analyzer(Options(model=analyzer.options.model, chunk_chars=1000))
    analysis = chunked.analyse(Article(id="long", text=text))
    assert analysis.warnings and "chunks" in analysis.warnings[0]
    assert len(analysis.quotes) >= 30
    for q in analysis.quotes:
        for s, e in q.spans:
            assert text[s:e] in q.text
        if q.speaker and q.speaker.mention:
            m = q.speaker.mention
            assert text[m.start:m.end] == m.text
    ids = [e.id for e in analysis.entities]
    assert len(ids) == len(set(ids))
    for t in analysis.times:
        assert text[t.start:t.end] == t.text


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u200b"])
def test_pipeline_odd_spaces_read_as_spaces_and_keep_offsets(
        analyzer: Analyzer, space: str) -> None:
    """Web text puts no-break and zero-width spaces between a quotation and its tag: the
    parser must read them as spaces (the tag's subject stays its subject) and every offset
    must still point into the article as written."""
    text = ("The harbour board met on Tuesday.\n\n“If anyone asks why the dredging is late, "
            f"the delays in this report are the answer,”{space}added Moreno.\n\n"
            f"The{space}chair said the work would start in May.")
    analysis = analyzer.analyse(Article(id="spaces", text=text))
    by_cue = {q.cue.text: q for q in analysis.quotes if q.cue}
    assert by_cue["added"].speaker.mention.text == "Moreno"
    assert by_cue["said"].speaker.mention.text == f"The{space}chair"
    for q in analysis.quotes:  # every text field is the article's own characters
        assert q.text == " ".join(text[s:e] for s, e in q.spans)
        assert text[q.cue.start:q.cue.end] == q.cue.text
        mention = q.speaker.mention
        assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a headline without a stop, then the story: two sentences, never one
        ("Court blocks the new voting law\n\nA federal judge ruled on Friday that the law "
         "was void.", ["Court blocks the new voting law", "A federal judge ruled on Friday "
                       "that the law was void."]),
        # a quotation closing its paragraph: the next paragraph is not its object
        ('He offered "my thoughts and prayers."\n\nFocus on jobs: the plan is to hire more.',
         ['He offered "my thoughts and prayers."', "Focus on jobs: the plan is to hire more."]),
        # a line break inside a sentence (hard-wrapped text) does not end it
        ("The council voted on Tuesday to close the\nlibrary for the summer.",
         ["The council voted on Tuesday to close the\nlibrary for the summer."]),
    ],
)
def test_pipeline_paragraphs_start_sentences(
        analyzer: Analyzer, text: str, sentences: list[str]) -> None:
    doc = analyzer.nlp(text)
    found = [s.text.strip() for s in doc.sents if any(ch.isalpha() for ch in s.text)]
    assert [s[:20] for s in found] == [s[:20] for s in sentences]


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_pipeline_empty_or_blank_text_parses_to_no_sentences_of_words(
        analyzer: Analyzer, text: str) -> None:
    doc = analyzer.nlp(text)  # the paragraph component has no first word to start from
    assert [t for t in doc if not t.is_space] == []


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("a\u00a0b\u200bc\ufeffd e’s “f”", "a b c d e’s “f”"),
        # markup a page left behind is blanked: its quoted attributes are no quotations
        ('Read it: <tweet id="12" author="@mayor"><tweet/>. Done.',
         "Read it:" + " " * 40 + ". Done."),
        ('See <a href="https://example.org/?a=1">the report</a>.',
         "See" + " " * 36 + "the report    ."),
        # a comparison or a heart is not markup
        ("Turnout was < 40% and > 30%; fans <3 it.", "Turnout was < 40% and > 30%; fans <3 it."),
        # a wire dateline is blanked: the place is no subject of the first sentence
        ("Mine email\n\nDAYTON, Ohio (AP) — A report said the mayor used it.",
         "Mine email\n\n" + " " * 20 + "A report said the mayor used it."),
        ("TOLEDO - Jane Roe said she would run.", " " * 9 + "Jane Roe said she would run."),
        # ... but capitals in a sentence are not a dateline
        ("US - China talks resume.", "US - China talks resume."),
        ("NATO - the alliance - agreed.", "NATO - the alliance - agreed."),
    ],
)
def test_pipeline_parse_text_keeps_length_and_offsets(text: str, parsed: str) -> None:
    assert parse_text(text) == parsed
    assert len(parse_text(text)) == len(text)


def test_pipeline_text_over_the_limit_is_rejected_with_a_reason(analyzer: Analyzer) -> None:
    small = Analyzer(Options(model=analyzer.options.model, max_chars=100))
    outcomes = list(Workers(small, 1).map([
        Article(id="big", text="word " * 100),
        Article(id="ok", text="A short note, she said."),
    ]))
    assert outcomes[0].analysis is None and "over the limit" in (outcomes[0].error or "")
    assert outcomes[1].analysis is not None


def test_pipeline_two_workers_give_the_same_analyses(analyzer: Analyzer) -> None:
    articles = [Article(id=str(n), text=PARAGRAPH * (n + 1)) for n in range(4)]
    with Workers(analyzer, 1) as one:
        first = [o.analysis.to_dict() for o in one.map(articles)]
    with Workers(analyzer, 2) as two:
        second = [o.analysis.to_dict() for o in two.map(articles)]
    assert first == second


def test_pipeline_mixed_folder_stores_good_and_reports_each_bad(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(PARAGRAPH, encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Caf\xe9 owners said prices would rise.".encode("cp1252"))
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    good = {"id": "j1", "title": "Board meets", "published": "2024-03-05", "text": PARAGRAPH}
    (folder / "records.jsonl").write_text(
        json.dumps(good) + "\n"
        + '{"id": "j2", "text": "truncated\n'
        + json.dumps({"id": "j3", "title": "no text"}) + "\n",
        encoding="utf-8",
    )
    (folder / "page.html").write_text("<html><body><nav>Home</nav></body></html>",
                                      encoding="utf-8")
    (folder / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    with Newsgraph(tmp_path / "t.db") as ng:
        report = ng.ingest([folder])
        stats = ng.stats()
    assert report.stored == 3  # good.txt, latin1.txt (with a warning), j1
    assert any("latin1.txt" in w and "cp1252" in w for w in report.warnings)
    bad = {"empty.txt", "binary.txt", "records.jsonl:2", "records.jsonl:3", "page.html",
           "dangling.txt"}
    assert report.rejected == len(bad), report.errors
    for name in bad:
        assert any(name in error for error in report.errors), name
    assert stats["articles"] == 3 and stats["rejections"] == len(bad)


def test_pipeline_parsed_docs_know_their_text_as_spacy_joins_it(analyzer: Analyzer) -> None:
    from newsgraph.nlp.base import TEXT_KEY

    texts = [PARAGRAPH, "WASHINGTON (AP) — The senator\u00a0said no.\n\n“Never,” she added."]
    articles = [Article(id=str(n), text=t) for n, t in enumerate(texts)]
    docs = list(analyzer._parse_together(articles) or [])
    assert len(docs) == 2
    for doc, text in zip(docs, texts, strict=True):
        # the string it was parsed from, which is what doc.text would build again
        assert doc.user_data[TEXT_KEY] == doc.text == parse_text(text)


def test_pipeline_ingest_gives_back_the_garbage_collector_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from newsgraph import library

    monkeypatch.setattr(library, "BATCH", 1)  # three batches: frozen after the first
    source = tmp_path / "a.jsonl"
    source.write_text("".join(json.dumps({"id": f"a{n}", "text": PARAGRAPH * (n + 1)}) + "\n"
                              for n in range(3)), encoding="utf-8")
    before = gc.get_threshold()
    with Newsgraph(tmp_path / "t.db") as ng:
        first = ng.ingest([source])
        assert gc.get_threshold() == before and gc.get_freeze_count() == 0
        again = ng.ingest([source])  # nothing new: the settings come back all the same
    assert first.stored == 3 and again.unchanged == 3
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
