"""From decoded attributions to ``Quote`` records, speakers resolved as the fast path does.

Kept apart from the head so that the choices here (which speaker, which kind, which cue)
are small pure functions, tested without torch.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from spacy.tokens import Doc

from newsgraph.model import Quote, QuoteKind, Speaker, TextSpan
from newsgraph.nlp import lexicon as lx
from newsgraph.nlp.accurate.decode import Attribution
from newsgraph.nlp.base import SpeakerResolver, doc_text
from newsgraph.nlp.quotemarks import find_quoted
from newsgraph.nlp.quotes.polarity import cue_polarity

# A content this much inside quotation marks is direct; any of it, partial.
DIRECT_SHARE = 0.9
EDGE_CHARS = " \t\n\xa0" + lx.QUOTE_CHARS


def pieces_of(q: Quote) -> tuple[tuple[int, int], ...]:
    return q.spans or ((q.start, q.end),)


def shared_chars(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def size(pieces: Sequence[tuple[int, int]]) -> int:
    return sum(e - s for s, e in pieces)


def matching_rule_quote(content: Sequence[tuple[int, int]], rule_quotes: Sequence[Quote],
                        ) -> Quote | None:
    """The rule quotation whose content overlaps ``content`` by at least half of each
    (the most shared characters), or None."""
    best, most = None, 0
    for q in rule_quotes:
        pieces = pieces_of(q)
        shared = shared_chars(content, pieces)
        if 2 * shared >= size(content) and 2 * shared >= size(pieces) and shared > most:
            best, most = q, shared
    return best


def trimmed_pieces(text: str, pieces: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Each piece without spaces and quotation marks at its ends (empty pieces dropped)."""
    out = []
    for s, e in pieces:
        while s < e and text[s] in EDGE_CHARS:
            s += 1
        while e > s and text[e - 1] in EDGE_CHARS:
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(out)


def kind_of(pieces: Sequence[tuple[int, int]], quoted: Sequence[tuple[int, int]]) -> QuoteKind:
    """'direct' when nearly all of the content lies between quotation marks, 'partial' when
    some of it does, 'indirect' otherwise."""
    inside = shared_chars(pieces, quoted)
    if inside >= DIRECT_SHARE * size(pieces):
        return "direct"
    return "partial" if inside else "indirect"


def text_span(text: str, span: tuple[int, int] | None) -> TextSpan | None:
    if span is None:
        return None
    return TextSpan(text[span[0]:span[1]], span[0], span[1])


def speaker_from(doc: Doc, resolver: SpeakerResolver, attribution: Attribution,
                 rule: Quote | None) -> Speaker | None:
    """The rule quotation's speaker when it has one; else the head's source words, resolved
    by the same resolver (coreference, identities) as the fast path; else none."""
    from newsgraph.nlp.quotes import speaker_of

    if rule is not None and rule.speaker is not None:
        return rule.speaker
    if attribution.source is None:
        return None
    span = doc.char_span(*attribution.source, alignment_mode="expand")
    return speaker_of(span, resolver) if span is not None and len(span) else None


def to_quotes(doc: Doc, resolver: SpeakerResolver, attributions: Sequence[Attribution],
              rule_quotes: Sequence[Quote]) -> list[Quote]:
    """``Quote`` records for decoded attributions, in text order, ids q0, q1, ..."""
    text = doc_text(doc)
    quoted = [p for q in find_quoted(text) for p in q.pieces]
    made = []
    for a in attributions:
        pieces = trimmed_pieces(text, a.content)
        if not pieces:
            continue
        rule = matching_rule_quote(pieces, rule_quotes)
        cue = text_span(text, a.cue) or (rule.cue if rule is not None else None)
        made.append((pieces, a, rule, cue))
    made.sort(key=lambda m: (m[0][0][0], m[0][-1][1]))
    quotes = []
    for n, (pieces, a, rule, cue) in enumerate(made):
        quotes.append(Quote(
            id=f"q{n}", kind=kind_of(pieces, quoted),
            text=" ".join(text[s:e] for s, e in pieces),
            start=pieces[0][0], end=pieces[-1][1], spans=pieces if len(pieces) > 1 else (),
            cue=cue, speaker=speaker_from(doc, resolver, a, rule),
            confidence=a.confidence, polarity=cue_polarity(doc, cue),
        ))
    return quotes


def token_offsets(doc: Doc) -> np.ndarray:
    return np.array([(t.idx, t.idx + len(t.text)) for t in doc], dtype=np.int64).reshape(-1, 2)


def quotes_from_head(doc: Doc, resolver: SpeakerResolver, rule_quotes: Sequence[Quote],
                     head: object | None = None) -> list[Quote]:
    """Encoder, head, decoder and speakers over one parsed article (see the package notes)."""
    from newsgraph.nlp.accurate.decode import decode
    from newsgraph.nlp.accurate.encoder import token_vectors
    from newsgraph.nlp.accurate.features import rule_features
    from newsgraph.nlp.accurate.head import packaged_head, predict
    from newsgraph.nlp.quotes import quote_stages

    if head is None:
        head, _ = packaged_head()
    features = rule_features(doc, rule_quotes, quote_stages(doc).reported)
    probs = predict(head, token_vectors(doc), features)  # type: ignore[arg-type]
    attributions = decode(doc_text(doc), token_offsets(doc), probs)
    return to_quotes(doc, resolver, attributions, rule_quotes)
