"""The same quotation again: one speaker's statement reported in several articles.

A cross-article stage (``newsgraph.resolve.stages``). Each live quotation with enough
content is indexed under its speaker's scopes and its content words; a new quotation's
candidates are the indexed quotations sharing keys with it (``quote_keys``, never a scan),
and it joins the group of the best one that passes ``same_statement``:

1. the speakers must be one (``same_speaker``): the same cross-article identity (speaker
   entity -> ``identity_members``), else the same surname when one side has no identity;
   two unnamed sources of the same kind (the head word of the description: "police",
   "officials"; a pronoun or none matches any). Speakers that are only *possibly* one (one
   name under two identities, a named and an unnamed source, two sources described
   differently) are linked only by a long, nearly word-for-word copy; anyone else never;
2. there must be enough content: at least ``MIN_CONTENT`` content words (no stop words, no
   reporting verbs), so "we will see" or a two-word partial quotation never links; an
   unnamed source's quotation counts only after a word of saying ("police said", not the
   narrative "is expected to");
3. the words must be those of one statement: near-verbatim text (trimmed, an ellipsis, a
   changed word: ``fuzz.partial_ratio`` of the normalised texts with most content words
   shared), or, for reworded or reported speech, most of the shorter one's content words
   (Snowball stems) in the longer one and a fair share of the longer one's; two unnamed
   sources need most of both quotations' words.

4. for one named speaker (``linked``), a reworded report that shares fewer words passes
   when something else shows it is the same statement and the quotations still share at
   least ``MIN_SHARED`` content words: the same words in quotation marks in both
   (``quoted_anchor``: "a "softcore" form of denial" / "what she called "softcore"
   denial"), a run of ``SHARED_RUN`` content words in the same order (a clause copied
   from one report into another), or the two whole sentences around the quotations
   mostly the same (``sentence``: a reported-speech clause cut differently by the
   extractor);
5. a speaker given only as a pronoun ("he said", nothing resolved) counts as a named
   person whose name is in the article just before the quotation (``pronoun_for``), and
   speakers only possibly one are also linked by a long quotation copied word for word
   into a longer one; a quotation that only names an utterance ("made the remarks at
   the summit": ``meta_reference``) is not indexed.

A new quotation matching members of two groups joins them into one (a statement split
over two sentences in one article and given in one piece in another).

Two statements of one speaker on one topic share topic words but not most of their content,
and the same words said by someone else fail the speaker test. An updated article's
quotations leave their groups (a group left with one quotation is dissolved) and are added
again. The thresholds are data below, tested in ``tests/test_resolve_quotes.py`` and chosen
on the tuning half of the wire gold (``examples/wire-dev/quote_groups.tune.json``).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import snowballstemmer
from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from newsgraph.nlp.lexicon import SPEECH_VERBS
from newsgraph.store import quote_groups as sql

if TYPE_CHECKING:
    from newsgraph.store import Store

# --- rules as data ---

MIN_CONTENT = 3  # content words a quotation needs to be compared at all (tuned: 3 vs 4)
MIN_SHARED = 3  # content words two quotations of a named speaker must share
MIN_OVERLAP = 0.6  # shared / the shorter one's content words, for reworded speech
MIN_COVER = 0.2  # shared / the longer one's content words, for reworded speech (tuned)
NEAR_VERBATIM = 90.0  # partial_ratio of the normalised texts for a near-verbatim copy
UNNAMED_SHARED = 6  # both speakers unnamed: content words shared ...
UNNAMED_OVERLAP = 0.7  # ... and the share of the longer one's (both mostly the same words)
VERBATIM_OVERLAP = 0.8  # a near-verbatim copy holds most of the shorter one's content words
LONG_SHARED = 8  # a long verbatim copy: content words shared ...
LONG_COVER = 0.9  # ... and the share of the longer one's
CONTAINED = 0.9  # or: the share of the shorter one's (the shorter copied into a longer one)
CONTAINED_VERBATIM = 95.0  # ... word for word (partial_ratio of the normalised texts)
ANCHOR_OVERLAP = 0.3  # one speaker, the same words in quotation marks in both: shared / shorter
CONTEXT_QUOTE_OVERLAP = 0.45  # one speaker, a reworded report: shared / shorter ...
CONTEXT_OVERLAP = 0.7  # ... and of the two whole sentences: shared / shorter ...
CONTEXT_COVER = 0.5  # ... shared / longer
SHARED_RUN = 5  # one speaker, a run of this many content words in the same order in both
DESCRIBED_SHARED = 5  # an unnamed source described as the named one: content words shared ...
DESCRIBED_OVERLAP = 0.8  # ... the share of the shorter one's ...
DESCRIBED_COVER = 0.5  # ... and of the longer one's
MERGE_GROUPS = True  # a quotation matching members of two groups joins them into one
CANDIDATE_MIN_KEYS = 2  # keys a candidate must share to be read at all
CANDIDATE_CAP = 100  # most recent quotations read under one key (common keys are cut)
CANDIDATE_TOP = 50  # candidates compared: those sharing the most keys

# Words that carry no statement of their own beyond spaCy's stop words: reporting verbs,
# titles, and the modal and pronoun shifts of reported speech.
EXTRA_STOP = frozenset(
    """said say says saying told tell tells added adding stressed noted stated declared
    insisted urged warned according quoted mr mrs ms dr prof would could will shall might
    must also percent cent per year years today yesterday tomorrow""".split()
)
STOP = frozenset(STOP_WORDS) | EXTRA_STOP

_STEMMER = snowballstemmer.stemmer("english")
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


# An unnamed source's quotation is compared only when its cue is a word of saying (the
# extractor also reports narrative clauses with cues such as "required" or "expected").
IRREGULAR_SAYING = frozenset({"said", "told", "wrote", "spoke", "according", "believe", "show"})


# --- pure rules ---


@lru_cache(maxsize=200_000)  # news reuses its words: each is stemmed once per process
def stem(word: str) -> str:
    """The Snowball (Porter2) English stem, so 'reforms'/'reform', 'talks'/'talking' and
    'charges'/'charge' compare equal."""
    return _STEMMER.stemWord(word)


def content_words(text: str) -> list[str]:
    """The stemmed content words of a quotation, in order (repeats kept)."""
    out = []
    for token in WORD.findall(text.lower()):
        token = re.sub(r"['’]s$", "", token)
        if len(token) < 2 or token in STOP:
            continue
        out.append(stem(token))
    return out


def normalised(text: str) -> str:
    """Lower-case words joined by single spaces (no quote marks, ellipses, punctuation)."""
    return " ".join(WORD.findall(text.lower()))


def surname(name: str | None) -> str | None:
    """The last word of a speaker's name, lower-case; None when there is no name."""
    if not name:
        return None
    words = WORD.findall(name.lower())
    return words[-1] if words else None


def name_words(name: str | None) -> tuple[str, ...]:
    """The words of a speaker's name that can identify it, lower-case (initials dropped)."""
    return tuple(w for w in WORD.findall((name or "").lower()) if len(w) > 1)


def _word_matches(a: str, b: str) -> bool:
    """One name word stands for another: equal, or a short form of it ("pete"/"peter")."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and long.startswith(short)


def names_compatible(a: str | None, b: str | None) -> bool:
    """Whether two names can be one person's: the same last word, and every other word of
    the shorter name stands for one of the longer ("Smith" / "John Smith", "Pete Smith" /
    "Peter Smith"; not "George Bush" / "Jeb Bush", nor "Ann Lee" / "Ann Leeson"). A lone
    word that is not the other's last (a family name given first: "Tan" / "Tan Wei") is
    left out: allowed, it made more wrong links than right ones on the wire gold."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    short, long = sorted((wa[:-1], wb[:-1]), key=len)
    return all(any(_word_matches(w, v) for v in long) for w in short)


PRONOUNS = frozenset("it he she they this that which who".split())


def source_head(description: str | None) -> str | None:
    """The stemmed head word of an unnamed speaker's description ("a well-informed police
    source" -> "sourc", "local government officials" -> "offici"); None for none or a
    pronoun."""
    words = WORD.findall((description or "").lower())
    if not words or words[-1] in PRONOUNS:
        return None
    return stem(words[-1])


@dataclass(frozen=True)
class Speaker:
    identity: str | None  # cross-article identity of the speaker entity
    surname: str | None  # last word of the speaker's name
    source: str | None = None  # unnamed: head word of the description
    name: str | None = None  # the whole name, normalised
    person: bool = True  # a person (a partial name stands for the whole one only then)

    @property
    def unnamed(self) -> bool:
        return self.identity is None and self.surname is None


# How sure two speakers are one: not at all, possibly (only a long verbatim copy links
# them), or surely (the rules of ``same_statement`` apply). DESCRIBED: possibly one, and
# the unnamed side's description fits the other (``described``): a strong overlap links.
DIFFERENT, POSSIBLY, SAME = 0, 1, 2
DESCRIBED = 3


def same_speaker(a: Speaker, b: Speaker) -> int:
    """SAME: one identity; or names that can be one person's (``names_compatible``: a
    partial name, a short first name) where a side has no identity or the identities stage
    kept a partial name apart; or two unnamed sources whose descriptions have the same head
    word (or one has none: "it said").
    POSSIBLY: two identities under the very same name (the identities stage kept them
    apart), a named and an unnamed speaker, two unnamed sources described differently.
    DIFFERENT: anyone else."""
    if a.unnamed and b.unnamed:
        agree = a.source is None or b.source is None or a.source == b.source
        return SAME if agree else POSSIBLY
    if a.unnamed or b.unnamed:
        return POSSIBLY
    if a.identity is not None and b.identity is not None:
        if a.identity == b.identity:
            return SAME
        if a.name is not None and a.name == b.name:
            return POSSIBLY
    if a.person or b.person:  # the entity type of a lone surname is often wrong
        return SAME if names_compatible(a.name or a.surname, b.name or b.surname) else DIFFERENT
    return SAME if a.surname == b.surname else DIFFERENT


# Heads of descriptions that say nothing of who spoke ("sources said", "a statement said",
# "reports said"): they fit no one in particular.
VAGUE_HEADS = frozenset(stem(w) for w in """source sources report reports statement media
    people residents witnesses eyewitnesses analysts observers experts figures data""".split())


def description_words(description: str | None) -> list[str]:
    return [stem(w) for w in WORD.findall((description or "").lower())]


def descriptions_agree(a: str | None, b: str | None) -> bool:
    """Two unnamed sources described differently that may still be one: the head word of
    one is a word of the other ("police" / "a police spokesman", "the ministry" / "a
    ministry official"), and neither head is a vague one ("sources", "a statement")."""
    head_a, head_b = source_head(a), source_head(b)
    if head_a is None or head_b is None or head_a in VAGUE_HEADS or head_b in VAGUE_HEADS:
        return False
    return head_a in description_words(b) or head_b in description_words(a)


def description_fits(description: str | None, person: bool, named: str) -> bool:
    """Whether an unnamed source's description may stand for a named speaker: its head
    word is in the named speaker's name or in the sentence that names them ("a ministry
    spokesman" / "Foreign Ministry spokesman Liu Wei said"); a plural ("officials") stands
    for no single person, and a vague head ("sources") for no one."""
    words = WORD.findall((description or "").lower())
    if not words or words[-1] in PRONOUNS:
        return False
    head = stem(words[-1])
    if head in VAGUE_HEADS or (person and words[-1].endswith("s") and head != words[-1]):
        return False
    return head in {stem(w) for w in WORD.findall(named.lower())}


def described_statement(sim: Similarity) -> bool:
    """The words two reports must share when an unnamed source's description fits a named
    speaker: most of both quotations, not a few topic words."""
    return (sim.shared >= DESCRIBED_SHARED and sim.overlap >= DESCRIBED_OVERLAP
            and sim.cover >= DESCRIBED_COVER)


def trigrams(words: Sequence[str]) -> set[str]:
    return {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}


def index_keys(speaker: Speaker, words: Sequence[str]) -> list[str]:
    """The inverted-index keys of a quotation: each content word under each speaker scope
    ("i:<identity>|word", "s:<surname>|word"); and, for an unnamed speaker or a quotation
    long enough to be matched whoever said it, runs of three content words ("v|a b c")."""
    keys: set[str] = set()
    if speaker.identity is not None:
        keys |= {f"i:{speaker.identity}|{w}" for w in words}
    if speaker.surname is not None:
        keys |= {f"s:{speaker.surname}|{w}" for w in words}
    if speaker.unnamed or len(set(words)) >= LONG_SHARED:
        keys |= {f"v|{t}" for t in trigrams(words)}
    return sorted(keys)


def _saying_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in SPEECH_VERBS | IRREGULAR_SAYING)


SAYING = _saying_stems()


def saying_cue(cue: str | None) -> bool:
    """Whether a quotation's cue ("said", "according to", "told reporters") is a word of
    saying or of a stated belief."""
    words = WORD.findall((cue or "").lower())
    return bool(words) and (words[0] in IRREGULAR_SAYING or stem(words[0]) in SAYING)


@dataclass(frozen=True)
class Similarity:
    shared: int  # distinct content words in both
    overlap: float  # shared / distinct content words of the shorter
    cover: float  # shared / distinct content words of the longer
    verbatim: float  # partial_ratio of the normalised texts, 0-100

    @property
    def score(self) -> float:
        return self.overlap + self.verbatim / 100


def word_similarity(a_words: Sequence[str], b_words: Sequence[str]) -> Similarity:
    """The shared content words alone (no verbatim score): for whole sentences."""
    a, b = set(a_words), set(b_words)
    shared = len(a & b)
    shorter = min(len(a), len(b)) or 1
    longer = max(len(a), len(b)) or 1
    return Similarity(shared, shared / shorter, shared / longer, 0.0)


def similarity(a_text: str, a_words: Sequence[str], b_text: str, b_words: Sequence[str]) -> Similarity:
    words = word_similarity(a_words, b_words)
    verbatim = fuzz.partial_ratio(normalised(a_text), normalised(b_text))
    return Similarity(words.shared, words.overlap, words.cover, float(verbatim))


def enough_content(words: Sequence[str]) -> bool:
    return len(set(words)) >= MIN_CONTENT


# "made the remarks at the opening", "repeated these comments on Monday": the quotation
# names an utterance instead of giving its content.
META_REFERENCE = re.compile(
    r"^(?:the|these|those|this|that|his|her|their|its|such)\s+"
    r"(?:remarks?|comments?|statements?|speech(?:es)?|announcements?|words)"
    r"(?:\s+(?:here|there|at|in|on|during|while|when|after|before|as)\b|\s*[,.;]|\s*$)",
    re.IGNORECASE)


def meta_reference(text: str) -> bool:
    """Whether a quotation only points at an utterance and its occasion ("the remarks at
    the opening", "these comments on Monday"), not "the remarks were unfair"."""
    return bool(META_REFERENCE.match(text.strip(" \"'“”‘’")))


def longest_run(a: Sequence[str], b: Sequence[str]) -> int:
    """The longest run of content words found in the same order, one after the other, in
    both quotations (a clause copied from one report into the other)."""
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def long_verbatim(sim: Similarity) -> bool:
    """A long quotation copied nearly word for word, whole or into a longer report of it:
    enough to link speakers that are only possibly one (a named source and an unnamed one,
    say)."""
    if sim.shared < LONG_SHARED:
        return False
    return sim.cover >= LONG_COVER or (sim.overlap >= CONTAINED
                                        and sim.verbatim >= CONTAINED_VERBATIM)


def same_statement(sim: Similarity, both_unnamed: bool, speakers: int = SAME) -> bool:
    """Whether two quotations are one statement, given how sure it is that their speakers
    are one (``same_speaker``; see the module doc)."""
    if speakers == DIFFERENT:
        return False
    if speakers == DESCRIBED and not both_unnamed:
        return long_verbatim(sim) or described_statement(sim)
    if speakers == POSSIBLY:
        return long_verbatim(sim)
    if both_unnamed:
        return sim.shared >= UNNAMED_SHARED and sim.cover >= UNNAMED_OVERLAP
    near_verbatim = sim.verbatim >= NEAR_VERBATIM and sim.overlap >= VERBATIM_OVERLAP
    if sim.shared >= MIN_CONTENT and near_verbatim:
        return True
    return sim.shared >= MIN_SHARED and sim.overlap >= MIN_OVERLAP and sim.cover >= MIN_COVER


# A sentence ends at a full stop, question or exclamation mark (a closing quotation mark
# may follow) before a space and a capital or an opening mark; or at a line break.
SENTENCE_END = re.compile(r"""[.!?]["'”’]?\s+(?=["“‘(]?[A-Z])|\n""")
QUOTED = re.compile(r"""["“”]([^"“”]+)(?:["“”]|$)""")


def sentence(before: str, span: str, after: str) -> str:
    """The sentence a quotation stands in: the end of ``before`` since its last sentence
    end, the quotation's own ``span`` of the article, and ``after`` up to its first."""
    ends = list(SENTENCE_END.finditer(before))
    head = before[ends[-1].end():] if ends else before
    first = SENTENCE_END.search(after)
    tail = after[: first.start() + 1] if first else after
    return head + span + tail


def quoted_runs(text: str) -> list[tuple[str, ...]]:
    """The content words (stems) of each stretch a reporter put in quotation marks inside
    a quotation ("of "softcore" denial" -> ("softcor",)); a stretch left open at the end
    counts."""
    return [run for run in (tuple(content_words(m.group(1))) for m in QUOTED.finditer(text))
            if run]


def _contains(words: Sequence[str], run: Sequence[str]) -> bool:
    n = len(run)
    return any(tuple(words[i:i + n]) == tuple(run) for i in range(len(words) - n + 1))


def quoted_anchor(a_text: str, b_text: str) -> bool:
    """Whether both quotations hold the same words in quotation marks: a stretch one
    reporter quoted is found inside a stretch the other quoted (one word of at least six
    letters, or two words or more), the speaker's own words in both reports."""
    a_runs, b_runs = quoted_runs(a_text), quoted_runs(b_text)
    for x, y in ((a_runs, b_runs), (b_runs, a_runs)):
        for run in x:
            if len(run) == 1 and len(run[0]) < 6:
                continue
            if any(_contains(other, run) for other in y):
                return True
    return False


def mentioned(name: str | None, text: str) -> bool:
    """Whether a word of ``name`` (three letters or more) is in ``text``, capitalised."""
    for word in name_words(name):
        if len(word) >= 3 and re.search(rf"\b{re.escape(word.capitalize())}\b", text):
            return True
    return False


def pronoun_for(unnamed: Speaker, before: str, named: Speaker) -> bool:
    """Whether an unnamed speaker given as a pronoun or not at all ("he said") may be a
    named person: the person's name is in the article just before the quotation."""
    return (unnamed.unnamed and unnamed.source is None and not named.unnamed
            and named.person and mentioned(named.name, before))


def linked(sim: Similarity, both_unnamed: bool, speakers: int,
           context: Similarity | None = None, anchor: bool = False, run: int = 0) -> bool:
    """``same_statement``, or, for one named speaker, a reworded report that the quoted
    words (``anchor``: the same words in quotation marks in both) or the two sentences
    around the quotations (``context``: the similarity of their content words) show is one
    statement; the quotations themselves must still share a fair part of their words."""
    if same_statement(sim, both_unnamed, speakers):
        return True
    if speakers != SAME or both_unnamed or sim.shared < MIN_SHARED:
        return False
    if anchor and sim.overlap >= ANCHOR_OVERLAP:
        return True
    if run >= SHARED_RUN:
        return True
    return (context is not None and sim.overlap >= CONTEXT_QUOTE_OVERLAP
            and context.overlap >= CONTEXT_OVERLAP and context.cover >= CONTEXT_COVER)


# --- the stage ---


def update(store: Store, articles: list[str]) -> dict[str, int]:
    """Take in ``articles`` (new or updated, oldest first): their old quotations leave the
    index and their groups, the current ones are matched through the index and added."""
    conn = store.conn
    counts = {"quotes": 0, "indexed": 0, "linked": 0, "groups": 0, "removed": 0,
              "dissolved": 0}
    for article in articles:
        removed = sql.remove_article(conn, article)
        counts["removed"] += removed["removed"]
        counts["dissolved"] += removed["dissolved"]
        for quote in sql.article_quotes(conn, article):
            counts["quotes"] += 1
            outcome = add_quotation(conn, quote)
            for key in outcome:
                counts[key] += 1
    return counts


def add_quotation(conn: sqlite3.Connection, quote: dict[str, Any]) -> list[str]:
    """Index one quotation and put it in the group of its best match; what happened
    ("indexed", and "linked" / "groups" when it joined or founded a group)."""
    words = content_words(quote["text"])
    if not enough_content(words) or meta_reference(quote["text"]):
        return []
    last = surname(quote["speaker_name"])
    source = source_head(quote["speaker_description"]) if last is None else None
    full = normalised(quote["speaker_name"]) if last is not None else None
    speaker = Speaker(quote["identity_id"], last, source, full, quote["speaker_type"] == "PERSON")
    if speaker.unnamed and not saying_cue(quote["cue_text"]):
        return []
    keys = index_keys(speaker, words)
    matches = []
    around: list[str] | None = None
    for cand in sql.candidates(conn, keys, CANDIDATE_MIN_KEYS, CANDIDATE_CAP,
                               CANDIDATE_TOP):
        other = Speaker(cand["identity_id"], cand["surname"], cand["source"], cand["name"],
                        cand["speaker_type"] == "PERSON")
        speakers = same_speaker(speaker, other)
        if speakers == POSSIBLY and (pronoun_for(speaker, quote["before"], other)
                                     or pronoun_for(other, cand["before"], speaker)):
            speakers = SAME
        if speakers == POSSIBLY and described(conn, speaker, quote, other, cand):
            speakers = DESCRIBED
        if speakers == DIFFERENT:
            continue
        sim = similarity(quote["text"], words, cand["text"], cand["words"])
        both_unnamed = speaker.unnamed and other.unnamed
        if same_statement(sim, both_unnamed, speakers):
            matches.append((sim.score, cand))
            continue
        if speakers != SAME or both_unnamed or sim.shared < MIN_SHARED:
            continue
        # a reworded report: what else shows one statement (read only now, as it costs)
        context = None
        if sim.overlap >= CONTEXT_QUOTE_OVERLAP:
            if around is None:
                around = content_words(sentence(quote["before"], quote["span"], quote["after"]))
            theirs = content_words(sentence(cand["before"], cand["span"], cand["after"]))
            context = word_similarity(around, theirs)
        anchor = quoted_anchor(quote["span"], cand["span"])
        run = longest_run(words, cand["words"])
        if linked(sim, both_unnamed, speakers, context, anchor, run):
            matches.append((sim.score, cand))
    sql.add_quotation(conn, quote["quote_row"], quote["article_id"], speaker.identity,
                      speaker.surname, speaker.source, speaker.name, words, keys)
    outcome = ["indexed"]
    if not matches:
        return outcome
    matches.sort(key=lambda m: (-m[0], m[1]["quote_row"]))
    group = matches[0][1]["group_id"]
    if group is None:
        group = sql.new_group(conn)
        outcome.append("groups")
    joining = [quote["quote_row"]] + [c["quote_row"] for _, c in matches if c["group_id"] is None]
    sql.set_group(conn, joining, group)
    others = sorted({c["group_id"] for _, c in matches} - {None, group})
    if MERGE_GROUPS and others:
        sql.merge_groups(conn, group, others)
    outcome.append("linked")
    return outcome


def described(conn: sqlite3.Connection, a: Speaker, a_quote: dict[str, Any], b: Speaker,
              b_quote: dict[str, Any]) -> bool:
    """Whether speakers only possibly one are described as one: two unnamed sources whose
    descriptions agree (``descriptions_agree``), or an unnamed source whose description
    fits the named speaker of the other report (``description_fits``, read against the
    name, the titles its article gives the speaker and the sentence around the quotation)."""
    if a.unnamed and b.unnamed:
        return descriptions_agree(a_quote["speaker_description"], b_quote["speaker_description"])
    if a.unnamed == b.unnamed:
        return False
    unnamed, named, quote = (a_quote, b, b_quote) if a.unnamed else (b_quote, a, a_quote)
    if description_fits(unnamed["speaker_description"], named.person, named.name or ""):
        return True
    if source_head(unnamed["speaker_description"]) is None:
        return False  # (nothing more to read)
    around = sentence(quote["before"], quote["span"], quote["after"])
    titles = sql.speaker_titles(conn, quote["quote_row"])
    return description_fits(unnamed["speaker_description"], named.person, f"{titles} {around}")


def clear(store: Store) -> None:
    sql.clear(store.conn)
