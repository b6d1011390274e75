"""Headline attributions: a name before a colon that credits the headline's words to it
('Smith: Deal Is Dead'), in plain or title case."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.model import QuoteKind, TextSpan
from newsgraph.nlp import lexicon as lx
from newsgraph.nlp.base import doc_text
from newsgraph.nlp.quotes.common import (
    CONFIDENCE,
    MAX_HEADLINE_NAME_TOKENS,
    MIN_HEADLINE_WORDS,
    NAME_ENTITIES,
    QUOTE_CHARS,
    Found,
    trimmed,
    word_count,
)


def first_line_end(text: str) -> int:
    """Where the article's first line (its headline, when it has one) ends."""
    end = text.find("\n")
    return len(text) if end < 0 else end


def headline_find(doc: Doc) -> Found | None:
    """A headline that credits its words to a name before a colon: 'Smith: Deal Is
    "Dead"', 'Smith on Taxes: ...'. The name must be a short run of proper nouns."""
    text = doc_text(doc)
    line_end = first_line_end(text)
    colon = text.find(":", 0, line_end)
    if colon < 0:
        return None
    name = doc.char_span(0, colon, alignment_mode="contract")
    if name is None or not 0 < len(name) <= MAX_HEADLINE_NAME_TOKENS:
        return None
    words = list(name)
    on = next((t for t in words if t.lower_ == "on"), None)  # 'Smith on Taxes:'
    if on is not None:
        words = words[:on.i - name.start]
    if not words or not all(t.pos_ == "PROPN" or t.is_punct or named_later(t, line_end)
                            for t in words):
        return None
    start, end = trimmed(text, colon + 1, line_end)
    if word_count(text[start:end]) < MIN_HEADLINE_WORDS:
        return None
    speaker = doc[words[0].i:words[-1].i + 1]
    cue = TextSpan(":", colon, colon + 1)
    kind: QuoteKind = "partial" if any(ch in QUOTE_CHARS for ch in text[start:end]) else "indirect"
    return Found(kind, ((start, end),), cue, speaker, CONFIDENCE["colon"], "headline")


def named_later(tok: Token, after: int) -> bool:
    """Whether a capitalised headline word the tagger missed as a name ('Reid: ...') is a
    name in the article below it."""
    return tok.is_title and any(
        t.text == tok.text and (t.pos_ == "PROPN" or t.ent_type_ in NAME_ENTITIES)
        for t in tok.doc if t.idx > after)


def headline_cue_lemma(word: str) -> str | None:
    """The cue lemma of a capitalised present-tense verb in a headline ('Praises',
    'Urges', 'Says'), or None: a title-case headline leaves the tagger no verbs to see."""
    low = word.lower()
    for lemma in (low[:-2] if low.endswith("es") else None, low[:-1] if low.endswith("s") else None):
        if lemma and (lemma in lx.SPEECH_VERBS or lemma in lx.OBJECT_CONTENT_VERBS
                      or lemma in lx.COGNITION_VERBS):
            return lemma
    return None


def title_case_headline_find(doc: Doc) -> Found | None:
    """A title-case headline of the shape 'Name Verbs Content' ('Senator Jane Roe Praises
    Harbour Plan', 'Union Chief Urges Council to Wait'): the words before the verb are the
    speaker, the rest of the line the content."""
    text = doc_text(doc)
    line_end = first_line_end(text)
    line = doc.char_span(0, line_end, alignment_mode="contract")
    if line is None or len(line) < MIN_HEADLINE_WORDS + 1:
        return None
    words = [t for t in line if t.is_alpha]
    if sum(t.text[0].isupper() for t in words) < 0.8 * len(words):
        return None  # not title case: the parse can be trusted
    for tok in line[1:]:
        if not tok.text[0].isupper() or headline_cue_lemma(tok.text) is None:
            continue
        before = line[:tok.i - line.start]
        if not 0 < len(before) <= MAX_HEADLINE_NAME_TOKENS or not all(
                t.text[0].isupper() or t.is_punct for t in before):
            return None
        start, end = trimmed(text, tok.idx + len(tok.text), line_end)
        if word_count(text[start:end]) < 1:
            return None
        cue = TextSpan(tok.text, tok.idx, tok.idx + len(tok.text))
        return Found("indirect", ((start, end),), cue, before, CONFIDENCE["colon"], "headline")
    return None
