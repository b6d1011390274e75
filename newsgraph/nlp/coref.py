"""Rule-based coreference within one article: names, pronouns, role nouns, unnamed sources.

``analyse(doc)`` builds the article's entities (``nlp.entities``), resolves third-person
pronouns by agreement and salience, finds roles (``nlp.roles``), resolves definite role
nouns ("the JLM chair", "the former minister") and returns a ``Coreference``: the
entities and roles of the article, and the ``speaker_for`` the quotation stage asks.

Salience is scored over references indexed by position (each lookup scans back only a
few sentences), so the cost stays linear in the article's length.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from newsgraph.model import Entity, Role, Speaker, TimeExpr
from newsgraph.nlp import lexicon, names
from newsgraph.nlp.base import doc_text, text_span
from newsgraph.nlp.entities import Cluster, EntityTable, Mention, bare, entity_table
from newsgraph.nlp.roles import find_roles, nearest_cluster, org_clusters_for
from newsgraph.nlp.times import find_times

WINDOW_SENTENCES = 3  # how far back a pronoun's antecedent may be
DESCRIPTION_WINDOW = 2  # how far back a bare "the left-winger" may look
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
AGE_RE = re.compile(r"\b\d{1,3}-year[- ]old\b")  # 'the 35-year-old' ('-year old'): an age
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "pobj", "attr", "oprd"})
OPENING_QUOTES = frozenset({"“", "‘‘", "``"})
CLOSING_QUOTES = frozenset({"”", "’’", "''"})
STRAIGHT_QUOTES = frozenset({'"'})
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PERSON_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
SPEAKER_TYPES = {"PERSON": "PERSON", "NORP": "GROUP"}  # anything else named speaks as ORG
# What "it said" may point back to: named organisations and countries, and these nouns
# (beside names.ORG_NOUNS) for unnamed ones ("the military said ... it added").
ORGANISATION_SPEAKERS = frozenset({"ORG", "GPE"})
ORG_SPEAKER_NOUNS = frozenset({"military", "navy", "airline", "carrier", "regulator",
                               "watchdog", "manufacturer", "maker", "producer", "tribunal",
                               "secretariat", "mission", "command", "headquarters",
                               "center", "centre", "bureau", "observatory", "tank"})
# Salience weights (see ``score``).
W_SENTENCE = 1.5  # lost per sentence back
W_SUBJECT = 2.0  # the reference was a subject (or a passive verb's agent)
W_PARAGRAPH = 1.0  # same paragraph
W_OTHER_PARAGRAPH = -2.0
W_POSSESSIVE = -1.0  # "Jeremy Corbyn's party": the owner is less salient
W_FREQUENCY = 0.5  # per earlier reference in the window, up to three
W_QUOTED = -1.5  # named inside a quotation, looked back at from outside one


@dataclass(frozen=True)
class Ref:
    """One reference to an entity (a name or a resolved pronoun) at a token."""

    token: int
    cluster: int
    sent: int
    para: int
    subject: bool
    possessive: bool
    quoted: bool
    narrative: int = 0  # sentence index counting only sentences outside quotations


@dataclass
class Layout:
    """Sentence and paragraph index of every token."""

    sent: list[int]
    para: list[int]
    quoted: list[bool]  # inside quotation marks
    narrative: list[int] = field(default_factory=list)  # see ``narrative_index``

    @classmethod
    def of(cls, doc: Doc) -> Layout:
        # one pass over the tokens, each token's text and trailing space read once
        starts = {s.start for s in doc.sents}
        size = len(doc)
        sent, n = [0] * size, -1
        para, count = [0] * size, 0
        quoted, inside = [False] * size, False
        words: Counter = Counter()  # per sentence: words, and words inside quotation marks
        words_inside: Counter = Counter()
        newline_before = False  # a line break in the last token or the space after it
        for i, tok in enumerate(doc):
            if i in starts or (i and newline_before):  # a paragraph break ends a sentence too
                n += 1
            sent[i] = max(n, 0)
            para[i] = count
            text, space = tok.text, tok.whitespace_
            if text in OPENING_QUOTES or (text in STRAIGHT_QUOTES and not inside):
                inside = True
            elif text in CLOSING_QUOTES or text in STRAIGHT_QUOTES:
                inside = False
            else:
                quoted[i] = inside
                if not tok.is_punct:
                    words[sent[i]] += 1
                    words_inside[sent[i]] += inside
            breaks = text.count("\n") + space.count("\n")
            newline_before = breaks > 0
            count += breaks
            inside = inside and not breaks  # a paragraph ends any open quotation
        return cls(sent, para, quoted, narrative_index(sent, words, words_inside))

    def distance(self, i: int, sent: int, narrative: int) -> int:
        """Sentences between token ``i`` and a reference: from outside a quotation, the
        quoted sentences in between do not count (a speaker stays salient over a quote)."""
        if self.quoted[i]:
            return self.sent[i] - sent
        return self.narrative[i] - narrative


def narrative_index(sent: list[int], words: Counter, inside: Counter) -> list[int]:
    """Per token, the number of sentences so far that are mostly outside quotation marks
    (``words`` and ``inside`` count each sentence's words, all and quoted)."""
    out, count, last = [0] * len(sent), 0, -1
    for i, n in enumerate(sent):
        if n != last:
            last = n
            count += 2 * inside[n] <= words[n]
        out[i] = count
    return out


@dataclass
class Salience:
    """References in document order, for looking back from a token."""

    layout: Layout
    refs: list[Ref] = field(default_factory=list)  # names and pronouns, kept sorted
    tokens: list[int] = field(default_factory=list)

    def add(self, ref: Ref) -> None:
        at = bisect_left(self.tokens, ref.token)
        self.refs.insert(at, ref)
        self.tokens.insert(at, ref.token)

    def before(self, i: int, window: int) -> list[Ref]:
        """References before token ``i`` within ``window`` sentences, nearest first."""
        out = []
        for k in range(bisect_left(self.tokens, i) - 1, -1, -1):
            ref = self.refs[k]
            if self.layout.distance(i, ref.sent, ref.narrative) > window:
                break
            out.append(ref)
        return out


def make_ref(doc: Doc, layout: Layout, tokens: Span | list[Token], cluster: int) -> Ref:
    last = tokens[-1]
    subject = any(t.dep_ in SUBJECT_DEPS or is_agent(t) for t in tokens)
    possessive = last.dep_ == "poss" or (last.i + 1 < len(doc) and doc[last.i + 1].tag_ == "POS")
    return Ref(last.i, cluster, layout.sent[last.i], layout.para[last.i], subject, possessive,
               layout.quoted[last.i], layout.narrative[last.i])


def is_agent(tok: Token) -> bool:
    """The doer named after a passive verb ('the offer made by Ms Roe'): as salient as a
    subject, since the sentence is about what that person did."""
    return tok.dep_ == "pobj" and tok.head.dep_ == "agent"


def score(ref: Ref, i: int, layout: Layout, seen: Counter) -> float:
    """Salience of an earlier reference for an anaphor at token ``i``."""
    value = -W_SENTENCE * layout.distance(i, ref.sent, ref.narrative)
    value += W_SUBJECT if ref.subject else 0.0
    value += W_PARAGRAPH if ref.para == layout.para[i] else W_OTHER_PARAGRAPH
    value += W_POSSESSIVE if ref.possessive else 0.0
    value += W_FREQUENCY * min(seen[ref.cluster], 3)
    value += W_QUOTED if ref.quoted and not layout.quoted[i] else 0.0
    return value + ref.token * 1e-6  # recency breaks ties


def co_arguments(tok: Token) -> list[Token]:
    """Tokens a pronoun cannot corefer with: the other arguments of its own verb
    ("he told Mr X": not X; "X hit him": not X). Possessives bind nothing."""
    if tok.dep_ == "poss" or tok.lower_ in {"himself", "herself", "themselves"}:
        return []
    verb = tok.head if tok.dep_ != "pobj" else tok.head.head
    args = []
    for child in verb.children:
        if child.dep_ == "prep":
            args.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ in SUBJECT_DEPS | OBJECT_DEPS:
            args.append(child)
    return [a for a in args if a.i != tok.i]


def pronoun_features(tok: Token) -> tuple[str, str] | None:
    """(gender, number) of a third-person pronoun, else None."""
    if tok.pos_ not in {"PRON", "DET"} and tok.tag_ not in {"PRP", "PRP$"}:
        return None
    return names.PRONOUNS.get(tok.lower_)


def agrees(cluster: Cluster, gender: str, number: str, pronoun_gender: Counter) -> bool:
    if number == "pl":
        return cluster.type in {"ORG", "NORP", "GPE"}
    if cluster.type != "PERSON":
        return False
    have = cluster.gender
    if not have and pronoun_gender:
        have = pronoun_gender.most_common(1)[0][0]
    return not have or not gender or have == gender


def in_coordination(tok: Token) -> bool:
    """A name that is one member of a list ("Luciana Berger and Peter Mason")."""
    if tok.dep_ == "conj" or any(c.dep_ == "conj" for c in tok.children):
        return True
    # a list the parser split into two subjects of one verb
    return tok.dep_ in SUBJECT_DEPS and sum(c.dep_ in SUBJECT_DEPS for c in tok.head.children) > 1


def succession_object(tok: Token) -> Token | None:
    """"X replaced Y after he resigned": the object of a verb of succession when the
    pronoun is the subject of a clause modifying it (the one replaced is the one who left)."""
    verb = tok.head
    if tok.dep_ not in SUBJECT_DEPS or verb.dep_ != "advcl":
        return None
    main = verb.head
    if main.lemma_.lower() not in names.SUCCESSION_VERBS:
        return None
    return next((c for c in main.children if c.dep_ in {"dobj", "nsubjpass"}), None)


def plural_subject_between(doc: Doc, start: int, end: int) -> bool:
    """A plural common noun subject ("members", "rabbis") between two tokens."""
    return any(t.dep_ in SUBJECT_DEPS and t.tag_ == "NNS" for t in doc[start:end])


def resolve_pronoun(doc: Doc, table: EntityTable, layout: Layout, salience: Salience,
                    tok: Token, resolved: dict[int, int],
                    genders: dict[int, Counter]) -> int | None:
    """The cluster a third-person pronoun points at: agreement, binding, then salience."""
    features = pronoun_features(tok)
    if features is None:
        return None
    gender, number = features
    left = succession_object(tok)
    if left is not None and (n := table.token_cluster[left.i]) >= 0 and agrees(
        table.clusters[n], gender, number, genders.get(n, Counter())
    ):
        return n
    args = co_arguments(tok)
    excluded = {table.token_cluster[a.i] for a in args}
    excluded |= {resolved[a.i] for a in args if a.i in resolved}
    window = 1 if number == "pl" else WINDOW_SENTENCES
    earlier = salience.before(tok.i, window)
    seen = Counter(r.cluster for r in earlier)
    best: tuple[float, Ref] | None = None
    tag = number == "sg" and speaking_subject(tok) and not layout.quoted[tok.i]
    for ref in earlier:
        cluster = table.clusters[ref.cluster]
        if ref.cluster in excluded or not agrees(
            cluster, gender, number, genders.get(ref.cluster, Counter())
        ):
            continue
        if tag and not ref.quoted and main_speaker(doc[ref.token]):
            best = (0.0, ref)  # a speech tag's 'he': the last person who spoke or acted,
            break  # not the story's most salient figure
        if number == "sg" and ref.sent == layout.sent[tok.i] and in_coordination(
            doc[ref.token]
        ):
            continue  # "Berger and Mason raised concerns about his meeting": neither
        if ref.quoted and not layout.quoted[tok.i] and ref.sent == layout.sent[tok.i]:
            continue  # '"It was probably Smith's office," he said': he is not Smith
        value = score(ref, tok.i, layout, seen)
        if best is None or value > best[0]:
            best = (value, ref)
    if best is None:
        return None
    first = doc[best[1].token].sent.start
    if number == "pl" and plural_subject_between(doc, first, tok.i):
        return None  # "they" more likely points at the plural noun
    if gender:
        genders.setdefault(best[1].cluster, Counter())[gender] += 1
    return best[1].cluster


# ---------------------------------------------------------------- short names

# "a worker called Zhang", "a farmer named Liu": the participle that gives a noun its name.
NAMING_PARTICIPLES = frozenset({"called", "named", "nicknamed"})
# Words of a past post: "the former club coach" describes a person, it names no holder.
PAST_POSTS = frozenset({"former", "ex", "ex-", "outgoing", "erstwhile"})
# Types a surname alone may be given by the tagger and still be a person's: not places or
# nationalities ('Jordan', 'Chad' after 'Michael Jordan' may well be the country).
THING_TYPES = frozenset({"FAC", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


def short_form_owner(cluster: Cluster, people: list[Cluster]) -> Cluster | None:
    """The one person named in full before a short name the tagger typed as a thing
    ("Le Guen" as a building after "Paul Le Guen"): every mention of ``cluster`` is the
    last words of that person's name, and no other person's name ends so."""
    if cluster.type not in THING_TYPES or not cluster.mentions:
        return None
    keys = {tuple(m.name.lower().split()) for m in cluster.mentions}
    first = min(m.start for m in cluster.mentions)
    owners = []
    for person in people:
        words = tuple(person.name.lower().split())
        if len(words) < 2 or min(m.start for m in person.mentions) >= first:
            continue
        if all(0 < len(k) < len(words) and words[-len(k):] == k for k in keys):
            owners.append(person)
    return owners[0] if len(owners) == 1 else None


def first_word_owner(cluster: Cluster, people: list[Cluster]) -> Cluster | None:
    """The person a one-word name stands for when it is the first word of full names given
    before it and the last word of none (a family name written first: "Kim" after "Kim Min
    Su"): of those, the one named last before the short name first appears. Never a titled
    given name ("Prince Rupert" is not "Rupert Danvers"), which the entity table decides."""
    if cluster.type != "PERSON" or not cluster.mentions or any(
            m.honorific for m in cluster.mentions):
        return None
    keys = {m.name.lower() for m in cluster.mentions}
    if len(keys) != 1 or " " in next(iter(keys)):
        return None
    word = next(iter(keys))
    first = min(m.start for m in cluster.mentions)
    best, latest = None, -1
    for person in people:
        words = person.name.lower().split()
        if person is cluster or len(words) < 2:
            continue
        if words[-1] == word:
            return None
        before = [m.start for m in person.mentions if m.start < first]
        if words[0] == word and before and max(before) > latest:
            best, latest = person, max(before)
    return best


REGNAL_RE = re.compile(r"^[IVX]{2,5}$")  # 'II', 'XVI' after a monarch's or pope's name


def cut_at_verb(doc: Doc, m: Mention) -> Mention | None:
    """A thing's name run on into the tag after it ("Malpas told Setanta Sports 1"): the
    words before its first lower-case verb, or None when it holds none."""
    cut = next((i for i in range(m.start + 1, m.end)
                if doc[i].pos_ in {"VERB", "AUX"} and doc[i].text.islower()), None)
    if cut is None:
        return None
    name = doc[m.start:cut].text
    return replace(m, end=cut, end_char=doc[m.start].idx + len(name), name=name)


def mend_name_edges(doc: Doc, table: EntityTable) -> EntityTable:
    """The entity table with two tagging slips mended before short names are adopted: a
    regnal number split off a person's name ("Elizabeth" + "II") joins it again, and a
    thing's name that runs on into a verb is cut before it (``cut_at_verb``)."""
    person_end = {m.end: (n, k) for n, c in enumerate(table.clusters) if c.type == "PERSON"
                  for k, m in enumerate(c.mentions)}
    mentions = [list(c.mentions) for c in table.clusters]
    dropped: set[int] = set()
    changed = False
    for n, c in enumerate(table.clusters):
        if c.type == "PERSON":
            continue
        if all(REGNAL_RE.match(m.name) and m.start in person_end for m in c.mentions):
            for m in c.mentions:
                owner, k = person_end[m.start]
                pm = mentions[owner][k]
                mentions[owner][k] = replace(pm, end=m.end, end_char=m.end_char,
                                             name=f"{pm.name} {m.name}")
            dropped.add(n)
            changed = True
            continue
        cut = [cut_at_verb(doc, m) for m in c.mentions]
        if all(cut):
            mentions[n] = [m for m in cut if m is not None]
            changed = True
    if not changed:
        return table
    clusters, tokens = [], [-1] * len(table.token_cluster)
    for n, c in enumerate(table.clusters):
        if n in dropped:
            continue
        for m in mentions[n]:
            for i in range(m.head_start, m.end):
                tokens[i] = len(clusters)
        clusters.append(Cluster(id=c.id, type=c.type, mentions=mentions[n], kind=c.kind,
                                gender=c.gender))
    return EntityTable(clusters, tokens, table.acronyms)


def adopt_short_names(table: EntityTable) -> EntityTable:
    """The entity table with each short name typed as a thing merged into the person whose
    name it ends (``short_form_owner``); the table itself when there is none."""
    people = [c for c in table.clusters if c.type == "PERSON"]
    moved = {n: owner for n, c in enumerate(table.clusters)
             if (owner := short_form_owner(c, people) or first_word_owner(c, people))
             is not None}
    if not moved:
        return table
    extra: dict[str, list] = {}
    for n, owner in moved.items():
        extra.setdefault(owner.id, []).extend(table.clusters[n].mentions)
    clusters, index = [], {}
    for n, c in enumerate(table.clusters):
        if n in moved:
            continue
        index[n] = len(clusters)
        if c.id in extra:
            c = Cluster(id=c.id, type=c.type, kind=c.kind, gender=c.gender,
                        mentions=sorted([*c.mentions, *extra[c.id]], key=lambda m: m.start))
        clusters.append(c)
    for n, owner in moved.items():
        index[n] = next(i for i, c in enumerate(clusters) if c.id == owner.id)
    tokens = [index[n] if n >= 0 else -1 for n in table.token_cluster]
    return EntityTable(clusters, tokens, table.acronyms)


# ---------------------------------------------------------------- descriptions


def is_definite(span: Span) -> bool:
    return bool(len(span)) and span[0].lower_ in names.DEFINITE_DETERMINERS


def is_plural(span: Span) -> bool:
    root = span.root
    return root.tag_ in {"NNS", "NNPS"} or bare(root.text) in names.GROUP_NOUNS


def head_word(root: Token) -> str:
    """A description's head noun as titles are compared: "the JLM vice-chair" -> "vice-chair"
    (the parser splits it at the hyphen), so that it is not "the JLM chair"; a hyphenated
    word that is no title keeps its last part ("actor-singer" -> "singer")."""
    word = bare(root.text) if bare(root.text) in names.PERSON_NOUNS else root.lemma_.lower()
    doc = root.doc
    if (root.i >= 2 and doc[root.i - 1].text == "-" and not doc[root.i - 1].whitespace_
            and not doc[root.i - 2].whitespace_):
        word = f"{doc[root.i - 2].lower_}-{word}"
    return title_head(word)


def org_in_span(table: EntityTable, span: Span) -> Cluster | None:
    return next((c for t in span if (c := table.at(t.i)) is not None and c.type == "ORG"),
                None)


def title_head(title: str) -> str:
    """The noun a title ends in: "party chair" -> "chair", "actor-singer" -> "singer"; a
    hyphenated title ("vice-chair", "co-founder") stays whole."""
    word = title.lower().split()[-1]
    return word if word in names.TITLE_NOUNS else word.split("-")[-1]


def role_holders(roles: list[Role], head: str, organisation: str | None,
                 before_char: int) -> set[str]:
    """Entities given a role with this head noun (and organisation) before a point; for a
    head of an organisation ("the ORG chair") with no such holder, the one person given
    another head's title at that organisation ("ORG founder X"), if there is exactly one
    and that title is current (no "former", "deputy", "acting")."""
    out = set()
    for role in roles:
        if role.start >= before_char or title_head(role.title) != head:
            continue
        if organisation is not None and role.organisation != organisation:
            continue
        out.add(role.entity)
    if out or organisation is None or head not in names.LEADERSHIP_NOUNS:
        return out
    heads = {role.entity for role in roles
             if role.start < before_char and role.organisation == organisation
             and role.qualifier is None and title_head(role.title) in names.LEADERSHIP_NOUNS}
    return heads if len(heads) == 1 else set()


# ---------------------------------------------------------------- unnamed sources


def is_demonym(span: Span) -> bool:
    """Whether a speaker phrase stands for someone by nationality alone ('the Swiss said',
    'added the Swede', 'two Britons'): its head is a nationality word and it holds no other
    name. Not 'Swiss minister Jane Roe' (a name) nor 'the Chinese side' (another head)."""
    root = span.root
    if root.lower_ not in names.DEMONYMS:
        return False
    return not any(t.pos_ == "PROPN" and t.lower_ not in names.DEMONYMS for t in span)


def press_named(span: Span) -> bool:
    """Whether a speaker phrase names a newspaper or agency by its form: introduced by a
    press noun ('the mass-circulation daily Bild', 'the weekly Der Spiegel') or starting
    with an article that starts titles and never people's names ('Die Welt')."""
    words = [t for t in span if not t.is_punct]
    if not words:
        return False
    root = span.root
    if root.pos_ != "PROPN":
        return False
    first = words[0]
    if first.lower_ in names.TITLE_ARTICLES and first.text[:1].isupper() and first.i < root.i:
        return True
    names_start = next((t for t in words if t.pos_ == "PROPN"), root)
    return names_start.i > 0 and span.doc[names_start.i - 1].lower_ in names.PRESS_NOUNS


def principal_of(span: Span) -> Span | None:
    """Whom a representative speaks for: the possessor of the phrase's head noun ("Howard's
    spokesman") or the object of its 'for', 'of' or 'to' ('a spokesman for the ministry',
    'an aide to the mayor'), even past the end of ``span``. None when the head is no
    representative noun or is itself a name ('spokesman John Roe' has Roe as its head)."""
    root = span.root
    if root.pos_ == "PROPN" or bare(root.text) not in names.REPRESENTATIVE_NOUNS:
        return None
    doc = span.doc
    for child in root.children:
        if child.dep_ == "poss":
            return doc[child.left_edge.i:child.i + 1]
        if child.dep_ == "prep" and child.lower_ in names.PRINCIPAL_PREPOSITIONS:
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                return doc[objs[0].left_edge.i:objs[0].i + 1]
    return None


def main_speaker(tok: Token) -> bool:
    """Whether a mention is the subject of its sentence's main verb or of a speech verb
    ('Army chief X rejected the claim', 'X said'): not a subject inside a reported clause
    ('said Y had been fired'), which a following 'he said' rarely points at. A name in
    apposition to the subject counts as it ('His rival, General X, spoke')."""
    while tok.dep_ == "appos" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ not in SUBJECT_DEPS:
        return False
    head = tok.head
    if head.dep_ == "conj" and head.head.dep_ == "ROOT":
        head = head.head  # "X was out injured but Y is hopeful": Y heads a main clause too
    return head.dep_ == "ROOT" or (head.lemma_.lower() in lexicon.SPEECH_VERBS
                                   and head.dep_ not in {"ccomp", "xcomp"})


def aged(span: Span) -> bool:
    """Whether a description gives a person's age ('the 35-year-old handler', 'the
    veteran, 62,'): whatever its noun, it stands for a person named before."""
    return AGE_RE.search(span.text) is not None


def indefinite(tok: Token) -> bool:
    """Whether a noun is introduced as someone new: 'a senior official', 'one diplomat'."""
    return any(c.dep_ in {"det", "nummod"} and c.lower_ in names.INDEFINITE_DETERMINERS
               for c in tok.children)


def is_according_object(tok: Token) -> bool:
    """Whether a token heads the source of "according to ..."."""
    to = tok.head
    return (tok.dep_ == "pobj" and to.lower_ == "to" and to.i > 0
            and tok.doc[to.i - 1].lower_ == "according")


def speaking_subject(tok: Token) -> bool:
    """Whether a token is the subject of a speech verb ('an aide said', 'the source told')."""
    return tok.dep_ in SUBJECT_DEPS and tok.head.lemma_.lower() in lexicon.SPEECH_VERBS


def name_route(mention: str, name: str) -> str:
    """How a mention that is a name stands to the fullest name: "name" when it holds every
    word of it ('Ivor Caplin', 'JLM chair Ivor Caplin'), "earlier full name" when it holds
    some ('Mr Caplin' for Ivor Caplin, named in full before), "alias" when none."""
    said = {w.lower() for w in mention.split()}
    words = [w.lower() for w in name.split()]
    if all(w in said for w in words):
        return "name"
    return "earlier full name" if any(w in said for w in words) else "alias"


class Coreference:
    """The article's entities and roles, and who each speaker mention is."""

    def __init__(self, doc: Doc, table: EntityTable, layout: Layout, salience: Salience,
                 roles: list[Role]) -> None:
        self.doc = doc
        self.table = table
        self.layout = layout
        self.salience = salience
        self.pronouns: dict[int, int] = {}  # pronoun token -> cluster index
        self.descriptions: dict[tuple[int, int], int] = {}  # noun phrase -> cluster index
        self.roles = roles
        self.entities: list[Entity] = []

    def resolve_anaphora(self) -> None:
        """Pronouns and definite descriptions in document order; each one resolved
        becomes a reference the later ones can point back through."""
        chunks = {c.start: c for c in self.doc.noun_chunks
                  if is_definite(c) and self.table.at(c.root.i) is None}
        genders: dict[int, Counter] = {}
        for tok in self.doc:
            chunk = chunks.get(tok.i)
            if chunk is not None:
                found = self.resolve_description(chunk)
                if found is not None:
                    self.descriptions[(chunk.start, chunk.end)] = found
                    self.salience.add(make_ref(self.doc, self.layout, chunk, found))
                continue
            found = resolve_pronoun(self.doc, self.table, self.layout, self.salience, tok,
                                    self.pronouns, genders)
            if found is not None:
                self.pronouns[tok.i] = found
                self.salience.add(make_ref(self.doc, self.layout, [tok], found))

    # -------------------------------------------------------------- public

    def speaker_for(self, span: Span) -> Speaker:
        mention = text_span(span)
        root = span.root
        before = self.sole_person_before(span)
        if before is not None:
            return Speaker(mention=mention, name=before.name, description=None,
                           type="PERSON", entity=before.id,
                           resolved="description, the one person just before")
        if is_demonym(span):  # a nationality is never a name
            return Speaker(mention=mention, name=None, description=span.text,
                           type="GROUP" if root.tag_ in {"NNS", "NNPS"} else "PERSON",
                           resolved="nationality")
        cluster, route = self.cluster_route(span)
        representative = self.representative(span, cluster)
        if representative is not None:
            return replace(representative, resolved="spokesperson")
        if root.lower_ in names.PRONOUNS and (
                unnamed := self.unnamed_speaker_before(root, cluster)) is not None:
            return Speaker(mention=mention, name=None, description=unnamed.text,
                           type="PERSON", principal=self.principal_name(unnamed),
                           resolved="pronoun, last unnamed speaker")
        if cluster is None and len(span) == 1 and root.lower_ == "it":
            carried = self.organisation_speaker_before(root)
            if isinstance(carried, Cluster):
                return Speaker(mention=mention, name=carried.name, description=None,
                               type=SPEAKER_TYPES.get(carried.type, "ORG"), entity=carried.id,
                               resolved="pronoun, last organisation speaker")
            if carried is not None:
                return Speaker(mention=mention, name=None, description=carried.text,
                               type="ORG", principal=self.principal_name(carried),
                               resolved="pronoun, last organisation speaker")
        if cluster is not None:
            press = cluster.kind == "media" or press_named(span)
            if route == "name":
                route = name_route(span.text, cluster.name)
            return Speaker(mention=mention, name=cluster.name, description=None,
                           type="ORG" if press else SPEAKER_TYPES.get(cluster.type, "ORG"),
                           entity=cluster.id, resolved=route)
        word = root.lower_
        if word in names.PRONOUNS or word in FIRST_PERSON or word in FIRST_PERSON_PLURAL:
            plural = word in FIRST_PERSON_PLURAL or names.PRONOUNS.get(word, ("", ""))[1] == "pl"
            return Speaker(mention=mention, name=None, type="GROUP" if plural else "PERSON",
                           resolved="unresolved pronoun")
        if root.pos_ == "PROPN" and root.text[:1].isupper() and not is_plural(span):
            return Speaker(mention=mention, name=span.text,
                           type="ORG" if press_named(span) else "PERSON", resolved="name")
        if root.lemma_.lower() in names.ORG_NOUNS and not is_plural(span):
            return Speaker(mention=mention, name=None, description=span.text, type="ORG",
                           resolved="description")
        return Speaker(mention=mention, name=None, description=span.text,
                       type="GROUP" if is_plural(span) or self._numbered(span) else "PERSON",
                       resolved="description")

    def sole_person_before(self, span: Span) -> Cluster | None:
        """For a definite description that speaks and names no one ("the Brazilian said",
        "the 78-year-old said", "the former club manager said:"), the one person the
        narration named just before: the nearest sentence outside quotation marks that
        names someone (by name, else by pronoun), within ``DESCRIPTION_WINDOW`` sentences,
        when it names one person only. None for a spokesman or any representative, for a
        noun introduced as someone new ("a senior official ... the official"), and where
        the description already resolves (a role's holder, a name in it)."""
        root = span.root
        if (not is_definite(span) or is_plural(span) or self.layout.quoted[root.i]
                or not speaking_subject(root) or bare(root.text) in names.REPRESENTATIVE_NOUNS):
            return None
        demonym = is_demonym(span)
        if root.pos_ == "PROPN" and not demonym:
            return None
        if not (demonym or aged(span) or head_word(root) in names.PERSON_NOUNS):
            return None
        if any(c.dep_ == "prep" for c in root.children):
            return None  # "the head of the church": a description that defines someone
        if org_in_span(self.table, span) is not None and not any(
                bare(t.text) in PAST_POSTS for t in span):
            return None  # "the Trust chair": a current post, whose holder the roles decide
        if self.introduced_unnamed(span) is not None or (
                not demonym and self.cluster_route(span)[0] is not None):
            return None
        here = self.layout.sent[span.start]
        lo = bisect_left(self.layout.sent, here - DESCRIPTION_WINDOW)
        end = bisect_left(self.layout.sent, here)
        by_sentence: dict[int, tuple[list[Cluster], list[Cluster]]] = {}
        for tok in self.doc[lo:end]:
            if self.layout.quoted[tok.i]:
                continue
            named, pointed = by_sentence.setdefault(self.layout.sent[tok.i], ([], []))
            if (c := self.table.at(tok.i)) is not None and c.type == "PERSON":
                named.append(c)
            elif tok.i in self.pronouns and (
                    c := self.table.clusters[self.pronouns[tok.i]]).type == "PERSON":
                pointed.append(c)
        for sent in sorted(by_sentence, reverse=True):
            named, pointed = by_sentence[sent]
            people = {c.id: c for c in (named or pointed)}
            if people:
                return next(iter(people.values())) if len(people) == 1 else None
        return None

    def representative(self, span: Span, cluster: Cluster | None) -> Speaker | None:
        """An unnamed speaker who speaks for someone ('a spokesman for the ministry',
        "Howard's spokesman"): described, typed PERSON and linked to that principal, never
        the principal itself. None when the phrase names its own speaker or resolves to
        someone outside the principal ('the ministry's spokesman' who is a named holder)."""
        root = span.root
        if self.table.at(root.i) is not None or self.appositive_name(root) is not None:
            return None
        principal = principal_of(span)
        if principal is None:
            return None
        if cluster is not None and cluster not in self.clusters_in(principal):
            return None
        plural = root.tag_ in {"NNS", "NNPS"}
        return Speaker(mention=text_span(span), name=None, description=span.text,
                       type="GROUP" if plural else "PERSON",
                       principal=self.principal_name(span))

    def principal_name(self, span: Span) -> str | None:
        """The name (or the words) of whom a representative phrase speaks for."""
        principal = principal_of(span)
        if principal is None:
            return None
        found = self.clusters_in(principal)
        return found[-1].name if found else principal.text

    def clusters_in(self, span: Span) -> list[Cluster]:
        """The entities named or pointed at (pronouns) by the words of ``span``."""
        out = []
        for tok in span:
            c = self.table.at(tok.i)
            if c is None and tok.i in self.pronouns:
                c = self.table.clusters[self.pronouns[tok.i]]
            if c is not None and c not in out:
                out.append(c)
        return out

    def unnamed_speaker_before(self, pronoun: Token, cluster: Cluster | None) -> Span | None:
        """For a pronoun speaker ('he said'), the most recent person who spoke without a
        name ('a senior official said', "the minister's spokesman stressed") when that one
        comes after the last mention of the person the pronoun was resolved to: the nearest
        compatible person, not the most salient. Subjects of speech verbs outside quotation
        marks only, within the pronoun window."""
        if names.PRONOUNS.get(pronoun.lower_, ("", ""))[1] != "sg" or self.layout.quoted[
                pronoun.i]:
            return None
        lo = bisect_left(self.layout.sent, self.layout.sent[pronoun.i] - WINDOW_SENTENCES)
        if cluster is not None:
            n = self.table.clusters.index(cluster)
            last = next((r.token for r in self.salience.before(pronoun.i, WINDOW_SENTENCES)
                         if r.cluster == n and r.token != pronoun.i), None)
            if last is None:
                return None
            lo = max(lo, last + 1)
        for tok in reversed(self.doc[lo:pronoun.i]):
            if (not speaking_subject(tok) or self.layout.quoted[tok.i] or tok.pos_ != "NOUN"
                    or tok.tag_ != "NN" or bare(tok.text) not in names.PERSON_NOUNS):
                continue
            phrase = self.doc[tok.left_edge.i:tok.i + 1]
            if self.table.at(tok.i) is not None or self.appositive_name(tok) is not None:
                return None
            found = self.cluster_for(phrase)
            if found is None or (principal_of(phrase) is not None
                                 and found in self.clusters_in(principal_of(phrase) or phrase)):
                head = principal_of(phrase)
                end = max(tok.i, head.end - 1) if head is not None else tok.i
                return self.doc[tok.left_edge.i:end + 1]
            return None  # the nearest speaker before the pronoun is a named one
        return None

    def organisation_speaker_before(self, pronoun: Token) -> Cluster | Span | None:
        """For "it said": the organisation that last spoke before it, within the pronoun
        window ("the army said ... it added" -> the army; "the ministry said" -> the words
        "the ministry" when it is not named). Subjects of speech verbs outside quotation marks
        only; an earlier "it" is passed over, a person between them is not an antecedent."""
        lo = bisect_left(self.layout.sent, self.layout.sent[pronoun.i] - WINDOW_SENTENCES)
        for tok in reversed(self.doc[lo:pronoun.i]):
            if self.layout.quoted[tok.i] or tok.lower_ == "it":
                continue
            if is_according_object(tok):  # "according to reports of the Harbour Daily"
                named = [c for t in tok.subtree if (c := self.table.at(t.i)) is not None
                         and c.type in ORGANISATION_SPEAKERS]
                if named:
                    return named[-1]
            if not speaking_subject(tok):
                continue
            cluster = self.table.at(tok.i)
            if cluster is not None:
                if cluster.type in ORGANISATION_SPEAKERS:
                    return cluster
                continue
            if tok.pos_ == "NOUN" and tok.tag_ == "NN" and (
                    bare(tok.text) in names.ORG_NOUNS or bare(tok.text) in ORG_SPEAKER_NOUNS):
                return self.doc[tok.left_edge.i:tok.i + 1]
        return None

    def cluster_for(self, span: Span) -> Cluster | None:
        """The entity a speaker span names or points at, if any."""
        return self.cluster_route(span)[0]

    def cluster_route(self, span: Span) -> tuple[Cluster | None, str | None]:
        """``cluster_for`` with the way it was found (``Speaker.resolved``): "name" (the
        span is a mention of it), "pronoun", "apposition", "role noun" (a definite
        description), "name in phrase"; (None, None) when nothing is found."""
        root = span.root
        if (c := self.table.at(root.i)) is not None:
            return c, "name"
        if root.i in self.pronouns:
            return self.table.clusters[self.pronouns[root.i]], "pronoun"
        if root.lower_ in names.PRONOUNS:
            return None, None
        named = self.appositive_name(root)
        if named is not None:
            return named, "apposition"
        key = (span.start, span.end)
        if key in self.descriptions:
            return self.table.clusters[self.descriptions[key]], "role noun"
        found = self.resolve_description(span)
        if found is not None:
            return self.table.clusters[found], "role noun"
        people = [c for t in span if (c := self.table.at(t.i)) and c.type == "PERSON"]
        return (people[-1], "name in phrase") if people else (None, None)

    def appositive_name(self, root: Token) -> Cluster | None:
        """"Its chair, Rhiannon Vale, said": the name in apposition to a speaker noun; "a
        rescued worker called Zhang said", "a farmer named Liu Wei": the name given to it."""
        for child in root.children:
            if child.dep_ == "appos" and (c := self.table.at(child.i)) is not None:
                return c
            if child.dep_ == "acl" and child.lower_ in NAMING_PARTICIPLES:
                for name in child.children:
                    if name.dep_ in {"oprd", "attr", "dobj"} and (
                            c := self.table.at(name.i)) is not None:
                        return c
        return None

    # -------------------------------------------------------------- descriptions

    def resolve_description(self, span: Span) -> int | None:
        """A definite role or org noun ("the JLM chair", "the party") -> cluster index;
        an indefinite org noun ("a union has warned") -> the article's only such org."""
        if is_plural(span):
            return None
        root = span.root
        if not is_definite(span):
            if span[0].lower_ in {"a", "an"} and root.lemma_.lower() in names.ORG_NOUNS:
                return self._only_org(root)
            return None
        head = head_word(root)
        if head in names.PERSON_NOUNS or aged(span):
            return self._person_description(span, head)
        if head in names.HONORIFICS and self.introduced_unnamed(span) is None:
            return self.titled_before(span, head)  # "the queen": the one titled so
        if root.lemma_.lower() in names.ORG_NOUNS:
            return self._org_description(span, root.lemma_.lower())
        return None

    def _person_description(self, span: Span, head: str) -> int | None:
        if self.introduced_unnamed(span) is not None:
            return None  # 'a senior official said ... the official said': that same one
        org = org_in_span(self.table, span)
        holders = role_holders(self.roles, head, org.name if org else None, span.start_char)
        earlier = self.salience.before(span.start, 10_000 if holders else DESCRIPTION_WINDOW)
        seen = Counter(r.cluster for r in earlier)
        ranked = sorted(
            ((score(r, span.start, self.layout, seen), r.cluster) for r in earlier
             if self.table.clusters[r.cluster].type == "PERSON"),
            reverse=True,
        )
        if holders:
            return next((c for _, c in ranked if self.table.clusters[c].id in holders), None)
        if org is None and (titled := self.titled_before(span, head)) is not None:
            return titled
        if org is not None or span.root.dep_ not in SUBJECT_DEPS:
            return None  # "the JLM chair" with no known chair, or not a subject: unnamed
        here = self.layout.sent[span.start]
        ranked = [(v, c) for v, c in ranked
                  if all(r.sent < here for r in earlier if r.cluster == c)]
        if not ranked:
            return None
        best = ranked[0]
        second = next((s for s, c in ranked if c != best[1]), None)
        if second is not None and best[0] - second < 1.0:
            return None  # two people equally salient: too risky
        return best[1]

    def titled_before(self, span: Span, head: str) -> int | None:
        """"The queen said" after "Queen Anna II", "the rabbi" after "Rabbi Levi": the one
        person named before with that word as an honorific; None for two or for none."""
        found = {n for n, c in enumerate(self.table.clusters) if c.type == "PERSON"
                 and any(m.honorific and m.honorific.lower() == head
                         and m.start < span.start for m in c.mentions)}
        return found.pop() if len(found) == 1 else None

    def introduced_unnamed(self, span: Span) -> Token | None:
        """For a definite description ('the official', 'the source'), the same noun
        introduced as someone new just before it ('a senior military official', 'an
        unidentified source'), within ``DESCRIPTION_WINDOW`` sentences and outside quotation
        marks: the description points back at that unnamed person."""
        root = span.root
        here = self.layout.sent[span.start]
        lo = bisect_left(self.layout.sent, here - DESCRIPTION_WINDOW)
        lemma = root.lemma_.lower()
        for tok in reversed(self.doc[lo:span.start]):
            if (tok.lemma_.lower() == lemma and tok.pos_ == "NOUN" and indefinite(tok)
                    and not self.layout.quoted[tok.i] and self.table.at(tok.i) is None
                    and self.appositive_name(tok) is None):
                return tok
        return None

    def _only_org(self, root: Token) -> int | None:
        """The one organisation of the article a common noun fits, when there is one."""
        words = {t.lower_ for t in root.lefts if t.dep_ in {"amod", "compound"}}
        found = org_clusters_for(self.table, root.lemma_.lower(), words)
        return self.table.clusters.index(found[0]) if len(found) == 1 else None

    def _org_description(self, span: Span, noun: str) -> int | None:
        """"the party" -> the latest organisation whose name holds "party" and every
        other word of the phrase ("the electoral commission" needs "electoral")."""
        org = org_in_span(self.table, span)
        if org is not None:
            return self.table.clusters.index(org)
        words = {t.lower_ for t in span if t.is_alpha and t.dep_ != "det" and t != span.root}
        earlier = self.salience.before(span.start, 10_000)
        for ref in earlier:
            cluster = self.table.clusters[ref.cluster]
            name_words = set(cluster.name.lower().split())
            if cluster.type == "ORG" and noun in name_words and words <= name_words:
                return ref.cluster
        later = nearest_cluster(org_clusters_for(self.table, noun, words), span.start)
        return self.table.clusters.index(later) if later is not None else None

    @staticmethod
    def _numbered(span: Span) -> bool:
        return any(t.like_num and t.lower_ != "one" for t in span)

    # -------------------------------------------------------------- entities

    def entities_of(self) -> list[Entity]:
        """Entities with every mention: names, pronouns and descriptions."""
        extra: dict[int, list[tuple[int, int]]] = {}
        for i, n in self.pronouns.items():
            tok = self.doc[i]
            extra.setdefault(n, []).append((tok.idx, tok.idx + len(tok.text)))
        for (s, e), n in self.descriptions.items():
            span = self.doc[s:e]
            extra.setdefault(n, []).append((span.start_char, span.end_char))
        out = []
        text = doc_text(self.doc)  # built from the tokens on each access: once only
        for n, c in enumerate(self.table.clusters):
            spans = {(m.start_char, m.end_char) for m in c.mentions} | set(extra.get(n, []))
            out.append(Entity(
                id=c.id, name=c.name, type=c.type, aliases=c.aliases(text),
                mentions=tuple(sorted(spans)), kind=c.kind, honorifics=c.honorifics,
            ))
        return out


def analyse(doc: Doc, published: str | None = None) -> Coreference:
    """Entities, roles and speaker resolution for one parsed article.

    ``published`` ("YYYY-MM-DD", else ``doc.user_data["published"]``) anchors the dates
    of roles ("was confirmed as chair in June").
    """
    published = published or doc.user_data.get("published")
    table = adopt_short_names(mend_name_edges(doc, entity_table(doc)))
    layout = Layout.of(doc)
    refs = sorted(
        (make_ref(doc, layout, doc[m.head_start:m.end], n)
         for n, cluster in enumerate(table.clusters) for m in cluster.mentions),
        key=lambda r: r.token,
    )
    salience = Salience(layout, refs, [r.token for r in refs])
    named = {i: c.id for i, n in enumerate(table.token_cluster)
             if n >= 0 and (c := table.clusters[n]).type == "PERSON"}
    co = Coreference(doc, table, layout, salience, find_roles(doc, table, named.get))
    co.resolve_anaphora()

    def person_at(i: int) -> str | None:
        if i in named:
            return named[i]
        c = table.clusters[co.pronouns[i]] if i in co.pronouns else None
        return c.id if c is not None and c.type == "PERSON" else None

    found_times: list[TimeExpr] = []

    def article_times() -> list[TimeExpr]:
        if not found_times:
            found_times.extend(find_times(doc, published))
        return found_times

    co.roles = find_roles(doc, table, person_at, article_times)
    co.entities = co.entities_of()
    return co


__all__ = ["Coreference", "analyse"]
