"""Speech tags around a quotation ('"...," she said.', 'He said: "..."', bare and loose
tags with a verb outside the lexicon, a governing cue) and whether a quotation is set off as
speech of its own."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import lexicon as lx
from newsgraph.nlp.base import doc_text
from newsgraph.nlp.names import GROUP_NOUNS, PERSON_NOUNS
from newsgraph.nlp.quotes.common import (
    BARE_LEAD_DEPS,
    BARE_LEAD_ENDINGS,
    BARE_TAG_DEPS,
    BARE_TAG_ENDINGS,
    CONTENT_LINKS,
    INVERTED_TAG_VERBS,
    IRREGULAR_PAST,
    LISTENER_VERBS,
    LOOSE_TAG_DEPS,
    MAX_CLAUSE_CLIMB,
    MAX_HEADLINE_NAME_TOKENS,
    MAX_LOOSE_TAG_CHARS,
    MAX_NAME_REST_WORDS,
    MAX_TAG_REACH,
    NAME_ENTITIES,
    NON_SPEAKER_PRONOUNS,
    QUOTE_CHARS,
    SENTENCE_BREAK,
    SENTENCE_END,
    TAG_NAME_POS,
    TAG_PREPOSITIONS,
    Candidate,
    Region,
    content_range,
    cue_lemma,
    overlap,
    word_count,
)
from newsgraph.nlp.quotes.regions import in_quotation, lead_in
from newsgraph.nlp.quotes.speakers import (
    fronted_adverbial,
    noun_phrase,
    same_paragraph,
    subject_of,
)


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
        if cand is None or tok.lemma_.lower() not in lx.SPEECH_VERBS:
            continue
        if cand.speaker is None and not cand.content and n < lx.MAX_TAG_TOKENS:
            cand.speaker = tag_words_speaker(span[:n], tok)  # '"A," said Jane Roe, "b"'
        if cand.speaker is None:
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
            return None  # '"A," she said, and her son broke in. "B"': B is his
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
    text = doc_text(doc)
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
    return Candidate.of_word(verb, speaker, how="tag")


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
            if cand.content and cand.content[0][0] > tok.idx and not only_listener(cand):
                return None  # '"The Show" on Sunday, she said the plan ...': a report of its own
            if any(c.dep_ == "nsubjpass" and c.idx >= reg.end for c in tok.children):
                return None  # '... "40 tenants" ... before the tape was revealed by X': the
                # tape is what X revealed, not the quoted words
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


def only_listener(cand: Candidate) -> bool:
    """Whether a cue's content is no more than whom it was said to ('asked reporters',
    'told the crowd'): a tag's listener, not a report of its own."""
    if cue_lemma(cand.cue) not in LISTENER_VERBS or len(cand.content) != 1:
        return False
    words = cand.cue.doc.char_span(*cand.content[0], alignment_mode="expand")
    return words is not None and not any(t.pos_ in {"VERB", "AUX"} for t in words)


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


def only_connectives(lead: str) -> bool:
    """Whether the words before a quotation in its sentence are none, or only a connective
    that carries the speaker's statement on ('But "..."', 'And, "..."')."""
    words = [w.strip(",;:—–-").lower() for w in lead.split()]
    return all(w in lx.LEAD_CONNECTIVES for w in words if w)


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
    text = doc_text(doc)
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
    return inverted_tag(span) or bare_clause(span)


def inverted_tag(span: Span) -> tuple[Token, Span] | None:
    """A tag with its verb first ('Said Roe:', 'Added the Swiss diplomat,', 'Continued
    the senator:'): a past speech verb opens the lead and only the speaker's name or noun phrase
    follows it, no verb of its own. The parser often reads the verb as part of the name, so
    word order decides."""
    if len(span) < 2 or not past_speech_verb(span[0]):
        return None
    verb, phrase = span[0], span[1:]
    if len(phrase) > lx.MAX_TAG_TOKENS or phrase[-1].pos_ not in {"PROPN", "NOUN"}:
        return None
    if any(t.pos_ in {"VERB", "AUX", "PRON", "ADP", "SCONJ"} for t in phrase):
        return None  # 'Asked about it, Roe said:', 'Said to be worth ...': narration
    return verb, phrase


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


def past_speech_verb(tok: Token) -> bool:
    """Whether a word is a speech verb in the past ('said', 'Added', 'continued'), by its
    form as well as its tags: at the head of a sentence the tagger often takes it for a
    name ('Said Roe')."""
    if tok.tag_ in {"VBD", "VBN"} and cue_lemma(tok) in INVERTED_TAG_VERBS:
        return True
    word = tok.lower_
    stems = {IRREGULAR_PAST.get(word, ""), word[:-1], word[:-2]} if word.endswith(
        ("ed", "id", "ote", "old")) else set()
    return tok.is_title and bool(stems & INVERTED_TAG_VERBS)


def inverted_lead(doc: Doc, reg: Region, para_start: int) -> tuple[Token, Span] | None:
    """``inverted_tag`` of the words before the quotation in its sentence, when they end in a
    comma or colon."""
    text = doc_text(doc)
    lead = lead_in(text, reg, para_start)
    words = lead.rstrip()
    if not words or words[-1] not in BARE_LEAD_ENDINGS:
        return None
    start = reg.open_mark - len(lead)
    span = doc.char_span(start, start + len(words) - 1, alignment_mode="contract")
    return inverted_tag(span) if span is not None and len(span) else None


def clause_subject(doc: Doc, reg: Region) -> tuple[Token, Span] | None:
    """For a quotation that no tag, cue or colon claims, the nearest verb before it in its
    sentence whose clause holds it, and that verb's subject ('The coach closed the dinner
    with "We have never been prouder"', 'Roe ended her post with "I will be back"'):
    whoever the narration says is doing something with the quoted words. None when the quotation opens its sentence or no such verb has a subject outside
    quotation marks that could speak (not 'it', 'there', 'which')."""
    span = doc.char_span(reg.start, reg.end, alignment_mode="expand")
    if span is None or not len(span) or not states_something(span):
        return None
    first = span[0]
    tok = span.root
    for _ in range(MAX_CLAUSE_CLIMB):
        if tok.head.i == tok.i or tok.dep_ == "appos":
            return None  # 'handed her a note, "..."': beside an object, not its content
        tok = tok.head
        if tok.i >= first.i or in_quotation(tok):
            continue  # a verb inside or after the quotation is no narration before it
        if tok.pos_ not in {"VERB", "AUX"}:
            continue
        subject = subject_of(tok)
        if subject is None or subject.start_char >= reg.open_mark or in_quotation(subject.root):
            continue
        if subject.root.lower_ in NON_SPEAKER_PRONOUNS or subject.root.dep_ == "expl":
            return None
        return tok, subject
    return None


def states_something(span: Span) -> bool:
    """Whether quoted words make a statement of their own: their head is a finite verb or
    has its own subject ('"We will win"', '"I am going to do well"'), not a title, a
    name or a noun phrase ('"The Long Winter"', '"the only candidate who will fix it"')."""
    root = span.root
    return root.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(
        c.dep_ in {"nsubj", "nsubjpass", "expl"} and span.start <= c.i < span.end
        for c in root.children)


def as_put_it(doc: Doc, reg: Region) -> tuple[Token, Span] | None:
    """An aside 'as X put it' anywhere in the quotation's sentence, outside quotation marks
    ('As Jane Roe put it in a letter to members, the plan is "dead on arrival"'): the
    idiom's verb and its subject, who speaks the quoted words."""
    span = doc.char_span(reg.start, reg.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    for verb in span[0].sent:
        if verb.lemma_.lower() not in lx.PUT_IT_VERBS or in_quotation(verb):
            continue
        kids = list(verb.children)
        marks = [c.i for c in kids if c.dep_ == "mark" and c.lower_ == "as"]
        if not marks or not any(c.dep_ == "dobj" and c.lower_ == "it" for c in kids):
            continue
        if any(c.dep_ in {"prt", "advmod"} and c.lower_ in lx.PUT_IT_PARTICLES
               for c in kids):
            continue  # 'as the crew put it back': a thing set down, not words
        subjects = [c for c in kids if c.dep_ == "nsubj" and marks[0] < c.i < verb.i
                    and not in_quotation(c)]  # 'as X put it': X between the two
        if subjects:
            return verb, noun_phrase(subjects[0])
    return None


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
    own_verbs: list[int] = []  # verbs outside the lexicon with a subject, nearer the quote
    for t in reversed(tok):
        if t.text in SENTENCE_END or t.text in QUOTE_CHARS:
            return None
        if (t.dep_ in lx.SUBJECT_DEPS and t.i < t.head.i < tok.end
                and t.head.i not in cand_at and t.head.pos_ == "VERB"):
            own_verbs.append(t.head.idx)
        cand = cand_at.get(t.i)
        if cand is not None and not cand.claimed:
            reach = content_range(cand) if cand.content else (cand.cue.idx, cand.cue.idx)
            if cand.content and not overlap(reach, (reg.start, reg.end)) and any(
                    not reach[0] <= v < reach[1] for v in own_verbs):
                return None  # 'When X hinted ..., Y shot back: "..."': Y's words
            if cand.speaker is None and (inverted := inverted_lead(doc, reg, para_start)):
                if inverted[0].i == cand.cue.i:  # 'Added the Swiss diplomat, "..."'
                    cand.speaker = inverted[1]
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
    text = doc_text(doc)
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
        if in_quotation(tok) and tok.idx >= reg.end:
            return None  # the parse ran on into a later quotation: its verbs are not this one's
        cand = cand_at.get(tok.i)
        if cand is not None and tok.pos_ in {"VERB", "AUX"}:
            if child.dep_ == "advcl" and child.i < span.start and tok.idx > reg.end:
                return None  # 'Appearing on "The Show", she said that ...': not its report
            if (cand.content and cand.content[0][0] > tok.idx and cand.speaker is not None
                    and reg.end <= cand.speaker.start_char < tok.idx
                    and lead_in(text, reg, text.rfind("\n", 0, reg.open_mark) + 1).strip()):
                return None  # 'On "The Show," Rep. Roe said the plan ...': a report of its own
            return cand if cand.speaker is not None else None
        if (tok.pos_ == "VERB" and tok.tag_ != "MD" and child.i in range(span.start, span.end)
                and child.dep_ in lx.QUOTED_OBJECT_DEPS and reads_as_speech(doc_text(doc), reg)
                and not any(c.dep_ == "dobj" and c.i != child.i and same_paragraph(c, tok)
                            for c in tok.children)):  # not an object the parse ran on to
            return unlisted_cue(tok)  # in the next paragraph
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
    return Candidate.of_word(verb, speaker, how="governing")


def is_label(text: str, reg: Region) -> bool:
    """Quoted words that name or label ('the so-called "X"') rather than report speech."""
    before = text[max(0, reg.open_mark - 24) : reg.open_mark].lower().split()
    return bool(before) and before[-1].strip(",") in lx.SCARE_QUOTE_CUES


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
