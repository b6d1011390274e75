"""What the rule path knows about each token, as numbers beside the encoder's vectors.

The head of the accurate mode does not start from nothing: it sees, for every spaCy
token, where the rule path put its quotations (content, cue, speaker mention, kind,
confidence), the reported-speech candidates the rules found whether kept or not, the
stretches between quotation marks, and a little of the parse (part of speech, sentence and
paragraph starts, a reporting verb of the lexicon). ``rule_features`` builds that array;
it needs no torch and is a pure function of the parsed article and the rule quotations.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from spacy.tokens import Doc

from newsgraph.model import Quote
from newsgraph.nlp import lexicon as lx
from newsgraph.nlp.base import doc_text
from newsgraph.nlp.quotemarks import find_quoted
from newsgraph.nlp.quotes.common import Candidate

UPOS = ("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
        "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X")
# The columns before the parts of speech, in order.
COLUMNS = ("rule-content-begin", "rule-content-inside", "rule-cue", "rule-speaker",
           "rule-direct", "rule-partial", "rule-indirect", "rule-confidence",
           "cand-content", "cand-cue", "cand-source", "quoted", "quote-mark", "space",
           "sentence-start", "paragraph-start", "speech-verb", "cognition-verb")
FEATURES = len(COLUMNS) + len(UPOS)
COL = {name: n for n, name in enumerate(COLUMNS)}


def char_tokens(doc: Doc) -> np.ndarray:
    """For each character of the text, the token it belongs to (-1 for none)."""
    owner = np.full(len(doc_text(doc)) + 1, -1, dtype=np.int64)
    for tok in doc:
        owner[tok.idx:tok.idx + len(tok.text)] = tok.i
    return owner


def tokens_in(owner: np.ndarray, spans: Iterable[tuple[int, int]]) -> list[int]:
    """The tokens that characters of ``spans`` fall in, in order, each once."""
    found: set[int] = set()
    for s, e in spans:
        part = owner[max(s, 0):max(e, 0)]
        found.update(int(t) for t in part[part >= 0])
    return sorted(found)


def rule_features(doc: Doc, quotes: Sequence[Quote], candidates: Sequence[Candidate] = (),
                  ) -> np.ndarray:
    """A float32 array [tokens, FEATURES] (see ``COLUMNS`` and ``UPOS``)."""
    feats = np.zeros((len(doc), FEATURES), dtype=np.float32)
    if not len(doc):
        return feats
    text = doc_text(doc)
    owner = char_tokens(doc)
    for q in quotes:
        inside = tokens_in(owner, q.spans or ((q.start, q.end),))
        if inside:
            feats[inside[0], COL["rule-content-begin"]] = 1.0
            feats[inside[1:], COL["rule-content-inside"]] = 1.0
            feats[inside, COL["rule-confidence"]] = np.maximum(
                feats[inside, COL["rule-confidence"]], q.confidence)
            feats[inside, COL[f"rule-{q.kind}"]] = 1.0
        if q.cue is not None:
            feats[tokens_in(owner, [(q.cue.start, q.cue.end)]), COL["rule-cue"]] = 1.0
        if q.speaker is not None and q.speaker.mention is not None:
            m = q.speaker.mention
            feats[tokens_in(owner, [(m.start, m.end)]), COL["rule-speaker"]] = 1.0
    for c in candidates:
        feats[tokens_in(owner, c.content), COL["cand-content"]] = 1.0
        feats[tokens_in(owner, [c.cue_span]), COL["cand-cue"]] = 1.0
        if c.speaker is not None:
            feats[[t.i for t in c.speaker], COL["cand-source"]] = 1.0
    for q in find_quoted(text):
        feats[tokens_in(owner, q.pieces), COL["quoted"]] = 1.0
    pos = {p: len(COLUMNS) + n for n, p in enumerate(UPOS)}
    for tok in doc:
        row = feats[tok.i]
        row[COL["quote-mark"]] = float(any(ch in lx.QUOTE_CHARS for ch in tok.text))
        row[COL["space"]] = float(tok.is_space)
        row[COL["sentence-start"]] = float(tok.is_sent_start or tok.i == 0)
        before = text[max(0, tok.idx - 3):tok.idx]
        row[COL["paragraph-start"]] = float(tok.i == 0 or "\n" in before)
        lemma = tok.lemma_.lower()
        row[COL["speech-verb"]] = float(lemma in lx.SPEECH_VERBS)
        row[COL["cognition-verb"]] = float(lemma in lx.COGNITION_VERBS)
        if tok.pos_ in pos:
            row[pos[tok.pos_]] = 1.0
    return feats
