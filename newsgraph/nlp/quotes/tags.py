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
   indirect quotes. Open candidates never claim a quotation. With the lexicon-only model
   (no weights) exactly the lexicon's candidates outside the quotations are kept.

The speaker's words are resolved to a ``Speaker`` by the ``SpeakerResolver``. Every pass
is linear in the tokens: no re-parsing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from newsgraph.model import Quote, QuoteKind, Speaker, TextSpan
from newsgraph.nlp import lexicon as lx
from newsgraph.nlp.attribution import AttributionModel, packaged_model
from newsgraph.nlp.base import SpeakerResolver, doc_text
from newsgraph.nlp.names import GROUP_NOUNS, PERSON_NOUNS
from newsgraph.nlp.quotemarks import find_quoted

TRAILING_PUNCT = " \t\n\xa0,;:.-—–"
QUOTE_CHARS = lx.QUOTE_CHARS
SENTENCE_END = ".!?"
# The end of a sentence inside a paragraph: its stop, closing marks, then space.
SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+")

# Links from a word up to a speech verb that make the word part of what is said, not of
# the tag: 'said the plan was', 'called it "a disaster"'.
CONTENT_LINKS = frozenset({"ccomp", "xcomp", "oprd", "attr", "acomp", "advcl", "conj"})
# Speech verbs whose object is the listener: 'told reporters "..."'.
LISTENER_VERBS = frozenset({"tell", "ask", "inform", "assure", "remind", "warn", "advise",
                            "email", "text", "message", "notify"})
# Prepositions of a speech tag's time, place or audience: 'said on Monday', 'wrote in a post'.
TAG_PREPOSITIONS = frozenset({"in", "on", "at", "during", "after", "before", "to", "from",
                              "with", "via", "through", "outside", "inside", "over", "while"})
# Children of a cue that hold what it reports, when the quotation sits among them.
GOVERNED_DEPS = frozenset({"dobj", "prep", "ccomp", "xcomp", "oprd", "dative", "attr",
                           "acomp", "npadvmod", "obj", "pcomp"})

# A tag with a verb outside the lexicon ('"...," he quipped.'): the quotation ends in one
# of these, and the verb takes nothing but a particle or an adverb.
BARE_TAG_ENDINGS = frozenset({",", "!", "?"})
# Marks right after a quotation that end its clause there: a stop, a dash or bracket aside.
CLAUSE_GOES_ON_STOPS = frozenset({".", "!", "?", "-", "--", "—", "–", "(", ";", ":"})
# A quotation with a tag of its own after it ends in one of these: '"B," she added.'
OWN_TAG_ENDINGS = frozenset({",", "!", "?"})
# A quotation ending in a full stop or ellipsis has a tag of its own only when that tag
# closes its sentence ('"... B." she said.'), not when it introduces the next quotation.
FULL_STOP_ENDINGS = frozenset({".", "\u2026"})
BARE_TAG_DEPS = frozenset({"prt", "advmod"})
# What an open candidate's content hangs on (see ``content_of`` with ``open_vocab``).
OPEN_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj"})
# Children of a loose tag's verb besides its subject ('"...!" some protesters chanted, three
# days after the vote'): particles, adverbials of time, place or manner, an aside clause.
LOOSE_TAG_DEPS = frozenset({"prt", "advmod", "prep", "npadvmod", "advcl", "punct", "agent"})
# How far a loose tag may run, in characters, to the end of its sentence.
MAX_LOOSE_TAG_CHARS = 200
# A tag before the quotation with a verb outside the lexicon ('He continued, "..."', 'Smith
# joked, again in an accent, "..."'): the lead ends in one of these, and the verb's own words
# there are only its subject, adverbials and particles.
BARE_LEAD_ENDINGS = frozenset({",", ":", "—", "–"})
BARE_LEAD_DEPS = frozenset({"nsubj", "prt", "advmod", "prep", "advcl", "npadvmod", "aux",
                            "neg", "mark", "punct", "cc"})
# Tags of the first word of an adverbial before a tag: a participle ('Asked about it,'), a
# preposition or subordinator ('In a statement,', 'After the vote,'), 'when'.
FRONTED_ADVERBIAL_TAGS = frozenset({"VBN", "VBG", "IN", "WRB"})
# Links of an earlier report in the quotation's sentence that stands as a clause of its own
# ('"X," she said, but "Y," said Z'), not one inside a time or relative clause.
EARLIER_REPORT_DEPS = frozenset({"ROOT", "parataxis", "ccomp", "conj"})
# Adverbials that a comma sets off before the reported clause ('despite the loss, ').
SET_OFF_DEPS = frozenset({"prep", "advcl", "npadvmod", "advmod", "intj"})
# Links of a verb that describes a noun ('a memo that warns', 'fighters warning').
NOUN_CLAUSE_DEPS = frozenset({"relcl", "acl"})
# Pronouns that never name a speaker of a tag: 'It continued, "..."'.
NON_SPEAKER_PRONOUNS = frozenset({"it", "this", "that", "there", "what", "which", "who"})
# Words of a name or noun phrase right after a tag's verb ('said the retired judge').
TAG_NAME_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "NUM"})
# Entity labels that let a word the tagger missed stand as a name ('Smith: "..."').
NAME_ENTITIES = frozenset({"PERSON", "ORG"})

# Headline attribution ('Smith: Deal Is Dead'): the most tokens of the name before the
# colon, and the fewest words after it.
MAX_HEADLINE_NAME_TOKENS = 6
MIN_HEADLINE_WORDS = 3

# The most words of a speaker's name that a parse may split off its tag as a sentence.
MAX_NAME_REST_WORDS = 4

# How far a speech tag may run, in tokens, to its verb: a long apposition fits
# ('"...," Jane Roe, a former adviser to the governor, said on Sunday').
MAX_TAG_REACH = 24

# Where a doc keeps its quoted pieces once found.
QUOTED_KEY = "newsgraph.quoted_pieces"

# Confidence of each way a quotation gets its speaker.
CONFIDENCE: dict[str, float] = {
    "content": 0.9,
    "tag": 0.9,
    "colon": 0.8,
    "continuation": 0.7,
    "governing": 0.6,
    "indirect": 0.7,
    "according": 0.8,
    "noun": 0.6,
    "open": 0.5,
    "unattributed": 0.3,
}


@dataclass
class Candidate:
    """One cue with its source words and content range (before any quotation is tied)."""

    cue: Token
    cue_span: tuple[int, int]
    speaker: Span | None
    content: list[tuple[int, int]] = field(default_factory=list)
    how: str = "indirect"
    claimed: bool = False
    context: tuple[str, ...] = ()  # where it stands against the quotations (see reported_candidates)


@dataclass(frozen=True)
class Region:
    """A quotation: one or more quoted pieces of text (character ranges, marks excluded)."""

    pieces: tuple[tuple[int, int], ...]
    open_mark: int  # offset of the opening mark of the first piece

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


# ---------------------------------------------------------------------------
# Small helpers over characters and tokens
# ---------------------------------------------------------------------------


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without surrounding spaces, quote marks and trailing punctuation."""
    while start < end and (text[start].isspace() or text[start] in QUOTE_CHARS + ",;:—–-"):
        start += 1
    while True:
        while end > start and (text[end - 1] in TRAILING_PUNCT or text[end - 1] in QUOTE_CHARS):
            end -= 1
        words = text[start:end].rsplit(None, 1)
        if len(words) == 2 and words[1].lower() in lx.TRAILING_WORDS:
            end = start + len(text[start:end].rstrip()) - len(words[1])
            continue
        return start, end


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pieces_overlap(pieces: Iterable[tuple[int, int]], rng: tuple[int, int]) -> int:
    return sum(overlap(p, rng) for p in pieces)


def cue_lemma(tok: Token) -> str:
    """The lemma of a possible cue word, with the parser's known slips mended."""
    return lx.LEMMA_FIXES.get(tok.lower_) or tok.lemma_.lower()


def is_cue_verb(tok: Token) -> bool:
    lemma = cue_lemma(tok)
    if tok.pos_ not in {"VERB", "AUX"} or tok.tag_ == "MD":
        return False
    return (lemma in lx.SPEECH_VERBS or lemma in lx.COGNITION_VERBS
            or lemma in lx.CONTENT_ONLY_VERBS)


def noun_phrase(tok: Token) -> Span:
    """The noun phrase headed by ``tok``, cut before relative clauses, commas and
    prepositional phrases of time or place ("Sean Spicer on Thursday")."""
    doc = tok.doc
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if not np_continues(child):
            break
        right = child.right_edge.i
    for child in tok.lefts:
        if child.dep_ in {"punct", "appos", "relcl"} or child.text in QUOTE_CHARS:
            left = max(left, child.right_edge.i + 1)
    while right > left and (doc[right].is_punct or doc[right].text in QUOTE_CHARS):
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].text in QUOTE_CHARS):
        left += 1
    return doc[left : right + 1]


def np_continues(child: Token) -> bool:
    """Whether a right-hand child of a noun still belongs to the speaker's noun phrase."""
    if child.dep_ == "appos":  # "spokesman Sean Spicer", not "Spicer, the spokesman"
        return child.i > 0 and child.doc[child.left_edge.i - 1].text != ","
    if child.dep_ == "prep":
        return child.lower_ in lx.NP_PREPOSITIONS
    return child.dep_ not in lx.NP_CUTOFF_DEPS


def subject_of(verb: Token, depth: int = 0) -> Span | None:
    """The words naming who does ``verb``: subject, passive agent, or shared subject. A
    subject inside quotation marks is the quotation misparsed as one ('"Good work," Smith
    said'), unless the verb is quoted too."""
    quoted_verb = in_quotation(verb)
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if depth > 0 and passive and (quoted_verb or not in_quotation(passive[0])):
        return noun_phrase(passive[0])  # 'X was booed by Y after telling ...': X tells
    for child in subject_order(verb):
        if child.dep_ in lx.SUBJECT_DEPS and child.dep_ != "expl":
            if not quoted_verb and in_quotation(child):
                continue
            if child.lower_ in lx.RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                if other_subject(verb, child) is not None:
                    continue  # 'the emails, which she said were all': 'she' says it
                governing, published = noun_governor(verb.head)
                if published and child.lower_ in lx.THING_RELATIVES and depth < 3:
                    return subject_of(governing, depth + 1)  # 'ran an ad that said'
                return verb.doc[child.i:child.i + 1]  # 'X, who said': the source is 'who'
            if child.dep_ == "csubj":
                return None
            return noun_phrase(child)
        if child.dep_ == lx.PASSIVE_AGENT_DEP:
            objs = [g for g in child.children if g.dep_ == "pobj"]
            return noun_phrase(objs[0]) if objs else None
    passive = [c for c in verb.children if c.dep_ in {"nsubjpass", "expl"}]
    if passive:
        if depth > 0 and passive[0].dep_ == "nsubjpass":
            return noun_phrase(passive[0])  # "X was forced to apologise": X apologised
        return None  # "it is believed that ...", "X is expected to ...": no source named
    if (verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and is_cue_verb(verb)
            and is_cue_verb(verb.head.head)):  # "said X was Y, and urged ..."
        return subject_of(verb.head.head, depth + 1)
    if verb.dep_ == "xcomp":  # object control: "led the chairman to declare ..."
        objs = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
        if objs:
            return noun_phrase(objs[0])
    if depth < 3 and (cue := reporting_participle(verb)) is not None:
        return subject_of(cue, depth + 1)  # "said the plan would fail, saying ..."
    if depth < 3 and verb.dep_ == "acl" and (owner := participle_owner(verb)) is not None:
        return subject_of(owner, depth + 1)
    if depth < 3 and not quoted_verb and verb.dep_ in lx.SHARED_SUBJECT_DEPS and in_quotation(
            verb.head) and (outer := first_unquoted_ancestor(verb)) is not None:
        return subject_of(outer, depth + 1)  # 'X smiled, telling the crowd, "..."' hung inside
    if depth < 3 and verb.dep_ in lx.SHARED_SUBJECT_DEPS and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "pcomp" and head.dep_ == "prep":  # "... by saying", "in arguing"
            head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            shared = subject_of(head, depth + 1)
            if shared is not None and not quoted_verb and in_quotation(shared.root):
                return None  # '"... I would," Smith, now retired, said': not the quote's 'I'
            return shared
        if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN", "PRON"}:
            if infinitive(verb) and head.pos_ == "NOUN" and (
                    governing := object_verb(head)) is not None:
                return subject_of(governing, depth + 1)  # 'used a word to describe'
            return noun_phrase(head)
    if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return noun_phrase(verb.head)
    if depth == 0 and verb.tag_ in {"VBD", "VBZ"} and is_cue_verb(verb):
        return fronted_speaker(verb)
    return None


def first_unquoted_ancestor(verb: Token) -> Token | None:
    """The nearest verb above ``verb`` outside quotation marks, in its paragraph, when the
    parse hung a participle of the narration below the quotation it introduces ('Roe
    seemed ready, telling the crowd, "Some people get carried away"'): the clause whose
    subject speaks. None when the chain leaves the paragraph or meets no verb."""
    for head in verb.ancestors:
        if not same_paragraph(head, verb):
            return None
        if not in_quotation(head):
            return head if head.pos_ in {"VERB", "AUX"} else None
    return None


def fronted_speaker(verb: Token) -> Span | None:
    """The speaker of a tag verb left without a subject when the parse hung the name off
    an adverbial before it ('Alarmed by the unrest, Senator Jane Roe, the minority leader,
    said ...'): the noun phrase set off by commas right after that adverbial, with only
    appositions between it and the verb."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    start = verb.sent.start
    while start < verb.i and doc[start].dep_ in lx.LEADING_CONNECTIVE_DEPS | {"dep"}:
        start += 1  # 'But in a call with reporters, ...'
    commas = [t.i for t in doc[start:verb.i] if t.text == ","]
    if len(commas) < 2 or not fronted_adverbial(doc[start:commas[0] + 1]):
        return None
    phrase = doc[commas[0] + 1:commas[1]]
    rest = doc[commas[1]:verb.i]
    if (not 0 < len(phrase) <= lx.MAX_TAG_TOKENS or phrase.root.pos_ not in {"PROPN", "NOUN"}
            or any(t.pos_ in {"VERB", "AUX"} for t in phrase)
            or any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in rest)):
        return None
    return phrase


def subject_order(verb: Token) -> list[Token]:
    """A verb's children with its subjects first, nearest first and any across a paragraph
    break last: a parse run over a headline may give a verb several ('Smith: ... \n\n
    Tuesday, OH, ..., Gov. Jane Smith said')."""
    subjects = sorted((c for c in verb.children if c.dep_ in lx.SUBJECT_DEPS),
                      key=lambda c: (not same_paragraph(c, verb), abs(c.i - verb.i)))
    if len(subjects) < 2:
        return list(verb.children)
    return subjects + [c for c in verb.children if c.dep_ not in lx.SUBJECT_DEPS]


def infinitive(verb: Token) -> bool:
    """Whether ``verb`` is a 'to' infinitive ('a chance to show', 'pressure to pledge')."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def object_verb(noun: Token) -> Token | None:
    """The verb whose object ``noun`` is, directly or through one preposition ('used a
    word', 'under pressure', 'was the first senator'); None for a subject or a noun that
    hangs off another noun ('the use of a word')."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ not in {"dobj", "attr"}:
        return None
    return head if head.pos_ in {"VERB", "AUX"} and head.i != noun.i else None


def other_subject(verb: Token, pronoun: Token) -> Token | None:
    """A second subject of ``verb`` after a relative pronoun the parse also made its
    subject ('which she said', 'who Smith called'): the one who speaks."""
    for child in verb.children:
        if (child.dep_ in lx.SUBJECT_DEPS and child.i != pronoun.i
                and child.lower_ not in lx.RELATIVE_PRONOUNS):
            return child
    return None


def same_paragraph(a: Token, b: Token) -> bool:
    """Whether no paragraph break lies between two tokens (the parse may link across one)."""
    lo, hi = sorted((a.idx, b.idx))
    return "\n" not in doc_text(a.doc)[lo:hi]


def reporting_participle(verb: Token) -> Token | None:
    """The cue that a participle goes on from when the parse hung it inside the clause the
    cue reports ('argued the plan would fail, saying ...', 'insisted it was too early to
    back the plan while adding ...'): set off by a comma or opened by 'while', 'before' or
    'after'; its speaker is the cue's. None when that clause is a report of its own ('said
    Jones warned X, adding'), or across a paragraph break."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or not is_cue_verb(verb):
        return None
    comma = set_off_before(verb.left_edge, {","})
    if not comma and not any(c.dep_ == "mark" and c.lower_ in lx.PARTICIPLE_MARKS
                             for c in verb.children):
        return None
    head = verb.head
    for _ in range(2):  # 'it was too early to back X while adding': up to the reported clause
        if head.dep_ == "ccomp" or head.dep_ not in {"xcomp", "advcl"} or is_cue_verb(head):
            break
        head = head.head
    cue = head.head
    if (head.dep_ == "ccomp" and cue.i < head.i and is_cue_verb(cue) and not is_cue_verb(head)
            and same_paragraph(cue, verb)):
        return cue
    return None


def participle_owner(verb: Token) -> Token | None:
    """The verb whose subject speaks through a participle that hangs off a noun: the
    publishing verb of that noun ('issued a statement saying', 'posted a message to
    supporters reading'), or, with the participle set off by a comma, the verb of the
    clause ('ended the debate with a joke, remarking'). None for a noun that is a subject
    ('A report released Monday, saying ...': the report speaks)."""
    if verb.tag_ != "VBG":
        return None
    comma = set_off_before(verb.left_edge, {","})
    governing, published = noun_governor(verb.head)
    return governing if comma or published or set_off_phrase(verb.head) else None


def set_off_phrase(noun: Token) -> bool:
    """Whether a noun is the object of a phrase of time or place that a comma sets off
    after its verb ('battled the council, at one point calling ...'), not of one that names
    whose words they are ('a letter from the mayor saying ...', 'In the release announcing
    X, Smith said')."""
    prep = noun.head
    return (noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ in {"VERB", "AUX"}
            and prep.head.i < prep.i and prep.lower_ in TAG_PREPOSITIONS
            and prep.left_edge.i > 0 and noun.doc[prep.left_edge.i - 1].text == ",")


def noun_governor(noun: Token) -> tuple[Token | None, bool]:
    """The verb a noun is the object of, up through prepositions, and whether that verb
    puts the noun out as a text ('posted a message to supporters'); (None, False) for a
    subject."""
    if noun.dep_ in lx.SUBJECT_DEPS | {"nsubjpass"}:
        return None, False
    tok, published = noun, False
    for _ in range(6):
        if tok.pos_ in {"VERB", "AUX"} or tok.dep_ not in lx.OBJECT_PATH_DEPS:
            break
        published = published or (tok.dep_ == "dobj" and tok.head.pos_ == "VERB"
                                   and cue_lemma(tok.head) in lx.PUBLISHING_VERBS)
        tok = tok.head
    if tok.pos_ not in {"VERB", "AUX"}:
        return None, False
    return tok, published


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


def subtree_range(tok: Token) -> tuple[int, int]:
    doc = tok.doc
    return tok.left_edge.idx, doc[tok.right_edge.i].idx + len(doc[tok.right_edge.i])


def clause_range(tok: Token) -> tuple[int, int]:
    """The subtree of a content clause, cut before a conjoined reporting verb
    ("X was Y, and urged ...": the second verb is a report of its own)."""
    start, end = subtree_range(tok)
    for child in tok.rights:
        if child.dep_ == "conj" and is_cue_verb(child) and not any(
            c.dep_ in lx.SUBJECT_DEPS for c in child.children
        ):
            end = min(end, child.left_edge.idx)
            break
    return start, end


def set_off_before(tok: Token, marks: Collection[str]) -> bool:
    """Whether ``tok`` follows one of ``marks`` (a comma, a dash), or a closing quotation
    mark right after one ('"... a mess," adding'): set off from the words before it."""
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    if before is None:
        return False
    if before.text in marks:
        return True
    return (before.text in QUOTE_CHARS and tok.i > 1 and doc[tok.i - 2].text in marks
            and not doc[tok.i - 2].whitespace_)


def aside_start(doc: Doc, start: int, end: int) -> int:
    """Where a content range gives way to a trailing aside of the narration (', noting that
    ...', '— asserting ...', ', while X says ...'): the offset of its comma, dash or
    conjunction, or ``end`` when it has none."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return end
    for tok in span[1:]:
        before = doc[tok.i - 1]
        if (tok.tag_ == "VBG" and set_off_before(tok, lx.ASIDE_PUNCT) and (
                tok.dep_ == "advcl" or tok.dep_ == "acl" and tok.right_edge.i >= span.end - 2)
                and tok.i - 1 > span.start):
            return before.idx  # '..., adding', '... "a mess," adding'

        if (before.text in lx.ASIDE_DASHES and tok.i - 1 > span.start
                and not any(t.text in lx.ASIDE_DASHES for t in doc[tok.i:span.end])
                and any(t.dep_ in lx.ASIDE_NP_DEPS and t.left_edge.i == tok.i
                        and t.right_edge.i >= span.end - 1 for t in (tok, tok.head))):
            return before.idx  # '... is in decline — a decline that ...': a gloss
        if (tok.lower_ in lx.ASIDE_MARKS and before.text in lx.ASIDE_PUNCT
                and tok.i - 1 > span.start):
            return before.idx  # ', while X says ...': 'while' with no comma is a time
        if before.text == "," and tok.i - 1 > span.start and trailing_gloss(tok, span):
            return before.idx  # ', which ...', ', a former aide': the narrator's gloss
    return end


def trailing_gloss(tok: Token, span: Span) -> bool:
    """Whether the phrase that ``tok`` opens after a comma is a non-restrictive relative
    clause or an apposition running to the end of ``span`` ('..., which expires in May',
    '..., a former aide'): the narrator describing something the content names."""
    top = tok
    while top.head.i != top.i and top.head.left_edge.i == tok.i and top.head.i < span.end:
        top = top.head
    if top.dep_ not in lx.GLOSS_DEPS:
        return False
    if top.dep_ == "appos" and any(c.dep_ == "conj" for c in top.children):
        return False  # 'on Israel, the deal and the court': a list, not a gloss
    last = top.right_edge.i
    while last + 1 < span.end and span.doc[last + 1].is_punct:
        last += 1
    return last >= span.end - 1


def trailing_modifiers_end(children: list[Token], after: int, end: int) -> int:
    """The end of a verb's content object once the verb's complements and modifiers after
    it are taken in: 'called X a Y', 'accused X of Z', 'recalled a night at the theatre',
    'defended it despite criticism'."""
    for child in children:
        if child.i > after and child.dep_ in lx.OBJECT_TAIL_DEPS and not is_setting(child):
            end = max(end, subtree_range(child)[1])
    return end


def reports_anew(verb: Token, after: int) -> bool:
    """Whether a speech verb after a quotation opens a report of its own rather than
    going on with the clause: a tag ('..., she said'), or a predicate with no subject of
    its own ('..., adding that', '... and insisted that'); not a verb of a clause that
    goes on ('... and that the council would reject it')."""
    subjects = [c for c in verb.children if c.dep_ in lx.SUBJECT_DEPS]
    if not subjects:
        return not any(c.dep_ == "mark" for c in verb.children)
    if any(c.idx < after for c in subjects):
        return False
    content = {"ccomp", "xcomp"} | ({"dobj"} if cue_lemma(verb) not in LISTENER_VERBS else set())
    return verb.dep_ in {"parataxis", "ROOT"} or not any(c.dep_ in content for c in verb.rights)


def reports_setting(tok: Token) -> bool:
    """Whether a word the cue verb governs after its content gives when or where the
    report was made ('called it "a mess" in a post', '... on Sunday')."""
    return is_setting(tok) or tok.ent_type_ in lx.SETTING_ENTITIES


def is_setting(prep: Token) -> bool:
    """A prepositional phrase of time or place ('during a visit', 'on Tuesday', 'in Ohio'):
    where and when the report was made, not part of what was reported."""
    if prep.dep_ != "prep":
        return False
    if prep.lower_ in lx.SETTING_PREPOSITIONS:
        return True
    return any(t.ent_type_ in lx.SETTING_ENTITIES for t in prep.subtree)


def content_of(verb: Token, open_vocab: bool = False) -> list[tuple[int, int]]:
    """Character ranges of what ``verb`` reports: its complement clause, infinitive or object.
    ``open_vocab`` reads an infinitive or an object as content whatever the verb (for verbs
    outside the lexicon, which the attribution model then weighs)."""
    text = doc_text(verb.doc)
    lemma = cue_lemma(verb)
    children = list(verb.children)
    by_dep: dict[str, Token] = {}
    for child in children:
        by_dep.setdefault(child.dep_, child)
    chosen: tuple[int, int] | None = None
    if "ccomp" in by_dep:
        chosen = clause_range(by_dep["ccomp"])
    elif "xcomp" in by_dep and "nsubjpass" in by_dep and by_dep["nsubjpass"].i < verb.i:
        # "X is expected to win", "which is said to be ...": the subject belongs to the content
        chosen = (subtree_range(by_dep["nsubjpass"])[0], subtree_range(by_dep["xcomp"])[1])
    elif ("xcomp" in by_dep and lemma in lx.SPEECH_VERBS
            and not any(c.dep_ == "aux" and c.lower_ == "to" for c in by_dep["xcomp"].children)):
        chosen = clause_range(by_dep["xcomp"])  # 'He said legalizing it could ...': a clause
    elif "xcomp" in by_dep and (open_vocab or lemma in lx.XCOMP_CONTENT_VERBS):
        xc = by_dep["xcomp"]
        start = subtree_range(xc)[0]
        if "dobj" in by_dep and by_dep["dobj"].i < xc.i:  # "wants voters to know ..."
            start = subtree_range(by_dep["dobj"])[0]
        chosen = (start, subtree_range(xc)[1])
    elif "dobj" in by_dep and (open_vocab or lemma in lx.OBJECT_CONTENT_VERBS):
        obj = by_dep["dobj"]
        start, end = subtree_range(obj)
        chosen = (start, trailing_modifiers_end(children, obj.i, end))
    elif lemma in lx.PREP_CONTENT:
        for child in children:  # "accused of", "called for", "referred to"
            if child.dep_ == "prep" and child.lower_ in lx.PREP_CONTENT[lemma]:
                s, e = subtree_range(child)
                chosen = (s + len(child.text), trailing_modifiers_end(children, child.i, e))
                break
    if (chosen is None and verb.dep_ in {"parataxis", "ccomp"}
            and verb.head.left_edge.i < verb.left_edge.i
            and lemma in lx.SPEECH_VERBS and not is_cue_verb(verb.head)
            and any(c.dep_ in lx.SUBJECT_DEPS for c in children)):
        # a tag after its content: "The plan will fail, she said." or inside it:
        # "The plan, she said, will fail."
        head_start, head_end = subtree_range(verb.head)
        tag_end = subtree_range(verb)[1]
        pieces = [trimmed(text, head_start, verb.left_edge.idx)]
        if head_end > tag_end:
            pieces.append(trimmed(text, tag_end, head_end))
        return [(s, e) for s, e in pieces if e > s]
    if chosen is None:
        return []
    chosen = (chosen[0], aside_start(verb.doc, *chosen))
    start, end = trimmed(text, *chosen)
    if start >= end:
        return []
    return [(start, end)]


def according_clause(according: Token) -> tuple[int, int]:
    """The stretch an "according to" phrase vouches for: its sentence, within its
    paragraph, without a leading connective set off by a comma ("Still, ...")."""
    doc, text = according.doc, doc_text(according.doc)
    sent = according.sent
    start, end = sent.start_char, sent.end_char
    for child in sent.root.lefts:
        after = child.right_edge.i + 1
        if (child.dep_ in lx.LEADING_CONNECTIVE_DEPS and child.left_edge.i == sent.start
                and after < len(doc) and doc[after].text == ","):
            start = doc[after].idx + 1
    line_start = text.rfind("\n", 0, according.idx) + 1
    line_end = text.find("\n", according.idx)
    return max(start, line_start), min(end, line_end if line_end >= 0 else len(text))


def according_candidates(doc: Doc) -> list[Candidate]:
    """"according to X, ...": X is the source, the rest of the clause the content."""
    found: list[Candidate] = []
    for tok in doc:
        if tok.lower_ != lx.ACCORDING_TO[0]:
            continue
        to = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if to is None or to.lower_ != lx.ACCORDING_TO[1]:
            continue
        objs = [c for c in to.children if c.dep_ == "pobj"]
        source = noun_phrase(objs[0]) if objs else None
        phrase_start = tok.idx
        phrase_end = max(subtree_range(tok)[1], subtree_range(to)[1])
        sstart, send = according_clause(tok)
        before = trimmed(doc_text(doc), sstart, phrase_start)
        after = trimmed(doc_text(doc), phrase_end, send)
        content = [r for r in (before, after) if r[1] - r[0] > 1]
        found.append(Candidate(
            cue=tok, cue_span=(tok.idx, to.idx + len(to.text)), speaker=source,
            content=content, how="according",
        ))
    return found


def noun_content(noun: Token) -> list[tuple[int, int]]:
    """What a reporting noun reports: its "that"-clause ("the claim that ..."), its
    infinitive ("the decision to ...") or its prepositional object ("criticism of ...")."""
    lemma = noun.lemma_.lower()
    text = doc_text(noun.doc)
    for child in noun.rights:
        if child.dep_ in {"acl", "ccomp", "relcl"} and child.pos_ in {"VERB", "AUX"}:
            marks = {c.lower_ for c in child.children if c.dep_ in {"mark", "aux"}}
            if ((lemma in lx.REPORTING_NOUNS and marks & {"that", "whether"})
                    or (lemma in lx.INTENTION_NOUNS and "to" in marks)):
                s, e = clause_range(child)
                start, end = trimmed(text, s, aside_start(noun.doc, s, e))
                return [(start, end)] if end > start else []
        if child.dep_ == "prep" and child.lower_ in lx.NOUN_PREP_CONTENT.get(lemma, ()):
            objs = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objs:
                s, e = subtree_range(objs[0])
                start, end = trimmed(text, s, aside_start(noun.doc, s, e))
                return [(start, end)] if end > start else []
    return []


def noun_source(noun: Token) -> Span | None:
    """Who holds a reporting noun: its possessor ("her claim"), "from"/"by" X, or the
    subject of the verb it is the object of ("made the claim that ...")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return noun_phrase(child)
        if child.dep_ == "prep" and child.lower_ in lx.NOUN_SOURCE_PREPS:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return noun_phrase(objs[0])
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if noun.dep_ in {"dobj", "pobj", "attr"} and head.pos_ in {"VERB", "AUX"}:
        return subject_of(head)
    return None


def noun_candidates(doc: Doc) -> list[Candidate]:
    """Reporting nouns with their content: "her claim that ...", "his call for ..."."""
    found: list[Candidate] = []
    for tok in doc:
        if tok.pos_ != "NOUN":
            continue
        content = noun_content(tok)
        if not content:
            continue
        found.append(Candidate(
            cue=tok, cue_span=(tok.idx, tok.idx + len(tok.text)),
            speaker=noun_source(tok), content=content, how="noun",
        ))
    return found


def adjective_candidates(doc: Doc) -> list[Candidate]:
    """Predicative adjectives of belief or feeling: "X is confident that ...",
    "X was critical of ...", "X is eager to ..."; the source is the copula's subject."""
    found: list[Candidate] = []
    text = doc_text(doc)
    for tok in doc:
        if (tok.pos_ != "ADJ" or tok.dep_ != "acomp"
                or tok.lemma_.lower() not in lx.REPORTING_ADJECTIVES):
            continue
        chosen: tuple[int, int] | None = None
        for child in tok.rights:
            if child.dep_ == "ccomp" or (
                    child.dep_ == "xcomp" and tok.lemma_.lower() in lx.VOLITION_ADJECTIVES):
                chosen = clause_range(child)
            elif child.dep_ == "prep" and child.lower_ in lx.ADJECTIVE_PREPS:
                objs = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
                chosen = subtree_range(objs[0]) if objs else None
            if chosen is not None:
                break
        if chosen is None:
            continue
        start, end = trimmed(text, *chosen)
        if end <= start:
            continue
        found.append(Candidate(
            cue=tok, cue_span=(tok.idx, tok.idx + len(tok.text)),
            speaker=subject_of(tok.head), content=[(start, end)],
        ))
    return found


def seeming_candidate(verb: Token) -> Candidate | None:
    """"X seems to ...", "it appears that ...": the clause itself, with no source."""
    comps = [c for c in verb.children if c.dep_ in lx.SEEMING_DEPS
             or (c.dep_ == "prep" and c.lower_ == "like")]
    if not comps:
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < verb.i]
    start = subjects[0].left_edge.idx if subjects else verb.idx
    end = max(subtree_range(c)[1] for c in comps)
    start, end = trimmed(doc_text(verb.doc), start, end)
    if end <= start:
        return None
    return Candidate(cue=verb, cue_span=(verb.idx, verb.idx + len(verb.text)), speaker=None,
                     content=[(start, end)])


def is_connective_phrase(verb: Token) -> bool:
    """'That said, ...', 'Having said that, ...': the writer's connective, set off by a
    comma, whose only other word is a demonstrative; no one is reported."""
    doc, start = verb.doc, verb.sent.start
    comma = next((t.i for t in doc[start:min(verb.sent.end, start + 5)] if t.text == ","), None)
    if comma is None or not start <= verb.i < comma:
        return False
    words = doc[start:comma]
    if any(t.dep_ in lx.SUBJECT_DEPS and t.lower_ not in lx.DEMONSTRATIVES for t in words):
        return False  # 'He said that, and left': a report
    return len(words) <= 3 and any(
        t.lower_ in lx.DEMONSTRATIVES and t.head.i == verb.i for t in words)


def verb_candidates(doc: Doc) -> list[Candidate]:
    found: list[Candidate] = []
    for tok in doc:
        if tok.pos_ == "VERB" and cue_lemma(tok) in lx.SEEMING_VERBS:
            seeming = seeming_candidate(tok)
            if seeming is not None:
                found.append(seeming)
            continue
        if not is_cue_verb(tok) or is_connective_phrase(tok):
            continue
        lemma = cue_lemma(tok)
        content = content_of(tok)
        if lemma not in lx.SPEECH_VERBS and not content:
            continue  # a belief verb reports nothing without a complement
        speaker = None if asked_unnamed(tok) else subject_of(tok)
        found.append(Candidate(
            cue=tok, cue_span=(tok.idx, tok.idx + len(tok.text)),
            speaker=speaker, content=content,
        ))
    return found


def open_verb_candidates(doc: Doc) -> list[Candidate]:
    """Verbs outside the lexicon that take a clause, an infinitive or an object ('vowed to
    ...', 'hopes the deal ...', 'opposes the plan'): reports only if the attribution model
    says so, and never the speaker of a quotation."""
    found: list[Candidate] = []
    for tok in doc:
        if (tok.pos_ != "VERB" or tok.tag_ == "MD"
                or not any(c.dep_ in OPEN_CONTENT_DEPS for c in tok.children)
                or is_cue_verb(tok) or cue_lemma(tok) in lx.SEEMING_VERBS
                or is_connective_phrase(tok)):
            continue
        content = content_of(tok, open_vocab=True)
        if not content:
            continue
        found.append(Candidate(
            cue=tok, cue_span=(tok.idx, tok.idx + len(tok.text)),
            speaker=subject_of(tok), content=content, how="open",
        ))
    return found


def asked_unnamed(verb: Token) -> bool:
    """'Asked about the deal, she said ...', 'when asked whether ...': a question put by
    someone the sentence does not name (the one asked is not its source)."""
    return (cue_lemma(verb) in lx.QUESTION_VERBS and verb.tag_ == "VBN"
            and not any(c.dep_ in lx.SUBJECT_DEPS or c.dep_ in {"nsubjpass", lx.PASSIVE_AGENT_DEP}
                        or c.dep_ == "aux" for c in verb.children))


# ---------------------------------------------------------------------------
# Quoted regions
# ---------------------------------------------------------------------------


def quoted_regions(text: str) -> list[Region]:
    regions = []
    for q in find_quoted(text):
        pieces = tuple(getattr(q, "pieces", None) or ((q.start, q.end),))
        pieces = tuple((s, e) for s, e in pieces if e > s)
        if not pieces:
            continue
        regions.append(Region(pieces=pieces, open_mark=q.open_mark[0]))
    return regions


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


def word_count(text: str) -> int:
    return len(text.split())


def joined_with_tags(
    regions: list[Region], text: str, cand_at: dict[int, Candidate], doc: Doc,
    para_starts: Sequence[int],
) -> list[tuple[Region, Candidate | None]]:
    """Join quoted pieces split by a speech tag ('"A," he said. "B"') into one Region."""
    out: list[tuple[Region, Candidate | None]] = []
    i = 0
    while i < len(regions):
        reg = regions[i]
        tag: Candidate | None = None
        while i + 1 < len(regions):
            nxt = regions[i + 1]
            gap = (reg.end, nxt.start)
            if paragraph_of(para_starts, gap[0]) != paragraph_of(para_starts, gap[1]):
                break
            cand = tag_in(doc, gap, cand_at) or bare_tag_between(doc, gap, cand_at)
            if cand is None or has_own_tag(doc, regions, i + 1, cand_at, para_starts):
                break
            tag = cand
            reg = Region(pieces=reg.pieces + nxt.pieces, open_mark=reg.open_mark)
            i += 1
        out.append((reg, tag))
        i += 1
    return out


def has_own_tag(
    doc: Doc, regions: list[Region], at: int, cand_at: dict[int, Candidate],
    para_starts: Sequence[int],
) -> bool:
    """Whether the quotation ``regions[at]`` is followed by a speech tag of its own in its
    paragraph ('"A," she said. "B," she added.', '... "B," she added. "C."'): it then opens
    a report of its own rather than going on with the one before."""
    reg = regions[at]
    text = doc_text(doc)
    para = paragraph_of(para_starts, reg.end)
    para_end = para_starts[para + 1] if para + 1 < len(para_starts) else len(text)
    ending = text[reg.start:reg.end].rstrip(" " + QUOTE_CHARS)[-1:]
    if ending not in OWN_TAG_ENDINGS and not (
            ending in FULL_STOP_ENDINGS and tag_closes_sentence(text, regions, at, para_end)):
        return False  # '... "B." Smith said: "C"': a tag of the quotation after it
    if at + 1 < len(regions) and regions[at + 1].start < para_end:
        gap = (reg.end, regions[at + 1].start)
        if tag_in(doc, gap, cand_at) is not None:
            return True
    kept = {i: c.speaker for i, c in cand_at.items()}
    found = tag_after(doc, reg, cand_at, para_end)
    for i, speaker in kept.items():
        cand_at[i].speaker = speaker
    return found is not None


def tag_closes_sentence(text: str, regions: list[Region], at: int, para_end: int) -> bool:
    """Whether the words after the quotation ``regions[at]`` make a short sentence of
    their own before the next quotation of the paragraph ('"... B." she said. "C"'): a tag
    of B's own, not one that introduces C ('"... B." Smith said: "C"') nor a sentence of
    narration ('"... B." She noted a rally planned for Saturday in the city ...')."""
    reg = regions[at]
    stop = para_end
    if at + 1 < len(regions) and regions[at + 1].open_mark < para_end:
        stop = regions[at + 1].open_mark
    words = text[reg.end:stop].strip(" \n" + QUOTE_CHARS)
    first = re.split(r"(?<=\.)\s", words, maxsplit=1)[0]
    return (first.endswith(".") and ":" not in first
            and word_count(first) <= lx.MAX_TAG_TOKENS)


def tag_in(doc: Doc, gap: tuple[int, int], cand_at: dict[int, Candidate]) -> Candidate | None:
    """The speech verb of a tag that fills ``gap`` and nothing else, if it is one:
    '"A," she said. "B"', '"A," she said, "b"', '"A," said X, a senior adviser. "B"'."""
    text = doc_text(doc)
    if ":" in text[gap[0] : gap[1]]:
        return None
    span = doc.char_span(gap[0], gap[1], alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    for n, tok in enumerate(span):
        if n >= MAX_TAG_REACH:
            return None
        cand = cand_at.get(tok.i)
        if cand is None or tok.lemma_.lower() not in lx.SPEECH_VERBS or cand.speaker is None:
            continue
        if not gap[0] <= cand.speaker.start_char < gap[1]:
            return None
        opening = min(cand.speaker.start_char, tok.idx)
        if text[gap[0]:opening].strip(QUOTE_CHARS + " ,—–-"):
            return None  # '"A" are words of the narration, she said, "B"': no bare tag
        if cand.content and gap[0] <= cand.content[0][0] < gap[1]:
            return None  # 'He said he would go.': a report of its own, not a tag
        if carries_content(span, tok, cand_at):
            return None  # '"A," she said, adding that "B"': two reports, not one tag
        if any(c.dep_ == "conj" and c.i < span.end and any(
                g.dep_ in lx.SUBJECT_DEPS for g in c.children) for c in tok.rights):
            return None  # '"A," she said, and her husband cut in. "B"': B is his
        rest = text[max(tok.sent.end_char, gap[0]) : gap[1]].strip(QUOTE_CHARS + " ,")
        return cand if not rest or name_rest(rest) else None
    return None


def name_rest(rest: str) -> bool:
    """Whether words the parse split off a tag as a sentence of their own are the rest of
    the speaker's name after an abbreviation ('said Air Force 1st Lt. | Ann Cole.')."""
    words = rest.rstrip(".").split()
    return 0 < len(words) <= MAX_NAME_REST_WORDS and all(w[:1].isupper() for w in words)


def bare_tag_between(
    doc: Doc, gap: tuple[int, int], cand_at: dict[int, Candidate]
) -> Candidate | None:
    """A tag with a verb outside the lexicon that splits one sentence of speech:
    '"A," he continued, "b"', '"A," he continued. "B"'. A comma closes the first piece; a
    cue verb of the lexicon there is a report of its own ('she said, adding that ...')."""
    text = doc.text
    inner = text[gap[0]:gap[1]].strip(QUOTE_CHARS + " ")
    if inner[-1:] not in {",", "."} or not (inner.startswith(",") or text[gap[0] - 1] == ","):
        return None
    start = text.index(inner, gap[0])
    span = doc.char_span(start, start + len(inner) - 1, alignment_mode="contract")
    if span is None or len(span) == 0 or any(t.text in SENTENCE_END for t in span):
        return None
    if introduces_next(span, cand_at):
        return None
    bare = bare_clause(span)
    if bare is None:
        return None
    verb, speaker = bare
    return Candidate(verb, (verb.idx, verb.idx + len(verb.text)), speaker, how="tag")


def introduces_next(span: Span, cand_at: dict[int, Candidate]) -> bool:
    """Whether the words between two quoted pieces end in a speech verb of its own that
    the second piece is the content of ('"A," she said, adding, "B"'): two reports."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not words or (len(words) < 2 and words[0].tag_ != "VBG"):
        return False  # a lone participle goes on as a report of its own: '"A," adding, "B"'
    last = words[-1]
    cand = cand_at.get(last.i)
    return (cand is not None and last.pos_ in {"VERB", "AUX"}
            and cue_lemma(last) in lx.SPEECH_VERBS)


def in_time_clause(verb: Token) -> bool:
    """Whether a verb heads a clause of time that sets a tag ('she said, after the mayor
    announced the cuts'): narration of when, not a further report."""
    return any(c.dep_ == "mark" and c.lower_ in lx.TIME_MARKS for c in verb.children)


def carries_content(gap: Span, verb: Token, cand_at: dict[int, Candidate]) -> bool:
    """Whether the words of a gap after a tag's verb hold more than the tag: a further cue
    ('adding', 'before saying') or a clause the verb reports."""
    for tok in gap:
        if tok.i <= verb.i:
            continue
        if tok.i in cand_at and tok.pos_ in {"VERB", "AUX"} and not in_time_clause(tok):
            return True
        if tok.head.i == verb.i and tok.dep_ in {"ccomp", "xcomp"}:
            return True
    return False


def tag_after(
    doc: Doc, reg: Region, cand_at: dict[int, Candidate], para_end: int
) -> Candidate | None:
    """A speech tag right after the closing mark: '"...," she said.'"""
    text = doc_text(doc)
    stop = min(para_end, reg.end + 200)
    j = reg.end
    while j < stop and text[j] in QUOTE_CHARS:
        j += 1
    span = doc.char_span(j, stop, alignment_mode="contract")
    if span is None:
        return None
    skip_to = -1
    for n, tok in enumerate(span):
        if n >= MAX_TAG_REACH:
            return None
        if tok.i <= skip_to:
            continue
        if tok.text in QUOTE_CHARS:
            skip_to = quoted_title_end(span, n)
            if skip_to < 0:
                return None
            continue  # '"...," said Jane Roe, author of "Lost Years," on Monday'
        if tok.dep_ == "cc" and tok.head.pos_ in {"VERB", "AUX"}:
            return None  # '"weak" and said she had ...': a verb of its own, not a tag
        cand = cand_at.get(tok.i)
        if cand is not None and not cand.claimed and tok.lemma_.lower() in lx.SPEECH_VERBS:
            if cand.content and cand.content[0][0] > tok.idx:
                return None  # '"The Show" on Sunday, she said the plan ...': a report of its own
            if introduces_quotation(text, tok) and not reads_as_speech(text, reg):
                return None  # 'On "The Show" Sunday, she said, "..."': the next one's tag
            if cand.speaker is None:  # a tag the parse missed: 'said Smith' as an adverb
                cand.speaker = tag_words_speaker(doc[span.start:tok.i], tok)
            if n >= lx.MAX_TAG_TOKENS and not opens_tag(span, cand.speaker):
                return None  # far off, only past a speaker's long apposition
            return cand if cand.speaker is not None else None
        if tok.text in SENTENCE_END:
            return None
    return None


def introduces_quotation(text: str, verb: Token) -> bool:
    """Whether a speech verb is followed right away by a comma or colon and an opening
    quotation mark ('she said, "..."'): it tags the quotation after it."""
    after = text[verb.idx + len(verb.text):verb.idx + len(verb.text) + 4].lstrip()
    return len(after) > 1 and after[0] in ",:" and after[1:].lstrip()[:1] in QUOTE_CHARS


def quoted_title_end(span: Span, n: int) -> int:
    """The index of the mark closing a short quoted title that opens at ``span[n]`` inside a
    speech tag's apposition ('Jane Roe, the author of "Lost Years," said'); -1 when the mark
    opens no such title: at the tag's start, long words or a sentence end inside, no close."""
    if n == 0 or not any(t.is_alpha for t in span[:n]):
        return -1
    words = 0
    for tok in span[n + 1:]:
        if tok.text in QUOTE_CHARS:
            return tok.i if words else -1
        if tok.text in SENTENCE_END:
            return -1
        if tok.is_alpha:
            words += 1
            if words >= lx.MIN_SPEECH_WORDS:
                return -1
    return -1


def opens_tag(span: Span, speaker: Span | None) -> bool:
    """Whether ``speaker`` opens the words after a quotation ('"...," Jane Roe, a former
    adviser to the governor, wrote'): a tag that may run long."""
    words = [t for t in span if not t.is_punct and t.text not in QUOTE_CHARS]
    return speaker is not None and bool(words) and speaker.start == words[0].i


def tag_words_speaker(before: Span, verb: Token) -> Span | None:
    """The speaker of a tag read from its word order when the parse gives none: the noun
    phrase between the quotation and the verb ('the 43-year-old asked'), else the one right
    after the verb ('said Smith, explaining ...'); before an apposition, the name alone
    ('Jane Roe, a former aide who ..., said'). Names, nouns or pronouns only, no verb."""
    doc = verb.doc
    words = [t for t in before if not t.is_punct]
    commas = [t.i for t in before if t.text == "," and words and t.i > words[0].i]
    if commas:  # 'Jane Roe, a former aide who ...,': the name before its apposition
        words = [t for t in words if t.i < commas[0]]
    if words:
        phrase = doc[words[0].i:words[-1].i + 1]
    else:
        end = verb.i + 1
        while end < len(doc) and not doc[end].is_punct and (
                doc[end].pos_ in TAG_NAME_POS or doc[end].is_title
                or doc[end].dep_ == "amod"):  # 'said Smith' as ADV, 'said retired judge X'
            end += 1
        phrase = doc[verb.i + 1:end]
        if any(t.ent_type_ in {"DATE", "TIME"} for t in phrase):
            return None  # 'said Monday'
    if not 0 < len(phrase) <= lx.MAX_TAG_TOKENS or any(
            t.pos_ in {"VERB", "AUX"} and t.tag_ != "VB" and t.dep_ != "amod" for t in phrase):
        return None  # a finite verb or participle: narration ('screenwriter' as VB passes)
    heads = [t for t in phrase if t.pos_ in {"PROPN", "NOUN"} or t.is_title
             or (t.tag_ == "PRP" and t.lower_ not in NON_SPEAKER_PRONOUNS)]
    return phrase if heads else None


def bare_tag_after(doc: Doc, reg: Region, para_end: int) -> tuple[Token, Span] | None:
    """A tag whose verb is outside the lexicon: '"...," she quipped.', '"...!" Smith fired
    back.', '"...," retorted the mayor.': after a quotation that ends in , ! or ?, a short
    sentence of only a named or pronoun subject and one finite verb with no object."""
    text = doc_text(doc)
    j = reg.end
    while j < para_end and text[j] in QUOTE_CHARS:
        j += 1
    if text[j:j + 1] in BARE_TAG_ENDINGS:  # '"...", she quipped.'
        j += 1
    elif text[reg.end - 1:reg.end] not in BARE_TAG_ENDINGS:
        return None
    stop = text.find(".", j, min(para_end, j + 80))
    if stop < 0 or not text[j:stop].strip():
        return None
    span = doc.char_span(j, stop + 1, alignment_mode="contract")
    if span is None:
        return None
    verbs = [t for t in span if t.pos_ in {"VERB", "AUX"}]
    if len(verbs) != 1 or verbs[0].tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    verb = verbs[0]
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or subjects[0].pos_ not in {"PROPN", "PRON"}:
        return None
    speaker = noun_phrase(subjects[0])
    for tok in span:
        if tok.is_punct or tok.i == verb.i or speaker.start <= tok.i < speaker.end:
            continue
        if tok.head.i != verb.i or tok.dep_ not in BARE_TAG_DEPS:
            return None  # an object, clause or phrase: narration, not a tag
    return verb, speaker


def loose_tag_after(
    doc: Doc, reg: Region, para_start: int, para_end: int
) -> tuple[Token, Span] | None:
    """A tag outside the lexicon that ends the sentence after a quotation ending in , ! or ?,
    with any noun phrase as subject, before or after its verb ('"...!" blared the front page
    of the Ledger.', '"...," a local official in the room wondered.', '"...," the chairman
    urged them, as he ...'): the verb heads the words after the quotation and takes only its
    subject, adverbials and a pronoun listener, no object or clause (narration). The
    quotation opens its sentence ('When X wrapped up -- "...!" -- the balloons fell')."""
    text = doc_text(doc)
    if not only_connectives(lead_in(text, reg, para_start)):
        return None
    j = reg.end
    while j < para_end and text[j] in QUOTE_CHARS:
        j += 1
    if text[j:j + 1] in BARE_TAG_ENDINGS:
        j += 1
    elif text[reg.end - 1:reg.end] not in BARE_TAG_ENDINGS:
        return None
    brk = SENTENCE_BREAK.search(text, j, min(para_end, j + MAX_LOOSE_TAG_CHARS))
    stop = brk.start() + 1 if brk else para_end
    if stop - j > MAX_LOOSE_TAG_CHARS or any(ch in QUOTE_CHARS for ch in text[j:stop]):
        return None
    span = doc.char_span(j, stop, alignment_mode="contract")
    words = [t for t in span if not t.is_punct] if span is not None else []
    if span is None or not words:
        return None
    verb = next((t for t in words if t.pos_ == "VERB"), None)
    if verb is None or verb.tag_ not in {"VBD", "VBZ", "VBP"} or (
            span.start <= verb.head.i < span.end and verb.head.i != verb.i):
        return None
    subj = loose_tag_subject(span, verb, words)
    if subj is None:
        return None
    for child in verb.children:
        if child.i == subj.i or not span.start <= child.i < span.end:
            continue
        if child.dep_ in LOOSE_TAG_DEPS or (child.dep_ in {"dobj", "dative"}
                                           and child.tag_ == "PRP" and child.i > verb.i):
            continue
        return None  # an object, a clause or a second verb: narration, not a tag
    return verb, noun_phrase(subj)


def loose_tag_subject(span: Span, verb: Token, words: list[Token]) -> Token | None:
    """The subject of a loose tag: the noun phrase that is all the words before its verb,
    else the noun right after it ('blared the front page', read as object or subject)."""
    before = [t for t in words if t.i < verb.i]
    if before:
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
        if not subjects:
            return None
        inside = {t.i for t in subjects[0].subtree}
        subj = subjects[0] if all(t.i in inside for t in before) else None
    else:
        subj = next((c for c in verb.rights if c.dep_ in {"nsubj", "dobj"}
                     and c.i < span.end), None)
    if subj is None or subj.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    if subj.pos_ == "PRON" and (subj.tag_ != "PRP" or subj.lower_ in NON_SPEAKER_PRONOUNS):
        return None
    return subj


def bare_clause(span: Span) -> tuple[Token, Span] | None:
    """A clause of only a named or pronoun subject, one finite verb and its adverbials
    ('he continued', 'Smith joked, again using an accent'): its verb and subject."""
    words = [t for t in span if not t.is_punct]
    for verb in span:
        if verb.pos_ not in {"VERB", "AUX"} or verb.tag_ not in {"VBD", "VBZ", "VBP"}:
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects or not span.start <= subjects[0].i < span.end:
            continue
        subj = subjects[0]
        if not (subj.pos_ == "PROPN" or (subj.tag_ == "PRP"
                                        and subj.lower_ not in NON_SPEAKER_PRONOUNS)):
            return None
        inside = {t.i for t in verb.subtree} - {
        t.i for c in verb.rights if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}
        for t in c.subtree}  # 'pledged to be "X" and cast doubt on ...': a predicate of its own
        if any(t.i not in inside for t in words):
            return None  # words of another clause: narration, not a tag
        if any(span.start <= c.i < span.end and c.dep_ not in BARE_LEAD_DEPS
               for c in verb.children):
            return None  # an object or a clause of its own: 'He read the book, "..."'
        return verb, noun_phrase(subj)
    return None


def bare_tag_before(doc: Doc, reg: Region, para_start: int) -> tuple[Token, Span] | None:
    """A tag before the quotation whose verb is outside the lexicon: 'He continued, "..."',
    'When Smith finally wrapped up -- "..."', or a line 'Smith: "..."' (the colon is the cue).
    The quoted words must read as speech, not as a title ('She read, "War and Peace"')."""
    text = doc.text
    lead = lead_in(text, reg, para_start).rstrip()
    if not lead or lead[-1] not in BARE_LEAD_ENDINGS or not reads_as_speech(text, reg):
        return None
    if (put := put_it(doc, reg.open_mark - len(lead_in(text, reg, para_start)) + len(lead))):
        return put  # 'As Jane Roe, a professor of law, put it, "..."'
    if any(ch in QUOTE_CHARS for ch in lead):
        return None
    lead_start = reg.open_mark - len(lead_in(text, reg, para_start))
    end = lead_start + len(lead)
    span = doc.char_span(lead_start, end - 1, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    line = doc.char_span(para_start, end - 1, alignment_mode="contract")  # past 'Rep.'
    if lead[-1] == ":" and line is not None and names_only(line):  # 'Smith: "..."'
        colon = doc.char_span(end - 1, end, alignment_mode="expand")  # may be in 'Ohio):"I'
        return (colon[0], line) if colon is not None and len(colon) == 1 else None
    if lead[-1] == ":" and (named := name_after_dash(span)) is not None:
        colon = doc.char_span(end - 1, end)  # 'HEADLINE - Jane Roe: "..."'
        return (colon[0], named) if colon is not None and len(colon) == 1 else None
    return bare_clause(span)


def names_only(span: Span) -> bool:
    """Whether a line before a colon is only a speaker's name and titles ('Smith:', 'Rep.
    Jane Roe (D-Ohio):', 'Former governor Jane Roe:'): a name, no verb, a few words."""
    if not 0 < len(span) <= lx.MAX_TAG_TOKENS or span.root.pos_ not in {"PROPN", "NOUN"}:
        return False
    if any(t.pos_ in {"VERB", "AUX", "PRON", "DET"} and t.i > span.start for t in span):
        return False
    if any(t.text in lx.NAME_DASHES and t.whitespace_ for t in span):
        return False  # 'HEADLINE - Jane Roe:': a digest's credit (name_after_dash)
    return span.root.pos_ == "PROPN" or span.root.ent_type_ in NAME_ENTITIES


def put_it(doc: Doc, lead_end: int) -> tuple[Token, Span] | None:
    """A lead that ends 'X put it,' ('As Jane Roe put it, "..."'): the idiom's verb and its
    subject."""
    before = doc.char_span(max(0, lead_end - 16), lead_end - 1, alignment_mode="contract")
    if before is None or len(before) < 2:
        return None
    verb, obj = before[-2], before[-1]
    if verb.lemma_.lower() not in lx.PUT_IT_VERBS or obj.lower_ != "it" or obj.head.i != verb.i:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and not in_quotation(c)]
    return (verb, noun_phrase(subjects[0])) if subjects else None


def name_after_dash(span: Span) -> Span | None:
    """The names that end a lead before its colon, set off by a dash or 'from' ('POLLS
    SHIFT - Jane Roe and John Doe:', 'More from Roe:'): the speaker of a digest's quote."""
    doc = span.doc
    start = span.end  # the lead may have stopped at an initial ('Jane Q. Roe:'): look past it
    while start > 1 and (doc[start - 1].pos_ == "PROPN"
                         or (doc[start - 1].ent_type_ in NAME_ENTITIES
                             and not doc[start - 1].is_punct)
                         or doc[start - 1].lower_ in lx.NAME_JOINERS):
        start -= 1
    names = doc[start:span.end]
    if ("\n" in doc_text(doc)[doc[start - 1].idx:names.start_char]
            or not 0 < len(names) <= MAX_HEADLINE_NAME_TOKENS
            or names[0].lower_ in lx.NAME_JOINERS or names[-1].pos_ != "PROPN"):
        return None
    before = doc[start - 1]
    return names if before.text in lx.NAME_DASHES or before.lower_ == "from" else None


def tag_before(
    doc: Doc, reg: Region, cand_at: dict[int, Candidate], para_start: int
) -> Candidate | None:
    """A speech tag that introduces the quotation in its sentence: 'She said: "..."'."""
    text = doc_text(doc)
    lead = text[para_start : reg.open_mark].rstrip()
    if not lead:
        return None
    tok = doc.char_span(para_start, reg.open_mark, alignment_mode="contract")
    if tok is None:
        return None
    for t in reversed(tok):
        if t.text in SENTENCE_END or t.text in QUOTE_CHARS:
            return None
        cand = cand_at.get(t.i)
        if cand is not None and not cand.claimed:
            if cand.speaker is not None and (not cand.content or lead[-1] in ":,"):
                return cand
            if cand.content and overlap((cand.content[0][0], cand.content[-1][1]),
                                        (reg.start, reg.end)):
                return cand
    return None


def colon_subject(doc: Doc, reg: Region, para_start: int) -> tuple[Token, Span] | None:
    """'X then sings the praises of Y: "..."': the subject of the clause before the colon."""
    lead = doc_text(doc)[para_start : reg.open_mark].rstrip()
    if not lead.endswith(":"):
        return None
    colon = doc.char_span(para_start + len(lead) - 1, para_start + len(lead))
    if colon is None:
        return None
    verb = colon_verb(colon[0])
    speaker = subject_of(verb)
    if speaker is None or speaker.start_char >= reg.open_mark:
        return None
    return verb, speaker


def colon_verb(colon: Token) -> Token:
    """The verb of the clause a colon closes: its head when that is a verb before it, else
    the first verb up from the word before it ('delivered a message to Trump:', 'worded
    it carefully:'), else the sentence's root."""
    head = colon.head
    if head.pos_ in {"VERB", "AUX"} and head.i < colon.i:
        return head
    tok = colon.doc[colon.i - 1] if colon.i > colon.sent.start else colon
    for _ in range(8):
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
        if tok.head.i == tok.i or tok.head.i > colon.i:
            break
        tok = tok.head
    return head if head.pos_ in {"VERB", "AUX"} else colon.sent.root


def governing_cue(doc: Doc, reg: Region, cand_at: dict[int, Candidate]) -> Candidate | None:
    """For a short quoted phrase, the communication verb of its clause, if any."""
    span = doc.char_span(reg.start, reg.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    first = span[0].sent  # a quotation of several sentences hangs from its first one
    span = doc[span.start:min(span.end, first.end)]
    tok = span.root
    for _ in range(4):
        if tok.head.i == tok.i:
            break
        child, tok = tok, tok.head
        if in_quotation(tok) and not reg.start <= tok.idx < reg.end:
            return None  # the parse ran into another quotation: its verbs are not this one's
        cand = cand_at.get(tok.i)
        if cand is not None and tok.pos_ in {"VERB", "AUX"}:
            if child.dep_ == "advcl" and child.i < span.start and tok.idx > reg.end:
                return None  # 'Appearing on "The Show", she said that ...': not its report
            return cand if cand.speaker is not None else None
        if (tok.pos_ == "VERB" and tok.tag_ != "MD" and child.i in range(span.start, span.end)
                and child.dep_ in lx.QUOTED_OBJECT_DEPS and reads_as_speech(doc_text(doc), reg)
                and not any(c.dep_ == "dobj" and c.i != child.i for c in tok.children)):
            return unlisted_cue(tok)
        if (tok.pos_ == "VERB" and tok.tag_ != "MD" and child.dep_ == "prep"
                and child.lower_ in lx.QUOTED_PREPOSITIONS and child.i < span.start
                and reads_as_speech(doc_text(doc), reg)
                and cue_lemma(tok) not in lx.SCARE_QUOTE_CUES | lx.LABEL_VERBS
                and any(c.dep_ == "pobj" and c.i in range(span.start, span.end)
                        for c in child.children)):
            return unlisted_cue(tok)  # 'railed against "the swamp"', 'blasted it as "a fraud"'
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"xcomp", "ccomp", "advcl", "conj"}:
            return None
    return None


def unlisted_cue(verb: Token) -> Candidate | None:
    """A verb outside the cue vocabulary that governs quoted speech ('she fumed "..."',
    'they chanted "..."'): a cue when its subject names a person, group or organisation."""
    speaker = subject_of(verb)
    if speaker is None or speaker.root.lower_ in NON_SPEAKER_PRONOUNS:
        return None
    root = speaker.root
    if not (root.ent_type_ in NAME_ENTITIES | {"NORP"} or root.pos_ == "PRON"
            or root.lemma_.lower() in PERSON_NOUNS | GROUP_NOUNS):
        return None
    return Candidate(cue=verb, cue_span=(verb.idx, verb.idx + len(verb.text)), speaker=speaker,
                     how="governing")


def is_label(text: str, reg: Region) -> bool:
    """Quoted words that name or label ('the so-called "X"') rather than report speech."""
    before = text[max(0, reg.open_mark - 24) : reg.open_mark].lower().split()
    return bool(before) and before[-1].strip(",") in lx.SCARE_QUOTE_CUES


# ---------------------------------------------------------------------------
# Building quotes
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    kind: QuoteKind
    pieces: tuple[tuple[int, int], ...]
    cue: TextSpan | None
    speaker_span: Span | None
    confidence: float


def found_from_region(
    doc: Doc, reg: Region, cand: Candidate | None, how: str, para: tuple[int, int],
    speaker: Span | None = None, cue: TextSpan | None = None,
) -> Found:
    """A quotation tied by ``how``: direct when set off as speech (its pieces are the
    content), else partial, and then the reported clause around it is the content
    ('called the plan "a disaster"', 'the plan is "a disaster," she said')."""
    text = doc_text(doc)
    if cand is not None:
        cue = cue_text(text, cand)
        speaker = cand.speaker
    if is_set_off(doc, reg, para[0]):
        tag_start = narration_before_tag(text, reg, cue, speaker)
        if tag_start is not None:  # '"We are shocked" by the news, she said.'
            pieces = reg.pieces[:-1] + (trimmed(text, reg.pieces[-1][0], tag_start),)
            return Found("partial", pieces, cue, speaker, CONFIDENCE[how])
        clause_start = clause_before_colon(doc, reg, cand, para[0])
        if clause_start is not None:  # 'He adds that voters have two choices: "..."'
            return Found("partial", ((clause_start, reg.end),) + reg.pieces[1:], cue, speaker,
                         CONFIDENCE[how])
        return Found("direct", reg.pieces, cue, speaker, CONFIDENCE[how])
    pieces = reg.pieces
    clause = reported_clause(doc, reg, cand, cue, speaker, para)
    if relative_label_verb(doc, reg) is not None:
        return Found("partial", pieces, cue, speaker, CONFIDENCE[how])
    if clause is None and cue is not None and cue.end <= reg.start:
        clause = governed_rest(doc, reg, cue)
    if clause is not None and pieces_overlap(pieces, clause) < 0.8 * (clause[1] - clause[0]):
        pieces = ((min(clause[0], reg.start), max(clause[1], reg.end)),)
    if clause is not None and cue is not None and cue.end <= reg.start:
        verb = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        start, end = pieces[0][0], pieces[-1][1]
        if verb is not None and len(verb) > 0:
            pieces = ((start, clause_goes_on(doc, reg, verb.root, start, end, para[1])),)
    return Found("partial", pieces, cue, speaker, CONFIDENCE[how])


def clause_before_colon(
    doc: Doc, reg: Region, cand: Candidate | None, para_start: int
) -> int | None:
    """Where the reported clause starts when a quotation set off by a colon finishes the
    clause its cue reports ('He adds that voters have two choices: "..."', 'she is sure
    the plan will fail: "..."'): the clause is the report, the quotation its last words.
    None when the cue reports nothing before the colon ('told reporters: "..."')."""
    text = doc_text(doc)
    lead = lead_in(text, reg, para_start).rstrip()
    if cand is None or not cand.content or not lead.endswith(":"):
        return None
    colon = reg.open_mark - len(lead_in(text, reg, para_start)) + len(lead) - 1
    start, end = cand.content[0][0], cand.content[-1][1]
    if not cand.cue_span[1] <= start < end <= colon or text[end:colon].strip():
        return None
    words = doc.char_span(start, end, alignment_mode="contract")
    if words is None or not any(t.pos_ in {"VERB", "AUX"} for t in words):
        return None
    return start


def governed_rest(doc: Doc, reg: Region, cue: TextSpan) -> tuple[int, int] | None:
    """The words from a cue before the quotation up to its end, when the parse gives the
    cue no content but the quoted words hang below it in its sentence ('told the Post he
    was "not quite there yet"'): after the cue's particles, listener and setting."""
    verb_span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    quoted = doc.char_span(reg.start, reg.end, alignment_mode="expand")
    if verb_span is None or quoted is None or len(verb_span) == 0 or len(quoted) == 0:
        return None
    verb = verb_span.root
    if verb.sent.start != quoted.root.sent.start or verb not in quoted.root.ancestors:
        return None
    tok = quoted.root
    while tok.i != verb.i:
        if tok.dep_ == "advcl":
            return None  # 'smiled as the crowd chanted "..."': a clause of its own
        tok = tok.head
    start = None
    for child in verb.rights:
        if child.idx >= reg.open_mark or child.left_edge.idx >= reg.open_mark:
            start = child.left_edge.idx if child.left_edge.i > verb.i else None
            break
        if child.is_punct or child.dep_ in {"prt", "advmod"} or reports_setting(child) or (
                child.dep_ in {"dobj", "dative"} and cue_lemma(verb) in LISTENER_VERBS):
            continue
        start = child.left_edge.idx
        break
    if start is None or start > reg.open_mark:
        return None
    return trimmed(doc_text(doc), start, reg.end)


def clause_goes_on(
    doc: Doc, reg: Region, verb: Token, start: int, end: int, para_end: int
) -> int:
    """The end of a reported clause that the parse cut at a closing mark although its
    sentence goes on ('questioned his "values" and his record', 'said the plan was "a
    mess," and would cost more'): up to the end of the sentence, short of a further cue
    ('..., adding that', '..., she said'), a setting ('on Tuesday') or an aside of the
    narration, and within the words of the cue ``verb``; ``end`` itself when the clause
    does not end at the quotation, the quotation ends its sentence or labels an object
    ('called him "a liar" in a tweet')."""
    text = doc_text(doc)
    inner = text[reg.start:reg.end].rstrip(" " + QUOTE_CHARS)
    if not reg.start <= end <= reg.end + 1 or inner[-1:] in SENTENCE_END:
        return end
    quoted = doc.char_span(reg.start, reg.end, alignment_mode="expand")
    if quoted is None or len(quoted) == 0 or label_verb(quoted.root) is not None:
        return end
    inside = {t.i for t in verb.subtree} - {
        t.i for c in verb.rights if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}
        for t in c.subtree}  # 'pledged to be "X" and cast doubt on ...': a predicate of its own
    j = reg.end
    while j < para_end and text[j] in QUOTE_CHARS:
        j += 1
    if not text[j:para_end].strip():
        return end  # nothing after the quotation in its paragraph
    after = doc.char_span(j, para_end, alignment_mode="expand")
    if after is None or len(after) == 0 or after[0].text in CLAUSE_GOES_ON_STOPS:
        return end  # '"So terrible" - with a link': an aside
    cut = after[0].sent.end_char
    for tok in after:
        if tok.idx >= cut or tok.text in SENTENCE_END or tok.text in QUOTE_CHARS and (
                tok.i > after.start and doc[tok.i - 1].text in SENTENCE_END):
            cut = min(cut, tok.idx)
            break
        if tok.i not in inside or (tok.head.i == verb.i and reports_setting(tok)) or (
                tok.lower_ in lx.ASIDE_MARKS | lx.NARRATION_MARKS and tok.dep_ == "mark"):
            cut = tok.idx  # '..., while Y said', '... as he promised to': the narrator's
            break
        if (tok.tag_ == "VBG" and set_off_before(tok, lx.ASIDE_PUNCT) and (
                tok.dep_ == "advcl" or tok.dep_ == "acl" and tok.right_edge.i >= tok.sent.end - 2)):
            cut = doc[tok.i - 1].idx  # 'called him "a fraud," linking to a story': an aside
            break
        if is_cue_verb(tok) and cue_lemma(tok) in lx.SPEECH_VERBS and reports_anew(tok, j):
            subjects = [c.left_edge.idx for c in tok.lefts
                        if c.dep_ in lx.SUBJECT_DEPS and c.idx >= j]
            cut = min([tok.idx] + subjects)
            break
    cut = min(cut, para_end)
    if not any(ch.isalnum() for ch in text[j:cut]):
        return end
    new_end = trimmed(text, start, cut)[1]
    new_end = aside_start(doc, start, new_end)
    new_end = trimmed(text, start, new_end)[1]
    return max(end, new_end)


def narration_before_tag(
    text: str, reg: Region, cue: TextSpan | None, speaker: Span | None
) -> int | None:
    """Where the tag starts when a quotation that opens its sentence does not end there
    but runs on in the narrator's words up to a tag after it ('"We are shocked" by the
    news, she said.'): the sentence is the speaker's report up to the tag. None when the
    quotation ends in a stop or comma, or the tag follows it directly."""
    if cue is None or cue.start < reg.end:
        return None
    inner = text[reg.start:reg.end].rstrip(" " + QUOTE_CHARS)
    if inner[-1:] in ",.!?;:":
        return None
    tag_start = cue.start
    if speaker is not None and reg.end <= speaker.start_char < tag_start:
        tag_start = speaker.start_char
    between = text[reg.end:tag_start]
    if any(ch in SENTENCE_END or ch in QUOTE_CHARS for ch in between.lstrip(QUOTE_CHARS)):
        return None
    words = between.strip(QUOTE_CHARS + " ,")
    return tag_start if words and words[0].isalnum() else None


def label_verb(tok: Token) -> Token | None:
    """The labelling verb whose label ``tok`` heads ('called the plan "a disaster"',
    'described it as "reckless"'), or None."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == lx.LABEL_PREPOSITION:
        tok, head = head, head.head
    elif tok.dep_ not in lx.LABEL_DEPS:
        return None
    if head.pos_ in {"VERB", "AUX"} and cue_lemma(head) in lx.LABEL_VERBS:
        return head
    return None


def relative_label_verb(doc: Doc, reg: Region) -> Token | None:
    """The verb of a relative clause whose quoted label the quotation is ('the plan, which
    she called "reckless"'), or None: the quoted words alone are then the speaker's, the
    noun and the clause around them the narration's."""
    span = doc.char_span(reg.start, reg.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = label_verb(span.root)
    if verb is None or reg.start <= verb.idx < reg.end:
        return None
    relative = any(c.dep_ == "dobj" and c.lower_ in lx.RELATIVE_PRONOUNS for c in verb.lefts)
    return verb if relative else None


def lead_in(text: str, reg: Region, para_start: int) -> str:
    """The text of the quotation's own sentence before its opening mark."""
    lead = text[para_start:reg.open_mark]
    breaks = list(SENTENCE_BREAK.finditer(lead))
    return lead[breaks[-1].end():] if breaks else lead


def is_set_off(doc: Doc, reg: Region, para_start: int) -> bool:
    """Whether a quotation stands as speech of its own rather than words quoted inside a
    sentence of narration: it opens its sentence, follows a colon, or follows a speech
    tag ('She said, "..."', 'he told reporters "..."')."""
    lead = lead_in(doc_text(doc), reg, para_start).rstrip()
    if not lead or lead[-1] in ":(" or (lead[-1] in QUOTE_CHARS and not possessive_end(lead)):
        return True  # '... members ("I want my dues back," wrote one)'
    if lead[-1] in lx.ASIDE_DASHES | {"-"} and reads_as_speech(doc_text(doc), reg):
        return True  # 'the plan was unserious - "We need the details," she said - and'
    span = doc.char_span(reg.open_mark - (len(doc_text(doc)[:reg.open_mark])
                                          - len(doc_text(doc)[:reg.open_mark].rstrip())) - 1,
                         reg.open_mark, alignment_mode="expand")
    last = span[0] if span is not None and len(span) else None
    if last is None:
        return False
    if last.is_punct and last.i > 0:
        if last.text != ",":
            return False
        last = doc[last.i - 1]
    elif not reads_as_speech(doc_text(doc), reg):
        return False  # 'apologised "unreservedly"': a word of the narration
    verb = tag_verb(last)
    if verb is None or verb.i > last.i:
        return False  # 'the plan's "costs will soar"': the quotation's own verb is no tag
    left = verb.left_edge
    while left.i < verb.i and (left.is_punct or left.is_space):
        left = doc[left.i + 1]
    before = doc.char_span(reg.open_mark - len(lead_in(doc_text(doc), reg, para_start)),
                           left.idx, alignment_mode="contract")
    if before is None or not any(t.is_alpha for t in before):
        return True
    return fronted_adverbial(before)  # 'There was, she said, "..."': inside


def possessive_end(lead: str) -> bool:
    """Whether the words before a quotation end in a possessive apostrophe ('Sanders’
    "passion"', "the voters' 'anger'"): part of the narration, not a closing mark."""
    return lead[-1] in lx.APOSTROPHES and len(lead) > 1 and lead[-2].isalpha()


def fronted_adverbial(span: Span) -> bool:
    """Whether the words before a tag are an adverbial set off by a comma ('Asked about the
    vote, she said, "..."', 'In a statement, ...', 'When pressed, ...') rather than the
    start of a clause the quotation finishes ('There was, she said, "..."')."""
    words = [t for t in span if not t.is_space]
    if len(words) < 2 or words[-1].text != ",":
        return False
    first = words[0]
    if first.tag_ == "VBD":  # 'Asked about it,' read as a past tense with no subject
        return not any(c.dep_ in lx.SUBJECT_DEPS for c in first.children)
    return first.tag_ in FRONTED_ADVERBIAL_TAGS and first.lower_ not in lx.TOPIC_PREPOSITIONS


def reads_as_speech(text: str, reg: Region) -> bool:
    """Quoted words that end like a sentence or run long enough to be a statement."""
    inner = text[reg.start:reg.end].rstrip(" " + QUOTE_CHARS)
    return bool(inner) and (inner[-1] in ",.!?" or word_count(inner) >= lx.MIN_SPEECH_WORDS)


def tag_verb(tok: Token) -> Token | None:
    """The speech verb of a tag that ``tok`` ends: the verb itself, or its speaker,
    listener, time or place words ('said', 'said Smith', 'told reporters on Monday'); None
    for its content ('said the plan was', 'called the plan') or no tag."""
    via = ""
    for _ in range(4):
        if tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in lx.SPEECH_VERBS:
            if via == "dobj":
                return tok if tok.lemma_.lower() in LISTENER_VERBS else None
            return tok if via not in CONTENT_LINKS else None
        if tok.head.i == tok.i:
            return None
        if tok.dep_ == "prep" and tok.lower_ not in TAG_PREPOSITIONS:
            return None
        via = tok.dep_
        tok = tok.head
    return None


def reported_clause(
    doc: Doc, reg: Region, cand: Candidate | None, cue: TextSpan | None,
    speaker: Span | None, para: tuple[int, int],
) -> tuple[int, int] | None:
    """The clause a phrase is quoted in: the cue's content where the parse gives one (kept
    inside the paragraph), the words before a tag that follows, the complement of a cue
    before it."""
    text = doc_text(doc)
    lo, hi = para
    if cand is not None and cand.content:
        s, e = max(cand.content[0][0], lo), min(cand.content[-1][1], hi)
        if overlap((s, e), (reg.start, reg.end)) > 0:
            if cue is not None and cue.start >= reg.end and s < reg.open_mark:
                s = max(s, reported_start(doc, reg, cue, s))
            return s, e
    if cue is None:
        return None
    if cue.start >= reg.end:  # 'the plan is "a disaster," she said'
        tag_start = min(cue.start, speaker.start_char if speaker is not None else cue.start)
        start = reg.open_mark - len(lead_in(text, reg, lo))
        if tag_start <= reg.end:
            return None
        start = max(start, reported_start(doc, reg, cue, start))
        return trimmed(text, start, tag_start)
    verb = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if verb is None or cue.end > reg.start:
        return None
    return governed_content(verb.root, reg, para)


def reported_start(doc: Doc, reg: Region, cue: TextSpan, start: int) -> int:
    """Where the clause a tag after the quotation reports begins when an earlier report
    shares its sentence ('"It is grim," she said, but despite that, "we will win," said
    Smith', 'He praised the plan - "It will work," she said'): past that report with its
    speaker, and an adverbial set off by a comma after it. ``start`` when none."""
    lead = doc.char_span(start, reg.open_mark, alignment_mode="contract")
    if lead is None or len(lead) == 0:
        return start
    earlier = [t for t in lead if t.idx < cue.start and is_cue_verb(t)
               and cue_lemma(t) in lx.SPEECH_VERBS and t.right_edge.idx < reg.open_mark
               and t.dep_ in EARLIER_REPORT_DEPS and not any(c.dep_ == "mark" for c in t.children)
               and any(c.dep_ in lx.SUBJECT_DEPS for c in t.children)]
    if not earlier:
        return start
    i = earlier[-1].right_edge.i + 1
    while i < lead.end:
        tok = doc[i]
        if tok.is_punct or tok.dep_ == "cc" or tok.is_space:
            i += 1
            continue
        if tok.dep_ in SET_OFF_DEPS and tok.right_edge.i + 1 < lead.end and (
                doc[tok.right_edge.i + 1].text == ","):
            i = tok.right_edge.i + 2
            continue
        break
    return min(doc[i].idx if i < len(doc) else reg.open_mark, reg.open_mark)


def governed_content(verb: Token, reg: Region, para: tuple[int, int]) -> tuple[int, int] | None:
    """The words a cue before the quotation governs: its objects and complements to the
    right ('questioned his "values" and his record'), or None when they miss the quotation."""
    parts = [c for c in verb.rights if c.dep_ in GOVERNED_DEPS]
    if not parts:
        return None
    first = parts[0]
    start = first.left_edge.idx
    if first.dep_ == "prep" and first.i + 1 < len(verb.doc):  # 'called for', 'boasted of'
        start = verb.doc[first.i + 1].idx
    last = verb.doc[max(p.right_edge.i for p in parts)]
    end = min(last.idx + len(last.text), para[1])
    start = max(start, para[0])
    if not (start <= reg.start and reg.end <= end + 2):
        return None
    return trimmed(doc_text(verb.doc), start, end)


def quotation_finds(doc: Doc, candidates: list[Candidate]) -> list[Found]:
    """Every quotation of ``doc`` tied to its speaker (or kept without one when it reads
    as speech); paragraphs that carry on the quotation before them join it."""
    text = doc_text(doc)
    para_starts = paragraph_starts(text)
    cand_at = {c.cue.i: c for c in candidates}
    joined = joined_with_tags(doc_regions(doc), text, cand_at, doc, para_starts)
    by_content = sorted((c for c in candidates if c.content), key=lambda c: c.content[0][0])
    finds: list[Found] = []
    last_in: dict[int, Found] = {}  # the last quotation of each paragraph
    last_tag: dict[int, Candidate] = {}  # the last speech verb with a speaker, by paragraph
    for cand in candidates:
        if cand.speaker is not None and cand.cue.lemma_.lower() in lx.SPEECH_VERBS:
            last_tag[paragraph_of(para_starts, cand.cue_span[0])] = cand
    quoted = [p for reg, _ in joined for p in reg.pieces]
    speech_tags = [c for c in candidates if c.speaker is not None
                   and c.cue.lemma_.lower() in lx.SPEECH_VERBS]
    for reg, tag in joined:
        if finds and inside_pieces(finds[-1].pieces, reg.start) and finds[-1].kind == "partial":
            continue  # a phrase quoted inside a reported clause already taken whole
        para = paragraph_of(para_starts, reg.start)
        pstart = para_starts[para]
        pend = para_starts[para + 1] - 1 if para + 1 < len(para_starts) else len(text)
        found = attributed(doc, reg, tag, by_content, cand_at, pstart, pend)
        opens_paragraph = text[pstart:reg.open_mark].strip() == ""
        if found is None and opens_paragraph and para - 1 in last_in:
            prev = last_in[para - 1]
            if prev.kind == "direct" and finds and finds[-1] is prev and prev.speaker_span:
                finds[-1] = merged = Found(
                    "direct", prev.pieces + reg.pieces, prev.cue, prev.speaker_span,
                    prev.confidence,
                )
                last_in[paragraph_of(para_starts, reg.end)] = merged
                continue
            if prev.speaker_span is not None:
                found = Found("direct", reg.pieces, None, antecedent(prev.speaker_span),
                              CONFIDENCE["continuation"])
        if found is None and opens_paragraph and para - 1 not in last_in and para - 1 in last_tag:
            found = Found("direct", reg.pieces, None, antecedent(last_tag[para - 1].speaker),
                          CONFIDENCE["continuation"])
        if found is None and only_connectives(lead_in(text, reg, pstart)):
            found = sentence_continuation(reg, speech_tags, finds, quoted, pstart)
        if found is None:
            if is_label(text, reg) or word_count(text[reg.start:reg.end]) < lx.MIN_SPEECH_WORDS:
                continue
            found = Found("direct", reg.pieces, None, None, CONFIDENCE["unattributed"])
        if (verb := relative_label_verb(doc, reg)) is not None and verb.i in cand_at:
            cand_at[verb.i].claimed = True  # its clause is the label's, not a report of its own
        finds.append(found)
        last_in[paragraph_of(para_starts, reg.end)] = found
    return finds


def only_connectives(lead: str) -> bool:
    """Whether the words before a quotation in its sentence are none, or only a connective
    that carries the speaker's statement on ('But "..."', 'And, "..."')."""
    words = [w.strip(",;:—–-").lower() for w in lead.split()]
    return all(w in lx.LEAD_CONNECTIVES for w in words if w)


def sentence_continuation(
    reg: Region, speech_tags: list[Candidate], finds: list[Found],
    quoted: list[tuple[int, int]], pstart: int,
) -> Found | None:
    """A quotation opening a later sentence of a paragraph with no tag of its own goes on
    from the speaker named last before it there: 'Smith added that X. "Y."'."""
    best: tuple[int, Span, TextSpan | None] | None = None
    for cand in speech_tags:
        at = cand.cue_span[0]
        if pstart <= at < reg.open_mark and not inside_pieces(quoted, at):
            if cand.speaker is not None and not inside_pieces(quoted, cand.speaker.start_char):
                best = (at, cand.speaker, None)
    if finds and pstart <= finds[-1].pieces[0][0] and finds[-1].speaker_span is not None:
        prev = finds[-1]
        if best is None or prev.pieces[-1][1] > best[0]:
            best = (prev.pieces[-1][1], prev.speaker_span, None)
    if best is None:
        return None
    return Found("direct", reg.pieces, best[2], antecedent(best[1]), CONFIDENCE["continuation"])


def antecedent(span: Span) -> Span:
    """A speaker carried on to a later quotation: a relative pronoun ('said Smith, who
    noted ...') gives way to the noun it stands for, named again nowhere else."""
    root = span.root
    if (len(span) == 1 and root.lower_ in lx.RELATIVE_PRONOUNS and root.head.dep_ == "relcl"
            and root.head.head.pos_ in {"NOUN", "PROPN"}):
        return noun_phrase(root.head.head)
    return span


def token_cue(tok: Token) -> TextSpan:
    """A tag's cue word; a colon the tokenizer glued to its neighbours ('Ohio):"I') alone."""
    if tok.text != ":" and ":" in tok.text:
        at = tok.idx + tok.text.index(":")
        return TextSpan(":", at, at + 1)
    return TextSpan(tok.text, tok.idx, tok.idx + len(tok.text))


def closes_introduced(text: str, reg: Region, pstart: int) -> bool:
    """Whether a quotation that words of its sentence introduce ends that sentence with a
    full stop: a cue after it belongs to the next sentence, not to a tag."""
    inner = text[reg.start:reg.end].rstrip(" " + QUOTE_CHARS)
    return inner.endswith(".") and bool(lead_in(text, reg, pstart).strip())


def attributed(
    doc: Doc, reg: Region, tag: Candidate | None, by_content: list[Candidate],
    cand_at: dict[int, Candidate], pstart: int, pend: int,
) -> Found | None:
    """The cascade of ways a quotation finds its speaker; None when none applies."""
    text = doc_text(doc)
    para = (pstart, pend)
    if tag is not None:
        tag.claimed = True
        return found_from_region(doc, reg, tag, "tag", para)
    if is_label(text, reg) and relative_label_verb(doc, reg) is None:
        return None  # 'the so-called "fan zone"': a reported clause around it stays indirect
    if is_set_off(doc, reg, pstart) and not lead_in(text, reg, pstart).strip():
        cand = tag_after(doc, reg, cand_at, pend)  # '"...," said X': before any parse reach
        if cand is not None:
            cand.claimed = True
            return found_from_region(doc, reg, cand, "tag", para)
    last_line = text.find("\n", reg.end)
    reach = (pstart, len(text) if last_line < 0 else last_line)
    for cand in by_content:
        if cand.claimed or not cand.speaker or inside_pieces(reg.pieces, cand.cue_span[0]):
            continue  # a cue inside the quotation is speech the speaker reports, not the tag
        if not reach[0] <= cand.cue_span[0] < reach[1]:
            continue  # a parse run on over a paragraph break: that cue reports its own words
        content = (cand.content[0][0], cand.content[-1][1])
        if content[0] > reg.end:
            break
        if quoted_between(doc, reg.end, cand.cue_span[0]):
            continue  # '"top secret" ..., with a caveat: "The person ...," the source said'
        shared = pieces_overlap(reg.pieces, content)
        if shared and (shared >= 0.5 * (content[1] - content[0]) or shared >= 0.5 * (
            reg.end - reg.start
        )):
            cand.claimed = True  # an outer cue yielding to an inner one gives no report of its own
            cand = innermost_cue(cand, reg, by_content)
            cand.claimed = True
            return found_from_region(doc, reg, cand, "content", para)
    for finder, how in ((tag_after, "tag"), (tag_before, "tag")):
        if finder is tag_after and closes_introduced(text, reg, pstart):
            continue  # 'X continued: "... ." He added that ...': the next sentence's own cue
        bound = pend if finder is tag_after else pstart
        cand = finder(doc, reg, cand_at, bound)
        if cand is not None:
            cand.claimed = True
            return found_from_region(doc, reg, cand, how, para)
    bare = bare_tag_after(doc, reg, pend) or loose_tag_after(doc, reg, pstart, pend)
    if bare is None and (bare := bare_tag_before(doc, reg, pstart)) is not None:
        verb, speaker = bare  # set off by its tag: 'He continued, "..."'
        cue = token_cue(verb)
        return Found("direct", reg.pieces, cue, speaker, CONFIDENCE["tag"])
    if bare is not None:
        verb, speaker = bare
        if verb.i in cand_at:  # '"...?" the reporter asked him': its object is no report
            cand_at[verb.i].claimed = True
        cue = token_cue(verb)
        return found_from_region(doc, reg, None, "tag", para, speaker, cue)
    colon = colon_subject(doc, reg, pstart)
    if colon is None and text[pstart:reg.open_mark].strip() == "" and pstart > 0:
        colon = colon_subject(doc, reg, previous_paragraph_start(text, pstart))
    if colon is not None:
        verb, speaker = colon
        cand = cand_at.get(verb.i)
        if cand is not None:
            cand.claimed = True
        cue = TextSpan(verb.text, verb.idx, verb.idx + len(verb.text))
        return found_from_region(doc, reg, None, "colon", para, speaker, cue)
    cand = governing_cue(doc, reg, cand_at)
    if cand is None or not reach[0] <= cand.cue_span[0] < reach[1]:
        return None
    if cand.claimed:  # 'said that "A," and "B"': B goes with A's speaker, when it is speech
        if word_count(text[reg.start:reg.end]) < lx.MIN_SPEECH_WORDS:
            return None
        kind: QuoteKind = "direct" if is_set_off(doc, reg, pstart) else "partial"
        return Found(kind, reg.pieces, cue_text(text, cand), cand.speaker,
                     CONFIDENCE["governing"])
    cand.claimed = True
    return found_from_region(doc, reg, cand, "governing", para)


def content_range(cand: Candidate) -> tuple[int, int]:
    """The offsets from the start of a candidate's content to its end."""
    return cand.content[0][0], cand.content[-1][1]


def innermost_cue(outer: Candidate, reg: Region, by_content: list[Candidate]) -> Candidate:
    """The speech verb inside the content of a cue of intention or feeling that reports
    the quoted words itself ('refused to reveal whether there were "other offers"':
    'reveal', not 'refused'); the smallest such content wins, ``outer`` when there is
    none or ``outer`` is itself a speech verb. A verb that describes a noun ('a memo
    that warns of a "crisis"') is the noun's, not the report's."""
    if cue_lemma(outer.cue) in lx.SPEECH_VERBS or outer.cue.pos_ != "VERB" or (
            outer.cue.lower_ == lx.ACCORDING_TO[0]):
        return outer
    lo, hi = content_range(outer)
    best, size = outer, hi - lo
    for cand in by_content:
        if cand is outer or cand.claimed or cand.speaker is None or not cand.content:
            continue
        start, end = content_range(cand)
        holds = lo <= cand.cue_span[0] and end <= hi and start <= reg.start <= reg.end <= end + 2
        reports = (cand.cue_span[1] <= start and cand.cue.pos_ == "VERB"
                   and cue_lemma(cand.cue) in lx.SPEECH_VERBS
                   and cand.cue.dep_ not in NOUN_CLAUSE_DEPS)
        if holds and reports and end - start < size:
            best, size = cand, end - start
    return best


def first_line_end(text: str) -> int:
    """Where the article's first line (its headline, when it has one) ends."""
    end = text.find("\n")
    return len(text) if end < 0 else end


def headline_find(doc: Doc) -> Found | None:
    """A headline that credits its words to a name before a colon: 'Smith: Deal Is
    "Dead"', 'Smith on Taxes: ...'. The name must be a short run of proper nouns."""
    text = doc_text(doc)
    line_end = first_line_end(text)
    colon = text.find(":", 0, line_end)
    if colon < 0:
        return None
    name = doc.char_span(0, colon, alignment_mode="contract")
    if name is None or not 0 < len(name) <= MAX_HEADLINE_NAME_TOKENS:
        return None
    words = list(name)
    on = next((t for t in words if t.lower_ == "on"), None)  # 'Smith on Taxes:'
    if on is not None:
        words = words[:on.i - name.start]
    if not words or not all(t.pos_ == "PROPN" or t.is_punct or named_later(t, line_end)
                            for t in words):
        return None
    start, end = trimmed(text, colon + 1, line_end)
    if word_count(text[start:end]) < MIN_HEADLINE_WORDS:
        return None
    speaker = doc[words[0].i:words[-1].i + 1]
    cue = TextSpan(":", colon, colon + 1)
    kind: QuoteKind = "partial" if any(ch in QUOTE_CHARS for ch in text[start:end]) else "indirect"
    return Found(kind, ((start, end),), cue, speaker, CONFIDENCE["colon"])


def named_later(tok: Token, after: int) -> bool:
    """Whether a capitalised headline word the tagger missed as a name ('Reid: ...') is a
    name in the article below it."""
    return tok.is_title and any(
        t.text == tok.text and (t.pos_ == "PROPN" or t.ent_type_ in NAME_ENTITIES)
        for t in tok.doc if t.idx > after)


def headline_cue_lemma(word: str) -> str | None:
    """The cue lemma of a capitalised present-tense verb in a headline ('Praises',
    'Urges', 'Says'), or None: a title-case headline leaves the tagger no verbs to see."""
    low = word.lower()
    for lemma in (low[:-2] if low.endswith("es") else None, low[:-1] if low.endswith("s") else None):
        if lemma and (lemma in lx.SPEECH_VERBS or lemma in lx.OBJECT_CONTENT_VERBS
                      or lemma in lx.COGNITION_VERBS):
            return lemma
    return None


def title_case_headline_find(doc: Doc) -> Found | None:
    """A title-case headline of the shape 'Name Verbs Content' ('Senator Jane Roe Praises
    Harbour Plan', 'Union Chief Urges Council to Wait'): the words before the verb are the
    speaker, the rest of the line the content."""
    text = doc_text(doc)
    line_end = first_line_end(text)
    line = doc.char_span(0, line_end, alignment_mode="contract")
    if line is None or len(line) < MIN_HEADLINE_WORDS + 1:
        return None
    words = [t for t in line if t.is_alpha]
    if sum(t.text[0].isupper() for t in words) < 0.8 * len(words):
        return None  # not title case: the parse can be trusted
    for tok in line[1:]:
        if not tok.text[0].isupper() or headline_cue_lemma(tok.text) is None:
            continue
        before = line[:tok.i - line.start]
        if not 0 < len(before) <= MAX_HEADLINE_NAME_TOKENS or not all(
                t.text[0].isupper() or t.is_punct for t in before):
            return None
        start, end = trimmed(text, tok.idx + len(tok.text), line_end)
        if word_count(text[start:end]) < 1:
            return None
        cue = TextSpan(tok.text, tok.idx, tok.idx + len(tok.text))
        return Found("indirect", ((start, end),), cue, before, CONFIDENCE["colon"])
    return None


def inside_pieces(pieces: Iterable[tuple[int, int]], offset: int) -> bool:
    return any(s <= offset < e for s, e in pieces)


def previous_paragraph_start(text: str, pstart: int) -> int:
    """Where the paragraph before ``pstart`` starts, over any blank lines between."""
    return text.rfind("\n", 0, len(text[:pstart].rstrip())) + 1


def cue_text(text: str, cand: Candidate) -> TextSpan:
    return TextSpan(text[cand.cue_span[0]:cand.cue_span[1]], *cand.cue_span)


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
    known = [(i, rng) for i, (c, rng) in enumerate(zip(left, ranges, strict=True))
             if c.how != "open"]
    for n, (cand, rng) in enumerate(zip(left, ranges, strict=True)):
        cue_at = cand.cue_span[0]
        context = []
        for lo, hi, kind in taken:
            if overlap(rng, (lo, hi)) >= 0.5 * (rng[1] - rng[0]):
                context.append(f"inside:{kind}")
            if lo <= cue_at < hi:
                context.append(f"cue-inside:{kind}")
        if any(lo <= cue_at < hi and (lo, hi) != rng for lo, hi in ranges):
            context.append("nested")
        size = rng[1] - rng[0]
        if any(i != n and 2 * overlap(rng, other) >= max(size, other[1] - other[0])
               for i, other in known):
            context.append("same-content")
        cand.context = tuple(sorted(set(context)))
    return left


def indirect_find(cand: Candidate, text: str) -> Found:
    return Found("indirect", tuple(cand.content), cue_text(text, cand), cand.speaker,
                 CONFIDENCE[cand.how])


def speaker_of(span: Span, resolver: SpeakerResolver) -> Speaker:
    """The resolver's speaker for ``span``; a relative pronoun ('X, who said') that it
    leaves unnamed takes its antecedent's name and keeps the pronoun as the mention."""
    speaker = resolver.speaker_for(span)
    root = span.root
    if (speaker.name is None and len(span) == 1 and root.lower_ in lx.RELATIVE_PRONOUNS
            and root.head.dep_ == "relcl" and root.head.head.i != root.head.i):
        named = resolver.speaker_for(noun_phrase(root.head.head))
        return replace(named, mention=TextSpan(span.text, span.start_char, span.end_char))
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
    pending = sorted(candidates + open_verb_candidates(doc), key=lambda c: c.cue_span[0])
    return Stages(finds, reported_candidates(pending, finds))


def find_quotes(
    doc: Doc, resolver: SpeakerResolver, model: AttributionModel | None = None,
) -> list[Quote]:
    """Direct, partial and reported quotations of ``doc``, in text order. ``model`` decides
    which candidates for reported speech are reports (the packaged model by default)."""
    text = doc_text(doc)
    model = model or packaged_model()
    stages = quote_stages(doc)
    finds = stages.finds + [indirect_find(c, text) for c in stages.reported
                            if model.keeps(c.cue, c.speaker, c.content, c.how, c.context)]
    finds.sort(key=lambda f: (f.pieces[0][0], f.pieces[-1][1]))
    quotes = []
    for n, f in enumerate(finds):
        speaker = speaker_of(f.speaker_span, resolver) if f.speaker_span else None
        quotes.append(Quote(
            id=f"q{n}", kind=f.kind,
            text=" ".join(text[s:e] for s, e in f.pieces),
            start=f.pieces[0][0], end=f.pieces[-1][1], spans=f.pieces,
            cue=f.cue, speaker=speaker, confidence=f.confidence,
        ))
    return quotes
