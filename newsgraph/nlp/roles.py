"""Roles people hold, read from the article: (person, title, organisation, qualifier).

Three shapes, tried for every person mention:

1. pre-modifier: "Labour General Secretary Jennie Formby", "former Prime Minister X";
2. apposition: "Mike Katz, the current vice-chair and a former Labour candidate";
3. copula or "as": "X was confirmed as JLM chair", "As party chair, X said", "X is the MP".

``person_at(i)`` tells which person entity a token names (names and resolved pronouns),
so roles given to "he" land on the right person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsgraph.model import Role, TimeExpr
from newsgraph.nlp import names
from newsgraph.nlp.entities import Cluster, EntityTable, bare

PersonAt = Callable[[int], "str | None"]
ORGANISATION_TYPES = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
NAMING_VERBS = frozenset({"appoint", "name", "elect", "choose", "nominate", "install", "select"})
GENERIC_ORG_NOUNS = frozenset({"group", "organisation", "organization", "body", "campaign"})
POSSESSIVE_ORG_PRONOUNS = frozenset({"its", "their"})
ORG_LOOKBACK_TOKENS = 80  # how far back "its chair" looks for its organisation


def is_title_noun(tok: Token) -> bool:
    word, lemma = bare(tok.text), tok.lemma_.lower()
    return word in names.TITLE_NOUNS or lemma in names.TITLE_NOUNS or (
        word in names.OCCUPATION_NOUNS or lemma in names.OCCUPATION_NOUNS
    )


def is_org_noun(tok: Token) -> bool:
    """A common noun for an organisation: "council", "union", "Council" opening a sentence."""
    return tok.pos_ in {"NOUN", "PROPN"} and bare(tok.text) in names.ORG_NOUNS and (
        tok.is_lower or tok.is_sent_start
    )


def modifier_words(tok: Token) -> set[str]:
    """Lower-case words modifying a noun ("the harbour users' group" -> harbour, users)."""
    out = set()
    for child in tok.lefts:
        if child.dep_ in {"compound", "amod", "poss", "nmod"} and child.pos_ != "PRON":
            for t in child.subtree:
                if t.is_alpha and t.dep_ not in {"det", "case"} and (
                    bare(t.text) not in names.QUALIFIERS
                ):
                    out.add(t.lower_)
    return out


def org_clusters_for(table: EntityTable, noun: str, words: set[str]) -> list[Cluster]:
    """Organisations of the article a common noun may stand for: their name holds the noun
    and its modifiers, or, for "group"/"body", the modifiers alone."""
    out = []
    for c in table.clusters:
        if c.type != "ORG":
            continue
        name_words = {w.rstrip("'’").removesuffix("'s") for w in c.name.lower().split()}
        if noun in name_words and words <= name_words:
            out.append(c)
        elif noun in GENERIC_ORG_NOUNS and words and words <= name_words:
            out.append(c)
    return out


def nearest_cluster(clusters: list[Cluster], i: int) -> Cluster | None:
    """The cluster mentioned last before token ``i``, else the first mentioned after it."""
    before = [(m.start, c) for c in clusters for m in c.mentions if m.start < i]
    if before:
        return max(before, key=lambda x: x[0])[1]
    after = [(m.start, c) for c in clusters for m in c.mentions]
    return min(after, key=lambda x: x[0])[1] if after else None


def organisation_named_by(table: EntityTable, tok: Token) -> str | None:
    """The organisation a common noun stands for ("the council" -> "Saltmere Town Council"),
    else the words themselves ("council"); None when ``tok`` is no organisation noun."""
    if table.at(tok.i) is not None:
        c = table.at(tok.i)
        return c.name if c.type in ORGANISATION_TYPES else None
    if tok.lower_ in POSSESSIVE_ORG_PRONOUNS:
        earlier = [c for c in table.clusters if c.type == "ORG"
                   and any(tok.i - ORG_LOOKBACK_TOKENS < m.start < tok.i for m in c.mentions)]
        found = nearest_cluster(earlier, tok.i)
        return found.name if found else None
    if not is_org_noun(tok):
        return None
    named = [c for t in tok.lefts for k in t.subtree
             if (c := table.at(k.i)) is not None and c.type == "ORG"]
    if named:  # "the Momentum campaign group"
        return named[-1].name
    noun = bare(tok.text)
    words = modifier_words(tok)
    found = nearest_cluster(org_clusters_for(table, noun, words), tok.i)
    if found is not None:
        return found.name
    return organisation_words(tok)


def organisation_words(tok: Token) -> str:
    """The article's words for an unnamed organisation, without determiner or qualifier
    ("the harbour users’ group", "Deputy council" -> "council")."""
    start = tok.left_edge.i
    while start < tok.i and (tok.doc[start].dep_ == "det" or tok.doc[start].pos_ == "PRON"
                             or bare(tok.doc[start].text) in names.QUALIFIERS):
        start += 1
    return tok.doc[start:tok.i + 1].text.lower()


def hyphen_start(doc: Doc, i: int) -> int:
    """First token of a hyphenated word ending at token ``i`` ("vice - chair" -> "vice")."""
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and (
        not doc[i - 2].whitespace_
    ):
        i -= 2
    return i


def organisation_before(doc: Doc, table: EntityTable, i: int) -> tuple[str | None, int]:
    """An organisation named right before token ``i``: (name, first token) or (None, i)."""
    j = i - 1
    if j < 0:
        return None, i
    if is_org_noun(doc[j]) and table.at(j) is None:  # "council leader X"
        return organisation_named_by(table, doc[j]), j
    cluster = table.at(j)
    if cluster is not None and cluster.type in ORGANISATION_TYPES and (
        cluster.type != "NORP" or doc[j].pos_ != "ADJ"  # "the Jewish head of": no body
    ):
        mention = table.mention_at(j)
        if mention is not None and mention.end == i:
            return cluster.name, mention.head_start
    start = i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and (
        table.at(start - 1) is None and doc[start - 1].ent_type_ in {"", "ORG", "GPE", "NORP"}
    ):
        start -= 1
    if start < i:
        return doc[start:i].text, start
    return None, i


def title_before(doc: Doc, end: int) -> tuple[int, int | None]:
    """Title words ending right before token ``end``: (start, start of qualifier or None)."""
    i = end - 1
    if i < 0 or not is_title_noun(doc[i]):
        return end, None
    i = hyphen_start(doc, i)
    while i > 0 and bare(doc[i - 1].text) not in names.QUALIFIERS and (
        bare(doc[i - 1].text) in names.TITLE_MODIFIERS or is_title_noun(doc[i - 1])
    ) and doc[i - 1].ent_type_ not in {"PERSON"}:
        i = hyphen_start(doc, i - 1)
    return i, None


def qualifier_before(doc: Doc, i: int) -> tuple[str | None, int]:
    """A qualifier ("former", "deputy") right before token ``i``."""
    if i > 0 and bare(doc[i - 1].text) in names.QUALIFIERS:
        return doc[i - 1].lower_, i - 1
    return None, i


def premodifier_role(doc: Doc, table: EntityTable, start: int, entity: str) -> Role | None:
    """"JLM chair Ivor Caplin": title words, then organisation, then qualifier, leftwards."""
    title_start, _ = title_before(doc, start)
    if title_start == start:
        return None
    title = doc[title_start:start].text
    qualifier, q_start = qualifier_before(doc, title_start)
    organisation, org_start = organisation_before(doc, table, q_start)
    if qualifier is None:
        qualifier, org_start2 = qualifier_before(doc, org_start)
        org_start = org_start2 if qualifier else org_start
    first = min(title_start, q_start, org_start)
    return Role(entity, title, organisation, qualifier, doc[first].idx, doc[start - 1].idx
                + len(doc[start - 1].text))


def noun_phrase_role(doc: Doc, table: EntityTable, head: Token, entity: str) -> Role | None:
    """A role from a noun phrase headed by a title noun ("the current vice-chair",
    "a former Labour parliamentary candidate", "chair of the Board")."""
    if not is_title_noun(head):
        return None
    title_start = hyphen_start(doc, head.i)
    while title_start > 0 and bare(doc[title_start - 1].text) in names.TITLE_MODIFIERS and (
        bare(doc[title_start - 1].text) not in names.QUALIFIERS
    ):
        title_start -= 1
    organisation, org_start = organisation_before(doc, table, title_start)
    qualifier, q_start = qualifier_before(doc, org_start)
    if qualifier is None:
        qualifier, q_start = qualifier_before(doc, title_start)
    if organisation is None:
        organisation = organisation_of_possessor(table, head)
    if organisation is None:
        organisation = organisation_after(table, head)
    first = min(title_start, org_start, q_start)
    return Role(entity, doc[title_start:head.i + 1].text, organisation, qualifier,
                doc[first].idx, head.idx + len(head.text))


def organisation_of_possessor(table: EntityTable, head: Token) -> str | None:
    """"the union's regional organiser", "its chair": the organisation owning the title."""
    for child in head.lefts:
        if child.dep_ == "poss":
            return organisation_named_by(table, child)
    return None


def organisation_after(table: EntityTable, head: Token) -> str | None:
    """"chair of the Board of Deputies", "leader of the council": the organisation after
    "of"/"at"/"for"."""
    for prep in head.rights:
        if prep.lower_ not in {"of", "at", "for"}:
            continue
        for obj in prep.rights:
            if obj.dep_ == "pobj" and (found := organisation_named_by(table, obj)):
                return found
    return None


def appositive_heads(head: Token) -> Iterable[Token]:
    """Title nouns in apposition to a name, with their conjuncts."""
    for child in head.children:
        if child.dep_ != "appos":
            continue
        yield child
        yield from (c for c in child.conjuncts if c.i > child.i)


def listed_people(title: Token, person_at: PersonAt) -> list[str]:
    """The people a plural title noun stands beside, in order, read off the words (parsers
    attach such titles to any name of the list, or to none): "A, B and C, leaders of ..."
    -> A, B, C. The list is the run of names joined by commas and "and" just before ", (the)
    TITLE"; anything else between two names ("D, vice-chair of X, and A and B, ...", an
    honorific) ends it."""
    if title.tag_ != "NNS":
        return []
    doc, first = title.doc, title.sent.start
    i = title.i - 1
    while i >= first and doc[i].dep_ == "det":
        i -= 1
    if i < first or doc[i].text != ",":
        return []
    i -= 1
    run: list[str] = []
    while i >= first and (entity := person_at(i)) is not None:
        while i - 1 >= first and person_at(i - 1) == entity:
            i -= 1  # to the first word of this name
        if not run or run[-1] != entity:
            run.append(entity)
        i -= 1
        if i < first or doc[i].lower_ not in LIST_BREAKS:
            break
        while i >= first and doc[i].lower_ in LIST_BREAKS:
            i -= 1
    return run[::-1]


LIST_BREAKS = frozenset({",", "and", "or", "&"})


def listed_organisations(table: EntityTable, title: Token) -> list[str]:
    """What a plural title is of, one per holder when the article lists them in order, read
    off the words (parsers split such lists unpredictably): "leaders of the Reform, Liberal
    and Masorti movements" -> "Reform movement", ...; "heads of the finance and interior
    ministries" -> "finance ministry", ...; "leaders of Hamas and Islamic Jihad" -> the
    two names. One organisation (or none) when there is no list."""
    doc = title.doc
    prep = next((p for p in title.rights if p.lower_ in {"of", "at", "for"}), None)
    if prep is None:
        return []
    items: list[list[Token]] = []
    current: list[Token] = []
    noun: Token | None = None
    j = prep.i + 1
    while j < len(doc) and doc[j].dep_ == "det":
        j += 1
    for tok in doc[j:title.sent.end]:
        if tok.lower_ in LIST_BREAKS:
            if current:
                items.append(current)
            current = []
            continue
        if current and tok.tag_ in {"NNS", "NNPS"} and tok.text[:1].islower():
            noun = tok  # the plural noun the listed words share
            break
        if tok.is_punct or tok.pos_ in {"VERB", "AUX", "ADP", "DET", "ADV", "PRON"}:
            break
        current.append(tok)
    if current:
        items.append(current)
    if len(items) < 2:
        found = organisation_after(table, title)
        return [found] if found else []
    if noun is None:
        return [organisation_named_by(table, item[-1]) or doc[item[0].i:item[-1].i + 1].text
                for item in items]
    out = []
    for item in items:
        words = doc[item[0].i:item[-1].i + 1].text
        cluster = table.at(item[-1].i)
        named = cluster.name if cluster is not None and cluster.type in ORGANISATION_TYPES \
            else None
        if named and bare(named).lower().endswith(noun.lemma_.lower()):
            out.append(named)
        else:
            out.append(f"{words} {noun.lemma_}")
    return out


def distributed_roles(doc: Doc, table: EntityTable, title: Token, person_at: PersonAt
                      ) -> list[Role] | None:
    """"A, B and C, leaders of the X, Y and Z movements": each holder gets the singular
    title, with the organisation in the same place of the list when the two lists are as
    long (or the one organisation when there is one), else none. None when ``title`` is
    not a plural title beside two or more names (the rules for one holder apply)."""
    people = listed_people(title, person_at)
    if len(people) < 2:
        return None
    role = noun_phrase_role(doc, table, title, people[0])
    if role is None:
        return None
    words = role.title.split()
    singular = " ".join([*words[:-1], title.lemma_ if title.lemma_ != title.lower_ else
                         words[-1]])
    organisations = listed_organisations(table, title)
    if len(organisations) not in (1, len(people)):
        organisations = []
    out = []
    for n, entity in enumerate(people):
        organisation = (organisations[0] if len(organisations) == 1 else
                        organisations[n] if organisations else None)
        out.append(replace(role, entity=entity, title=singular, organisation=organisation))
    return out


def copular_subject(tok: Token) -> Token | None:
    """The subject a title noun is predicated of: "X is the MP", "X was confirmed as chair",
    "As chair, X said", "X, who is the MP"."""
    verb = None
    if tok.dep_ in {"attr", "oprd"}:
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.lower_ == "as":
        verb = tok.head.head
    if verb is None or verb.pos_ not in {"VERB", "AUX"}:
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and verb.lemma_ in NAMING_VERBS:
            return child  # "named her as chair": the object holds the role
    return clause_subject(verb)


def clause_subject(verb: Token) -> Token | None:
    """The subject of a verb; for "who"/"that" in a relative clause, the noun it modifies."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            if child.lower_ in {"who", "that"} and verb.dep_ == "relcl":
                return verb.head
            return child
    return None


def fronted_subject(tok: Token) -> Token | None:
    """"A former MP for Hove, Mr X replaced ...": a title phrase opening the sentence,
    set off by a comma before the verb's subject."""
    verb = tok.head
    if tok.dep_ not in {"dep", "npadvmod", "advcl", "nsubj"} or verb.pos_ not in {"VERB", "AUX"}:
        return None
    if tok.left_edge.i != tok.sent.start:
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}
                    and c.i > tok.i), None)
    if subject is None:
        return None
    between = tok.doc[tok.i:subject.left_edge.i]
    return subject if any(t.text == "," for t in between) else None


def verb_role(table: EntityTable, verb: Token, person_at: PersonAt) -> Role | None:
    """"X, who chairs the harbour users' group": a role from a verb of office."""
    title = names.ROLE_VERBS.get(verb.lemma_.lower())
    if title is None or verb.pos_ != "VERB":
        return None
    subject = clause_subject(verb)
    entity = person_at(subject.i) if subject is not None else None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if entity is None or obj is None:
        return None
    organisation = organisation_named_by(table, obj)
    if organisation is None:
        return None
    return Role(entity, title, organisation, None, verb.idx, verb.idx + len(verb.text))


def appositive_people(tok: Token, person_at: PersonAt) -> Iterable[str]:
    """"Its chair, Rhiannon Vale, said": people in apposition to a title noun."""
    for child in tok.children:
        if child.dep_ == "appos" and (entity := person_at(child.i)) is not None:
            yield entity


def role_start_time(verb: Token, times: list[TimeExpr]) -> TimeExpr | None:
    """"was confirmed as chair in June": a time in a prepositional phrase of the verb."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "on", "since", "during"}:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            start, end = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)
            found = next((t for t in times if t.start < end and start < t.end), None)
            if found is not None:
                return found
    return None


def plausible_organisation(words: str) -> bool:
    """False for what a title's organisation slot sometimes catches and no organisation is:
    a nationality ("Slovenian Finance Minister"), a title word ("Supreme Commander",
    "Deputy Chairman"), a word of rank ("former")."""
    word = bare(words)
    return not (word in names.DEMONYMS or word in names.QUALIFIERS or word in RANK_WORDS)


# Words of rank that open titles; alone in the organisation slot they are no organisation
# (unlike "Treasury" or "Interior", which name ministries).
RANK_WORDS = frozenset({"supreme", "deputy", "vice", "prime", "chief", "senior", "junior",
                        "general", "assistant", "associate", "principal", "executive"})


def find_roles(doc: Doc, table: EntityTable, person_at: PersonAt,
               times: Callable[[], list[TimeExpr]] | None = None) -> list[Role]:
    """Every role the article gives a person, in document order, without duplicates.

    ``times()`` gives the article's time expressions (asked for only when a role is
    stated with a verb of appointment, "was confirmed as chair in June"): they date it.
    """
    found: dict[tuple, Role] = {}

    def add(role: Role | None) -> None:
        if role is not None:
            if role.organisation and not plausible_organisation(role.organisation):
                role = replace(role, organisation=None)
            found.setdefault((role.entity, role.title.lower(), role.start), role)

    for cluster in table.clusters:
        if cluster.type != "PERSON":
            continue
        for m in cluster.mentions:
            # "President Marie X": an honorific that is a title noun counts as the title
            start = m.start if m.start > 0 and is_title_noun(doc[m.start - 1]) else m.head_start
            add(premodifier_role(doc, table, start, cluster.id))
            for head in appositive_heads(doc[m.end - 1]):
                shared = distributed_roles(doc, table, head, person_at)
                if shared is not None:
                    for role in shared:
                        add(role)
                else:
                    add(noun_phrase_role(doc, table, head, cluster.id))
    for tok in doc:
        if tok.pos_ == "VERB":
            add(verb_role(table, tok, person_at))
            continue
        if tok.pos_ not in {"NOUN", "PROPN"} or not is_title_noun(tok):
            continue
        if (shared := distributed_roles(doc, table, tok, person_at)) is not None:
            for role in shared:
                add(role)
            continue
        for entity in appositive_people(tok, person_at):
            add(noun_phrase_role(doc, table, tok, entity))
        subject = copular_subject(tok) or fronted_subject(tok)
        entity = person_at(subject.i) if subject is not None else None
        if entity is not None:
            role = noun_phrase_role(doc, table, tok, entity)
            verb = tok.head.head if tok.dep_ == "pobj" else tok.head
            if role is not None and times is not None and verb.lemma_ in (
                names.ROLE_START_VERBS
            ) and (when := role_start_time(verb, times())) is not None:
                role = replace(role, date=when.value)
            add(role)
    return sorted(found.values(), key=lambda r: (r.start, r.entity))
