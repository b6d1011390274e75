"""Shared ground of the quotation stage: constants, the ``Candidate``, ``Region`` and
``Found`` records, and small helpers over characters, tokens and cues."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, HEAD, LOWER, POS
from spacy.tokens import Doc, Span, Token

from newsgraph.model import QuoteKind, TextSpan
from newsgraph.nlp import lexicon as lx

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
# Verbs of a tag that may stand before its speaker at the head of a sentence ('Said Roe:',
# 'Continued the senator:'): the speech verbs and 'continue'.
INVERTED_TAG_VERBS = lx.SPEECH_VERBS | frozenset({"continue"})
# How many heads up from a quotation ``clause_subject`` looks for the verb that holds it.
MAX_CLAUSE_CLIMB = 6
# Past forms of speech verbs that do not end in -ed, by their verb.
IRREGULAR_PAST = {"said": "say", "wrote": "write", "told": "tell"}
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
    "target": 0.5,
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

    @classmethod
    def of_word(cls, cue: Token, speaker: Span | None,
                content: list[tuple[int, int]] | None = None, how: str = "indirect") -> Candidate:
        """A candidate whose cue is the one word ``cue``."""
        return cls(cue=cue, cue_span=(cue.idx, cue.idx + len(cue.text)), speaker=speaker,
                   content=content or [], how=how)


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


@dataclass(frozen=True)
class Found:
    kind: QuoteKind
    pieces: tuple[tuple[int, int], ...]
    cue: TextSpan | None
    speaker_span: Span | None
    confidence: float
    # how the quotation was tied to its speaker's words (a key of ``CONFIDENCE``, or
    # 'credit', 'sentence', 'headline'): the route shown as evidence (``quotes.evidence``)
    how: str = ""


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


def tagged(doc: Doc, parts: Collection[str]) -> list[Token]:
    """The words, in text order, whose part of speech is one of ``parts`` (read from the
    parse's arrays: the other words are never built as tokens)."""
    if not len(doc):
        return []
    pos = doc.to_array([POS])
    wanted = np.array([doc.vocab.strings[p] for p in parts], dtype=np.uint64)
    return [doc[int(i)] for i in np.flatnonzero(np.isin(pos, wanted))]


def heads_of(doc: Doc, deps: Collection[str], words: Collection[str] = ()) -> list[Token]:
    """The words, in text order, with a child linked by one of ``deps`` (and, if ``words``
    is given, written as one of them in lower case). Read from the parse's arrays, so the
    words of the article are not walked one by one."""
    if not len(doc):
        return []
    arr = doc.to_array([DEP, LOWER, HEAD])  # hashes, as unsigned 64-bit integers
    strings = doc.vocab.strings
    keep = np.isin(arr[:, 0], np.array([strings[d] for d in deps], dtype=np.uint64))
    if words:
        keep &= np.isin(arr[:, 1], np.array([strings[w] for w in words], dtype=np.uint64))
    children = np.flatnonzero(keep)
    offsets = arr[children, 2].astype(np.int64)  # a head's offset from its child, signed
    return [doc[int(i)] for i in np.unique(children + offsets)]


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


def set_off_before(tok: Token, marks: Collection[str]) -> bool:
    """Whether ``tok`` follows one of ``marks`` (a comma, a dash), or a closing quotation
    mark right after one ('"... a mess," adding'): set off from the words before it."""
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    if before is None:
        return False
    if before.text in marks:
        return True
    return (all(ch in QUOTE_CHARS for ch in before.text) and tok.i > 1
            and doc[tok.i - 2].text in marks and not doc[tok.i - 2].whitespace_)


def word_count(text: str) -> int:
    return len(text.split())


def cue_text(text: str, cand: Candidate) -> TextSpan:
    return TextSpan(text[cand.cue_span[0]:cand.cue_span[1]], *cand.cue_span)


def content_range(cand: Candidate) -> tuple[int, int]:
    """The offsets from the start of a candidate's content to its end."""
    return cand.content[0][0], cand.content[-1][1]


class Covering:
    """Which of a set of ranges cover a position, asked once per candidate: the ranges are
    sorted by start, with the furthest end so far (and the furthest among the other ranges)
    kept for each prefix, so each question is a binary search instead of a pass."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.best: list[tuple[int, tuple[int, int]]] = []  # (furthest end, its range)
        self.second: list[int] = []  # furthest end among ranges other than that one
        best_end, best, second = -1, (-1, -1), -1
        for rng in sorted(set(ranges)):
            if rng[1] > best_end:
                second, best_end, best = max(second, best_end), rng[1], rng
            else:
                second = max(second, rng[1])
            self.starts.append(rng[0])
            self.best.append((best_end, best))
            self.second.append(second)

    def other_than(self, own: tuple[int, int], at: int) -> bool:
        """Whether a range other than ``own`` starts at or before ``at`` and ends after it."""
        k = bisect_right(self.starts, at) - 1
        if k < 0:
            return False
        end, rng = self.best[k]
        return end > at if rng != own else self.second[k] > at
