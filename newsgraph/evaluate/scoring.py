"""Span arithmetic and matching shared by the scorers.

A span set is a tuple of ``[start, end)`` pieces (possibly discontinuous,
possibly overlapping); its characters are the union of its pieces. Every
function here is symmetric where its name says so and is tested on its own,
so a scorer never depends on argument order by accident.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

Span = tuple[int, int]
Spans = tuple[Span, ...]


def merged(spans: Sequence[Span]) -> Spans:
    """The pieces sorted, with overlapping or touching pieces joined; empty pieces dropped."""
    out: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return tuple((s, e) for s, e in out)


def size(spans: Sequence[Span]) -> int:
    """How many characters the pieces cover (each counted once)."""
    return sum(e - s for s, e in merged(spans))


def overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    """How many characters two span sets share (symmetric)."""
    x, y = merged(a), merged(b)
    i = j = shared = 0
    while i < len(x) and j < len(y):
        lo, hi = max(x[i][0], y[j][0]), min(x[i][1], y[j][1])
        shared += max(0, hi - lo)
        if x[i][1] <= y[j][1]:
            i += 1
        else:
            j += 1
    return shared


def half_overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    """The shared characters when they are at least half of each set, else 0 (symmetric)."""
    shared = overlap(a, b)
    if shared and 2 * shared >= size(a) and 2 * shared >= size(b):
        return shared
    return 0


def trimmed(text: str, spans: Sequence[Span], ignore: Callable[[str], bool]) -> Spans:
    """Each piece without leading and trailing characters that ``ignore`` accepts, merged."""
    out: list[Span] = []
    for start, end in spans:
        while start < end and ignore(text[start]):
            start += 1
        while end > start and ignore(text[end - 1]):
            end -= 1
        out.append((start, end))
    return merged(out)


def is_space_or_punctuation(ch: str) -> bool:
    """Whitespace or a Unicode punctuation character (quote marks, dashes, ellipsis, ...)."""
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def max_matching(weights: dict[tuple[int, int], int]) -> dict[int, int]:
    """A maximum one-to-one matching of left to right items over the weighted edges.

    ``weights[(left, right)]`` > 0 marks an allowed pair. The matching has the
    most pairs possible (augmenting paths); among the edges of each left item,
    heavier ones are tried first, so ties go to the larger overlap. Returns
    ``{left: right}``.
    """
    edges: dict[int, list[int]] = {}
    for (left, right), weight in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])):
        if weight > 0:
            edges.setdefault(left, []).append(right)
    owner: dict[int, int] = {}  # right -> left

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges.get(left, []):
            if right in seen:
                continue
            seen.add(right)
            if right not in owner or augment(owner[right], seen):
                owner[right] = left
                return True
        return False

    order = sorted(edges, key=lambda left: -max(weights[(left, r)] for r in edges[left]))
    for left in order:
        augment(left, set())
    return {left: right for right, left in owner.items()}


def ratio(part: int, whole: int) -> float:
    """part / whole, 0.0 when there is nothing to divide."""
    return part / whole if whole else 0.0


def prf(correct: int, predicted: int, gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 with the counts they come from."""
    precision, recall = ratio(correct, predicted), ratio(correct, gold)
    f1 = ratio(2 * precision * recall, precision + recall) if precision + recall else 0.0
    return {"correct": correct, "predicted": predicted, "gold": gold,
            "precision": precision, "recall": recall, "f1": f1}


__all__ = [
    "Span",
    "Spans",
    "half_overlap",
    "is_space_or_punctuation",
    "max_matching",
    "merged",
    "overlap",
    "prf",
    "ratio",
    "size",
    "trimmed",
]
