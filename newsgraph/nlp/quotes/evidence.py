"""Evidence a person can check for a quotation: how it was tied to its speaker's words,
how sure that speaker is, and which of its words the article itself put in quotation marks.

Two steps find a speaker: the quotation is tied to some words (a tag beside it, the subject
of the verb that reports it, the speaker of the paragraph before...: ``Found.how``), then
those words are resolved to someone (written as the name, a pronoun, a role noun...:
``Speaker.resolved``). Each step has a fixed confidence, and the speaker's confidence is
their product, kept apart from the confidence in the content. ``verbatim_spans`` gives the
parts of a quotation inside the article's own marks, so a paraphrase is never shown as
someone's words.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from newsgraph.model import Speaker

# What each way of tying a quotation (``Found.how``) is called where it is shown.
ROUTES: dict[str, str] = {
    "tag": "tag",
    "content": "reporting verb",
    "indirect": "reporting verb",
    "according": "according to",
    "colon": "colon",
    "credit": "credit line",
    "headline": "headline",
    "governing": "governing verb",
    "sentence": "previous speaker in the paragraph",
    "continuation": "previous paragraph",
    "carried": "previous paragraph, no tag",
    "clause": "subject of the clause around it",
    "noun": "reporting noun",
    "open": "verb subject",
    "target": "verb subject",
}

# How sure each way of tying a quotation is to reach the right words: a tag or the subject
# of the reporting verb beside the quotation most, a speaker carried over from the paragraph
# before least.
ROUTE_CONFIDENCE: dict[str, float] = {
    "tag": 0.95, "content": 0.92, "indirect": 0.9, "according": 0.92, "colon": 0.85,
    "credit": 0.9, "headline": 0.8, "governing": 0.75, "sentence": 0.8,
    "continuation": 0.75, "carried": 0.6, "noun": 0.75, "open": 0.7, "target": 0.7,
    "clause": 0.6,
}

# How sure each way of resolving those words (``Speaker.resolved``) is to give the right
# person: a name as written most, a pronoun or a role noun that stands for someone named
# elsewhere less, a pronoun left unresolved least. Set from the share right of each way on
# the wire dev gold (``newsgraph evaluate speakers``, "via" lines), rounded down where few.
RESOLVED_CONFIDENCE: dict[str, float] = {
    "name": 1.0, "earlier full name": 0.97, "apposition": 0.95, "alias": 0.85,
    "relative pronoun": 0.9, "name in phrase": 0.6, "pronoun": 0.85,
    "pronoun, last unnamed speaker": 0.8, "role noun": 0.8, "spokesperson": 0.9,
    "nationality": 0.9, "description": 0.9, "unresolved pronoun": 0.3,
}
# Words resolved by a resolver that does not say how ('LiteralResolver').
UNSAID_CONFIDENCE = 0.8


def route_label(how: str) -> str | None:
    """The shown name of a way of tying a quotation; None for none ('unattributed')."""
    return ROUTES.get(how)


def speaker_confidence(how: str, speaker: Speaker | None) -> float | None:
    """How sure the speaker of a quotation tied by ``how`` is: the route's confidence times
    the resolution's. None when there is no speaker."""
    if speaker is None or how not in ROUTE_CONFIDENCE:
        return None
    resolved = RESOLVED_CONFIDENCE.get(speaker.resolved or "", UNSAID_CONFIDENCE)
    return round(ROUTE_CONFIDENCE[how] * resolved, 3)


def verbatim_spans(
    pieces: Sequence[tuple[int, int]], quoted: Sequence[tuple[int, int]],
) -> tuple[tuple[int, int], ...]:
    """The parts of a quotation's ``pieces`` that lie inside the article's quoted pieces
    (``quoted``: sorted, not overlapping), in text order: all of a direct quotation, the
    marked phrases of a partial one, nothing of a plain paraphrase."""
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        k = max(0, bisect_left(quoted, (start, start)) - 1)
        while k < len(quoted) and quoted[k][0] < end:
            lo, hi = max(start, quoted[k][0]), min(end, quoted[k][1])
            if hi > lo:
                out.append((lo, hi))
            k += 1
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(out):  # a phrase quoted inside a quotation is one stretch with it
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return tuple(merged)
