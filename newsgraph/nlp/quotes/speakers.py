"""Speakers of cues: the noun phrase that names a source (subject, passive agent, the
subject shared with the verb a participle hangs off) and the nouns a cue may govern."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.nlp import lexicon as lx
from newsgraph.nlp.base import doc_text
from newsgraph.nlp.quotes.common import (
    FRONTED_ADVERBIAL_TAGS,
    QUOTE_CHARS,
    TAG_PREPOSITIONS,
    cue_lemma,
    is_cue_verb,
    set_off_before,
)
from newsgraph.nlp.quotes.regions import in_quotation


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
        if word_hyphen(child):
            continue  # 'The front-runner': a hyphen inside a word, not a break
        if child.dep_ in {"punct", "appos", "relcl"} or child.text in QUOTE_CHARS:
            left = max(left, child.right_edge.i + 1)
    while right > left and (doc[right].is_punct or doc[right].text in QUOTE_CHARS):
        right -= 1
    opened = [t.i for t in doc[left:right + 1] if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1]:right + 1]):
        right = opened[-1] - 1  # "the State Statistics Center (SSC": no half a bracket
        while right > left and doc[right].is_punct:
            right -= 1
    while left < right and (doc[left].is_punct or doc[left].text in QUOTE_CHARS):
        left += 1
    return doc[left : right + 1]


def word_hyphen(tok: Token) -> bool:
    """A hyphen glued to the words on both sides ('front-runner', 'ex-mayor')."""
    doc = tok.doc
    return (tok.text == "-" and not tok.whitespace_ and 0 < tok.i < len(doc) - 1
            and not doc[tok.i - 1].whitespace_)


def np_continues(child: Token) -> bool:
    """Whether a right-hand child of a noun still belongs to the speaker's noun phrase."""
    if child.dep_ == "appos":  # "spokesman Sean Spicer", not "Spicer, the spokesman"
        return child.i > 0 and child.doc[child.left_edge.i - 1].text != ","
    if child.dep_ == "prep":
        return child.lower_ in lx.NP_PREPOSITIONS
    return child.dep_ not in lx.NP_CUTOFF_DEPS


def quoted_as_saying(verb: Token) -> Token | None:
    """'The agency quoted Y as saying ...': Y, who spoke (the agency only passes it on);
    for the "saying" of that phrase too. None for any other verb."""
    if verb.tag_ == "VBG" and verb.head.lower_ == "as" and verb.head.dep_ == "prep":
        verb = verb.head.head
    if verb.lemma_.lower() != "quote" or not any(
            c.dep_ == "prep" and c.lower_ == "as" and any(g.tag_ == "VBG" for g in c.children)
            for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def subject_of(verb: Token, depth: int = 0) -> Span | None:
    """The words naming who does ``verb``: subject, passive agent, or shared subject. A
    subject inside quotation marks is the quotation misparsed as one ('"Good work," Smith
    said'), unless the verb is quoted too. 'X quoted Y as saying': Y."""
    quoted_verb = in_quotation(verb)
    if (said_by := quoted_as_saying(verb)) is not None and not in_quotation(said_by):
        return noun_phrase(said_by)
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
            if child.dep_ == "csubj":  # 'Voters clamoring for change say ...' misread as
                nouns = [c for c in child.children if c.dep_ == "nsubj"]  # a clause
                return noun_phrase(nouns[0]) if child.tag_ == "VBG" and nouns else None
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
    if (absolute := absolute_subject(verb)) is not None:
        return absolute  # 'coincided with the agency announcing that ...': the agency
    if verb.dep_ == "xcomp" and cue_lemma(verb.head) not in lx.INSTRUMENT_VERBS:
        objs = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
        if objs:  # object control: "led the chairman to declare ..."
            return noun_phrase(objs[0])
    if depth < 3 and (cue := reporting_participle(verb)) is not None:
        return subject_of(cue, depth + 1)  # "said the plan would fail, saying ..."
    if depth < 3 and verb.dep_ == "acl" and (owner := participle_owner(verb)) is not None:
        return subject_of(owner, depth + 1)
    if depth < 3 and (governing := clause_noun_governor(verb)) is not None:
        return subject_of(governing, depth + 1)  # 'denied the notion that X is coming,
        # explaining ...': the one who denied explains
    if depth < 3 and not quoted_verb and verb.dep_ in lx.SHARED_SUBJECT_DEPS and in_quotation(
            verb.head) and (outer := first_unquoted_ancestor(verb)) is not None:
        return subject_of(outer, depth + 1)  # 'X smiled, telling the crowd, "..."' hung inside
    if depth < 3 and not quoted_verb and verb.dep_ in lx.SHARED_SUBJECT_DEPS and in_quotation(
            verb.head) and (tag := tag_before_participle(verb)) is not None:
        return subject_of(tag, depth + 1)  # '"...," Roe said, going on to say that ...'
    if depth == 0 and (named := name_glued_to_list(verb)) is not None:
        return named  # 'X lost to A and B and Grant admitted: "..."': Grant admits
    if depth < 3 and verb.dep_ in lx.SHARED_SUBJECT_DEPS and verb.head.i != verb.i:
        head = verb.head
        if (verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.dep_ == "conj"
                and not any(c.dep_ in lx.SUBJECT_DEPS for c in head.head.children)):
            head = head.head  # 'X was booed and shouted down by Y after telling ...': X tells
        if verb.dep_ == "pcomp" and head.dep_ == "prep":  # "... by saying", "in arguing"
            head = head.head
        if (verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp"
                and head.head.pos_ in {"VERB", "AUX"}):
            head = head.head  # 'X was quick to point out', 'is likely to say': X speaks
        if verb.dep_ == "xcomp" and extraposed(head):
            return None  # 'It is hard to say whether ...': no one in particular says it
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
    if verb.dep_ == "dep" and verb.head.tag_ == "VBG" and verb.head.i < verb.i:
        nouns = [c for c in verb.head.children if c.dep_ == "nsubj"]  # 'Voters clamoring
        if nouns:  # for change say ...' with the participle read as the sentence's root
            return noun_phrase(nouns[0])
    if depth == 0 and verb.tag_ in {"VBD", "VBZ"} and is_cue_verb(verb):
        fronted = fronted_speaker(verb)
        if fronted is not None:
            return fronted
    if depth == 0 and finite(verb) and is_cue_verb(verb):
        return left_neighbour(verb)
    return None


def tag_before_participle(verb: Token) -> Token | None:
    """The speech tag just before a participle set off by a comma, when the parse hung the
    participle inside the quotation before the tag ('"...," Roe said, adding that ...',
    '"...," said Roe, going on to say ...'): the tag's verb, outside quotation marks."""
    doc = verb.doc
    if verb.tag_ != "VBG" or verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    for i in range(verb.i - 2, max(verb.sent.start, verb.i - 2 - lx.MAX_TAG_TOKENS) - 1, -1):
        tok = doc[i]
        if tok.text in QUOTE_CHARS or in_quotation(tok):
            return None
        if finite(tok) and is_cue_verb(tok) and cue_lemma(tok) in lx.SPEECH_VERBS:
            return tok
    return None


def name_glued_to_list(verb: Token) -> Span | None:
    """A person's name right before a finite speech verb that the parse joined to a list
    before it, leaving the verb to share the first clause's subject ('the side had lost to
    Leeds and Hull and Grant admitted: ...'): in English word order the name is the verb's
    subject. None when the verb has a subject, or the word before is no person's name."""
    if verb.dep_ != "conj" or not finite(verb) or not is_cue_verb(verb) or verb.i == 0:
        return None
    if any(c.dep_ in lx.SUBJECT_DEPS for c in verb.children):
        return None
    name = verb.doc[verb.i - 1]
    if (name.pos_ != "PROPN" or name.ent_type_ != "PERSON" or name.dep_ != "conj"
            or in_quotation(name) or name.head.i >= name.i):
        return None
    return verb.doc[name.left_edge.i:name.i + 1]


def finite(verb: Token) -> bool:
    """A verb in a tense of its own ('said', 'says', 'say') or a perfect ('have said')."""
    return verb.tag_ in {"VBD", "VBZ", "VBP"} or verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def left_neighbour(verb: Token) -> Span | None:
    """The noun phrase just before a finite speech verb the parse left without a subject,
    having hung that phrase off an earlier word ('In addition to X, two members of Congress,
    Jane Roe and John Doe, have said ...'): past the verb's own auxiliaries and adverbs and
    one comma, the phrase that ends there, up through its conjuncts and appositions."""
    if verb.dep_ in lx.SHARED_SUBJECT_DEPS or verb.dep_ == "relcl":
        return None
    doc = verb.doc
    i = verb.i - 1
    while (i > verb.sent.start and doc[i].head.i == verb.i
           and doc[i].dep_ in {"aux", "neg", "advmod"}):
        i -= 1
    if doc[i].text == ",":
        i -= 1
    if i < verb.sent.start:
        return None
    tok = doc[i]
    if (tok.pos_ not in {"NOUN", "PROPN", "PRON", "NUM"} or in_quotation(tok)
            or tok.lower_ in lx.RELATIVE_PRONOUNS or tok.ent_type_ in lx.PLACE_ENTITIES):
        return None
    if verb.i + 1 < len(doc) and doc[verb.i + 1].pos_ == "PROPN":
        return None  # '"...," said Jane Roe': the name after the verb speaks
    while tok.dep_ in {"compound", "flat"} and tok.head.i > tok.i and tok.head.i < verb.i:
        tok = tok.head
    while tok.dep_ in {"conj", "appos"} and tok.head.i < tok.i and tok.head.dep_ != "pobj":
        tok = tok.head
    if tok.dep_ in lx.NEIGHBOUR_TAKEN_DEPS or tok.ent_type_ in lx.PLACE_ENTITIES:
        return None  # 'in Louisville, Kentucky said', 'wearing a hat, said': another's word
    return noun_phrase(tok)


def extraposed(verb: Token) -> bool:
    """Whether ``verb`` is the copula of an extraposed infinitive ('It is hard to say ...',
    'It's too early to tell ...'): its subject 'it' stands for the infinitive, and no one
    in particular speaks; not 'it was ready to announce', where 'it' is someone."""
    return (verb.lemma_ == "be"
            and any(c.dep_ == "nsubj" and c.lower_ in lx.DUMMY_SUBJECTS for c in verb.children)
            and any(c.dep_ == "acomp" and c.lemma_.lower() in lx.EXTRAPOSING_ADJECTIVES
                    for c in verb.children))


def first_unquoted_ancestor(verb: Token) -> Token | None:
    """The nearest verb above ``verb`` outside quotation marks, in its paragraph, when the
    parse hung a participle of the narration below the quotation it introduces ('Roe
    seemed ready, telling the crowd, "Some folks get loud"'): the clause whose
    subject speaks. None when the chain leaves the paragraph or meets no verb."""
    for head in verb.ancestors:
        if not same_paragraph(head, verb):
            return None
        if not in_quotation(head):
            return head if head.pos_ in {"VERB", "AUX"} else None
    return None


def clause_noun_governor(verb: Token) -> Token | None:
    """For a participle set off by a comma that the parse hung inside a clause completing a
    noun ('dismissed the idea that a purge is coming, explaining ...'), the verb whose
    object that noun is: its subject speaks. None otherwise."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or not set_off_before(verb.left_edge, {","}):
        return None
    head = verb.head
    if head.dep_ not in {"acl", "ccomp"} or head.head.pos_ != "NOUN":
        return None
    governing = object_verb(head.head)
    return governing if governing is not None and same_paragraph(governing, verb) else None


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


def absolute_subject(verb: Token) -> Span | None:
    """The noun just before a participle in 'with/without X -ing' ('came with the agency
    announcing that ...', 'without anyone saying so'): X does it, not the clause's subject."""
    if verb.tag_ != "VBG" or verb.left_edge.i != verb.i or verb.i == 0:
        return None
    noun = verb.doc[verb.i - 1]
    if noun.dep_ != "pobj" or noun.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return None
    if noun.head.lower_ not in lx.ABSOLUTE_PREPOSITIONS:
        return None
    return noun_phrase(noun)


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
