"""A quotation made a ``Found`` once its cue is known (``found_from_region``): the clause a
partial quotation takes, where that clause goes on past the closing mark, and what a cue
governs around it."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.model import TextSpan
from newsgraph.nlp import lexicon as lx
from newsgraph.nlp.base import doc_text
from newsgraph.nlp.quotes.common import (
    CLAUSE_GOES_ON_STOPS,
    CONFIDENCE,
    EARLIER_REPORT_DEPS,
    GOVERNED_DEPS,
    LISTENER_VERBS,
    QUOTE_CHARS,
    SENTENCE_END,
    SET_OFF_DEPS,
    Candidate,
    Found,
    Region,
    cue_lemma,
    cue_text,
    is_cue_verb,
    overlap,
    pieces_overlap,
    set_off_before,
    trimmed,
)
from newsgraph.nlp.quotes.content import aside_start, reports_anew, reports_setting, subtree_range
from newsgraph.nlp.quotes.regions import lead_in
from newsgraph.nlp.quotes.tags import is_set_off


def found_from_region(
    doc: Doc, reg: Region, cand: Candidate | None, how: str, para: tuple[int, int],
    speaker: Span | None = None, cue: TextSpan | None = None,
) -> Found:
    """A quotation tied by ``how``: direct when set off as speech (its pieces are the
    content), else partial, and then the reported clause around it is the content
    ('called the plan "a disaster"', 'the plan is "a disaster," she said')."""
    text = doc_text(doc)
    if cand is not None:
        cue = cue_text(text, cand)
        speaker = cand.speaker
    if is_set_off(doc, reg, para[0]):
        tag_start = narration_before_tag(text, reg, cue, speaker)
        if tag_start is not None:  # '"We are shocked" by the news, she said.'
            pieces = reg.pieces[:-1] + (trimmed(text, reg.pieces[-1][0], tag_start),)
            return Found("partial", pieces, cue, speaker, CONFIDENCE[how], how)
        clause_start = clause_before_colon(doc, reg, cand, para[0])
        if clause_start is not None:  # 'He adds that voters have two choices: "..."'
            return Found("partial", ((clause_start, reg.end),) + reg.pieces[1:], cue, speaker,
                         CONFIDENCE[how], how)
        return Found("direct", reg.pieces, cue, speaker, CONFIDENCE[how], how)
    pieces = reg.pieces
    clause = reported_clause(doc, reg, cand, cue, speaker, para)
    if (verb := relative_label_verb(doc, reg)) is not None:
        return Found("partial", relative_label_pieces(doc, reg, verb), cue, speaker,
                     CONFIDENCE[how], how)
    if clause is None and cue is not None and cue.end <= reg.start:
        clause = governed_rest(doc, reg, cue)
    if clause is not None and pieces_overlap(pieces, clause) < 0.8 * (clause[1] - clause[0]):
        pieces = ((min(clause[0], reg.start), max(clause[1], reg.end)),)
    if clause is not None and cue is not None and cue.end <= reg.start:
        verb = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        start, end = pieces[0][0], pieces[-1][1]
        if verb is not None and len(verb) > 0:
            pieces = ((start, clause_goes_on(doc, reg, verb.root, start, end, para[1])),)
    return Found("partial", pieces, cue, speaker, CONFIDENCE[how], how)


def clause_before_colon(
    doc: Doc, reg: Region, cand: Candidate | None, para_start: int
) -> int | None:
    """Where the reported clause starts when a quotation set off by a colon finishes the
    clause its cue reports ('He adds that voters have two choices: "..."', 'she is sure
    the plan will fail: "..."'): the clause is the report, the quotation its last words.
    None when the cue reports nothing before the colon ('told reporters: "..."')."""
    text = doc_text(doc)
    lead = lead_in(text, reg, para_start).rstrip()
    if cand is None or not cand.content or not lead.endswith(":"):
        return None
    colon = reg.open_mark - len(lead_in(text, reg, para_start)) + len(lead) - 1
    start, end = cand.content[0][0], cand.content[-1][1]
    if not cand.cue_span[1] <= start < end <= colon or text[end:colon].strip():
        return None
    words = doc.char_span(start, end, alignment_mode="contract")
    if words is None or not any(t.pos_ in {"VERB", "AUX"} for t in words):
        return None
    return start


def governed_rest(doc: Doc, reg: Region, cue: TextSpan) -> tuple[int, int] | None:
    """The words from a cue before the quotation up to its end, when the parse gives the
    cue no content but the quoted words hang below it in its sentence ('told the Post he
    was "not quite there yet"'): after the cue's particles, listener and setting."""
    verb_span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    quoted = doc.char_span(reg.start, reg.end, alignment_mode="expand")
    if verb_span is None or quoted is None or len(verb_span) == 0 or len(quoted) == 0:
        return None
    verb = verb_span.root
    if verb.sent.start != quoted.root.sent.start or verb not in quoted.root.ancestors:
        return None
    tok = quoted.root
    while tok.i != verb.i:
        if tok.dep_ == "advcl":
            return None  # 'smiled as the crowd chanted "..."': a clause of its own
        tok = tok.head
    start = None
    for child in verb.rights:
        if child.idx >= reg.open_mark or child.left_edge.idx >= reg.open_mark:
            start = child.left_edge.idx if child.left_edge.i > verb.i else None
            break
        if child.is_punct or child.dep_ in {"prt", "advmod"} or reports_setting(child) or (
                child.dep_ in {"dobj", "dative"} and cue_lemma(verb) in LISTENER_VERBS):
            continue
        start = child.left_edge.idx
        break
    if start is None or start > reg.open_mark:
        return None
    return trimmed(doc_text(doc), start, reg.end)


def clause_goes_on(
    doc: Doc, reg: Region, verb: Token, start: int, end: int, para_end: int
) -> int:
    """The end of a reported clause that the parse cut at a closing mark although its
    sentence goes on ('questioned his "values" and his record', 'said the plan was "a
    mess," and would cost more'): up to the end of the sentence, short of a further cue
    ('..., adding that', '..., she said'), a setting ('on Tuesday') or an aside of the
    narration, and within the words of the cue ``verb``; ``end`` itself when the clause
    does not end at the quotation, the quotation ends its sentence or labels an object
    ('called him "a liar" in a tweet')."""
    text = doc_text(doc)
    inner = text[reg.start:reg.end].rstrip(" " + QUOTE_CHARS)
    if not reg.start <= end <= reg.end + 1 or inner[-1:] in SENTENCE_END:
        return end
    quoted = doc.char_span(reg.start, reg.end, alignment_mode="expand")
    if quoted is None or len(quoted) == 0 or label_verb(quoted.root) is not None:
        return end
    inside = {t.i for t in verb.subtree} - {
        t.i for c in verb.rights if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}
        for t in c.subtree}  # 'pledged to be "X" and cast doubt on ...': a predicate of its own
    j = reg.end
    while j < para_end and text[j] in QUOTE_CHARS:
        j += 1
    if not text[j:para_end].strip():
        return end  # nothing after the quotation in its paragraph
    after = doc.char_span(j, para_end, alignment_mode="expand")
    if after is None or len(after) == 0 or after[0].text in CLAUSE_GOES_ON_STOPS:
        return end  # '"So terrible" - with a link': an aside
    cut = after[0].sent.end_char
    for tok in after:
        if tok.idx >= cut or tok.text in SENTENCE_END or tok.text in QUOTE_CHARS and (
                tok.i > after.start and doc[tok.i - 1].text in SENTENCE_END):
            cut = min(cut, tok.idx)
            break
        if tok.i not in inside or (tok.head.i == verb.i and reports_setting(tok)) or (
                tok.lower_ in lx.ASIDE_MARKS | lx.NARRATION_MARKS and tok.dep_ == "mark"):
            cut = tok.idx  # '..., while Y said', '... as he promised to': the narrator's
            break
        if (tok.tag_ == "VBG" and set_off_before(tok, lx.ASIDE_PUNCT) and (
                tok.dep_ == "advcl" or tok.dep_ == "acl" and tok.right_edge.i >= tok.sent.end - 2)):
            cut = doc[tok.i - 1].idx  # 'called him "a fraud," linking to a story': an aside
            break
        if is_cue_verb(tok) and cue_lemma(tok) in lx.SPEECH_VERBS and reports_anew(tok, j):
            subjects = [c.left_edge.idx for c in tok.lefts
                        if c.dep_ in lx.SUBJECT_DEPS and c.idx >= j]
            cut = min([tok.idx] + subjects)
            break
    cut = min(cut, para_end)
    if not any(ch.isalnum() for ch in text[j:cut]):
        return end
    new_end = trimmed(text, start, cut)[1]
    new_end = aside_start(doc, start, new_end)
    new_end = trimmed(text, start, new_end)[1]
    return max(end, new_end)


def narration_before_tag(
    text: str, reg: Region, cue: TextSpan | None, speaker: Span | None
) -> int | None:
    """Where the tag starts when a quotation that opens its sentence does not end there
    but runs on in the narrator's words up to a tag after it ('"We are shocked" by the
    news, she said.'): the sentence is the speaker's report up to the tag. None when the
    quotation ends in a stop or comma, or the tag follows it directly."""
    if cue is None or cue.start < reg.end:
        return None
    inner = text[reg.start:reg.end].rstrip(" " + QUOTE_CHARS)
    if inner[-1:] in ",.!?;:":
        return None
    tag_start = cue.start
    if speaker is not None and reg.end <= speaker.start_char < tag_start:
        tag_start = speaker.start_char
    between = text[reg.end:tag_start]
    if any(ch in SENTENCE_END or ch in QUOTE_CHARS for ch in between.lstrip(QUOTE_CHARS)):
        return None
    words = between.strip(QUOTE_CHARS + " ,")
    return tag_start if words and words[0].isalnum() else None


def label_verb(tok: Token) -> Token | None:
    """The labelling verb whose label ``tok`` heads ('called the plan "a disaster"',
    'described it as "reckless"'), or None."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == lx.LABEL_PREPOSITION:
        tok, head = head, head.head
    elif tok.dep_ not in lx.LABEL_DEPS:
        return None
    if head.pos_ in {"VERB", "AUX"} and cue_lemma(head) in lx.LABEL_VERBS:
        return head
    return None


def relative_label_verb(doc: Doc, reg: Region) -> Token | None:
    """The verb of a relative clause whose quoted label the quotation is ('the plan, which
    she called "reckless"'), or None: the quoted words alone are then the speaker's, the
    noun and the clause around them the narration's."""
    span = doc.char_span(reg.start, reg.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = label_verb(span.root)
    if verb is None or reg.start <= verb.idx < reg.end:
        return None
    relative = any(c.dep_ == "dobj" and c.lower_ in lx.LABEL_RELATIVES for c in verb.lefts)
    return verb if relative else None


def relative_label_pieces(doc: Doc, reg: Region, verb: Token) -> tuple[tuple[int, int], ...]:
    """What a relative clause's label reports: the relative pronoun that stands for the thing
    labelled and the label phrase around the quoted words ('which she called | a "disaster"',
    'what he describes | as "a hoax"'); the quoted words alone when the parse gives less."""
    text = doc_text(doc)
    pronoun = next((c for c in verb.lefts
                    if c.dep_ == "dobj" and c.lower_ in lx.LABEL_RELATIVES), None)
    span = doc.char_span(reg.start, reg.end, alignment_mode="expand")
    if pronoun is None or span is None or len(span) == 0:
        return reg.pieces
    label = span.root
    if label.dep_ == "pobj" and label.head.lower_ == lx.LABEL_PREPOSITION:
        label = label.head
    start, end = subtree_range(label)
    start, end = trimmed(text, min(start, reg.start), max(end, reg.end))
    if not verb.i < label.i or start <= pronoun.idx:
        return reg.pieces
    return ((pronoun.idx, pronoun.idx + len(pronoun.text)), (start, end))


def reported_clause(
    doc: Doc, reg: Region, cand: Candidate | None, cue: TextSpan | None,
    speaker: Span | None, para: tuple[int, int],
) -> tuple[int, int] | None:
    """The clause a phrase is quoted in: the cue's content where the parse gives one (kept
    inside the paragraph), the words before a tag that follows, the complement of a cue
    before it."""
    text = doc_text(doc)
    lo, hi = para
    if cand is not None and cand.content:
        s, e = max(cand.content[0][0], lo), min(cand.content[-1][1], hi)
        if overlap((s, e), (reg.start, reg.end)) > 0:
            if cue is not None and cue.start >= reg.end and s < reg.open_mark:
                s = max(s, reported_start(doc, reg, cue, s))
            return s, e
    if cue is None:
        return None
    if cue.start >= reg.end:  # 'the plan is "a disaster," she said'
        tag_start = min(cue.start, speaker.start_char if speaker is not None else cue.start)
        start = reg.open_mark - len(lead_in(text, reg, lo))
        if tag_start <= reg.end:
            return None
        start = max(start, reported_start(doc, reg, cue, start))
        return trimmed(text, start, tag_start)
    verb = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if verb is None or cue.end > reg.start:
        return None
    return governed_content(verb.root, reg, para)


def reported_start(doc: Doc, reg: Region, cue: TextSpan, start: int) -> int:
    """Where the clause a tag after the quotation reports begins when an earlier report
    shares its sentence ('"It is grim," she said, but despite that, "we will win," said
    Smith', 'He praised the plan - "It will work," she said'): past that report with its
    speaker, and an adverbial set off by a comma after it. ``start`` when none."""
    lead = doc.char_span(start, reg.open_mark, alignment_mode="contract")
    if lead is None or len(lead) == 0:
        return start
    earlier = [t for t in lead if t.idx < cue.start and is_cue_verb(t)
               and cue_lemma(t) in lx.SPEECH_VERBS and t.right_edge.idx < reg.open_mark
               and t.dep_ in EARLIER_REPORT_DEPS and not any(c.dep_ == "mark" for c in t.children)
               and any(c.dep_ in lx.SUBJECT_DEPS for c in t.children)]
    if not earlier:
        return start
    i = earlier[-1].right_edge.i + 1
    while i < lead.end:
        tok = doc[i]
        if tok.is_punct or tok.dep_ == "cc" or tok.is_space:
            i += 1
            continue
        if tok.dep_ in SET_OFF_DEPS and tok.right_edge.i + 1 < lead.end and (
                doc[tok.right_edge.i + 1].text == ","):
            i = tok.right_edge.i + 2
            continue
        break
    return min(doc[i].idx if i < len(doc) else reg.open_mark, reg.open_mark)


def governed_content(verb: Token, reg: Region, para: tuple[int, int]) -> tuple[int, int] | None:
    """The words a cue before the quotation governs: its objects and complements to the
    right ('questioned his "values" and his record'), or None when they miss the quotation."""
    parts = [c for c in verb.rights if c.dep_ in GOVERNED_DEPS]
    if not parts:
        return None
    first = parts[0]
    start = first.left_edge.idx
    if first.dep_ == "prep" and first.i + 1 < len(verb.doc):  # 'called for', 'boasted of'
        start = verb.doc[first.i + 1].idx
    last = verb.doc[max(p.right_edge.i for p in parts)]
    end = min(last.idx + len(last.text), para[1])
    start = max(start, para[0])
    if not (start <= reg.start and reg.end <= end + 2):
        return None
    return trimmed(doc_text(verb.doc), start, end)
