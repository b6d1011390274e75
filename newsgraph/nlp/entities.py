"""Entity clean-up over spaCy's named entities, and name chains within one article.

The small spaCy model errs systematically: acronyms tagged PERSON, parties tagged PERSON,
possessives inside spans ("Tony Blair’s"), honorifics left out or kept in. This module
turns ``doc.ents`` into clean name mentions and groups them into one cluster per identity:

1. ``name_mentions``: spans trimmed of determiners, honorifics (kept as data) and
   possessives; adjacent pieces of one name merged ("Jewish" + "Labour Movement").
2. ``learn_acronyms``: acronym -> long form, from "Long Form (LF)" and from initials of a
   capitalised phrase of the article.
3. ``cluster_mentions``: one type per name by voting over its mentions; people chained by
   surname, first name and nickname; organisations by name, acronym and generic suffix.
4. ``media_kind``: outlets recognised by generic cues ("told X", "X presenter").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import names
from newsgraph.nlp.base import doc_text
from newsgraph.resolve.names import (
    ends_as_organisation,
    is_adjective_or_place_word,
    long_form_key,
)

NAME_LABELS = frozenset({
    "PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
})
ORG_LIKE = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"})
# Votes a piece of evidence casts for a name's type.
VOTE_LABEL = 1.0  # spaCy's label on one mention
VOTE_WEAK_LABEL = 0.5  # PRODUCT / WORK_OF_ART, often an organisation misread
VOTE_HONORIFIC = 3.0  # "Mr X" is a person
VOTE_FIRST_NAME = 1.5  # "Grace Holt": a known first name and a capitalised word
VOTE_SURNAME = 2.0  # "X" is the surname of a full name typed PERSON
VOTE_TITLE_AFTER = 1.5  # "X chair", "X spokesman": X is an organisation
VOTE_ACRONYM = 10.0  # "X" is the acronym of an organisation of this article
VOTE_PRESS_NOUN = 3.0  # "the daily X": X is a newspaper
LOWER_WORD_RE = re.compile(r"(?<![\w-])[a-z][a-z-]*\b")
ACRONYM_RE = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Z0-9&]{1,5}$")
# Types of places and nationalities: never an organisation's short form.
PLACE_TYPES = frozenset({"GPE", "LOC", "NORP", "FAC"})
# Types a one-word name may have to be the short form of an organisation named in full.
SHORT_FORM_TYPES = frozenset({"ORG", "MISC"})


@dataclass
class Mention:
    """One clean name mention: token range of the name, plus honorific tokens before it."""

    start: int  # first token of the name (after honorific and determiner)
    end: int  # token after the name (possessive excluded)
    start_char: int  # first character of the mention, honorific included
    end_char: int  # end of the name, possessive excluded
    name: str  # the name without honorific or possessive
    label: str  # spaCy's label (or the evidence that made it)
    honorific: str | None = None
    head_start: int = -1  # first token of the mention, honorific included

    @property
    def key(self) -> str:
        return name_key(self.name)


@dataclass
class Cluster:
    """One identity within the article: its mentions, type and kind."""

    id: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    kind: str | None = None
    gender: str = ""

    _name: str | None = None

    @property
    def name(self) -> str:
        """The fullest name (computed once: clusters are final when read)."""
        if self._name is None:
            self._name = fullest_name(self.mentions, self.type)
        return self._name

    @property
    def honorifics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.honorific for m in self.mentions if m.honorific))

    def aliases(self, text: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(text[m.start_char:m.end_char] for m in self.mentions))


@dataclass
class EntityTable:
    """The clusters of one article, indexed by token."""

    clusters: list[Cluster]
    token_cluster: list[int]  # cluster index per token, -1 outside names
    acronyms: dict[str, str]  # acronym -> long form key

    def at(self, i: int) -> Cluster | None:
        n = self.token_cluster[i] if 0 <= i < len(self.token_cluster) else -1
        return self.clusters[n] if n >= 0 else None

    def mention_at(self, i: int) -> Mention | None:
        c = self.at(i)
        if c is None:
            return None
        return next((m for m in c.mentions if m.head_start <= i < m.end), None)

    def by_id(self, entity_id: str) -> Cluster | None:
        return next((c for c in self.clusters if c.id == entity_id), None)


# ---------------------------------------------------------------- small pure helpers


def name_key(name: str) -> str:
    """A comparable form of a name: lower case, straight quotes, no leading "the"."""
    key = name.replace("’", "'").lower().strip()
    return key[4:] if key.startswith("the ") else key


def bare(word: str) -> str:
    """A token's lower-case text without a trailing full stop ("Dr." -> "dr")."""
    return word.lower().rstrip(".")


def is_honorific(tok: Token) -> bool:
    """True for "Mr", "Dr.", "Rabbi" before a capitalised name (not "president" alone),
    and for the plural before a list of names ("Drs Maya Finch and Omar Haddad")."""
    word = bare(tok.text)
    if word not in names.HONORIFICS:
        if not plural_honorific(word):
            return False
        word = word[:-1]
    if not tok.text[:1].isupper():
        return False
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is None or not nxt.text[:1].isupper():
        return False
    if word in names.AMBIGUOUS_HONORIFICS:  # "President X" only before a person's name
        return nxt.ent_type_ == "PERSON" and (tok.i == 0 or not tok.nbor(-1).is_title)
    return True


def plural_honorific(word: str) -> bool:
    """"drs", "bishops", "senators": the plural of an honorific."""
    return word.endswith("s") and word[:-1] in names.HONORIFICS


def is_acronym(word: str) -> bool:
    """All-caps word of 2-6 characters with at least two capitals ("JLM", "JW3")."""
    return bool(ACRONYM_RE.match(word))


def strip_possessive(text: str) -> str:
    for suffix in names.POSSESSIVE_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


def initials(words: Iterable[str], skip_stopwords: bool) -> str:
    """Capital initials of a phrase, hyphenated parts included ("Anti-Slavery" -> "AS")."""
    out = []
    for word in words:
        if skip_stopwords and word.lower() in names.ACRONYM_STOPWORDS:
            continue
        for part in word.split("-"):
            if part[:1].isalpha():
                out.append(part[0].upper())
    return "".join(out)


@lru_cache(maxsize=4096)
def first_name_variants(first: str) -> frozenset[str]:
    """A first name with its nicknames and canonical forms ("pete" -> peter, pete, ...)."""
    nn = _nicknamer()
    word = first.lower()
    return frozenset({word} | nn.nicknames_of(word) | nn.canonicals_of(word))


@lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


def first_names_match(a: str, b: str) -> bool:
    """Same first name, a nickname of it, or an initial of it ("J." ~ "John")."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return bool(first_name_variants(a) & first_name_variants(b))


def gender_of_first_name(first: str) -> str:
    word = first.lower()
    if word in names.MALE_FIRST_NAMES:
        return "m"
    if word in names.FEMALE_FIRST_NAMES:
        return "f"
    return ""


def fullest_name(mentions: list[Mention], ent_type: str) -> str:
    """The name with the most words (then characters), first such in the article."""
    if not mentions:
        return ""
    best = max(mentions, key=lambda m: (len(m.name.split()), len(m.name), -m.start))
    return best.name


# ---------------------------------------------------------------- 1. clean mentions


def _merged_ents(doc: Doc) -> list[tuple[int, int, str]]:
    """spaCy's name spans with split names re-joined (particles, NORP + ORG)."""
    ents = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in NAME_LABELS]
    out: list[tuple[int, int, str]] = []
    for start, end, label in ents:
        if out:
            pstart, pend, plabel = out[-1]
            gap = doc[pend:start]
            particles = all(t.lower_ in names.NAME_PARTICLES for t in gap)
            last_particle = doc[pend - 1].lower_ in names.NAME_PARTICLES
            if plabel == "PERSON" and label == "PERSON" and (last_particle or (gap and particles)):
                out[-1] = (pstart, end, "PERSON")
                continue
            if not gap and plabel == "NORP" and label == "ORG" and doc[start].is_title:
                out[-1] = (pstart, end, "ORG")
                continue
        out.append((start, end, label))
    return out


def hyphen_joins(doc: Doc, i: int) -> bool:
    """Whether ``doc[i]`` is a hyphen glued between two parts of one name ('al-Sabah',
    'Lloyd-Webber'): no space on either side, a capitalised word after it, or a lower-case
    syllable the parser reads inside the same person's name ('Sun Yat-sen', 'Kim Jong-il';
    not 'Bush-era')."""
    if not (doc[i].text in HYPHENS and i > 0 and not doc[i - 1].whitespace_
            and not doc[i].whitespace_ and i + 1 < len(doc)):
        return False
    after = doc[i + 1]
    return after.is_title or (after.is_lower and after.is_alpha and after.ent_type_ == "PERSON"
                              and doc[i - 1].ent_type_ == "PERSON")


# Hyphens that join the parts of a name.
HYPHENS = frozenset({"-", "\u2011"})


def honorific_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """"Mr Adrian Cole": an honorific and the capitalised words after it are a person,
    whatever spaCy tagged them."""
    out = []
    for tok in doc:
        if not is_honorific(tok) or (out and tok.i < out[-1][1]):
            continue
        end = tok.i + 1
        while end < len(doc):
            if hyphen_joins(doc, end) and end > tok.i + 1:
                end += 2  # 'al-Sabah', 'Lloyd-Webber': one name
            elif (doc[end].is_title or doc[end].lower_ in names.NAME_PARTICLES
                  ) and doc[end].pos_ == "PROPN":
                end += 1
            else:
                break
        if end > tok.i + 1:
            out.append((tok.i, end, "PERSON"))
    return out


def repeated_surnames(doc: Doc, spans: list[tuple[int, int, str]], covered: set[int]
                      ) -> list[tuple[int, int, str]]:
    """Surnames spaCy missed on their later mentions ('Cardinal Joseph Zen ... the outspoken
    Zen said'): a capitalised proper noun outside every name, written exactly as the last
    word of a person's full name (two words or more) given earlier in the article."""
    surnames: dict[str, int] = {}  # last word -> where its full name ends
    for start, end, label in spans:
        if label == "PERSON" and end - start >= 2 and doc[end - 1].text[:1].isupper():
            surnames.setdefault(doc[end - 1].text, end)
    if not surnames:
        return []
    out = []
    for tok in doc:
        after = surnames.get(tok.text)
        if (after is not None and tok.i >= after and tok.i not in covered
                and tok.pos_ == "PROPN" and not (tok.i + 1 < len(doc)
                                                 and doc[tok.i + 1].pos_ == "PROPN")
                and not (tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN")):
            out.append((tok.i, tok.i + 1, "PERSON"))
            covered.add(tok.i)
    return out


def _extra_spans(doc: Doc, covered: set[int]) -> list[tuple[int, int, str]]:
    """Names spaCy missed: bare acronyms."""
    out = []
    for tok in doc:
        if tok.i in covered:
            continue
        if is_acronym(tok.text) and tok.pos_ in {"PROPN", "NOUN", "X"} and (
            tok.lower_ not in names.TITLE_NOUNS
        ):
            out.append((tok.i, tok.i + 1, ""))
            covered.add(tok.i)
    return out


def split_at_newlines(doc: Doc, start: int, end: int, label: str
                      ) -> list[tuple[int, int, str]]:
    """A span cut at every line break inside it ("China\\n\\nGroup" -> "China", "Group"): a
    name never runs over a line. A piece that is one generic organisation noun is dropped."""
    pieces: list[tuple[int, int, str]] = []
    begin = start
    for i in range(start, end + 1):
        if i < end and "\n" not in doc[i].text:
            continue
        if i > begin and not (
            i - begin == 1 and doc[begin].lower_ in names.ORG_NOUNS and begin > start
        ):
            pieces.append((begin, i, label))
        begin = i + 1
    return pieces


def _trim_title_tail(doc: Doc, start: int, end: int, label: str) -> int:
    """End of an organisation span without trailing title words ("Labour General" +
    "Secretary ...")."""
    if label == "PERSON":
        return end
    while end - start > 1 and bare(doc[end - 1].text) in (
        names.TITLE_NOUNS | names.TITLE_MODIFIERS
    ) and end < len(doc) and (doc[end].is_title or bare(doc[end].text) in names.TITLE_NOUNS):
        end -= 1
    return end


DAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                       "sunday", "yesterday", "today", "tonight"})


def trim_day_tail(doc: Doc, start: int, end: int) -> int:
    """End of a name span without a day written after it, as wire copy puts the day after
    the subject ("President Bill Clinton Friday urged ..." -> "Bill Clinton"). A day that
    is the whole span is left to the caller."""
    while end - start > 1 and doc[end - 1].lower_ in DAY_WORDS:
        end -= 1
    return end


def clean_mention(doc: Doc, start: int, end: int, label: str) -> list[Mention]:
    """One span cleaned into zero, one or two mentions ("Jeremy Corbyn’s Labour" -> two)."""
    # a possessive inside the span splits it: the owner, then the thing owned
    for i in range(start + 1, end - 1):
        if doc[i].tag_ == "POS" or doc[i].text in names.POSSESSIVE_SUFFIXES:
            return clean_mention(doc, start, i, label) + clean_mention(doc, i + 1, end, "")
    end = _trim_title_tail(doc, start, end, label)
    if label == "PERSON":  # "Bloody Sunday", "Mail on Sunday" keep their day
        end = trim_day_tail(doc, start, end)
        while end - start > 1 and (any(c.isdigit() for c in doc[end - 1].text)
                                   or doc[end - 1].is_punct or doc[end - 1].pos_ == "SYM"):
            end -= 1  # "McLaren 4-59": bowling figures after the name
        while end - start > 1 and doc[start].lower_ in names.DEMONYMS:
            start += 1  # "Frenchman Carlos Sainz": the nationality is no part of the name
    head = start
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
        head = start
    honorific = None
    # an honorific inside the span or directly before it
    while start < end - 1 and is_honorific(doc[start]):
        honorific = honorific or doc[start].text.rstrip(".")
        start += 1
    while label == "PERSON" and end - start > 1 and bare(doc[start].text) in (
            names.TITLE_NOUNS) and bare(doc[start].text) not in names.HONORIFICS and (
            doc[start + 1].is_title):
        start += 1  # "Archbishop Emeritus Desmond Tutu": a title word, not a name
    if start == head and start > 0 and is_honorific(doc[start - 1]):
        honorific = doc[start - 1].text.rstrip(".")
        head = start - 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in {"'", "’"}):
        end -= 1
    if end <= start or all(is_honorific(t) or not t.is_alpha for t in doc[start:end]):
        return []
    name = strip_possessive(doc[start:end].text)
    end_char = doc[start].idx + len(doc[start:end].text)
    end_char -= len(doc[start:end].text) - len(name)
    if honorific:
        label = "PERSON" if label in {"", "PERSON", "ORG", "GPE", "NORP", "PRODUCT"} else label
    return [Mention(start, end, doc[head].idx, end_char, name, label, honorific, head)]


def _org_run_end(doc: Doc, start: int) -> tuple[int, int]:
    """From a capitalised word: (end of the run of capitalised words and connectors,
    end of its longest prefix whose last word ends organisation names, or ``start``)."""
    end, org_end = start, start
    while end < len(doc):
        tok = doc[end]
        if tok.is_title and tok.pos_ in {"PROPN", "NOUN", "ADJ"} and not is_honorific(tok):
            end += 1
            if bare(tok.text) in names.ORG_NAME_ENDINGS:
                org_end = end
        elif tok.lower_ in {"and", "of", "for", "&"} and end + 1 < len(doc) and (
            doc[end + 1].is_title
        ) and end > start:
            end += 1
        else:
            break
    return end, org_end


def org_name_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Capitalised runs of two or more words ending in a word that ends organisation names
    ("Saltmere Town Council", "Coastal and Maritime Workers Union"), a leading "The" left out."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(doc):
        if not doc[i].is_title or doc[i].ent_type_ in {"DATE", "TIME"}:
            i += 1
            continue
        start = i + 1 if doc[i].lower_ == "the" else i
        end, org_end = _org_run_end(doc, start)
        if org_end - start >= 2 and not _crosses_person(doc, start, org_end):
            out.append((start, org_end, "ORG"))
        i = max(end, i + 1)
    return out


def _crosses_person(doc: Doc, start: int, end: int) -> bool:
    """A person's name starts before ``start`` or ends after ``end`` while overlapping."""
    return any(e.label_ == "PERSON" and e.start < end and start < e.end
               and (e.start < start or e.end > end) for e in doc.ents)


def _with_org_runs(spans: list[tuple[int, int, str]], runs: list[tuple[int, int, str]]
                   ) -> list[tuple[int, int, str]]:
    """Spans with each organisation run replacing the pieces it covers or overlaps."""
    kept = [sp for sp in spans
            if not any(sp[0] < e and s < sp[1] for s, e, _ in runs)]
    return kept + runs


def is_common_word_at_start(doc: Doc, start: int, end: int, lowered: set[str]) -> bool:
    """A one-word name opening a sentence that is an ordinary word of the article
    ("Council leader X", "Councillors voted"): no name at all."""
    if end - start != 1 or not doc[start].is_sent_start or is_acronym(doc[start].text):
        return False
    word = doc[start].lower_
    return word in lowered or word in names.ORG_NOUNS or word in names.GROUP_NOUNS or (
        word in names.PERSON_NOUNS
    )


def name_mentions(doc: Doc) -> list[Mention]:
    """Every clean name mention in document order."""
    people = honorific_spans(doc)
    taken = {i for s, e, _ in people for i in range(s, e)}
    spans = [sp for sp in _merged_ents(doc) if not any(i in taken for i in range(*sp[:2]))]
    runs = [r for r in org_name_spans(doc) if not any(i in taken for i in range(*r[:2]))]
    spans = _with_org_runs(spans, runs)
    if any(e - s == 1 and doc[s].is_sent_start for s, e, _ in spans):
        lowered = set(LOWER_WORD_RE.findall(doc_text(doc)))  # words written in lower case
        spans = [sp for sp in spans if not is_common_word_at_start(doc, sp[0], sp[1], lowered)]
    spans += people
    covered = {i for s, e, _ in spans for i in range(s, e)}
    spans = sorted(spans + _extra_spans(doc, covered) + repeated_surnames(doc, spans, covered))
    if "\n" in doc_text(doc):
        spans = [p for s, e, label in spans for p in split_at_newlines(doc, s, e, label)]
    out: list[Mention] = []
    for start, end, label in spans:
        out.extend(clean_mention(doc, start, end, label))
    return out


# ---------------------------------------------------------------- 2. acronyms


def _capitalised_runs(doc: Doc) -> Iterable[Span]:
    """Maximal runs of capitalised words, joined by "of", "and", "for" ("Board of Deputies")."""
    start = None
    for tok in doc:
        inside = tok.is_title or (
            start is not None and tok.lower_ in names.ACRONYM_STOPWORDS
            and tok.i + 1 < len(doc) and doc[tok.i + 1].is_title
        )
        if inside and start is None:
            start = tok.i
        elif not inside and start is not None:
            if tok.i - start >= 2:
                yield doc[start:tok.i]
            start = None
    if start is not None and len(doc) - start >= 2:
        yield doc[start:]


def defined_acronyms(doc: Doc) -> dict[str, str]:
    """Acronyms defined in parentheses: "National Executive Committee (NEC)"."""
    found: dict[str, str] = {}
    for tok in doc:
        if not (tok.text == "(" and tok.i + 2 < len(doc) and doc[tok.i + 2].text == ")"):
            continue
        acronym = doc[tok.i + 1].text
        if not is_acronym(acronym):
            continue
        letters = acronym.replace("&", "")
        letters = "".join(c for c in letters if c.isalpha())
        for width in range(len(letters), len(letters) * 2 + 1):
            begin = tok.i - width
            if begin < 0:
                break
            words = [t.text for t in doc[begin:tok.i]]
            if not doc[begin].text[:1].isupper():
                continue
            if initials(words, True) == letters or initials(words, False) == letters:
                found[acronym] = doc[begin:tok.i].text
                break
    return found


def learn_acronyms(doc: Doc, mentions: list[Mention]) -> dict[str, str]:
    """Acronym -> long form key, from definitions and from initials of phrases."""
    pairs = {a: name_key(long) for a, long in defined_acronyms(doc).items()}
    used = {m.name for m in mentions if is_acronym(m.name)}
    used |= {t.text for t in doc if is_acronym(t.text)}
    wanted = {"".join(c for c in a if c.isalpha()): a for a in used if a not in pairs}
    if not wanted:
        return pairs
    # long forms: names not tagged PERSON, and capitalised phrases outside people's names
    phrases = [m.name for m in mentions if len(m.name.split()) >= 2 and m.label != "PERSON"]
    people = {i for m in mentions if m.label == "PERSON" for i in range(m.start, m.end)}
    for run in _capitalised_runs(doc):
        phrases.extend(_sub_phrases(run, people))
    for phrase in phrases:
        words = phrase.split()
        for skip in (True, False):
            letters = initials(words, skip)
            if letters in wanted and wanted[letters] not in pairs:
                pairs[wanted[letters]] = name_key(phrase)
    return pairs


def _sub_phrases(run: Span, people: set[int], longest: int = 10) -> Iterable[str]:
    """Sub-phrases of a capitalised run that start and end on a capitalised word and
    cover no token of a person's name."""
    toks = list(run)[:longest]
    for i, first in enumerate(toks):
        if not first.is_title or first.i in people:
            continue
        for j in range(i + 1, len(toks)):
            if toks[j].i in people:
                break
            if toks[j].is_title:
                yield run.doc[first.i:toks[j].i + 1].text


# ---------------------------------------------------------------- 3. types and clusters


def _title_follows(doc: Doc, m: Mention) -> bool:
    return m.end < len(doc) and bare(doc[m.end].text) in names.TITLE_NOUNS and (
        doc[m.end - 1].tag_ != "POS"
    )


def is_place_name(key: str, votes: Counter) -> bool:
    """A name labelled a place, or reading as a nationality or generic adjective: no short
    form of an organisation ("China" beside "China Society", "African" beside "African
    Union")."""
    return votes["GPE"] > 0 or votes["LOC"] > 0 or is_adjective_or_place_word(key)


def press_noun_before(doc: Doc, m: Mention) -> bool:
    """A name right after a press noun ("the weekly Zeit", "the newspaper De Telegraaf"):
    an outlet, however the parser labelled it."""
    i = m.head_start - 1
    return i >= 0 and doc[i].lower_ in names.PRESS_NOUNS and doc[i].tag_ in {"NN", "JJ"}


PLACE_LIST_NOUNS = frozenset({
    "province", "provinces", "city", "cities", "town", "towns", "village", "villages",
    "district", "districts", "region", "regions", "states", "county", "counties",
    "prefecture", "prefectures", "municipality", "municipalities", "islands", "ports",
    "capitals", "countries", "areas",
})  # not "state", "country", "area": "the state of Nelson Mandela's health"


def in_place_list(doc: Doc, m: Mention) -> bool:
    """A name in the list after "the provinces of", "the towns of" ("the provinces of Lao
    Cai, Ha Giang and Yen Bai"): a place, however the parser labelled it."""
    if m.end < len(doc) and doc[m.end].tag_ == "POS":
        return False  # "the town of Ann Lee's birth" is about her
    i = m.head_start - 1
    while i >= 1 and (doc[i].text == "," or doc[i].lower_ == "and" or doc[i].is_title):
        i -= 1
    return i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in PLACE_LIST_NOUNS


def type_votes(doc: Doc, mentions: list[Mention], acronyms: dict[str, str]) -> dict[str, Counter]:
    """Votes for each name key's type, from labels, honorifics and context."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        key = m.key
        votes[key] += Counter()  # every name gets an entry, even without a label
        if m.label in {"PRODUCT", "WORK_OF_ART"}:
            votes[key]["ORG"] += VOTE_WEAK_LABEL
        elif m.label:
            votes[key][m.label] += VOTE_LABEL
        if m.honorific:
            votes[key]["PERSON"] += VOTE_HONORIFIC
        words = m.name.split()
        if len(words) >= 2 and gender_of_first_name(words[0]) and words[-1][:1].isupper():
            votes[key]["PERSON"] += VOTE_FIRST_NAME
        if m.label in {"PERSON", "PRODUCT", "WORK_OF_ART", ""} and _title_follows(doc, m) and (
            len(m.name.split()) == 1 and not m.honorific
        ):
            votes[key]["ORG"] += VOTE_TITLE_AFTER
        if not m.honorific and press_noun_before(doc, m):
            votes[key]["ORG"] += VOTE_PRESS_NOUN  # "the Dutch daily De Volkskrant"
        if not m.honorific and in_place_list(doc, m):
            votes[key]["GPE"] += VOTE_PRESS_NOUN  # "the provinces of Lao Cai and Ha Giang"
    surnames = {
        k.split()[-1] for k, v in votes.items()
        if len(k.split()) >= 2 and v and v.most_common(1)[0][0] == "PERSON"
    }
    short_orgs = {
        " ".join(k.split()[:-1]) for k, v in votes.items()
        if len(k.split()) >= 2 and k.split()[-1] in names.ORG_SUFFIXES | names.ORG_NAME_ENDINGS
        and v and v.most_common(1)[0][0] == "ORG"
    }
    for key in votes:
        if key in surnames:
            votes[key]["PERSON"] += VOTE_SURNAME
        if key in short_orgs and not is_place_name(key, votes[key]):
            votes[key]["ORG"] += VOTE_SURNAME  # "Labour" beside "the Labour Party"
    return votes


def person_evidence(doc: Doc, mentions: list[Mention], votes: dict[str, Counter]) -> set[str]:
    """Keys of one-word names with evidence of a person beyond spaCy's label: an
    honorific, a known first name, the surname of a full name, the subject of a verb
    only people do ("X said"), or a relative "who"."""
    surnames = {k.split()[-1] for k, v in votes.items()
                if len(k.split()) >= 2 and v and v.most_common(1)[0][0] == "PERSON"}
    out = {k for k in votes if k in surnames or gender_of_first_name(k)}
    for m in mentions:
        root = doc[m.end - 1]
        after = doc[m.end:m.end + 2]
        if m.honorific or (root.dep_ in {"nsubj", "nsubjpass"}
                           and root.head.lemma_ in names.PERSON_EVIDENCE_VERBS) or (
            len(after) == 2 and after[0].text == "," and after[1].lower_ == "who"
        ):
            out.add(m.key)
    return out


def unevidenced_type(doc: Doc, key: str, mentions: list[Mention], votes: Counter) -> str:
    """Type of a one-word name spaCy calls a person with nothing else saying so: an
    organisation after "the" ("the Gazette"), another label it was given, else MISC."""
    if any(m.key == key and m.head_start > 0 and doc[m.head_start - 1].lower_ == "the"
           for m in mentions):
        return "ORG"
    others = [(n, t) for t, n in votes.items() if t != "PERSON"]
    return max(others)[1] if others else "MISC"


def decide_type(key: str, votes: Counter, acronyms: dict[str, str],
                all_votes: dict[str, Counter], with_first_name: set[str],
                all_caps: set[str]) -> str:
    """One type per name: acronym evidence first, then the vote."""
    acronym = next((a for a in acronyms if a.lower() == key), None)
    if acronym:
        long_votes = all_votes.get(acronyms[acronym])
        long_type = long_votes.most_common(1)[0][0] if long_votes else "ORG"
        return long_type if long_type != "PERSON" else "ORG"
    if not votes:
        return "ORG"
    best = votes.most_common(1)[0][0]
    if best == "PERSON" and key in all_caps and key not in with_first_name:
        return "ORG"  # an all-caps word never seen after a first name is no person
    if best == "PERSON" and is_vessel(key):
        return "PRODUCT"  # "MV Ocean Star" is a ship, never "he"
    if best == "PERSON" and len(key.split()) >= 2:
        last = key.split()[-1]
        if last in PLACE_NAME_ENDINGS:
            return "FAC"  # "Victoria Harbour", "Kazungula Bridge"
        if last in MEDIA_NAME_ENDINGS or last in names.ORG_NAME_ENDINGS:
            return "ORG"  # "Marine Corps Times", "Harbour Workers Union"
    return best


# Last words of place and building names that are not also common surnames (no "Hill",
# "Park", "Lake", "Bay"): a name ending in one is no person.
PLACE_NAME_ENDINGS = frozenset({
    "bridge", "harbor", "harbour", "tram", "airport", "station", "street", "avenue",
    "square", "river", "province", "district", "county", "prefecture", "peninsula",
    "island", "islands", "canal", "stadium", "palace", "hospital", "cathedral", "mosque",
    "peak", "valley", "desert", "gulf", "mountains",
})  # not "temple", "strait", "dam": Shirley Temple, George Strait, Jean van Dam
MEDIA_NAME_ENDINGS = frozenset({"times", "herald", "tribune", "gazette", "daily", "journal",
                                "courier", "chronicle", "observer", "telegraph"})


VESSEL_PREFIXES = frozenset({"mv", "mt", "ss", "hms", "uss", "rv", "fv", "hmas",
                             "hmcs", "ins", "hmnzs", "lng", "m/v", "m/t"})


def is_vessel(key: str) -> bool:
    """A ship's name by its prefix ("MV Ocean Star", "USS Cole"): two words or more. Not
    "MS": it is far likelier to be an honorific ("Ms Karin Holt") than a motor ship."""
    words = key.split()
    return len(words) >= 2 and words[0].rstrip(".") in VESSEL_PREFIXES


INITIALS_RE = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]\.?-[A-Z]\.?$")


def _person_parts(name: str) -> tuple[str, str]:
    words = name.split()
    return (words[0], words[-1]) if len(words) >= 2 else ("", words[0])


def given_names(name: str) -> tuple[str, ...]:
    """The words a full name may be called by first: its first word and, when that word is
    initials before a written given name, that name too ("H.D. Deve Gowda" -> "H.D.",
    "Deve", so "Deve Gowda" is the same man; "J. Smith" -> "J.")."""
    words = name.split()
    first = 0
    while first < len(words) - 2 and INITIALS_RE.match(words[first]):
        first += 1
    return tuple(dict.fromkeys((words[0], words[first]))) if len(words) >= 2 else ()


def compound_surname_of(short: str, full: str) -> bool:
    """Whether ``short`` is the last words of ``full`` in either order ("Abul Gheit" of
    "Ahmed Abul Gheit", "Van Dung" of "Hoang Van Dung") and opens with no given name of
    its own: the longer name's family part, as the article goes on to write it."""
    a, b = short.split(), full.split()
    if len(a) > len(b):
        a, b = b, a
    if not 2 <= len(a) < len(b) or [w.lower() for w in b[-len(a):]] != [w.lower() for w in a]:
        return False
    return not gender_of_first_name(a[0]) and not INITIALS_RE.match(a[0])


def same_given_name(a: str, b: str) -> bool:
    """Two full names that can be one person's by their given names."""
    return any(first_names_match(x, y) for x in given_names(a) for y in given_names(b))


def titled_given_name(m: Mention) -> bool:
    """A one-word name after a title that precedes given names ("King Hussein",
    "Prince Charles"): the word is no surname."""
    return len(m.name.split()) == 1 and bare(m.honorific or "") in names.GIVEN_NAME_TITLES


def cluster_people(mentions: list[Mention]) -> list[list[Mention]]:
    """Chains of one person's mentions: full names by surname and first name, then
    single words by surname (only when one full name of that surname fits) or first name.
    A title before a given name ("Prince Charles") attaches by first name only to a full
    name that carries such a title too; an ambiguous surname stays a person of its own."""
    groups: list[list[Mention]] = []
    by_surname: dict[str, list[int]] = defaultdict(list)
    by_first: dict[str, list[int]] = defaultdict(list)
    apart: dict[str, int] = {}  # titled given names and ambiguous surnames -> their group
    singles: list[Mention] = []
    for m in mentions:
        words = m.name.split()
        if len(words) < 2:
            singles.append(m)
            continue
        _, last = _person_parts(m.name)
        match = next((g for g in by_surname[last.lower()]
                      if same_given_name(groups[g][0].name, m.name)
                      or compound_surname_of(m.name, groups[g][0].name)), None)
        if match is None:
            groups.append([m])
            match = len(groups) - 1
            by_surname[last.lower()].append(match)
            for given in given_names(m.name):
                by_first[given.lower()].append(match)
        else:
            groups[match].append(m)
    full = len(groups)
    starts = [[mm.start for mm in g] for g in groups]
    for m in singles:
        word = m.name.lower()
        if titled_given_name(m):
            target = _titled_holder(word, by_first, groups)
            key = f"{bare(m.honorific or '')} {word}"
            target = apart.get(key) if target is None else target
        else:
            key = word
            holders = [g for g in by_surname.get(word, []) if g < full]
            target = _nearest_holder(m, holders, groups, starts)
            if target is None and len(holders) > 1:
                target = apart.get(key)  # two full names share it: stay apart
            elif target is None and word not in by_surname:
                firsts = [g for f, gs in by_first.items() if first_names_match(f, word)
                          for g in gs]
                firsts = list(dict.fromkeys(firsts))
                if len(firsts) == 1:
                    target = firsts[0]
            elif target is None:
                target = next((g for g in by_surname[word] if g >= full), None)
        if target is None:
            groups.append([m])
            starts.append([m.start])
            if key != word or len([g for g in by_surname.get(word, []) if g < full]) > 1:
                apart[key] = len(groups) - 1
            else:
                by_surname[word].append(len(groups) - 1)
        else:
            groups[target].append(m)
            starts[target].append(m.start)
    return [sorted(g, key=lambda x: x.start) for g in groups]


def _titled_holder(word: str, by_first: dict[str, list[int]], groups: list[list[Mention]]
                   ) -> int | None:
    """The one full-name group whose first name is ``word`` and that carries a title
    before given names itself ("Prince Bandar bin Sultan" for "Prince Bandar")."""
    fits = [g for g in by_first.get(word, [])
            if any(bare(mm.honorific or "") in names.GIVEN_NAME_TITLES for mm in groups[g])]
    return fits[0] if len(fits) == 1 else None


def _nearest_holder(m: Mention, holders: list[int], groups: list[list[Mention]],
                    starts: list[list[int]]) -> int | None:
    """Among full-name groups sharing a surname: the one that is gender-compatible, or
    None when none or several are (two people of one family stay apart)."""
    want = names.HONORIFICS.get(bare(m.honorific or ""), "")
    fits = []
    for g in holders:
        first = _person_parts(max(groups[g], key=lambda x: len(x.name.split())).name)[0]
        have = gender_of_first_name(first) if first else ""
        if want and have and want != have:
            continue
        fits.append(g)
    return fits[0] if len(fits) == 1 else None


def long_name_of(key: str, ent_type: str) -> str:
    """The spelling-tolerant long name of an organisation's multi-word name key ("" for a
    one-word name, and for a place unless it ends as organisations do: "China Society")."""
    if ent_type == "PERSON" or (ent_type in PLACE_TYPES and not ends_as_organisation(key)):
        return ""
    return long_form_key(key)


def short_form_target(short: str, long_key: str, keys: Iterable[str], types: dict[str, str],
                      votes: dict[str, Counter]) -> bool:
    """True when the name ``short`` may stand for ``long_key`` ("Kestrel" for "Kestrel
    Developments"): a name of several words unless it ends as organisations do; a one-word name only when it is typed
    an organisation, was never labelled a place or nationality, reads as no nationality or
    generic adjective, and exactly one long organisation name of the article starts with it."""
    if " " in short:  # "Jewish Labour" for "Jewish Labour Movement", not "X Union" for
        return not ends_as_organisation(short)  # "X Union Commission"
    if types.get(short, "ORG") not in SHORT_FORM_TYPES or is_adjective_or_place_word(short):
        return False
    if any(votes.get(short, Counter())[t] > 0 for t in PLACE_TYPES):
        return False
    target = long_name_of(long_key, types.get(long_key, "ORG"))
    longs = {long_name_of(k, types.get(k, "ORG")) for k in keys if k.split()[0] == short}
    return bool(target) and longs - {""} == {target}


def cluster_others(mentions: list[Mention], acronyms: dict[str, str],
                   types: dict[str, str] | None = None,
                   votes: dict[str, Counter] | None = None) -> list[list[Mention]]:
    """Organisations, places, groups: by name, by acronym, and "X Party" ~ "X". No group
    ever holds two different long organisation names (only spellings of one), and a place
    or nationality is never the short form of an organisation."""
    types = types if types is not None else {m.key: m.label or "ORG" for m in mentions}
    votes = votes if votes is not None else {}
    keys = list(dict.fromkeys(m.key for m in mentions))
    parent = {k: k for k in keys}
    longs = {k: {n} if (n := long_name_of(k, types.get(k, "ORG"))) else set() for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra == rb:
            return
        joined = longs[ra] | longs[rb]
        if longs[ra] and longs[rb] and len(joined) > max(len(longs[ra]), len(longs[rb])):
            return  # two organisations: "European Union" and "European Commission"
        parent[rb] = ra
        longs[ra] = joined

    keyset = set(keys)
    for acronym, long_key in acronyms.items():
        if acronym.lower() in keyset and long_key in keyset:
            union(long_key, acronym.lower())
    for k in keys:
        words = k.split()
        if len(words) >= 2 and words[-1] in names.ORG_SUFFIXES | names.ORG_NAME_ENDINGS:
            short = " ".join(words[:-1])
            if short in keyset and short_form_target(short, k, keys, types, votes):
                if " " in short:
                    longs[find(short)].discard(long_name_of(short, types.get(short, "ORG")))
                union(k, short)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[find(m.key)].append(m)
    return list(groups.values())


# ---------------------------------------------------------------- 4. news outlets


def media_cues(doc: Doc, m: Mention) -> float:
    """Evidence that an organisation mention is a news outlet: 2 strong, 1 weak."""
    score = 0.0
    if m.end < len(doc) and bare(doc[m.end].text) in names.MEDIA_NOUNS:
        score += 2
    before = doc[max(0, m.head_start - 4):m.head_start]
    words = {bare(t.text) for t in before}
    if words & names.MEDIA_PRECEDING:
        score += 1
    told = [t for t in before[-2:] if t.lower_ not in {"the"}]
    if told and told[-1].lemma_ == "tell":  # "told (the) X": a person would be "told Mr X"
        score += 1
    root = doc[m.end - 1]
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ in names.MEDIA_VERBS:
        score += 1
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.lemma_ in {
        "obtain", "see", "report", "publish", "expose", "reveal"
    }:
        score += 1
    return score


def media_kind(doc: Doc, cluster: Cluster) -> str | None:
    if cluster.type != "ORG":
        return None
    if any(m.key in names.COMMON_OUTLETS for m in cluster.mentions):
        return "media"
    score = sum(media_cues(doc, m) for m in cluster.mentions)
    return "media" if score >= 2 else None


# ---------------------------------------------------------------- all together


def cluster_gender(cluster: Cluster) -> str:
    """"m"/"f" from honorifics and first names; "" when unknown or mixed."""
    votes: Counter = Counter()
    for m in cluster.mentions:
        if m.honorific and names.HONORIFICS.get(bare(m.honorific)):
            votes[names.HONORIFICS[bare(m.honorific)]] += 3
        words = m.name.split()
        if len(words) >= 2 and gender_of_first_name(words[0]):
            votes[gender_of_first_name(words[0])] += 2
    if not votes:
        return ""
    (best, n), *rest = votes.most_common()
    return best if not rest or rest[0][1] < n else ""


def entity_table(doc: Doc) -> EntityTable:
    """Clean, typed and clustered names of one article."""
    mentions = name_mentions(doc)
    acronyms = learn_acronyms(doc, mentions)
    votes = type_votes(doc, mentions, acronyms)
    with_first = {k.split()[-1] for k in votes if len(k.split()) >= 2}
    all_caps = {m.key for m in mentions if is_acronym(m.name)}
    types = {k: decide_type(k, v, acronyms, votes, with_first, all_caps)
             for k, v in votes.items()}
    evidence = person_evidence(doc, mentions, votes)
    for k, t in list(types.items()):
        if t != "PERSON":
            continue
        if len(k.split()) == 1 and k not in evidence:
            types[k] = unevidenced_type(doc, k, mentions, votes[k])
            continue
        acronym = next((a for a, long in acronyms.items() if long == k), None)
        if acronym:  # a long form with an acronym is an organisation
            types[k] = "ORG"
            types[acronym.lower()] = "ORG"
    people = [m for m in mentions if types[m.key] == "PERSON"]
    others = [m for m in mentions if types[m.key] != "PERSON"]
    groups = [(g, "PERSON") for g in cluster_people(people)]
    for g in cluster_others(others, acronyms, types, votes):
        counted = Counter()
        for m in g:
            counted[types[m.key]] += 1
        groups.append((g, counted.most_common(1)[0][0]))
    groups.sort(key=lambda gt: gt[0][0].start_char)
    clusters = []
    token_cluster = [-1] * len(doc)
    for n, (group, ent_type) in enumerate(groups):
        cluster = Cluster(id=f"e{n}", type=ent_type, mentions=group)
        cluster.kind = media_kind(doc, cluster)
        cluster.gender = cluster_gender(cluster) if ent_type == "PERSON" else ""
        clusters.append(cluster)
        for m in group:
            for i in range(m.head_start, m.end):
                token_cluster[i] = n
    return EntityTable(clusters, token_cluster, acronyms)


def sentence_starts(doc: Doc) -> list[int]:
    return [s.start for s in doc.sents]


def sentence_index(starts: list[int], i: int) -> int:
    return bisect_right(starts, i) - 1
