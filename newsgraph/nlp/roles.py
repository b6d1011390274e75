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

from spacy.tokens import Doc, Token

from newsgraph.model import Role
from newsgraph.nlp import names
from newsgraph.nlp.entities import EntityTable, bare

PersonAt = Callable[[int], "str | None"]
ORGANISATION_TYPES = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
NAMING_VERBS = frozenset({"appoint", "name", "elect", "choose", "nominate", "install", "select"})


def is_title_noun(tok: Token) -> bool:
    return bare(tok.text) in names.TITLE_NOUNS or tok.lemma_.lower() in names.TITLE_NOUNS


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
    cluster = table.at(j)
    if cluster is not None and cluster.type in ORGANISATION_TYPES:
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
        organisation = organisation_after(table, head)
    first = min(title_start, org_start, q_start)
    return Role(entity, doc[title_start:head.i + 1].text, organisation, qualifier,
                doc[first].idx, head.idx + len(head.text))


def organisation_after(table: EntityTable, head: Token) -> str | None:
    """"chair of the Board of Deputies": the organisation after "of"/"at"/"for"."""
    for prep in head.rights:
        if prep.lower_ not in {"of", "at", "for"}:
            continue
        for obj in prep.rights:
            cluster = table.at(obj.i)
            if cluster is not None and cluster.type in ORGANISATION_TYPES:
                return cluster.name
    return None


def appositive_heads(head: Token) -> Iterable[Token]:
    """Title nouns in apposition to a name, with their conjuncts."""
    for child in head.children:
        if child.dep_ != "appos":
            continue
        yield child
        yield from (c for c in child.conjuncts if c.i > child.i)


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
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            if child.lower_ in {"who", "that"} and verb.dep_ == "relcl":
                return verb.head
            return child
    return None


def find_roles(doc: Doc, table: EntityTable, person_at: PersonAt) -> list[Role]:
    """Every role the article gives a person, in document order, without duplicates."""
    found: dict[tuple, Role] = {}

    def add(role: Role | None) -> None:
        if role is not None:
            found.setdefault((role.entity, role.title.lower(), role.start), role)

    for cluster in table.clusters:
        if cluster.type != "PERSON":
            continue
        for m in cluster.mentions:
            # "President Marie X": an honorific that is a title noun counts as the title
            start = m.start if m.start > 0 and is_title_noun(doc[m.start - 1]) else m.head_start
            add(premodifier_role(doc, table, start, cluster.id))
            for head in appositive_heads(doc[m.end - 1]):
                add(noun_phrase_role(doc, table, head, cluster.id))
    for tok in doc:
        if tok.pos_ not in {"NOUN", "PROPN"} or not is_title_noun(tok):
            continue
        subject = copular_subject(tok)
        entity = person_at(subject.i) if subject is not None else None
        if entity is not None:
            add(noun_phrase_role(doc, table, tok, entity))
    return sorted(found.values(), key=lambda r: (r.start, r.entity))
