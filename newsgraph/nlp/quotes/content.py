"""Content of cues: the clause, infinitive or object a reporting word carries, cut before
asides, trailing modifiers and conjoined reports of their own."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import lexicon as lx
from newsgraph.nlp.base import doc_text
from newsgraph.nlp.quotes.common import (
    LISTENER_VERBS,
    cue_lemma,
    is_cue_verb,
    set_off_before,
    trimmed,
)


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


def described_noun(noun: Token) -> bool:
    """A noun phrase the parse hung loose off a clause that a relative clause describes
    ('..., a charge that officials denied', '..., a claim he later withdrew'): the
    narrator's comment on the content, like an apposition."""
    return (noun.dep_ == "npadvmod" and noun.pos_ == "NOUN"
            and any(c.dep_ == "det" for c in noun.children)
            and any(c.dep_ in {"relcl", "acl"} for c in noun.children))


def trailing_gloss(tok: Token, span: Span) -> bool:
    """Whether the phrase that ``tok`` opens after a comma is a non-restrictive relative
    clause or an apposition running to the end of ``span`` ('..., which expires in May',
    '..., a former aide'): the narrator describing something the content names."""
    top = tok
    while top.head.i != top.i and top.head.left_edge.i == tok.i and top.head.i < span.end:
        top = top.head
    if top.dep_ not in lx.GLOSS_DEPS and not described_noun(top):
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
    'defended it despite criticism'; not an adverbial clause with a subject of its own
    ('stretched the truth, when she claimed that ...': a clause, often a report, of its
    own)."""
    for child in children:
        if (child.i > after and child.dep_ in lx.OBJECT_TAIL_DEPS and not is_setting(child)
                and not own_clause(child)):
            end = max(end, subtree_range(child)[1])
    return end


def addressed_object(verb: Token, infinitive: Token) -> Token | None:
    """The one a verb calls on to act, named right after it by a preposition ('called on
    Congress to act', 'called for the minister to resign'): part of what is asked."""
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if (after is None or after.head.i != verb.i or after.dep_ != "prep"
            or after.lower_ not in lx.ADDRESSEE_PREPOSITIONS or after.i >= infinitive.i
            or names_a_time(after)):
        return None
    return next((c for c in after.children if c.dep_ == "pobj"), None)


def own_clause(tok: Token) -> bool:
    """An adverbial clause with its own subject ('when she claimed ...', 'because voters
    want ...'), as against a bare one ('by calling it ...', 'to win')."""
    return tok.dep_ == "advcl" and any(c.dep_ in lx.SUBJECT_DEPS for c in tok.children)


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


def names_a_time(prep: Token) -> bool:
    """Whether a preposition is 'on' with a date or time for its object ('called on Tuesday
    for ...'), not the one called on ('called on Congress'); 'talked about the decades'
    keeps its object."""
    return prep.lower_ in lx.DAY_PREPOSITIONS and any(
        c.dep_ == "pobj" and c.ent_type_ in lx.SETTING_ENTITIES for c in prep.children)


def set_off_complements(verb: Token) -> list[Token]:
    """A tag verb's clauses or infinitives after it, set off by a comma ('..., he added, to
    pursue a hybrid plan'): the rest of the content the tag sits inside."""
    return [c for c in verb.rights if c.dep_ in {"xcomp", "ccomp"}
            and set_off_before(c.left_edge, {","})]


def tag_left(verb: Token) -> Token:
    """Where a tag set inside its content starts: its subject or verb, past a connective
    or adverb the parse hung on it ('Instead, Smith told CNN, his plan ...': 'Instead'
    belongs to the content)."""
    doc = verb.doc
    left = verb.left_edge
    while left.i < verb.i and (left.dep_ in {"advmod", "cc", "punct"} and left.head.i == verb.i
                               or left.is_punct):
        left = doc[left.i + 1]
    return left


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
        rest = set_off_complements(verb) if by_dep["ccomp"].i < verb.i else []
        if rest:  # '"It is better," he added, "to pursue ...": the content goes on
            start, end = trimmed(text, *chosen)
            more = trimmed(text, *subtree_range(rest[0]))
            return [(s, e) for s, e in ((start, end), more) if e > s]
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
        elif (addressee := addressed_object(verb, xc)) is not None:
            start = subtree_range(addressee)[0]  # "called on voters to reject ..."
        chosen = (start, subtree_range(xc)[1])
    elif "dobj" in by_dep and (open_vocab or lemma in lx.OBJECT_CONTENT_VERBS):
        obj = by_dep["dobj"]
        start, end = subtree_range(obj)
        chosen = (start, trailing_modifiers_end(children, obj.i, end))
    elif lemma in lx.PREP_CONTENT:
        for child in children:  # "accused of", "called for", "referred to"
            if (child.dep_ == "prep" and child.lower_ in lx.PREP_CONTENT[lemma]
                    and not names_a_time(child)):  # 'called on Tuesday for ...': a time
                s, e = subtree_range(child)
                chosen = (s + len(child.text), trailing_modifiers_end(children, child.i, e))
                break
    tag_start = tag_left(verb)
    if (chosen is None and verb.dep_ in {"parataxis", "ccomp"}
            and verb.head.left_edge.i < tag_start.i
            and lemma in lx.SPEECH_VERBS and not is_cue_verb(verb.head)
            and any(c.dep_ in lx.SUBJECT_DEPS for c in children)):
        # a tag after its content: "The plan will fail, she said." or inside it:
        # "The plan, she said, will fail."
        head_start, head_end = subtree_range(verb.head)
        tag_end = subtree_range(verb)[1]
        pieces = [trimmed(text, head_start, tag_start.idx)]
        if rest := set_off_complements(verb):  # 'It is better, she added, to pass ...'
            pieces.append(trimmed(text, *subtree_range(rest[0])))
        elif head_end > tag_end:
            pieces.append(trimmed(text, tag_end, head_end))
        return [(s, e) for s, e in pieces if e > s]
    if chosen is None:
        return []
    chosen = (chosen[0], aside_start(verb.doc, *chosen))
    start, end = trimmed(text, *chosen)
    if start >= end:
        return []
    return [(start, end)]
