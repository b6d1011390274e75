"""Quoted regions and paragraphs: the quotations of a doc (found once and kept on it),
whether a token or a stretch lies inside one, and where paragraphs and sentences start."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from newsgraph.nlp.base import doc_text
from newsgraph.nlp.quotemarks import find_quoted
from newsgraph.nlp.quotes.common import QUOTED_KEY, SENTENCE_BREAK, Region


def quoted_regions(text: str) -> list[Region]:
    regions = []
    for q in find_quoted(text):
        pieces = tuple(getattr(q, "pieces", None) or ((q.start, q.end),))
        pieces = tuple((s, e) for s, e in pieces if e > s)
        if not pieces:
            continue
        regions.append(Region(pieces=pieces, open_mark=q.open_mark[0]))
    return regions


def doc_regions(doc: Doc) -> list[Region]:
    """The quotations of ``doc`` in text order (found once per doc)."""
    cached = doc.user_data.get(QUOTED_KEY)
    if cached is None:
        regions = quoted_regions(doc_text(doc))
        cached = (regions, [p for reg in regions for p in reg.pieces])
        doc.user_data[QUOTED_KEY] = cached
    return cached[0]


def quoted_spans(doc: Doc) -> list[tuple[int, int]]:
    """The quoted pieces of ``doc`` in text order."""
    doc_regions(doc)
    return doc.user_data[QUOTED_KEY][1]


def quoted_between(doc: Doc, start: int, end: int) -> bool:
    """Whether a whole quoted piece lies between ``start`` and ``end``."""
    return any(start < s and e <= end for s, e in quoted_spans(doc))


def in_quotation(tok: Token) -> bool:
    """Whether ``tok`` lies between quotation marks."""
    pieces = quoted_spans(tok.doc)
    i = bisect.bisect_right(pieces, (tok.idx, len(doc_text(tok.doc)) + 1)) - 1
    return i >= 0 and pieces[i][0] <= tok.idx < pieces[i][1]


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs (lines holding more than whitespace) start; blank lines
    belong to the paragraph before them."""
    starts = [0]
    at = 0
    for line in text.split("\n")[:-1]:
        at += len(line) + 1
        if text[at : text.find("\n", at) if "\n" in text[at:] else len(text)].strip():
            starts.append(at)
    return starts


def paragraph_of(starts: Sequence[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def lead_in(text: str, reg: Region, para_start: int) -> str:
    """The text of the quotation's own sentence before its opening mark."""
    lead = text[para_start:reg.open_mark]
    breaks = list(SENTENCE_BREAK.finditer(lead))
    return lead[breaks[-1].end():] if breaks else lead


def inside_pieces(pieces: Iterable[tuple[int, int]], offset: int) -> bool:
    return any(s <= offset < e for s, e in pieces)


def previous_paragraph_start(text: str, pstart: int) -> int:
    """Where the paragraph before ``pstart`` starts, over any blank lines between."""
    return text.rfind("\n", 0, len(text[:pstart].rstrip())) + 1
