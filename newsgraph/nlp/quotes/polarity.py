"""Polarity of a report: whether its speaker asserts the content at all.

"X denied that ...", "X has not confirmed that ...", "X declined to say whether ..." report
words the speaker did not assert; ``polarity_of(cue)`` names the case so that the quotation
is kept (PolNeAR annotates these too) but never shown as a plain claim. A cascade over the
cue word and the verb it hangs off, no parse of its own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.model import Polarity, TextSpan
from newsgraph.nlp import lexicon as lx
from newsgraph.nlp.quotes.common import cue_lemma


def negated(verb: Token) -> bool:
    """Whether a verb has a negation of its own ('did not confirm', 'has never said')."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in lx.NEGATIONS)
               for c in verb.children)


def polarity_of(cue: Token) -> Polarity | None:
    """How the speaker of a cue stands to its content: "denied" ('denied that', 'refuted
    claims that'), "refused" ('declined to say whether', 'refused to confirm'),
    "not_confirmed" (a negated cue: 'has not confirmed that', 'did not say whether'), or
    None for a plain report ('said that', 'confirmed that', 'did not hesitate to say')."""
    if cue_lemma(cue) in lx.DENIAL_VERBS:
        return None if negated(cue) else "denied"  # 'did not deny that': no denial
    head = cue.head
    if (cue.dep_ == "xcomp" and head.i != cue.i and head.lemma_.lower() in lx.REFUSAL_VERBS
            and not negated(head)):
        return "refused"
    if cue_lemma(cue) in lx.REFUSAL_VERBS and any(c.dep_ == "xcomp" for c in cue.children):
        return "refused"  # the refusing verb itself as the cue: 'refused to comment on'
    if negated(cue):
        return "not_confirmed"
    return None


def cue_polarity(doc: Doc, cue: TextSpan | None) -> Polarity | None:
    """``polarity_of`` the word of a quotation's cue (its first word for 'according to')."""
    if cue is None:
        return None
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return polarity_of(span.root)
