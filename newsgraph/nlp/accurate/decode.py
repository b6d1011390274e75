"""From the head's tag probabilities to attributions: pure functions over arrays.

``decode(text, offsets, probs)`` reads the three tag layers (content, cue, source; O/B/I
each) token by token:

1. **runs**: each layer's tokens tagged B or I make runs; a B always opens a new run, an
   I after O opens one too (the head is not forced to be well formed).
2. **joined pieces**: a content run that opens with I (not B) within ``MAX_JOIN_GAP``
   tokens of the run before is that run's next piece ('"...," she said, "..."'): one
   attribution of two pieces, as PolNeAR annotates a quotation broken by its tag (the head
   learns to open such a piece with I).
3. **source**: each attribution takes the source run nearest its cue (the cue run
   nearest the content, outside it), within ``MAX_SOURCE_GAP`` tokens; none otherwise.

Confidence is the mean probability of the content tags the run was read from.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

O, B, I = 0, 1, 2  # noqa: E741 - the tag names
CONTENT, CUE, SOURCE = 0, 1, 2
# The farthest (in tokens) a cue may sit from its content, and a source from its cue.
MAX_CUE_GAP = 40
MAX_SOURCE_GAP = 25
# The most tokens between two pieces of one quotation.
MAX_JOIN_GAP = 20


@dataclass(frozen=True)
class Attribution:
    content: tuple[tuple[int, int], ...]  # character pieces
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    confidence: float
    tokens: tuple[int, int]  # first and last token of the content (inclusive)


def runs(tags: np.ndarray) -> list[tuple[int, int]]:
    """Inclusive token ranges of the B/I runs of one layer's tags."""
    out: list[tuple[int, int]] = []
    start = None
    for i, t in enumerate(tags.tolist()):
        if t == B or (t == I and start is None):
            if start is not None:
                out.append((start, i - 1))
            start = i
        elif t == O and start is not None:
            out.append((start, i - 1))
            start = None
    if start is not None:
        out.append((start, len(tags) - 1))
    return out


def gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Tokens between two inclusive ranges (0 when they touch or overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]) - 1)


def nearest(target: tuple[int, int], options: list[tuple[int, int]], limit: int,
            ) -> tuple[int, int] | None:
    """The option nearest ``target`` outside it, within ``limit`` tokens (earlier first on
    ties)."""
    best = None
    for o in options:
        if target[0] <= o[0] and o[1] <= target[1]:
            continue
        d = gap(target, o)
        if d <= limit and (best is None or d < best[0]):
            best = (d, o)
    return best[1] if best else None


def char_span(offsets: np.ndarray, run: tuple[int, int]) -> tuple[int, int]:
    return int(offsets[run[0], 0]), int(offsets[run[1], 1])


def decode(text: str, offsets: np.ndarray, probs: np.ndarray) -> list[Attribution]:
    """The attributions in ``probs`` [tokens, 3 layers, 3 tags], in text order."""
    if not len(probs):
        return []
    tags = probs.argmax(axis=-1)
    contents = runs(tags[:, CONTENT])
    cues, sources = runs(tags[:, CUE]), runs(tags[:, SOURCE])
    groups: list[list[tuple[int, int]]] = []
    for run in contents:
        if (groups and tags[run[0], CONTENT] == I
                and gap(groups[-1][-1], run) <= MAX_JOIN_GAP):
            groups[-1].append(run)
        else:
            groups.append([run])
    out = []
    for group in groups:
        whole = (group[0][0], group[-1][1])
        inner = [c for c in cues if whole[0] < c[0] and c[1] < whole[1]
                 and not any(r[0] <= c[0] <= r[1] for r in group)]
        cue = inner[0] if inner else nearest(whole, cues, MAX_CUE_GAP)
        source = nearest(cue, sources, MAX_SOURCE_GAP) if cue else None
        picked = np.concatenate([probs[r[0]:r[1] + 1, CONTENT, 1:].sum(axis=-1)
                                 for r in group])
        out.append(Attribution(
            content=tuple(char_span(offsets, r) for r in group),
            cue=char_span(offsets, cue) if cue else None,
            source=char_span(offsets, source) if source else None,
            confidence=round(float(picked.mean()), 3),
            tokens=whole,
        ))
    return out
