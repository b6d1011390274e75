"""Mode of a report: whether the quotation is something said, or a belief, an intention, a
stance or none of these.

"X said that ..." is speech; "X fears that ..." a belief; "X plans to ..." an intention;
"X backed the plan" a stance; "X seemed to be pleased", "X attempted to contact Y" and
"the year has proved to be ..." report no words at all (``other``). ``mode_of(cue, kind,
how)`` is a cascade over the cue word, the verb it hangs off and the way the quotation was
tied to its speaker; the vocabularies are in ``lexicon``. PolNeAR counts every mode, so the
mode only sorts quotations, it never drops one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.model import QuoteKind, QuoteMode, TextSpan
from newsgraph.nlp import lexicon as lx
from newsgraph.nlp.quotes.common import cue_lemma

# Links from a cue up to a verb whose meaning governs it ('attempted to contact', 'plans to
# announce', 'wants to say that').
GOVERNED_BY_DEPS = frozenset({"xcomp", "ccomp"})
# Ways of tying a quotation that say nothing of its cue word: the speaker was carried on from
# an earlier quotation, a credit line or a headline colon names them.
CARRIED = frozenset({"continuation", "carried", "sentence", "credit", "unattributed",
                     "headline"})


def governing_mode(cue: Token) -> QuoteMode | None:
    """The mode set by the verb a cue's infinitive or clause hangs off: 'attempted to
    contact', 'tried to explain' (other: tried, not done); 'plans to announce', 'wants to
    say' (intention).
    None when the cue hangs off nothing of the kind ('declined to say' stays a report whose
    polarity says it was withheld)."""
    head = cue.head
    if cue.dep_ not in GOVERNED_BY_DEPS or head.i == cue.i or head.pos_ not in {"VERB", "AUX"}:
        return None
    lemma = cue_lemma(head)
    if lemma in lx.REFUSAL_VERBS:
        return None
    if lemma in lx.ATTEMPT_VERBS:
        return "other"
    if lemma in lx.INTENTION_WORDS and cue.dep_ == "xcomp":
        return "intention"
    return None


def has_infinitive(word: Token) -> bool:
    """Whether a word takes an infinitive ('hopes to win', 'agreed to step down')."""
    return any(c.dep_ == "xcomp" for c in word.children)


def has_clause(word: Token) -> bool:
    """Whether a word takes a finite clause ('agreed that ...')."""
    return any(c.dep_ == "ccomp" for c in word.children)


def names_a_text(verb: Token) -> bool:
    """Whether a verb's only content is an object naming a text ('wrote a series of
    tweets', 'published a letter'), not what the text says."""
    if any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children):
        return False
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if cue_lemma(obj) in lx.TEXT_NOUNS:
            of = [g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                  for g in p.children if g.dep_ == "pobj"]
            return not of or all(cue_lemma(g) in lx.TEXT_NOUNS for g in of)
    return False


def passive(verb: Token) -> bool:
    """Whether a verb is in the passive ('is expected to', 'was asked')."""
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def asked_of_someone(verb: Token) -> bool:
    """Whether a verb of asking is passive ('was asked about the plan'): its subject is the
    one asked, and what follows is the question put, not their words."""
    return cue_lemma(verb) in lx.QUESTION_VERBS and passive(verb)


def word_mode(cue: Token, kind: QuoteKind) -> QuoteMode:
    """The mode a cue word gives by itself, first match wins: a verb of seeming, trying or
    proving reports nothing (other), nor does one whose only object names a text ('wrote a
    series of tweets') or a passive question ('was asked about X'); a quotation set off as
    speech is speech (a belief verb aside: '"...," he believes'); talking about a topic is
    other; meaning to act is an intention ('agreed that' is speech); holding true is a
    belief ('hopes to' is an intention, 'is expected to' a belief); taking a side is a
    stance; saying and writing are speech; any other word (outside the vocabularies) is
    other."""
    lemma = cue_lemma(cue)
    if lemma in lx.NON_REPORT_VERBS:
        return "other"
    if kind != "direct" and cue.pos_ == "VERB" and (names_a_text(cue) or asked_of_someone(cue)):
        return "other"
    if kind == "direct":
        return "belief" if lemma in lx.BELIEF_WORDS else "speech"
    if lemma in lx.TOPIC_WORDS:
        return "other"
    if lemma in lx.INTENTION_WORDS:
        return "speech" if has_clause(cue) and not has_infinitive(cue) else "intention"
    if lemma in lx.BELIEF_WORDS:  # 'is expected to ...': others' belief, not an intention
        meant = lemma in lx.INTENTION_BELIEFS and has_infinitive(cue) and not passive(cue)
        return "intention" if meant else "belief"
    if lemma in lx.STANCE_WORDS:
        return "stance"
    if lemma in lx.SPEECH_VERBS or lemma in lx.REPORTING_NOUNS or lemma in lx.SPEECH_ALSO:
        return "speech"
    return "other"


def target_mode(word: Token) -> QuoteMode:
    """A word with a prepositional target ('voted for the bill', 'critical of the plan')
    takes a stance, unless it talks about a topic, reports speech or reports nothing
    ('spoke about X', 'speculated on who', 'was quizzed over X': other)."""
    lemma = cue_lemma(word)
    if lemma in lx.STANCE_WORDS:
        return "stance"
    if (lemma in lx.NON_REPORT_VERBS or lemma in lx.TOPIC_WORDS or lemma in lx.SPEECH_VERBS
            or lemma in lx.BELIEF_WORDS):
        return "other"
    return "stance"


def mode_of(cue: Token | None, kind: QuoteKind, how: str = "") -> QuoteMode:
    """The mode of a quotation from its cue word (None: no cue), its kind and ``how`` it
    was tied to its speaker (``Found.how``): a stance toward a target ('voted for X') is a
    stance; words carried on from an earlier quotation or with no cue word (a colon, a
    dash) are speech when set off as a quotation, other otherwise; 'according to' is
    speech; else the verb the cue hangs off (``governing_mode``), then the cue word itself
    (``word_mode``)."""
    if how == "target" and cue is not None:
        return target_mode(cue)
    if cue is None or not cue.is_alpha or how in CARRIED:
        return "speech" if kind == "direct" or how in CARRIED else "other"
    if cue.lower_ == lx.ACCORDING_TO[0]:
        return "speech"
    return governing_mode(cue) or word_mode(cue, kind)


def cue_mode(doc: Doc, cue: TextSpan | None, kind: QuoteKind, how: str = "") -> QuoteMode:
    """``mode_of`` the word of a quotation's cue (its first word for 'according to')."""
    if cue is None:
        return mode_of(None, kind, how)
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is None or not len(span):
        return mode_of(None, kind, how)
    return mode_of(span[0] if span[0].lower_ == lx.ACCORDING_TO[0] else span.root, kind, how)
