"""The accurate mode's second design: span scoring over the rule path's own candidates.

The tagger (``head``) draws new boundaries; this design keeps the rules' boundaries and only
decides which of the rules' attributions to report. The candidates of an article are the
rule path's quotations (kept by the rules) and the reported-speech candidates the rules
dropped (``quote_stages(doc).reported`` that match no rule quotation). Each is described by
its encoder vectors pooled over its content, cue and source words, and by a few numbers the
rules know (kept or dropped, kind, confidence, length, has a source, has a cue); a small
MLP (``SpanScorer``) gives the probability that it is a gold attribution, and ``select``
keeps the likely ones, one per stretch of words.

The pure parts (candidates, pooling, labels, selection) need no torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsgraph.evaluate.scoring import half_overlap, merged

Spans = tuple[tuple[int, int], ...]
KINDS = ("direct", "partial", "indirect", "dropped")
# The numbers besides the pooled vectors, in order (see ``scalars``).
SCALARS = ("kept", *(f"kind-{k}" for k in KINDS), "confidence", "log-length", "has-source",
           "has-cue", "pieces")


@dataclass(frozen=True)
class SpanCandidate:
    """One attribution the rules propose: content pieces, cue and source character spans."""

    content: Spans
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    kind: str  # one of KINDS ('dropped': a reported-speech candidate the rules left out)
    confidence: float  # the rule's (0 for a dropped candidate)


def same_stretch(a: Spans, b: Spans) -> bool:
    """Whether two contents share at least half of each (the scorer's matching)."""
    return bool(half_overlap(a, b))


def span_candidates(rule: Sequence[SpanCandidate], dropped: Sequence[SpanCandidate],
                    ) -> list[SpanCandidate]:
    """The rules' quotations, then each dropped candidate whose content is not the same
    stretch as a quotation's or an earlier dropped one's, in text order."""
    out = list(rule)
    for c in dropped:
        if c.content and not any(same_stretch(c.content, k.content) for k in out):
            out.append(c)
    return sorted(out, key=lambda c: (c.content[0][0], c.content[-1][1]))


def candidate_labels(cands: Sequence[SpanCandidate], gold_contents: Sequence[Spans],
                     ) -> np.ndarray:
    """1.0 for each candidate whose content matches some gold content (at least half of
    each), else 0.0."""
    return np.array([float(any(same_stretch(c.content, g) for g in gold_contents))
                     for c in cands], dtype=np.float32)


def tokens_of(owner: np.ndarray, spans: Sequence[tuple[int, int]]) -> list[int]:
    """The tokens (``owner``: token of each character, -1 for none) that ``spans`` cover."""
    found: set[int] = set()
    for s, e in spans:
        part = owner[max(s, 0):max(e, 0)]
        found.update(int(t) for t in part[part >= 0])
    return sorted(found)


def pool(vectors: np.ndarray, tokens: Sequence[int]) -> np.ndarray:
    """The mean of the rows ``tokens`` of ``vectors`` that are not all zero (space tokens
    have no vector); zeros when none."""
    out = np.zeros(vectors.shape[1], dtype=np.float32)
    if not len(tokens):
        return out
    rows = np.asarray(vectors[list(tokens)], dtype=np.float32)
    rows = rows[np.abs(rows).sum(axis=1) > 0]
    return rows.mean(axis=0) if len(rows) else out


def scalars(c: SpanCandidate, content_tokens: int) -> np.ndarray:
    """The rule's numbers for one candidate (``SCALARS``)."""
    kind = [float(c.kind == k) for k in KINDS]
    return np.array([float(c.kind != "dropped"), *kind, c.confidence,
                     np.log1p(content_tokens) / 5.0, float(c.source is not None),
                     float(c.cue is not None), float(len(c.content) > 1)], dtype=np.float32)


def candidate_inputs(cands: Sequence[SpanCandidate], vectors: np.ndarray, owner: np.ndarray,
                     ) -> np.ndarray:
    """[candidates, 3 * dims + len(SCALARS)]: pooled content, cue and source vectors, then
    the scalars."""
    rows = []
    for c in cands:
        content = tokens_of(owner, c.content)
        parts = [pool(vectors, content),
                 pool(vectors, tokens_of(owner, [c.cue] if c.cue else [])),
                 pool(vectors, tokens_of(owner, [c.source] if c.source else [])),
                 scalars(c, len(content))]
        rows.append(np.concatenate(parts))
    width = 3 * vectors.shape[1] + len(SCALARS)
    return np.stack(rows) if rows else np.zeros((0, width), dtype=np.float32)


def select(cands: Sequence[SpanCandidate], probs: Sequence[float], threshold: float,
           ) -> list[tuple[SpanCandidate, float]]:
    """The candidates at or above ``threshold``, likeliest first, each left out when its
    content is the same stretch as one kept already; returned in text order."""
    kept: list[tuple[int, SpanCandidate, float]] = []
    for n in sorted(range(len(cands)), key=lambda n: (-probs[n], n)):
        if probs[n] < threshold:
            break
        if not any(same_stretch(cands[n].content, k.content) for _, k, _ in kept):
            kept.append((n, cands[n], float(probs[n])))
    return [(c, p) for _, c, p in sorted(kept, key=lambda k: k[0])]


def merged_content(pieces: Sequence[tuple[int, int]]) -> Spans:
    return merged(pieces)
