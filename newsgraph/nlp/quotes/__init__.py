"""Quotations and reported speech, with their cues and speakers.

``find_quotes(doc, resolver)`` works in three passes over one parsed article:

1. **cues**: every reporting, writing, belief or evidence verb (``lexicon``) and every
   "according to X" becomes a candidate attribution: the cue, the noun phrase that names
   its source (subject, passive agent, the subject it shares with the verb it hangs off)
   and, where the parse gives one, its content (complement clause, infinitive or object).
2. **quotations**: every quoted stretch from ``quotemarks.find_quoted`` is tied to one
   candidate, by a cascade of fallbacks: the candidate whose content it covers; a speech
   tag between two quoted pieces (the pieces join into one quotation); a tag just after
   or just before it in its paragraph; a colon that introduces it; the speaker of the
   paragraph before, when it opens its own paragraph; the communication verb that governs
   a short quoted phrase, or any verb whose complement is quoted speech and whose subject
   names someone; a short tag with a verb outside the vocabulary. A phrase quoted inside a
   reported clause takes the clause (partial). Quoted titles, nicknames and scare quotes
   are dropped; a long quotation that nothing attributes is kept with no speaker.
3. **reported speech**: candidates no quotation claimed and that have content, together
   with verbs outside the lexicon that take a clause, an infinitive or an object ("open"
   candidates), are weighed by the learned ``attribution`` model; those it keeps become
   indirect quotes, with the model's probability as their confidence. Open candidates never
   claim a quotation. With the lexicon-only model (no weights) exactly the lexicon's
   candidates outside the quotations are kept.

The speaker's words are resolved to a ``Speaker`` by the ``SpeakerResolver``. Every pass
is linear in the tokens: no re-parsing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from spacy.tokens import Doc, Span

from newsgraph.model import Quote, Speaker, TextSpan
from newsgraph.nlp import lexicon as lx
from newsgraph.nlp.attribution import UNCLAIMING, AttributionModel, features, packaged_model
from newsgraph.nlp.base import SpeakerResolver, doc_text
from newsgraph.nlp.quotes.candidates import (
    according_candidates,
    adjective_candidates,
    noun_candidates,
    open_verb_candidates,
    target_candidates,
    verb_candidates,
)
from newsgraph.nlp.quotes.common import (
    CONFIDENCE,
    Candidate,
    Covering,
    Found,
    content_range,
    cue_text,
    overlap,
)
from newsgraph.nlp.quotes.evidence import route_label, speaker_confidence, verbatim_spans
from newsgraph.nlp.quotes.finds import quotation_finds
from newsgraph.nlp.quotes.headlines import headline_find, title_case_headline_find
from newsgraph.nlp.quotes.mode import cue_mode
from newsgraph.nlp.quotes.polarity import cue_polarity
from newsgraph.nlp.quotes.regions import quoted_spans
from newsgraph.nlp.quotes.speakers import noun_phrase

__all__ = [
    "Candidate", "Stages", "find_quotes", "indirect_find", "quote_stages",
    "reported_candidates", "speaker_of",
]


def reported_candidates(
    candidates: Iterable[Candidate], finds: Sequence[Found],
) -> list[Candidate]:
    """Candidates left for reported speech: unclaimed and with content. Each is marked with
    where it stands against the quotations found (``Candidate.context``): content mostly
    inside one ('inside:partial'), cue inside one ('cue-inside:direct'), content inside
    another candidate's ('nested')."""
    left = [c for c in candidates if not c.claimed and c.content]
    taken = [(f.pieces[0][0], f.pieces[-1][1], f.kind) for f in finds]
    ranges = [content_range(c) for c in left]
    covers = Covering(ranges)
    known = [n for n, c in enumerate(left) if c.how not in UNCLAIMING]
    known_lo = np.array([ranges[n][0] for n in known], dtype=np.int64)
    known_hi = np.array([ranges[n][1] for n in known], dtype=np.int64)
    known_at = np.array(known, dtype=np.int64)
    for n, (cand, rng) in enumerate(zip(left, ranges, strict=True)):
        cue_at = cand.cue_span[0]
        context = []
        for lo, hi, kind in taken:
            if overlap(rng, (lo, hi)) >= 0.5 * (rng[1] - rng[0]):
                context.append(f"inside:{kind}")
            if lo <= cue_at < hi:
                context.append(f"cue-inside:{kind}")
        if covers.other_than(rng, cue_at):
            context.append("nested")
        size = rng[1] - rng[0]
        shared = np.minimum(known_hi, rng[1]) - np.maximum(known_lo, rng[0])
        same = (2 * shared >= np.maximum(size, known_hi - known_lo)) & (known_at != n)
        if same.any():
            context.append("same-content")
        cand.context = tuple(sorted(set(context)))
    return left


def indirect_find(cand: Candidate, text: str, confidence: float | None = None) -> Found:
    """A reported quotation from a kept candidate; ``confidence`` (the model's probability)
    or else the rule's fixed one."""
    return Found("indirect", tuple(cand.content), cue_text(text, cand), cand.speaker,
                 CONFIDENCE[cand.how] if confidence is None else confidence, cand.how)


def speaker_of(span: Span, resolver: SpeakerResolver) -> Speaker:
    """The resolver's speaker for ``span``; a relative pronoun ('X, who said') that it
    leaves unnamed takes its antecedent's name and keeps the pronoun as the mention."""
    speaker = resolver.speaker_for(span)
    root = span.root
    if (speaker.name is None and len(span) == 1 and root.lower_ in lx.RELATIVE_PRONOUNS
            and root.head.dep_ == "relcl" and root.head.head.i != root.head.i):
        named = resolver.speaker_for(noun_phrase(root.head.head))
        return replace(named, mention=TextSpan(span.text, span.start_char, span.end_char),
                       resolved="relative pronoun")
    return speaker


@dataclass
class Stages:
    """What ``find_quotes`` works from before the attribution model has its say."""

    finds: list[Found]  # quotations tied to their speakers (and a headline's)
    reported: list[Candidate]  # candidates left for reported speech, in text order


def quote_stages(doc: Doc) -> Stages:
    """Cues, then quotations, then the candidates left over for reported speech."""
    candidates = sorted(
        verb_candidates(doc) + according_candidates(doc) + noun_candidates(doc)
        + adjective_candidates(doc),
        key=lambda c: c.cue_span[0],
    )
    finds = quotation_finds(doc, candidates)
    headline = headline_find(doc) or title_case_headline_find(doc)
    if headline is not None:
        head_end = headline.pieces[-1][1]
        finds = [headline] + [f for f in finds if f.pieces[0][0] >= head_end]
    opened = open_verb_candidates(doc, {c.cue.i for c in candidates if c.content})
    taken = {c.cue.i for c in candidates + opened}
    pending = sorted(candidates + opened + target_candidates(doc, taken),
                     key=lambda c: c.cue_span[0])
    return Stages(finds, reported_candidates(pending, finds))


def weighed(
    candidates: Sequence[Candidate], model: AttributionModel,
) -> list[tuple[Candidate, float]]:
    """The candidates for reported speech that ``model`` keeps, in text order, each with
    its confidence: the model's probability when it has learned weights, else the rule's
    fixed confidence (``CONFIDENCE``). With learned weights, two kept candidates whose
    contents are mostly the same words ('repeated her claim that X': 'repeated' and 'claim')
    make one report: the likelier one stays."""
    if not model.learned:
        return [(c, CONFIDENCE[c.how]) for c in candidates
                if model.keeps(c.cue, c.speaker, c.content, c.how, c.context)]
    scored = [(model.probability(features(c.cue, c.speaker, c.content, c.how, c.context)), n, c)
              for n, c in enumerate(candidates)]
    kept: list[tuple[int, Candidate, float]] = []
    for p, n, cand in sorted(scored, key=lambda s: (-s[0], s[1])):
        if p >= model.threshold and not any(same_words(cand, k) for _, k, _ in kept):
            kept.append((n, cand, p))
    return [(cand, round(p, 3)) for _, cand, p in sorted(kept, key=lambda k: k[0])]


def same_words(a: Candidate, b: Candidate) -> bool:
    """Whether two candidates' contents overlap by at least half of each."""
    if not a.content or not b.content:
        return False
    ra, rb = content_range(a), content_range(b)
    shared = overlap(ra, rb)
    return 2 * shared >= ra[1] - ra[0] and 2 * shared >= rb[1] - rb[0]


def find_quotes(
    doc: Doc, resolver: SpeakerResolver, model: AttributionModel | None = None,
) -> list[Quote]:
    """Direct, partial and reported quotations of ``doc``, in text order. ``model`` decides
    which candidates for reported speech are reports (the packaged model by default)."""
    text = doc_text(doc)
    model = model or packaged_model()
    stages = quote_stages(doc)
    finds = stages.finds + [indirect_find(c, text, p) for c, p in weighed(stages.reported, model)]
    finds.sort(key=lambda f: (f.pieces[0][0], f.pieces[-1][1]))
    quoted = quoted_spans(doc)
    quotes = []
    for n, f in enumerate(finds):
        speaker = speaker_of(f.speaker_span, resolver) if f.speaker_span else None
        quotes.append(Quote(
            id=f"q{n}", kind=f.kind,
            text=" ".join(text[s:e] for s, e in f.pieces),
            start=f.pieces[0][0], end=f.pieces[-1][1], spans=f.pieces,
            cue=f.cue, speaker=speaker, confidence=f.confidence,
            polarity=cue_polarity(doc, f.cue), mode=cue_mode(doc, f.cue, f.kind, f.how),
            verbatim=verbatim_spans(f.pieces, quoted),
            speaker_via=route_label(f.how) if speaker else None,
            speaker_confidence=speaker_confidence(f.how, speaker),
        ))
    return quotes
