"""Candidate attributions: every reporting, writing, belief or evidence verb, noun or
adjective, "according to X", and the open verbs outside the lexicon that take a clause."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import lexicon as lx
from newsgraph.nlp.base import doc_text
from newsgraph.nlp.quotes.common import (
    OPEN_CONTENT_DEPS,
    Candidate,
    cue_lemma,
    heads_of,
    is_cue_verb,
    tagged,
    trimmed,
)
from newsgraph.nlp.quotes.content import aside_start, clause_range, content_of, subtree_range
from newsgraph.nlp.quotes.speakers import noun_phrase, quoted_as_saying, subject_of


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
        source = according_source(objs[0]) if objs else None
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


def according_source(obj: Token) -> Span:
    """Who an 'according to' names: the author of the text or talk it cites when a clause
    on that noun names them ('according to a speech Mrs. Roe gave in July', 'according to
    a filing by the state attorney'), else the noun phrase itself ('according to the
    ministry')."""
    if obj.pos_ != "NOUN":
        return noun_phrase(obj)
    for child in obj.children:
        if child.dep_ in {"acl", "relcl"} and child.pos_ == "VERB":
            subjects = [c for c in child.children if c.dep_ == "nsubj"
                        and c.lower_ not in lx.RELATIVE_PRONOUNS]
            agents = [g for c in child.children if c.dep_ == lx.PASSIVE_AGENT_DEP
                      for g in c.children if g.dep_ == "pobj"]
            for who in subjects + agents:
                if who.pos_ in {"PROPN", "PRON"} or who.ent_type_ in {"PERSON", "ORG"}:
                    return noun_phrase(who)
        if child.dep_ == "prep" and child.lower_ == "by":
            for who in child.children:
                if who.dep_ == "pobj" and (who.pos_ == "PROPN" or who.ent_type_ in {
                        "PERSON", "ORG"}):
                    return noun_phrase(who)
    return noun_phrase(obj)


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
    for tok in tagged(doc, {"NOUN"}):
        content = noun_content(tok)
        if not content:
            continue
        found.append(Candidate.of_word(tok, noun_source(tok), content, how="noun"))
    return found


def adjective_candidates(doc: Doc) -> list[Candidate]:
    """Predicative adjectives of belief or feeling: "X is confident that ...",
    "X was critical of ...", "X is eager to ..."; the source is the copula's subject."""
    found: list[Candidate] = []
    text = doc_text(doc)
    for tok in tagged(doc, {"ADJ"}):
        if (tok.dep_ != "acomp"
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
        found.append(Candidate.of_word(tok, subject_of(tok.head), [(start, end)]))
    return found


def seeming_candidate(verb: Token) -> Candidate | None:
    """"X seems to ...", "it appears that ...": the clause itself, with no source. None
    when what seems so is itself a report ('he appeared to suggest that ...', 'she seemed
    to blame the network'): the inner cue's candidate, with its subject, carries it."""
    comps = [c for c in verb.children if c.dep_ in lx.SEEMING_DEPS
             or (c.dep_ == "prep" and c.lower_ == "like")]
    if not comps or any(c.dep_ == "xcomp" and is_cue_verb(c) and content_of(c) for c in comps):
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < verb.i]
    start = subjects[0].left_edge.idx if subjects else verb.idx
    end = max(subtree_range(c)[1] for c in comps)
    start, end = trimmed(doc_text(verb.doc), start, end)
    if end <= start:
        return None
    return Candidate.of_word(verb, None, [(start, end)])


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


# The parts of speech a cue verb (or a seeming verb) can have: ``is_cue_verb``.
CUE_PARTS = frozenset({"VERB", "AUX"})


def verb_candidates(doc: Doc) -> list[Candidate]:
    found: list[Candidate] = []
    for tok in tagged(doc, CUE_PARTS):
        if tok.pos_ == "VERB" and cue_lemma(tok) in lx.SEEMING_VERBS:
            seeming = seeming_candidate(tok)
            if seeming is not None:
                found.append(seeming)
            continue
        if not is_cue_verb(tok) or is_connective_phrase(tok):
            continue
        if tok.tag_ != "VBG" and quoted_as_saying(tok) is not None:
            continue  # 'quoted Y as saying that ...': the report is the saying's, Y's
        lemma = cue_lemma(tok)
        content = content_of(tok)
        if lemma not in lx.SPEECH_VERBS and not content:
            continue  # a belief verb reports nothing without a complement
        speaker = None if asked_unnamed(tok) else subject_of(tok)
        found.append(Candidate.of_word(tok, speaker, content))
    return found


def open_verb_candidates(doc: Doc, taken: set[int] = frozenset()) -> list[Candidate]:
    """Verbs that take a clause, an infinitive or an object ('vowed to ...', 'hopes the
    deal ...', 'opposes the plan') outside the lexicon, or in it but without the content
    it reads ('noted their endorsements'); ``taken``: the cues of candidates with content.
    Reports only if the attribution model says so, and never the speaker of a quotation."""
    found: list[Candidate] = []
    for tok in heads_of(doc, OPEN_CONTENT_DEPS):
        if (tok.pos_ != "VERB" or tok.tag_ == "MD" or tok.i in taken
                or cue_lemma(tok) in lx.SEEMING_VERBS or quoted_as_saying(tok) is not None
                or is_connective_phrase(tok) or wraps_report(tok, taken)):
            continue
        content = content_of(tok, open_vocab=True)
        if not content:
            continue
        found.append(Candidate.of_word(tok, subject_of(tok), content, how="open"))
    return found


def wraps_report(verb: Token, taken: set[int]) -> bool:
    """Whether an open verb's infinitive is a cue with content of its own ('used the
    speech to argue that ...', 'refused to discuss the matter'): the inner cue reports it."""
    return any(c.dep_ == "xcomp" and c.i in taken and is_cue_verb(c) for c in verb.children)


def target_range(word: Token) -> tuple[int, int] | None:
    """The object of ``word``'s first stance preposition ('pushed for a recount', 'his
    attacks on the judge', 'critical of the plan'), without a trailing aside."""
    text = doc_text(word.doc)
    for child in word.rights:
        if child.dep_ != "prep" or child.lower_ not in lx.TARGET_PREPS:
            continue
        objs = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
        if not objs or objs[0].ent_type_ in lx.SETTING_ENTITIES:
            continue  # 'arrived on Monday': a time is no target
        s, e = subtree_range(objs[0])
        start, end = trimmed(text, s, aside_start(word.doc, s, e))
        return (start, end) if end > start else None
    return None


def target_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """A stance toward a target: a verb, noun or adjective with a prepositional object
    ('voted for the bill', 'her support for the ban', 'wary of the deal'), the words in
    ``taken`` (cues of other candidates) left out. Like open verbs, reports only if the
    attribution model says so, and never the speaker of a quotation."""
    found: list[Candidate] = []
    for tok in heads_of(doc, {"prep"}, lx.TARGET_PREPS):
        if tok.i in taken or tok.pos_ not in lx.TARGET_POS or tok.tag_ == "MD":
            continue
        if tok.pos_ == "VERB" and (cue_lemma(tok) in lx.SEEMING_VERBS
                                   or is_connective_phrase(tok)):
            continue
        rng = target_range(tok)
        if rng is None:
            continue
        if tok.pos_ == "NOUN":
            speaker = noun_source(tok)
        elif tok.pos_ == "ADJ":
            speaker = subject_of(tok.head) if tok.dep_ == "acomp" else None
        else:
            speaker = subject_of(tok)
        found.append(Candidate.of_word(tok, speaker, [rng], how="target"))
    return found


def asked_unnamed(verb: Token) -> bool:
    """'Asked about the deal, she said ...', 'when asked whether ...': a question put by
    someone the sentence does not name (the one asked is not its source)."""
    return (cue_lemma(verb) in lx.QUESTION_VERBS and verb.tag_ == "VBN"
            and not any(c.dep_ in lx.SUBJECT_DEPS or c.dep_ in {"nsubjpass", lx.PASSIVE_AGENT_DEP}
                        or c.dep_ == "aux" for c in verb.children))
